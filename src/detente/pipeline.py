"""The orchestrator: sources → documents → NLP → extractors → records.

:func:`load` gives the :class:`Pipeline`: everything extraction needs, loaded
once (the spaCy model, the issue taxonomy, the stance vocabulary, the
assessment lexicon, the embedding encoder) and handed to the extractors in
their context. A document that cannot be read or extracted becomes an
:class:`InputError` in the output stream; the rest of the batch goes on
(spaCy's error-handler idea).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .errors import ConfigError, InputError
from .extract import extract_record
from .extract.assessments import Lexicon
from .extract.issues import Taxonomy
from .extract.positions import Vocabulary
from .records import Document, Record
from .resources import read_json
from .rules import Rules, load_rules, read_taxonomy
from .settings import Settings
from .sources import make_document

__all__ = ["Pipeline", "load", "shared", "extract", "extract_stream", "extract_local", "warm_up", "Outcome",
           "Progress"]

Outcome = Record | InputError
#: Called once per finished document with (outcome, documents done so far).
Progress = Callable[[Outcome, int], None]


@dataclass(frozen=True, eq=False)
class Pipeline:
    """What extraction needs, loaded once per process (or worker) by :func:`load`."""

    settings: Settings
    #: spaCy with detente's components
    nlp: object
    taxonomy: Taxonomy
    #: stance cues (positions)
    stances: Vocabulary
    #: talk-sentiment lexicon (assessments)
    assessments: Lexicon
    #: the extractors' rule data (word lists, patterns), read once from ``data/``; ``ctx.rules``
    rules: Rules
    #: sentence encoder for issue classification; None when ``settings.embeddings`` is off
    encoder: object | None = None
    #: the learned classifiers (``detente train``); None on rules alone (``DETENTE_MODELS=none``)
    models: object | None = None


def load(settings: Settings | None = None) -> Pipeline:
    """Load the models and vocabularies for ``settings`` (default: from the environment).

    A bad ``DETENTE_ISSUES_FILE`` or a missing model raises ConfigError here,
    before any document is read.
    """
    from .nlp import load as load_model

    settings = settings or Settings.from_env()
    nlp = load_model()
    encoder = None
    if settings.embeddings:
        from .embeddings import get_encoder

        encoder = get_encoder()
    taxonomy = read_taxonomy(settings.issues_file, nlp)
    if encoder is not None:
        taxonomy.vectors(encoder)  # the issue vectors now, not on the first document
    from .learn.models import load_models

    rules = load_rules()
    return Pipeline(settings=settings, nlp=nlp, taxonomy=taxonomy, encoder=encoder, models=load_models(settings.models),
                    stances=Vocabulary(read_json("stances.json"), nlp),
                    assessments=Lexicon(read_json("assessments.json"), nlp, rules.talks), rules=rules)


@lru_cache(maxsize=4)
def _shared(settings: Settings) -> Pipeline:
    return load(settings)


def shared(settings: Settings | None = None) -> Pipeline:
    """The process's :class:`Pipeline` for ``settings``, loaded on first use: for the one-call
    helpers (:func:`extract`, an :func:`extract_stream` given no pipeline) and tests."""
    return _shared(settings or Settings.from_env())


def extract(document: Document | str, *, published: str | None = None, id: str | None = None,
            settings: Settings | None = None, pipeline: Pipeline | None = None) -> Record:
    """The record of one report.

    >>> record = extract("Kremlin spokesman Dmitry Peskov said talks were useful.",
    ...                  published="2026-02-05")
    >>> record.actors[0].name
    'Dmitry Peskov'
    """
    if isinstance(document, str):
        document = make_document(document, published=published, id=id)
    for outcome in extract_stream([document], settings=settings, pipeline=pipeline):
        if isinstance(outcome, InputError):
            raise outcome
        return outcome
    raise AssertionError("extract_stream yielded nothing")  # pragma: no cover


def extract_stream(
    items: Iterable[Document | InputError],
    *,
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
    progress: Progress | None = None,
) -> Iterator[Outcome]:
    """Records for a stream of documents, in order, with errors passed through.

    Runs in this process, in ``settings.workers`` processes, or on Ray
    (``settings.engine == "ray"``). Memory stays flat: documents are read,
    parsed in ``nlp.pipe`` batches and yielded one by one. In this process it
    uses ``pipeline`` (default: :func:`shared`, loaded when the first document
    arrives); workers load their own.
    """
    settings = settings or (pipeline.settings if pipeline else Settings.from_env())
    if settings.engine == "ray":
        from .parallel import extract_with_ray

        outcomes = extract_with_ray(items, settings=settings)
    elif settings.engine != "local":
        raise ConfigError(f"unknown engine {settings.engine!r}: use 'local' or 'ray'")
    elif settings.workers > 1:
        from .parallel import extract_with_pool

        outcomes = extract_with_pool(items, settings=settings)
    else:
        outcomes = extract_local(items, settings=settings, pipeline=pipeline)
    for done, outcome in enumerate(outcomes, 1):
        if progress:
            progress(outcome, done)
        yield outcome


def warm_up(settings: Settings | None = None) -> Pipeline:
    """:func:`load`, under its older name."""
    return load(settings)


def extract_local(items: Iterable[Document | InputError], *, settings: Settings | None = None,
                  pipeline: Pipeline | None = None) -> Iterator[Outcome]:
    """The in-process engine: one ``nlp.pipe`` stream over the documents, with ``pipeline``
    (default: :func:`shared` for ``settings``), loaded when the first document arrives."""
    pipeline = pipeline or shared(settings)
    settings = pipeline.settings
    nlp = pipeline.nlp

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
            yield extract_record(doc, item, pipeline=pipeline)
        except Exception as exc:  # an extractor bug must not sink the batch
            yield InputError(item.id, f"extraction failed ({type(exc).__name__}: {exc})")
