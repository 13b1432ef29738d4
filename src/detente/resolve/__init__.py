"""The resolve stage, between extraction and the store: decisions taken on records
(relevance, process grouping, timeline sanity) so the store only persists what it is given.

``sources → nlp → extract → resolve → store``. A record comes out of
extraction; resolve settles its dates (:mod:`.timeline`), decides whether it
is about a peace process (:mod:`.relevance`) and which process it and each of
its facts belong to (:mod:`.processes`, over a snapshot of the reports the
store holds: see :mod:`.stage`); the store persists the placement.
"""

from .processes import SEPARATOR, Assignment, Sides, partition, process_name, sides_of
from .relevance import Relevance, judge
from .stage import Placement, ReportPlace, StoredReport, place, resolve_report

__all__ = [
    "Relevance", "judge", "Sides", "Assignment", "sides_of", "partition", "process_name", "SEPARATOR",
    "StoredReport", "ReportPlace", "Placement", "place", "resolve_report",
]
