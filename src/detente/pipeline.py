"""The orchestrator: sources → documents → NLP → extractors → records.

A document that cannot be read or extracted becomes an :class:`InputError` in
the output stream; the rest of the batch goes on (spaCy's error-handler idea).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .errors import ConfigError, InputError
from .extract import extract_record
from .nlp import load
from .records import Document, Record
from .settings import Settings
from .sources import make_document

__all__ = ["extract", "extract_stream", "extract_local", "warm_up", "Outcome", "Progress"]

Outcome = Record | InputError
#: Called once per finished document with (outcome, documents done so far).
Progress = Callable[[Outcome, int], None]


def extract(document: Document | str, *, published: str | None = None, id: str | None = None) -> Record:
    """The record of one report.

    >>> record = extract("Kremlin spokesman Dmitry Peskov said talks were useful.",
    ...                  published="2026-02-05")
    >>> record.actors[0].name
    'Dmitry Peskov'
    """
    if isinstance(document, str):
        document = make_document(document, published=published, id=id)
    for outcome in extract_stream([document]):
        if isinstance(outcome, InputError):
            raise outcome
        return outcome
    raise AssertionError("extract_stream yielded nothing")  # pragma: no cover


def extract_stream(
    items: Iterable[Document | InputError],
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Iterator[Outcome]:
    """Records for a stream of documents, in order, with errors passed through.

    Runs in this process, in ``settings.workers`` processes, or on Ray
    (``settings.engine == "ray"``). Memory stays flat: documents are read,
    parsed in ``nlp.pipe`` batches and yielded one by one.
    """
    settings = settings or Settings.from_env()
    if settings.engine == "ray":
        from .parallel import extract_with_ray

        outcomes = extract_with_ray(items, settings=settings)
    elif settings.engine != "local":
        raise ConfigError(f"unknown engine {settings.engine!r}: use 'local' or 'ray'")
    elif settings.workers > 1:
        from .parallel import extract_with_pool

        outcomes = extract_with_pool(items, settings=settings)
    else:
        outcomes = extract_local(items, settings=settings)
    for done, outcome in enumerate(outcomes, 1):
        if progress:
            progress(outcome, done)
        yield outcome


def warm_up(settings: Settings | None = None) -> None:
    """Load everything extraction needs (spaCy, the embedding model, the issue
    vectors) now, so the first document does not pay for it."""
    from .extract.issues import taxonomy_for

    load()
    taxonomy, encoder = taxonomy_for(settings or Settings.from_env())
    if encoder is not None:
        taxonomy.vectors(encoder)


def extract_local(items: Iterable[Document | InputError], *, settings: Settings) -> Iterator[Outcome]:
    """The in-process engine: one ``nlp.pipe`` stream over the documents."""
    nlp = load()

    def readable() -> Iterator[tuple[str, Document | InputError]]:
        for item in items:
            if isinstance(item, Document) and len(item.text) > settings.max_chars:
                item = InputError(
                    item.id,
                    f"text of {len(item.text):,} characters is over the limit of "
                    f"{settings.max_chars:,} (DETENTE_MAX_CHARS)",
                )
            yield (item.text if isinstance(item, Document) else "", item)

    for doc, item in nlp.pipe(readable(), as_tuples=True, batch_size=settings.batch_size):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield extract_record(doc, item, settings)
        except Exception as exc:  # an extractor bug must not sink the batch
            yield InputError(item.id, f"extraction failed ({type(exc).__name__}: {exc})")
