"""Report dates as ``YYYY[-MM[-DD]]``: checked to be real, so a typo never shifts relative dates.

Kept apart from :mod:`detente.sources` (which loads trafilatura) so the CLI can
check ``--published`` and ``--since`` without loading any source reader.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime

from .errors import InputError

__all__ = ["normalize_published"]

_ISO_DATE = re.compile(r"(\d{4})(-\d{2})?(-\d{2})?(?=$|[T ])")


def normalize_published(value, where: str) -> str | None:
    """``YYYY[-MM[-DD]]`` from an ISO or RFC 2822 date; a clear error otherwise.

    A wrong anchor silently shifts every relative date, so a guess is refused.
    """
    if value is None or value == "":
        return None
    match = _ISO_DATE.match(value.strip()) if isinstance(value, str) else None
    if match:
        year, month, day = (int(g[1:] if g.startswith("-") else g) if g else 1 for g in match.groups())
        try:
            date(year, month, day)
        except ValueError:
            raise InputError(where, f"published {value!r} is not a real date (YYYY-MM-DD)") from None
        return match.group(0)
    rfc = _rfc2822(value) if isinstance(value, str) else None
    if rfc:
        return rfc
    raise InputError(where, f"published {value!r} is not an ISO 8601 date (YYYY-MM-DD)")


def _rfc2822(value: str) -> str | None:
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
