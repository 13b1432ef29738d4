"""ents_in: the same entities as spaCy's ``span.ents``, and no doc kept alive."""

from __future__ import annotations

import gc

from detente.nlp import _ENTS, ents_in

TEXT = ("Kremlin spokesman Dmitry Peskov said talks in Abu Dhabi were useful. "
        "Qatar and Egypt mediated between Israel and Hamas in Doha. Nothing here.")


def _key(spans):
    return [(s.start, s.end, s.label_) for s in spans]


def test_same_entities_as_spacy(nlp):
    doc = nlp(TEXT)
    assert _key(ents_in(doc)) == _key(doc.ents)
    for sent in doc.sents:
        assert _key(ents_in(sent)) == _key(sent.ents)
    partial = doc[3:12]
    assert _key(ents_in(partial)) == _key(partial.ents)


def test_the_table_does_not_keep_docs_alive(nlp):
    gc.collect()
    before = len(_ENTS)
    doc = nlp(TEXT)
    ents_in(doc)
    assert len(_ENTS) == before + 1
    del doc
    gc.collect()
    assert len(_ENTS) == before
