"""The resolve stage, between extraction and the store: relevance, peace processes, merging.

``sources → nlp → extract → resolve → store``. A record comes out of
extraction; resolve decides whether it is about a peace process
(:mod:`.relevance`), which process it and each of its facts belong to
(:mod:`.processes`, over a snapshot of the reports the store holds: see
:mod:`.stage`), and the store persists what it is given.
"""

from .processes import SEPARATOR, Assignment, Sides, partition, process_name, sides_of
from .relevance import Relevance, judge
from .stage import Placement, ReportPlace, StoredReport, place, resolve_report

__all__ = [
    "Relevance", "judge", "Sides", "Assignment", "sides_of", "partition", "process_name", "SEPARATOR",
    "StoredReport", "ReportPlace", "Placement", "place", "resolve_report",
]
