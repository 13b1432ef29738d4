"""Every packaged data file, found one way: ``detente/data/<parts…>``.

Rule data (vocabularies, lexicons, the gazetteer, spaCy patterns) lives under
one root so a newcomer finds it in one folder and packaging ships it with one
pattern; loaders ask here instead of building paths of their own.

>>> read_json("patterns", "roles.json")["suffixes"][:1]  # doctest: +SKIP
['-ist']
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable

__all__ = ["data_file", "read_text", "read_json"]


def data_file(*parts: str) -> Traversable:
    """The packaged file ``detente/data/<parts…>``."""
    return resources.files("detente").joinpath("data", *parts)


def read_text(*parts: str) -> str:
    return data_file(*parts).read_text(encoding="utf-8")


def read_json(*parts: str):
    return json.loads(read_text(*parts))
