"""No text makes the pipeline crash, hang, or emit evidence that is not in the text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from timelimit import time_limit

from detente.pipeline import extract
from detente.records import Document

FRAGMENTS = [
    "“", "”", '"', "'", "‘", "’", "«", "»", "(", ")", "[", "]", "{", "}", "<p>", "</p>", "<br/>", "&amp;",
    "&#8220;", "\n", "\n\n", "\t", " " * 50, "\u00a0", "\u200b", "—", "–", "-", ".", ",", ":", ";", "…",
    "said", "told reporters", "Kremlin spokesman Dmitry Peskov", "Volodymyr Zelenskyy", "Kyiv", "Moscow",
    "Washington", "on Tuesday", "February 5", "May of last year", "1994", "2023-12-11", "the eve of the talks",
    "last week", "314 prisoners", "ceasefire", "prisoner exchange", "talks in Abu Dhabi", "rejected",
    "security guarantees", "he said.", "Russia has rejected that option.", "Kyiv is seeking guarantees",
    "Moscow claims the territory", "has proposed a demilitarized zone", "position remains unchanged",
    "swapped 157 prisoners", "launched a drone attack on", "were killed", "is skeptical", "progress",
    "\u202e", "😀", "Ωμέγα", "Зеленський", "ー",
]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=60).map("".join),
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=80).map(" ".join),
)
published = st.sampled_from([None, "2026-02-05", "2024-02-29", "2025-12-31"])
#: Seconds one short text may take, once models are loaded, before it counts as a hang.
LIMIT = 30
WARM_UP = (
    "Kremlin spokesman Dmitry Peskov said on Tuesday that Russia has rejected the proposal. Kyiv is "
    "seeking security guarantees. “We are ready,” he said. The sides swapped 157 prisoners in Abu Dhabi."
)


@pytest.fixture(scope="module", autouse=True)
def models_loaded():
    """Lazily loaded models (spaCy, embeddings) load here, outside the time limit."""
    extract(Document(id="warm-up", text=WARM_UP, published="2026-02-05"))


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, published=published)
def test_any_text_gives_a_record_with_valid_evidence(text, published):
    with time_limit(LIMIT):
        record = extract(Document(id="property", text=text, published=published))
    assert record.invalid_evidence(text) == []
    for mention in record.dates:
        assert mention.value is None or mention.value[:1].isdigit()
