"""Quote marks: pair “…”, "…" and (where clearly quotation) ‘…’ paragraph by
paragraph in one linear scan, leaving apostrophes ("Kyiv’s", "don't") alone.
A quotation still open at a paragraph's end may go on in the next paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuoteSpan", "find_quote_spans", "paragraphs"]

_DOUBLE = re.compile('["“”]')
#: ‘…’ or '…' opening at a word start and closing at a word end, so the
#: apostrophes of "Kyiv’s" or "don't" never pair up.
_SINGLE = re.compile(r"(?<![\w’'])[‘'](?=\w)([^\n]{1,300}?[\w.,!?])[’'](?![\w’'])")
_OPENERS = set("([{—–-/:;")
_CLOSERS = set(".,;:!?)]}—–-…")


@dataclass(frozen=True)
class QuoteSpan:
    """One quotation: ``[start, end)`` is the stripped text inside the marks."""

    start: int
    end: int
    open: int
    #: Index of the closing mark; None where the paragraph ends first.
    close: int | None
    para: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _is_opening(text: str, i: int, lo: int, hi: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return (prev.isspace() or prev in _OPENERS) and not nxt.isspace()


def _is_closing(text: str, i: int, lo: int, hi: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return not prev.isspace() and (nxt.isspace() or nxt in _CLOSERS)


def _curly_closer_opens(text: str, i: int, lo: int, hi: int) -> bool:
    """A closing mark that opens a quotation, as some outlets print it: at a
    paragraph's or sentence's start, before a word (”We will …”, “… ended.”The …”)."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return (prev.isspace() or prev in ".!?") and (nxt.isalnum() or nxt in "(['‘")


def _double_pairs(text: str, lo: int, hi: int) -> list[tuple[int, int | None]]:
    """(open, close) mark positions of double quotes in one paragraph."""
    pairs: list[tuple[int, int | None]] = []
    start = None
    depth = 0  # curly quotes nested in curly quotes (“… the so-called “armed strike” …”)
    for m in _DOUBLE.finditer(text, lo, hi):
        i, ch = m.start(), m.group()
        if start is None:
            straight_closer = ch == '"' and _is_closing(text, i, lo, hi) and not _is_opening(text, i, lo, hi)
            if (ch != "”" and not straight_closer) or (ch == "”" and _curly_closer_opens(text, i, lo, hi)):
                start = i
        elif ch == "“" and text[start] == "“" and _is_opening(text, i, lo, hi):
            depth += 1
        elif ch == "”" and depth:
            depth -= 1
        elif ch != "“":
            pairs.append((start, i))
            start = None
            depth = 0
    if start is not None:
        pairs.append((start, None))
    return pairs


def _single_pairs(text: str, lo: int, hi: int, taken: list[tuple[int, int | None]]) -> list[tuple[int, int]]:
    """Single-quoted passages outside double quotes (‘never’, ‘Grain from Ukraine’)."""
    found = []
    for m in _SINGLE.finditer(text, lo, hi):
        if not any(o <= m.start() <= (c if c is not None else hi) for o, c in taken):
            found.append((m.start(), m.end() - 1))
    return found


def _run_on_close(text: str, lo: int, hi: int, *, single: bool) -> int | None:
    """Where a quotation carried over from the paragraph before closes in this
    one: the first closing mark after a word or punctuation."""
    pattern = r"[\w.,!?…](’|')(?![\w’'])" if single else r"[\w.,!?…](”|\")(?!\w)"
    m = re.compile(pattern).search(text, lo, hi)
    return m.start(1) if m else None


def _span(text: str, open_: int, close: int | None, hi: int, para: int) -> QuoteSpan | None:
    start, end = open_ + 1, close if close is not None else hi
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return QuoteSpan(start, end, open_, close, para)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in ``text``, in order; a quotation still open at a
    paragraph's end has ``close=None`` (it may continue in the next one)."""
    spans: list[QuoteSpan] = []
    for para, (lo, hi) in enumerate(paragraphs(text)):
        pairs: list[tuple[int, int | None]] = _double_pairs(text, lo, hi)
        pairs += _single_pairs(text, lo, hi, pairs)
        if not pairs and text[lo] == "‘" and lo + 1 < hi and text[lo + 1].isalnum():
            pairs = [(lo, None)]  # ‘I would like … — a single-quoted speech running on into the next paragraph
        last = spans[-1] if spans else None
        if last is not None and last.close is None and last.para == para - 1 and text[lo] not in "“\"‘'":
            close = _run_on_close(text, lo, hi, single=text[last.open] in "‘'")
            if close is not None and all(o > close for o, _c in pairs):
                # the paragraph goes on with the quotation without a mark of its own and closes it
                end = _span(text, lo - 1, close, hi, para)
                if end is not None:
                    spans[-1] = QuoteSpan(last.start, end.end, last.open, close, para)
        for open_, close in sorted(pairs):
            if open_ > lo and text[open_ - 1] == "=":
                continue  # markup left in the text (style="…", src="…"): not a quotation
            span = _span(text, open_, close, hi, para)
            if span:
                spans.append(span)
    return spans
