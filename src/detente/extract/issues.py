"""Issues: which item on the negotiating table a clause is about.

The taxonomy is data (``data/issues.json``, spec/ISSUES.md), replaceable with
a file of the same shape through ``Settings.issues_file``. A clause is
classified by its cue phrases (matched on lower-cased lemmas, so "guarantees"
finds the cue "security guarantee") and, where no cue fires, by a sentence
embedding compared with each issue's label, description and cues, so wording
the cue lists miss still lands on the right issue.
"""

from __future__ import annotations

import json
from dataclasses import InitVar, dataclass, field

import numpy as np
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..errors import ConfigError

__all__ = ["Issue", "Taxonomy", "parse_issues"]

#: Cosine similarity a clause needs to an issue's text to be classified by embedding.
EMBED_THRESHOLD = 0.45
#: ... and by how much the best issue must beat the second.
EMBED_MARGIN = 0.05


@dataclass(frozen=True)
class Issue:
    id: str
    label: str
    description: str = ""
    cues: tuple[str, ...] = ()
    #: Chosen only when no other issue is found ("general").
    fallback: bool = False

    def text(self) -> str:
        """What the embedding model compares clauses with."""
        return f"{self.label}: {self.description}. " + ", ".join(self.cues)


def parse_issues(raw: str, name: str) -> list[Issue]:
    """The issues of a taxonomy file's text (JSON list / ``{"issues": [...]}`` or JSONL) named
    ``name``; read by :func:`detente.rules.read_taxonomy`."""
    try:
        if raw.lstrip().startswith(("{", "[")) and not str(name).endswith(".jsonl"):
            data = json.loads(raw)
            rows = data["issues"] if isinstance(data, dict) else data
        else:
            rows = [json.loads(line) for line in raw.splitlines() if line.strip()]
        issues = [
            Issue(
                id=row["id"],
                label=row.get("label", row["id"]),
                description=row.get("description", ""),
                cues=tuple(row.get("cues", ())),
                fallback=bool(row.get("fallback", row["id"] == "general")),
            )
            for row in rows
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(
            f"issue taxonomy {name} is malformed ({exc}): expected a list of objects with "
            '"id", "label", "description" and "cues" (see docs/vocabularies.md)'
        ) from exc
    if not issues:
        raise ConfigError(f"issue taxonomy {name} lists no issues")
    return issues


def _lemma_words(tokens) -> list[str]:
    return [t.lemma_.lower() or t.lower_ for t in tokens]


@dataclass
class Taxonomy:
    """Issues plus their compiled cue matcher and (lazily) their embeddings."""

    issues: list[Issue]
    vocab: Vocab
    matcher: PhraseMatcher = field(init=False)
    _vectors: tuple | None = field(default=None, init=False, repr=False)
    #: The spaCy pipeline whose vocab and lemmatizer compile the cues (default: the shared one).
    nlp: InitVar[object | None] = None

    def __post_init__(self, nlp=None):
        if nlp is None:
            from ..nlp import load

            nlp = load()
        self.vocab = nlp.vocab
        self.matcher = PhraseMatcher(self.vocab, attr="ORTH")
        for issue in self.issues:
            patterns = []
            for cue_doc in nlp.pipe(issue.cues):
                for words in (_lemma_words(cue_doc), [t.lower_ for t in cue_doc]):
                    patterns.append(Doc(self.vocab, words=words))
            if patterns:
                self.matcher.add(issue.id, patterns)
        self._by_id = {issue.id: issue for issue in self.issues}
        self._order = {issue.id: i for i, issue in enumerate(self.issues)}

    @property
    def ids(self) -> list[str]:
        return [issue.id for issue in self.issues]

    def cue_hits(self, tokens: Span | list) -> list[str]:
        """Issue ids whose cues occur in ``tokens`` (taxonomy order, fallbacks
        only when nothing else fires)."""
        tokens = list(tokens)
        if not tokens:
            return []
        matches = []
        for words in (_lemma_words(tokens), [t.lower_ for t in tokens]):
            probe = Doc(self.vocab, words=words)
            matches += [Span(probe, s, e, label=m) for m, s, e in self.matcher(probe)]
        # the longest cue wins: "nuclear power plant" is nuclear, not also "power plant"
        found = {span.label_ for span in filter_spans(matches)}
        return self._finish(found)

    def _finish(self, found: set[str]) -> list[str]:
        specific = {i for i in found if not self._by_id[i].fallback}
        chosen = specific or found
        return sorted(chosen, key=self._order.__getitem__)

    def vectors(self, encoder) -> tuple[np.ndarray, np.ndarray]:
        """Unit vectors of every issue's description and of each of its cues,
        with the issue index of each row (an issue scores its best row)."""
        if self._vectors is None:
            texts, owner = [], []
            for i, issue in enumerate(self.issues):
                for text in (f"{issue.label}: {issue.description}", *issue.cues):
                    texts.append(text)
                    owner.append(i)
            self._vectors = (encoder.encode(texts), np.asarray(owner))
        return self._vectors

    def embed_scores(self, texts: list[str], encoder) -> np.ndarray:
        """``(len(texts), len(issues))`` best cosine similarity of each text to each issue."""
        vectors, owner = self.vectors(encoder)
        sims = encoder.encode(texts) @ vectors.T
        scores = np.full((len(texts), len(self.issues)), -1.0, dtype=np.float32)
        for i in range(len(self.issues)):
            scores[:, i] = sims[:, owner == i].max(axis=1)
        return scores

    def embed_hits(self, texts: list[str], encoder) -> list[list[str]]:
        """For each text, the issue its embedding is closest to (if close enough)."""
        if not texts:
            return []
        out = []
        fallback = np.array([issue.fallback for issue in self.issues])
        for row in self.embed_scores(texts, encoder):
            row = np.where(fallback, -1.0, row)  # "general" is for cues, never a guess
            order = np.argsort(-row)
            best, second = row[order[0]], row[order[1]] if len(order) > 1 else -1.0
            ok = best >= EMBED_THRESHOLD and best - second >= EMBED_MARGIN
            out.append([self.issues[order[0]].id] if ok else [])
        return out

    def classify_many(self, spans: list[Span | list], *, encoder=None) -> list[list[str]]:
        """Issue ids for each span: cues first, the embedding model where cues are silent."""
        results = [self.cue_hits(span) for span in spans]
        if encoder is not None:
            todo = [i for i, ids in enumerate(results) if not ids and _text(spans[i]).strip()]
            for i, ids in zip(todo, self.embed_hits([_text(spans[i]) for i in todo], encoder)):
                results[i] = ids
        return results

    def classify(self, span: Span | list, *, encoder=None) -> list[str]:
        return self.classify_many([span], encoder=encoder)[0]


def _text(tokens) -> str:
    if isinstance(tokens, Span):
        return tokens.text
    return "".join(t.text_with_ws for t in tokens)
