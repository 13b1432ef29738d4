"""Quotes: direct quotations (the words inside quote marks) and reported
speech, each attributed to a canonical speaker through the actor index.

Both passes are linear in the text. A character scan pairs quote marks
paragraph by paragraph (:func:`find_quote_spans`); a token pass finds the cue
words ("said", "told", "according to") outside the marks and resolves each
cue's speaker once, in document order, so "it said" can lean on the last
institution that spoke. A direct quote then takes the cue before it in its
sentence, or the attribution that follows it, or the speaker of the quotation
it continues. Cue words live in ``data/quotes/reporting_verbs.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..nlp import text_of
from ..records import Evidence, Quote
from ._quotemarks import QuoteSpan, find_quote_spans, paragraphs
from ._quote_speakers import Layout, Lexicon, Speakers

if TYPE_CHECKING:
    from .context import Context

__all__ = ["extract_quotes", "find_quote_spans", "QuoteSpan"]

#: How far after a quotation its attribution may start ("…," the head of the
#: city administration, Oleksandr Vilkul, wrote).
_AFTER_WINDOW = 16


# --- cues ------------------------------------------------------------------


@dataclass(frozen=True)
class _Cue:
    token: int
    speaker: str | None
    word: str | None
    date: str | None


_DATE_DEPS = {"npadvmod", "prep", "advmod", "tmod", "obl", "advcl", "nmod"}


def _is_cue(tok: Token, lex: Lexicon) -> bool:
    if tok.lower_ in lex.according:
        return tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to"
    if _misparsed_read(tok) is not None:
        return True
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("aux", "auxpass") or lemma not in lex.verbs:
        return False
    return lemma not in lex.intransitive or not any(c.dep_ == "dobj" for c in tok.children)


def _subject(tok: Token, quoted: list[bool], lex: Lexicon) -> Token | None:
    """The subject of a cue verb, walking up from participles and conjuncts
    ("…, noting that" → the subject of the verb it hangs from); the subject of
    a cue further up wins over that of a reported clause in between."""
    first = None
    if tok.dep_ == "acl" and tok.tag_ in ("VBD", "VBN") and tok.head.pos_ == "PROPN" and _own_subject(tok, quoted) is None:
        return tok.head  # "…,” analyst Jane Doe, a researcher at X, highlighted: parsed as a modifier of the name
    for step in range(7):
        if tok.lemma_.lower() == "quote":
            quoted_person = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if quoted_person is not None:
                return quoted_person
        subj = _own_subject(tok, quoted)
        if subj is not None and step > 0 and subj.dep_ == "nsubjpass":
            subj = None  # "…, adding no injuries were reported and expressing regret": not the speaker
        if subj is not None and (step == 0 or _is_cue(tok, lex)):
            return subj
        first = first or subj
        if tok.dep_ == "ROOT":
            break
        tok = tok.head
    return first


def _misparsed_read(tok: Token) -> Token | None:
    """ "…,” the social media post read.": "read" taken for a noun heading
    the text that speaks (its compound); the phrase's head, else None."""
    if tok.lower_ not in ("read", "reads") or tok.pos_ != "NOUN" or tok.i == 0:
        return None
    prev = tok.nbor(-1)
    return tok if prev.dep_ == "compound" and prev.head.i == tok.i and prev.pos_ == "NOUN" else None


def _own_subject(tok: Token, quoted: list[bool]) -> Token | None:
    """The verb's subject nearest before it, else nearest after it (the parser
    may hang the reported clause's subject or an object on the cue too)."""
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and not quoted[c.i]]
    if not subjects:
        return None
    child = min(subjects, key=lambda c: (c.i > tok.i, abs(c.i - tok.i)))
    if child.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
        return tok.head
    return child


def _according_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None:
        for obj in nxt.children:
            if obj.dep_ == "pobj":
                return obj
    return None


def _cue_date(tok: Token, ctx: Context, quoted: list[bool]) -> str | None:
    """The date the attribution clause carries ("said on February 5", "said
    Tuesday"), or that of the cue it hangs from ("said Wednesday …, saying")."""
    for _ in range(3):
        value = _date_near(tok, ctx, quoted)
        if value or tok.dep_ == "ROOT":
            return value
        tok = tok.head
    return None


def _date_near(tok: Token, ctx: Context, quoted: list[bool]) -> str | None:
    nxt = tok.doc[min(tok.i + 2, len(tok.doc) - 1)]
    value = ctx.date_in(tok.idx, nxt.idx + len(nxt))
    for child in tok.children:
        if value:
            break
        if child.dep_ in _DATE_DEPS and not quoted[child.i]:
            right = child.right_edge
            value = ctx.date_in(child.left_edge.idx, right.idx + len(right))
    return value


def _reported(tok: Token, lex: Lexicon, text: str) -> bool:
    """A cue inside another cue's reported clause in the same paragraph ("X
    told Axios it was unfair for Trump to have called on …"): its subject is
    talked about, not talking, so "he said" after it does not lean on it."""
    if tok.dep_ in ("ROOT", "conj"):
        return False
    for anc in tok.ancestors:
        lo, hi = sorted((anc.idx, tok.idx))
        if "\n" in text[lo:hi]:
            return False
        if _is_cue(anc, lex):
            return True
    return False


def _find_cues(layout: Layout, speakers: Speakers, ctx: Context) -> dict[int, _Cue]:
    """Every cue outside quotes, in order, with its speaker resolved once."""
    lex, quoted, cues = speakers.lex, layout.quoted, {}
    for tok in layout.doc:
        if quoted[tok.i] or not _is_cue(tok, lex):
            continue
        if tok.lower_ in lex.according:
            subj, word = _according_object(tok), f"{tok.lower_} to"
        else:
            subj, word = _misparsed_read(tok) or _subject(tok, quoted, lex), tok.lower_
        speaker = speakers.resolve(subj) if subj is not None else None
        if subj is None and word != "according to":
            speaker = speakers.named_after(tok)  # "….” Said President Felix Tshisekedi"
        if speaker and not _reported(tok, lex, layout.text):
            speakers.latest = speaker
        if subj is not None and subj.pos_ != "PRON" and not _reported(tok, lex, layout.text):
            speakers.heard(subj.idx, speaker)
        cues[tok.i] = _Cue(tok.i, speaker, word, _cue_date(tok, ctx, quoted))
    return cues


# --- direct quotes ---------------------------------------------------------


def _cue_after(tokens: range, open_tok: int, layout: Layout, cues: dict[int, _Cue]) -> _Cue | None:
    """The attribution after a quote: its first verb, if that is a cue of its
    own, or a cue whose reported clause holds the quote ("… aimed at "local
    ceasefires" to protect civilians, a UN spokesperson said")."""
    for i in tokens[:_AFTER_WINDOW]:
        if i in cues:
            tok = layout.doc[i]
            # a conjunct of a verb before the quote is that verb's; the parser
            # may also hang the cue on a verb inside the quote, which does not count
            joined = tok.dep_ == "conj" and tok.head.i < tokens.start and not layout.quoted[tok.head.i]
            return None if joined else cues[i]
        t = layout.doc[i]
        if t.pos_ == "VERB" and t.dep_ not in ("aux", "auxpass", "amod"):
            break
    for i in tokens:
        if i in cues and layout.doc[i].left_edge.i <= open_tok:
            return cues[i]
    return None


def _cue_before(tokens: range, cues: dict[int, _Cue]) -> _Cue | None:
    for i in reversed(tokens):
        if i in cues:
            return cues[i]
    return None


def _own_cue(q: QuoteSpan, layout: Layout, cues: dict[int, _Cue]) -> _Cue | None:
    """The cue a quote's own sentence gives it: after the marks where the quote
    ends in a comma ("…," she said) or opens the sentence, else before them."""
    open_tok = layout.tok(q.open)
    close_tok = layout.tok(q.close if q.close is not None else q.end - 1)
    before, after = layout.before(open_tok), layout.after(close_tok)
    last = layout.text[q.end - 1]
    if last == "." and not _inverted_cue(after, layout, cues):
        after = range(0)
    if not layout.has_words(before) or last in ",?!":
        return _cue_after(after, open_tok, layout, cues) or _cue_before(before, cues)
    return _cue_before(before, cues) or _cue_after(after, open_tok, layout, cues)


def _inverted_cue(after: range, layout: Layout, cues: dict[int, _Cue]) -> bool:
    """ "….” Said President Kagame.": a capitalized cue opening the words after
    a quotation that ends a sentence still attributes it."""
    first = next((i for i in after if not layout.doc[i].is_space), None)
    return first is not None and first in cues and layout.doc[first].is_title


def _joined(prev: QuoteSpan, q: QuoteSpan, layout: Layout) -> bool:
    """Does ``q`` go on from ``prev``: in the same sentence, or opening the
    sentence right after the one ``prev`` ends ("…," he said. "…")?"""
    ends = int(layout.text[prev.end - 1] in ".?!")
    close_tok = layout.tok(prev.close) if prev.close is not None else layout.tok(prev.end - 1)
    open_tok = layout.tok(q.open)
    ends += sum(1 for i in range(close_tok + 1, open_tok) if layout.is_boundary(i))
    return ends == 0 or (ends == 1 and not layout.has_words(layout.before(open_tok)))


def _continues(spans: list[QuoteSpan], layout: Layout) -> dict[int, int]:
    """Quote index → index of the quotation it continues (same or next
    sentence, or the next paragraph's opening quote after an unclosed one)."""
    links: dict[int, int] = {}
    text = layout.text
    for k in range(1, len(spans)):
        prev, q = spans[k - 1], spans[k]
        if q.para == prev.para and _joined(prev, q, layout):
            links[k] = k - 1
        elif prev.close is None and q.para == prev.para + 1 and not text[_line_start(text, q.open) : q.open].strip():
            links[k] = k - 1
    return links


def _line_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def _attribute(
    spans: list[QuoteSpan], layout: Layout, cues: dict[int, _Cue], text: str, speakers: Speakers
) -> list[_Cue | None]:
    found = [_own_cue(q, layout, cues) or _colon_cue(q, layout, speakers) for q in spans]
    links = _continues(spans, layout)
    for k in range(len(spans)):
        if found[k] is None and k in links:
            found[k] = found[links[k]]
        elif found[k] is None and k > 0 and _follows_speaker(spans, k, layout, text):
            found[k] = found[k - 1]
    for k in reversed(range(len(spans))):
        unclosed_start = found[k] is None and spans[k].close is None
        if unclosed_start and links.get(k + 1) == k:
            found[k] = found[k + 1]
    paras = None
    for k in range(len(spans)):
        if found[k] is None and _alone(spans, k, text):
            paras = paras or paragraphs(text)
            found[k] = _last_person_cue(spans[k].para - 1, paras, layout, cues)
    for k in range(len(spans)):
        if found[k] is None:
            paras = paras or paragraphs(text)
            found[k] = _heading_speaker(spans[k], paras, layout, cues, speakers)
    for k in range(len(spans)):
        if found[k] is None and k not in links and _opens_sentence(spans[k], layout):
            found[k] = _last_speaker(spans[k], speakers)
    return found


def _colon_cue(q: QuoteSpan, layout: Layout, speakers: Speakers) -> _Cue | None:
    """ "Secretary of War Pete Hegseth: “…”", "the minister’s stark warning
    looms large: “…”": a quotation after a colon whose lead-in names one
    person, and no reporting verb, is that person's."""
    before = layout.before(layout.tok(q.open))
    words = [i for i in before if not layout.doc[i].is_space]
    if not words or layout.doc[words[-1]].text != ":":
        return None
    lo = layout.doc[before.start].idx
    people = {n for n in speakers.in_range(lo, q.open) if speakers.kind(n) == "person"}
    return _Cue(-1, people.pop(), None, None) if len(people) == 1 else None


#: A quotation this long that opens a sentence is speech, not a term in scare quotes.
_SPEECH_WORDS = 6


def _opens_sentence(q: QuoteSpan, layout: Layout) -> bool:
    open_tok = layout.tok(q.open)
    return not layout.has_words(layout.before(open_tok)) and len(layout.text[q.start : q.end].split()) >= _SPEECH_WORDS


def _last_speaker(q: QuoteSpan, speakers: Speakers) -> _Cue | None:
    """A quotation no words attribute, inside a paragraph about a person, goes
    on with that person (the one "he said" would mean)."""
    line = speakers.layout.text.rfind("\n", 0, q.open) + 1
    if not speakers.layout.text[line : q.open].strip():
        return None  # only within the paragraph that introduced the person
    name = speakers.last_person_before(q.open)
    mentioned = name and any(n == name for s, _e, n in speakers.spans if line <= s < q.open)
    return _Cue(-1, name, None, None) if mentioned else None


#: A heading names a speaker in a few words and ends without a full stop.
_HEADING_WORDS = 14


def _heading_speaker(q: QuoteSpan, paras, layout: Layout, cues: dict[int, _Cue], speakers: Speakers) -> _Cue | None:
    """Quotations listed under a heading that names one person ("Secretary of
    State Marco Rubio on Meet the Press", then the quotes) are that person's,
    when their own paragraph attributes nothing."""
    lo, hi = paras[q.para]
    if any(i in cues for i in range(layout.tok(lo), layout.tok(hi - 1) + 1)):
        return None
    for para in range(q.para - 1, -1, -1):
        plo, phi = paras[para]
        line = layout.text[plo:phi].strip()
        if not _is_heading(line):
            if any(i in cues for i in range(layout.tok(plo), layout.tok(phi - 1) + 1)) or not _only_quotes(line):
                return None
            continue  # another paragraph of quotes under the same heading
        people = {n for n in speakers.in_range(plo, phi) if speakers.kind(n) == "person"}
        return _Cue(-1, people.pop(), None, None) if len(people) == 1 else None
    return None


def _is_heading(line: str) -> bool:
    words = line.split()
    return 1 < len(words) <= _HEADING_WORDS and line[-1] not in ".!?:;,\"\u201d\u2019)" and not any(
        c in line for c in "\"\u201c\u201d"
    )


def _only_quotes(line: str) -> bool:
    """A paragraph of quotations and list marks, with at most a short note between ("(Watch)")."""
    outside = re.sub(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]", " ", line)
    return len(re.findall(r"[A-Za-z]+", outside)) <= 2 * max(1, line.count("\u201c") + line.count('"') // 2)


def _alone(spans: list[QuoteSpan], k: int, text: str) -> bool:
    """Is the quotation its paragraph's only text?"""
    q = spans[k]
    if (k > 0 and spans[k - 1].para == q.para) or (k + 1 < len(spans) and spans[k + 1].para == q.para):
        return False
    line_end = text.find("\n", q.open)
    line_end = len(text) if line_end < 0 else line_end
    close = q.close if q.close is not None else q.end
    rest = text[_line_start(text, q.open) : q.open] + text[close + 1 : line_end]
    return not any(ch.isalpha() for ch in rest)


def _last_person_cue(para: int, paras: list[tuple[int, int]], layout: Layout, cues: dict[int, _Cue]) -> _Cue | None:
    """A paragraph that is nothing but a quotation goes on with the person
    the paragraph before it last reported ("Qatar, he added, has …")."""
    if para < 0:
        return None
    lo, hi = paras[para]
    first, last = layout.tok(lo), layout.tok(hi - 1)
    for i in range(last, first - 1, -1):
        cue = cues.get(i)
        if cue is not None and cue.speaker and " " in cue.speaker:
            return cue
    return None


def _follows_speaker(spans: list[QuoteSpan], k: int, layout: Layout, text: str) -> bool:
    """A paragraph that is nothing but a quotation, right after a paragraph
    that ends with an attributed quotation, goes on with that speaker."""
    q, prev = spans[k], spans[k - 1]
    if q.para != prev.para + 1 or prev.close is None:
        return False
    line_end = text.find("\n", q.open)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[_line_start(text, q.open) : q.open] + text[(q.close if q.close is not None else q.end) + 1 : line_end]
    if any(ch.isalpha() for ch in rest) or (k + 1 < len(spans) and spans[k + 1].para == q.para):
        return False
    doc, i = layout.doc, layout.after(layout.tok(prev.close)).stop
    while i < len(doc) and doc[i].is_punct and not layout.quoted[i]:
        i += 1
    return i >= len(doc) or "\n" in doc[i].text


def _over_paragraphs(
    spans: list[QuoteSpan], found: list[_Cue | None], layout: Layout
) -> tuple[list[QuoteSpan], list[_Cue | None]]:
    """A quotation running over paragraphs (each opens with a mark, only the
    last closes) is one quote, with the attribution any of its parts has;
    two parts attributed apart stay two."""
    text = layout.text
    out: list[QuoteSpan] = []
    cues: list[_Cue | None] = []
    for k, q in enumerate(spans):
        prev = out[-1] if out else None
        runs_on = (
            prev is not None
            and prev.close is None
            and q.para == prev.para + 1
            and not text[_line_start(text, q.open) : q.open].strip()
            # a part with an attribution of its own is a quote of its own
            # (an unclosed mark before it is a slip)
            and (found[k] is None or cues[-1] is None or found[k] == cues[-1])
        )
        if runs_on:
            out[-1] = QuoteSpan(prev.start, q.end, prev.open, q.close, q.para)
            cues[-1] = cues[-1] or found[k]
        else:
            out.append(q)
            cues.append(found[k])
    return out, cues


_FUNCTION_WORDS = {"a", "an", "the", "of", "for", "and", "or", "in", "on", "to", "at", "by", "with", "from"}


def _speech(text: str, cue: _Cue | None) -> bool:
    """Not, unattributed, a title ("Peace Formula", "Grain from Ukraine")."""
    words = re.findall(r"[\w'’-]+", text)
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    title = len(content) >= 2 and all(w[:1].isupper() or w[:1].isdigit() for w in content) and not any(
        c in text for c in ".!?"
    )
    return cue is not None or not title


def _direct_quotes(text: str, spans: list[QuoteSpan], found: list[_Cue | None]) -> list[Quote]:
    return [
        Quote(
            speaker=cue.speaker if cue else None,
            kind="direct",
            text=text[q.start : q.end],
            cue=cue.word if cue else None,
            date=cue.date if cue else None,
            evidence=Evidence.of(text, q.start, q.end),
        )
        for q, cue in zip(spans, found)
        if _speech(text[q.start : q.end], cue)
    ]


# --- indirect quotes -------------------------------------------------------

_CUT_WORDS = {";", "—", "–", "--"}
#: Quoted words a reported clause keeps ("there had been "progress""); a
#: longer quotation is a direct quote of its own.
_SCARE_WORDS = 4


def _clause(tok: Token, lex: Lexicon) -> tuple[int, int] | None:
    """Token range of the reported clause: "said (that) X", "urged Y to Z",
    "accused Moscow of …", "emphasized the importance of …"."""
    kids = list(tok.children)
    comp = next((c for c in kids if c.dep_ == "ccomp"), None)
    if comp is not None:
        return comp.left_edge.i, comp.right_edge.i + 1
    lemma = tok.lemma_.lower()
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    if obj is None or obj.i < tok.i:
        return None
    xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.i > obj.i), None)
    if lemma in lex.object_verbs and xcomp is not None:
        return obj.left_edge.i, xcomp.right_edge.i + 1
    if lemma in lex.topic_verbs:
        last = max([obj] + [c for c in kids if c.dep_ == "prep" and c.i > obj.i], key=lambda c: c.i)
        return tok.i, last.right_edge.i + 1
    return None


def _trim(layout: Layout, start: int, end: int) -> tuple[int, int]:
    """Start after "that" (and what the parser hung before it: "a day earlier
    that …"); cut at a second "and that", ", saying", a dash, a semicolon or
    a long quotation (the direct quote carries that part)."""
    doc = layout.doc
    that = next((i for i in range(start, min(start + 8, end)) if doc[i].lower_ == "that" and doc[i].dep_ == "mark"), None)
    if that is not None:
        start = that + 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    for i in range(start + 1, end):
        if _cuts(layout, i, end):
            end = i
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in '"”’':
        end -= 1
    return start, end


def _cuts(layout: Layout, i: int, end: int) -> bool:
    doc, quoted = layout.doc, layout.quoted
    t = doc[i]
    if t.text in _CUT_WORDS or "\n" in t.text:
        return True
    nxt = doc[i + 1] if i + 1 < end else None
    if nxt is not None and t.dep_ == "cc" and nxt.dep_ == "mark":
        return True
    if nxt is not None and t.text == "," and nxt.tag_ == "VBG":
        return True
    if quoted[i] and not quoted[i - 1]:
        k = i
        while k < end and quoted[k]:
            k += 1
        return sum(doc[j].is_alpha for j in range(i, k)) > _SCARE_WORDS
    return False


def _indirect_quotes(layout: Layout, cues: dict[int, _Cue], lex: Lexicon) -> list[Quote]:
    doc, quoted, found = layout.doc, layout.quoted, []
    for i, cue in cues.items():
        tok = doc[i]
        if tok.lemma_.lower() not in lex.indirect_verbs:
            continue
        rng = _clause(tok, lex)
        if rng is None:
            continue
        start, end = _trim(layout, *rng)
        words = [k for k in range(start, end) if doc[k].is_alpha]
        if len(words) < 2 or sum(quoted[k] for k in words) * 2 > len(words):
            continue
        span = doc[start:end]
        found.append(
            Quote(
                speaker=cue.speaker,
                kind="indirect",
                text=layout.text[span.start_char : span.end_char],
                cue=cue.word,
                date=cue.date,
                evidence=Evidence.of(layout.text, span.start_char, span.end_char),
            )
        )
    return found


# --- entry point -----------------------------------------------------------


def extract_quotes(doc: Doc, ctx: Context) -> list[Quote]:
    """Direct and indirect quotes of ``doc``, in text order, speakers canonical."""
    text = text_of(doc)
    spans = find_quote_spans(text)
    layout = Layout.build(doc, text, spans)
    lex = ctx.rules.quote_cues
    speakers = Speakers(ctx, layout, lex)
    cues = _find_cues(layout, speakers, ctx)
    found = _attribute(spans, layout, cues, text, speakers)
    spans, found = _over_paragraphs(spans, found, layout)
    direct = _direct_quotes(text, spans, found)
    indirect = _indirect_quotes(layout, cues, lex)
    return sorted(direct + indirect, key=lambda q: (q.evidence.start, q.kind))
