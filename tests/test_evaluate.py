"""The scorer against small hand-built gold/prediction pairs, one rule each."""

from __future__ import annotations

import json

import pytest

from detente.evaluate import (
    CATEGORIES,
    Counts,
    evaluate,
    jaccard,
    match,
    normalize_name,
    score_document,
    tokens,
)
from detente.records import Record

TEXT = "Kremlin spokesman Dmitry Peskov said on Tuesday that talks were useful."


def rec(doc_id: str = "d1", **facts) -> Record:
    return Record.model_validate({"document": {"id": doc_id}, **facts})


def ev(text: str, needle: str) -> dict:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle), "text": needle}


def person(name, affiliation=None, roles=(), **extra):
    return {"name": name, "kind": "person", "affiliation": affiliation, "roles": list(roles), **extra}


def quote(text, speaker=None, kind="direct", **extra):
    return {"text": text, "speaker": speaker, "kind": kind, **extra}


def date_(text, value, **extra):
    return {"text": text, "value": value, **extra}


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("U.S.", "US", True),
        ("Volodymyr Zelenskyy", "volodymyr  zelenskyy.", True),
        ("Téte António", "Tete Antonio", True),
        ("Khalil al-Hayya", "Khalil Al Hayya", True),
        ("Russia", "Ukraine", False),
        (None, "", True),
    ],
)
def test_normalize_name(a, b, same):
    assert (normalize_name(a) == normalize_name(b)) is same


def test_jaccard_on_tokens():
    assert jaccard(tokens("Meaningful and productive."), tokens("meaningful, productive")) == pytest.approx(2 / 3)
    assert jaccard(set(), set()) == 0.0


@pytest.mark.parametrize(
    "counts, p, r, f1",
    [
        (Counts(tp=2, fp=2, fn=0), 0.5, 1.0, 2 / 3),
        (Counts(tp=0, fp=0, fn=3), 1.0, 0.0, 0.0),
        (Counts(), 1.0, 1.0, 1.0),
        (Counts(tp=0, fp=1, fn=0), 0.0, 1.0, 0.0),
    ],
)
def test_counts(counts, p, r, f1):
    assert (counts.precision, counts.recall, counts.f1) == pytest.approx((p, r, f1))


def category(name):
    return next(c for c in CATEGORIES if c.name == name)


def counts_of(gold: Record, pred: Record, name: str) -> Counts:
    return score_document(gold, pred).counts[name]


def test_actors_are_persons_only_with_affiliation_and_role_accuracy():
    gold = rec(actors=[
        person("Dmitry Peskov", "Russia", ["Kremlin spokesman"]),
        person("Markus Ziener", "German Marshall Fund", ["fellow"]),
        person("Ihor Reiterovych", "Ukraine", ["political analyst"]),
        {"name": "Russia", "kind": "state"},
    ])
    pred = rec(actors=[
        person("Dmitry Peskov", "Russia", ["spokesman"]),       # role shares "spokesman"
        person("markus ziener", "United States", ["the fellow"]),  # wrong affiliation
        person("Steve Witkoff", "United States", ["envoy"]),     # not in gold
        {"name": "Ukraine", "kind": "state"},                   # states are not scored
    ])
    scores = score_document(gold, pred)
    assert scores.counts["actors"] == Counts(tp=2, fp=1, fn=1)
    assert (scores.accuracies["affiliation"].hits, scores.accuracies["affiliation"].total) == (1, 2)
    assert (scores.accuracies["role"].hits, scores.accuracies["role"].total) == (2, 2)


def test_role_needs_a_shared_content_word():
    gold = rec(actors=[person("A B", roles=["President of Ukraine"])])
    pred = rec(actors=[person("A B", roles=["head of state"])])
    assert score_document(gold, pred).accuracies["role"].hits == 0


@pytest.mark.parametrize(
    "pred_positions, expected",
    [
        ([], Counts(tp=0, fp=0, fn=1)),
        ([("Russia", "demilitarization", "reject")], Counts(tp=1)),
        ([("Russia", "peacekeeping", "reject")], Counts(tp=0, fp=0, fn=1, optional=1)),
        ([("Russia", "demilitarization", "accept")], Counts(tp=0, fp=1, fn=1)),
        ([("Russia", "demilitarization", "reject")] * 2, Counts(tp=1, fp=1)),
    ],
)
def test_optional_gold_neither_earns_nor_costs(pred_positions, expected):
    gold = rec(positions=[
        {"party": "Russia", "issue": "demilitarization", "stance": "reject"},
        {"party": "Russia", "issue": "peacekeeping", "stance": "reject", "optional": True},
    ])
    pred = rec(positions=[{"party": p, "issue": i, "stance": s} for p, i, s in pred_positions])
    assert counts_of(gold, pred, "positions") == expected


def test_quotes_match_one_to_one_best_first_and_attribution_counts_all_gold():
    gold = rec(quotes=[
        quote("meaningful and productive, focusing on concrete steps", "Rustem Umerov"),
        quote("meaningful and productive talks", "Kirill Dmitriev"),
        quote("absolutely clear and well understood", "Dmitry Peskov"),
        quote("Russia's position remains unchanged", "Dmitry Peskov", kind="indirect"),
    ])
    pred = rec(quotes=[
        quote("meaningful and productive talks", "Kirill Dmitriev"),  # best for gold[1], J=1.0
        quote("meaningful and productive, focusing on concrete steps and solutions", "Someone Else"),
        quote("nothing in common at all here", "Dmitry Peskov"),
    ])
    scores = score_document(gold, pred)
    assert scores.counts["quotes"] == Counts(tp=2, fp=1, fn=1)
    attribution = scores.accuracies["attribution"]
    assert (attribution.hits, attribution.total) == (1, 3)


def test_quote_jaccard_threshold():
    scorer = category("quotes").scorer
    g = Record.model_validate({"document": {"id": "x"}, "quotes": [quote("a b c d")]}).quotes[0]
    half = Record.model_validate({"document": {"id": "x"}, "quotes": [quote("a b")]}).quotes[0]
    less = Record.model_validate({"document": {"id": "x"}, "quotes": [quote("a b e")]}).quotes[0]
    assert scorer(g, half) == 0.5
    assert scorer(g, less) is None


def test_indirect_quotes_scored_apart_by_speaker_recall():
    gold = rec(quotes=[
        quote("314 prisoners would be released", "Steve Witkoff", kind="indirect"),
        quote("the position remains unchanged", "Dmitry Peskov", kind="indirect"),
        quote("a swap signalled progress", "Markus Ziener", kind="indirect", optional=True),
    ])
    pred = rec(quotes=[
        quote("prisoners to be released", "Steve Witkoff", kind="indirect"),
        quote("the position remains unchanged", "Kirill Dmitriev", kind="indirect"),
    ])
    scores = score_document(gold, pred)
    assert scores.counts["quotes"] == Counts()
    recall = scores.accuracies["indirect_speaker_recall"]
    assert (recall.hits, recall.total) == (1, 2)


def test_meetings_by_place_with_mediator_and_party_accuracy():
    gold = rec(meetings=[
        {"place": "Abu Dhabi", "mediators": ["United States"], "parties": ["Russia", "Ukraine"]},
        {"place": "Geneva", "mediators": [], "parties": ["Russia", "Ukraine"]},
    ])
    pred = rec(meetings=[
        {"place": "abu dhabi", "mediators": ["United States"], "parties": ["Ukraine"]},
        {"place": "Riyadh", "mediators": [], "parties": []},
    ])
    scores = score_document(gold, pred)
    assert scores.counts["meetings"] == Counts(tp=1, fp=1, fn=1)
    assert (scores.accuracies["mediator"].hits, scores.accuracies["mediator"].total) == (1, 1)
    assert (scores.accuracies["party"].hits, scores.accuracies["party"].total) == (0, 1)


@pytest.mark.parametrize(
    "name, gold_fact, pred_fact, matches",
    [
        ("agreements", {"kind": "prisoner_exchange", "quantity": 314}, {"kind": "prisoner_exchange", "quantity": 314, "status": "signed"}, True),
        ("agreements", {"kind": "prisoner_exchange", "quantity": 314}, {"kind": "prisoner_exchange", "quantity": 300}, False),
        ("agreements", {"kind": "ceasefire", "quantity": None}, {"kind": "humanitarian", "quantity": None}, False),
        ("incidents", {"kind": "attack", "actor": "Russia"}, {"kind": "attack", "actor": "russia", "target": "x"}, True),
        ("incidents", {"kind": "attack", "actor": None}, {"kind": "attack", "actor": None}, True),
        ("incidents", {"kind": "attack", "actor": "Russia"}, {"kind": "attack", "actor": None}, False),
        ("assessments", {"source": "Markus Ziener", "polarity": "negative"}, {"source": "Markus Ziener", "polarity": "negative"}, True),
        ("assessments", {"source": "Markus Ziener", "polarity": "negative"}, {"source": "Markus Ziener", "polarity": "mixed"}, False),
        ("positions", {"party": "Ukraine", "issue": "territory", "stance": "reject", "actor": "A"}, {"party": "Ukraine", "issue": "territory", "stance": "reject", "actor": "B"}, True),
    ],
)
def test_keyed_categories(name, gold_fact, pred_fact, matches):
    expected = Counts(tp=1) if matches else Counts(fp=1, fn=1)
    assert counts_of(rec(**{name: [gold_fact]}), rec(**{name: [pred_fact]}), name) == expected


@pytest.mark.parametrize(
    "pred_dates, expected, normalized",
    [
        ([date_("early Wednesday", "2025-03-26")], Counts(tp=1, fn=1), 1),
        ([date_("Wednesday", "2025-03-25")], Counts(fp=1, fn=2), 0),
        ([date_("Tuesday", "2025-03-26")], Counts(fp=1, fn=2), 0),
        ([date_("Wednesday", "2025-03-26"), date_("Wednesday", "2025-03-26"), date_("Wednesday", "2025-03-26")],
         Counts(tp=2, fp=1), 2),
        ([date_("over the past year", None)], Counts(fn=2, optional=1), 0),
    ],
)
def test_dates_need_a_shared_token_and_equal_value(pred_dates, expected, normalized):
    gold = rec(dates=[
        date_("Wednesday", "2025-03-26"),
        date_("Wednesday", "2025-03-26"),
        date_("the past year", None, optional=True),
    ])
    scores = score_document(gold, rec(dates=pred_dates))
    assert scores.counts["dates"] == expected
    assert (scores.accuracies["normalization"].hits, scores.accuracies["normalization"].total) == (normalized, 2)


def test_match_prefers_required_gold_on_ties():
    gold = rec(dates=[date_("Tuesday", "2026-02-03", optional=True), date_("Tuesday", "2026-02-03")])
    pred = rec(dates=[date_("Tuesday", "2026-02-03")])
    m = match(gold.dates, pred.dates, category("dates").scorer)
    assert m.pairs == [(1, 0)] and m.counts == Counts(tp=1)


@pytest.fixture
def gold_set(tmp_path):
    """Two gold documents, their corpus texts and predicted records."""
    gold_dir, corpus_dir = tmp_path / "gold", tmp_path / "corpus"
    gold_dir.mkdir()
    corpus_dir.mkdir()
    other = "Talks in Geneva ended."
    golds = {
        "d1": rec("d1", actors=[person("Dmitry Peskov", "Russia", ["spokesman"])],
                  quotes=[quote("talks were useful", "Dmitry Peskov")],
                  dates=[date_("Tuesday", "2026-02-03")]),
        "d2": rec("d2", meetings=[{"place": "Geneva"}], assessments=[{"source": None, "polarity": "mixed"}]),
    }
    for doc_id, gold in golds.items():
        (gold_dir / f"{doc_id}.json").write_text(gold.model_dump_json())
    for doc_id, text in (("d1", TEXT), ("d2", other)):
        (corpus_dir / f"{doc_id}.json").write_text(json.dumps({"id": doc_id, "text": text}))
    preds = [
        rec("d1",
            actors=[{**person("Dmitry Peskov", "Russia", ["Kremlin spokesman"]), "mentions": [ev(TEXT, "Dmitry Peskov")]}],
            quotes=[{**quote("talks were useful", "Dmitry Peskov", kind="indirect"), "evidence": ev(TEXT, "talks were useful")}],
            dates=[{**date_("Tuesday", "2026-02-03"), "evidence": ev(TEXT, "Tuesday")}]),
        rec("d2", meetings=[{"place": "Geneva", "evidence": {"start": 0, "end": 5, "text": "Wrong"}}]),
    ]
    return gold_dir, corpus_dir, preds


def test_evaluate_sums_documents_and_checks_evidence(gold_set):
    gold_dir, corpus_dir, preds = gold_set
    scores = evaluate(gold_dir, preds, corpus_dir)
    assert len(scores.documents) == 2 and scores.missing == []
    assert scores.counts["actors"] == Counts(tp=1)
    assert scores.counts["quotes"] == Counts(fn=1)        # predicted as indirect
    assert scores.counts["meetings"] == Counts(tp=1)
    assert scores.counts["assessments"] == Counts(fn=1)
    assert scores.accuracy("attribution") == 0.0
    assert scores.evidence_valid == pytest.approx(3 / 4)
    # actors 1, quotes→attribution 0, meetings 1, positions 1, agreements 1,
    # incidents 1 (nothing to find, nothing found), assessments 0, dates 1
    assert scores.overall == pytest.approx(6 / 8)


def test_evaluate_reads_jsonl_and_scores_missing_documents_as_empty(gold_set, tmp_path):
    gold_dir, corpus_dir, preds = gold_set
    path = tmp_path / "records.jsonl"
    path.write_text(preds[0].to_json() + "\n\n")
    scores = evaluate(gold_dir, path, corpus_dir)
    assert scores.missing == ["d2"]
    assert scores.counts["meetings"] == Counts(fn=1)
    assert scores.evidence_valid == 1.0
    assert evaluate(gold_dir, path).evidence_valid is None


def test_figures_are_flat_and_complete(gold_set):
    gold_dir, corpus_dir, preds = gold_set
    figures = evaluate(gold_dir, preds, corpus_dir).figures()
    for category_ in CATEGORIES:
        assert {f"{category_.name}_precision", f"{category_.name}_recall", f"{category_.name}_f1"} <= figures.keys()
    assert {"overall", "evidence_valid", "attribution_accuracy", "normalization_accuracy",
            "indirect_speaker_recall"} <= figures.keys()
