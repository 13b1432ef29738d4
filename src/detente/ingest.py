"""Reports in, store updated: the library behind ``detente ingest``.

Unchanged reports (same id, same content hash) are skipped *before* the NLP
runs, so a rerun costs a hash per report. Each report is stored in its own
transaction: an interrupted run leaves no half-stored report, and running it
again finishes the job. A report that cannot be read or extracted is counted
in :attr:`IngestReport.failed`; the others are stored.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import chain
from typing import TYPE_CHECKING
from dataclasses import dataclass, field

from .errors import InputError
from .gap import embed_claims
from .pipeline import extract_stream
from .records import Document, Record
from .resolve import place
from .resolve.timeline import settle
from .settings import Settings
from .sources import iter_documents
from .store import Store, content_hash

if TYPE_CHECKING:
    from .learn.passages import PassageModel

__all__ = ["ingest", "ingest_documents", "IngestReport", "IngestProgress"]

#: Called once per report with (status, document id or input, reports done).
#: status: "added", "replaced", "unchanged" or "failed".
IngestProgress = Callable[[str, str, int], None]


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)
    #: Ids of the corrections whose fact is no longer found (kept; see ``detente curate log --orphaned``).
    orphaned: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return len(self.added) + len(self.replaced) + len(self.unchanged) + len(self.failed)

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.replaced)} replaced, {len(self.unchanged)} unchanged, "
                f"{len(self.failed)} failed in {self.seconds:.1f}s")


def ingest(
    inputs: Iterable[str],
    store: Store,
    *,
    settings: Settings | None = None,
    progress: IngestProgress | None = None,
    published: str | None = None,
    process: str | None = None,
    force: bool = False,
) -> IngestReport:
    """Read ``inputs`` (paths, folders, JSONL, URLs), extract new or changed reports, store them.

    ``process`` puts every report of this run into that peace process; ``force`` re-extracts
    unchanged reports too (after an upgrade). Analysts' corrections stay: they hold for every fact
    still found (by its stable id), and the others are listed in :attr:`IngestReport.orphaned`.
    """
    settings = settings or Settings.from_env()
    items = iter_documents(list(inputs), settings=settings, published=published)
    return ingest_documents(items, store, settings=settings, progress=progress, process=process, force=force)


def ingest_documents(
    items: Iterable[Document | InputError],
    store: Store,
    *,
    settings: Settings | None = None,
    progress: IngestProgress | None = None,
    process: str | None = None,
    force: bool = False,
) -> IngestReport:
    """:func:`ingest` for documents already read."""
    settings = settings or Settings.from_env()
    report = IngestReport()
    started = time.perf_counter()
    pending: deque[Document | InputError] = deque()

    def tell(status: str, name: str) -> None:
        if progress:
            progress(status, name, report.total)

    def to_extract() -> Iterator[Document | InputError]:
        for item in items:
            if not force and isinstance(item, Document) and store.known_hash(item.id) == content_hash(item):
                if process is not None and store.known_process(item.id) != (process, True):
                    store.set_process(item.id, process)  # a new --process needs no NLP either
                report.unchanged.append(item.id)
                tell("unchanged", item.id)
                continue
            pending.append(item)
            yield item

    passages = _passage_model(settings)
    todo = to_extract()
    first = next(todo, None)  # nothing new: never load the NLP model
    stream = extract_stream(chain([first], todo), settings=settings) if first is not None else ()
    for outcome in stream:
        item = pending.popleft()
        if isinstance(outcome, InputError):
            report.failed.append(outcome)
            tell("failed", outcome.where)
            continue
        status = _store(store, item, outcome, process, _encoder(settings), force, passages)
        getattr(report, status).append(item.id)
        tell(status, item.id)
    if report.added or report.replaced:
        from .store.corrections import orphaned

        report.orphaned = [c.id for c in orphaned(store)]
    report.seconds = time.perf_counter() - started
    return report


def _encoder(settings: Settings):
    """The process's sentence encoder (the one extraction loaded), None with embeddings off."""
    if not settings.embeddings:
        return None
    from .embeddings import get_encoder

    return get_encoder()


def _store(store: Store, document: Document, record: Record, process: str | None, encoder=None,
           force: bool = False, passages: PassageModel | None = None) -> str:
    """The resolve steps on one record (timeline sanity, claim vectors, the passage model's verdicts,
    computed before the write transaction), then the store, which places it (relevance, process, the
    reports it regroups) with :func:`detente.resolve.place`."""
    learned = None
    if passages is not None and encoder is not None:
        from .learn.passages import probabilities, verdicts

        learned = verdicts(probabilities(document.text, passages, encoder), passages)
    return store.add(document, embed_claims(settle(record), encoder), process=process,
                     resolver=partial(place, learned=learned), force=force)


def _passage_model(settings: Settings):
    """The relevance passage model (None with models or embeddings off, or none packaged)."""
    if not settings.embeddings:
        return None
    from .learn.passages import load_passage_model

    model = load_passage_model(settings.models)
    return model if model is not None and model.on else None
