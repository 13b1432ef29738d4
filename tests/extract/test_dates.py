"""Date mentions: text → (mention, value) pairs, normalized against ``published``."""

from __future__ import annotations

from datetime import date

import pytest

from detente.extract.dates import extract_dates, parse_published, resolve_week

THU = "2026-02-05"  # a Thursday


def found(annotate, text: str, published: str | None = THU) -> list[tuple[str, str | None]]:
    doc, ctx = annotate(text, published=published)
    for mention in ctx.dates:
        assert mention.evidence.valid_for(text)
        assert mention.text == mention.evidence.text
    return [(m.text, m.value) for m in ctx.dates]


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("Witkoff said on February 5 that 314 prisoners would be released.", THU, [("February 5", "2026-02-05")]),
        ("The war, which Russia launched on February 24, 2022, goes on.", THU, [("February 24, 2022", "2022-02-24")]),
        ("They met in the months following February 2022.", THU, [("February 2022", "2022-02")]),
        ("They did not hold direct talks until May of last year.", THU, [("May of last year", "2025-05")]),
        ("It must avoid a repeat of the 1994 Budapest Memorandum.", THU, [("1994", "1994")]),
        ("KYIV, Feb 5 (Reuters) - Talks ended.", THU, [("Feb 5", "2026-02-05")]),
        ("He arrived on Dec. 11 for the talks.", "2023-12-15", [("Dec. 11", "2023-12-11")]),
        ("On Sunday, March 23, the delegations met in Riyadh.", "2025-03-24", [("March 23", "2025-03-23")]),
        ("The text is dated 2023-12-11 in the annex.", THU, [("2023-12-11", "2023-12-11")]),
        ("A truce had come into force on 19 January.", "2025-03-29", [("19 January", "2025-01-19")]),
        ("Hamas attacked southern Israel on 7 October 2023.", "2025-03-29", [("7 October 2023", "2023-10-07")]),
        ("Russia has gained ground since early 2024.", THU, [("early 2024", "2024")]),
        ("Further talks are planned for mid-March.", THU, [("mid-March", "2026-03")]),
        ("The last round ended on December 20.", "2026-01-10", [("December 20", "2025-12-20")]),
        ("People have the chance to sign up through August 15.", "2021-05-07", [("August 15", "2021-08-15")]),
        ("Russia refused to attend the talks on March 3.", THU, [("March 3", "2025-03-03")]),
        # ranges and ordinals: the first day
        ("The Houthi delegation met 19-20 November in Muscat.", "2023-12-01", [("19-20 November", "2023-11-19")]),
        ("Talks in Doha ran on February 7 and 8.", "2025-02-20", [("February 7 and 8", "2025-02-07")]),
        ("The riot on January the 6th shocked the capital.", "2021-02-01", [("January the 6th", "2021-01-06")]),
        ("On December 14 and 15 last year, envoys met in Berlin.", THU, [("December 14 and 15 last year", "2025-12-14")]),
        # a bare ordinal day is in the report's month, or the next one the verb looks ahead to
        ("The delegations will meet again on the 17th to review the truce.", "2023-09-03", [("the 17th", "2023-09-17")]),
        ("The MILF panel will meet on the 2nd.", "2023-09-20", [("the 2nd", "2023-10-02")]),
        # a month before a noun or with 's: a deadline looks ahead
        ("Mediators set a June deadline for a deal in Sudan.", THU, [("June", "2026-06")]),
        ("Officials who attended November's talks in Bogota returned.", THU, [("November", "2025-11")]),
    ],
)
def test_explicit_dates(annotate, text, published, expected):
    assert found(annotate, text, published) == expected


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("The envoys met on Tuesday.", THU, [("Tuesday", "2026-02-03")]),
        ("The envoys met on Thursday.", THU, [("Thursday", "2026-02-05")]),
        ("The 72-hour ceasefire that began on Monday held.", "2023-12-13", [("Monday", "2023-12-11")]),
        ("The next round will be held on Sunday.", THU, [("Sunday", "2026-02-08")]),
        # a participle clause looks ahead with the verb it hangs on
        ("Starting Friday and continuing until Sunday, the delegations plan to discuss the agenda.", THU,
         [("Friday", "2026-02-06"), ("Sunday", "2026-02-08")]),
        ("Arriving on Monday, the mediators met both delegations.", THU, [("Monday", "2026-02-02")]),
        ("Paris is set to host the delegations Thursday morning.", "2025-03-26", [("Thursday", "2025-03-27")]),
        ("The holiday begins on Sunday.", "2025-03-29", [("Sunday", "2025-03-30")]),
        ("Netanyahu said last Wednesday that he was open to a truce.", "2025-05-26", [("last Wednesday", "2025-05-21")]),
        ("Officials met yesterday in Geneva.", THU, [("yesterday", "2026-02-04")]),
        ("The sides spoke two days ago.", THU, [("two days ago", "2026-02-03")]),
        ("It expired a month ago.", "2025-03-29", [("a month ago", "2025-02")]),
        ("The truce ended earlier this month.", THU, [("earlier this month", "2026-02")]),
        ("They agreed to it last month.", THU, [("last month", "2026-01")]),
        ("They met in Turkey last year.", THU, [("last year", "2025")]),
        ("A deal is due by the end of the month.", THU, [("the end of the month", "2026-02")]),
        ("Talks began in May 2022 and failed towards the end of the month.", THU,
         [("May 2022", "2022-05"), ("the end of the month", "2022-05")]),
        # a week places no date, even inside one month: not listed
        ("Moscow agreed in principle last week.", "2025-03-26", []),
        ("Moscow agreed in principle last week.", THU, []),
        ("The envoys will return next week.", "2025-03-26", []),
        ("Fighting has intensified in recent months.", THU, [("in recent months", None)]),
        ("He has met Putin seven times over the past year.", THU, [("over the past year", None)]),
        ("A 2022 deal was halted by Russia the next year.", THU, [("2022", "2022"), ("the next year", "2023")]),
        ("The aid arrived on Wednesday, after 93 trucks the day before.", THU,
         [("Wednesday", "2026-02-04"), ("the day before", "2026-02-03")]),
        ("Talks began on March 3. Later that day, envoys left.", THU,
         [("March 3", "2025-03-03"), ("Later that day", "2025-03-03")]),
        ("The truce ends on March 3.", THU, [("March 3", "2026-03-03")]),
        ("Putin spoke in June.", THU, [("June", "2025-06")]),
        ("Kyiv wants a deal by June.", THU, [("June", "2026-06")]),
        ("Zelenskyy said Tuesday that a truce “can start today,” officials said.", "2025-03-26",
         [("Tuesday", "2025-03-25"), ("today", "2025-03-25")]),
        ("“Today, we have reached a milestone,” he said.", "2025-08-08", [("Today", "2025-08-08")]),
        ("Officials held a second day of talks. On the eve of the talks, Russia struck.", THU,
         [("the eve of the talks", "2026-02-03")]),
        ("Talks Monday in Addis Ababa were expected to address the truce.", "2025-03-25", [("Monday", "2025-03-24")]),
        # a weekday the verb looks ahead to: "are coming on Monday"
        ("The mediators are coming to Juba on Monday.", "2025-08-17", [("Monday", "2025-08-18")]),
        # "a day earlier" counts from the day last mentioned
        ("The M23 spoke on Thursday. Kinshasa had said a day earlier that talks were off.", "2025-03-14",
         [("Thursday", "2025-03-13"), ("a day earlier", "2025-03-12")]),
        ("The ELN talks resumed on May 4 and ended two days later.", "2025-05-10",
         [("May 4", "2025-05-04"), ("two days later", "2025-05-06")]),
    ],
)
def test_relative_dates(annotate, text, published, expected):
    assert found(annotate, text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "It is the nearly four-year-old invasion.",
        "The ceasefire lasts for 30 days under a 50-day plan.",
        "Nearly 2,000 people and 1500 soldiers were freed.",
        "The council passed Resolution 2334 in the end.",
        "May we all see peace, the march went on.",
        "The war has gone on for nearly four years and months of talks.",
        "Envoy Witkoff said on Fox News Sunday that talks went well.",
        "Ministers made the rounds of the Sunday shows.",
        "The 17th round opened; envoys met on the 5th floor.",
        "The envoy told ABC's This Week that a deal was near.",
    ],
)
def test_durations_and_numbers_are_not_dates(annotate, text):
    assert found(annotate, text) == []


def test_without_published_only_explicit_dates_resolve(annotate):
    text = "On Tuesday, officials recalled the invasion of February 24, 2022, and the talks of March 3."
    assert found(annotate, text, published=None) == [
        ("Tuesday", None), ("February 24, 2022", "2022-02-24"), ("March 3", None)
    ]


@pytest.mark.parametrize(
    "monday, expected",
    [(date(2025, 3, 17), "2025-03"), (date(2026, 1, 26), None), (date(2026, 2, 2), "2026-02")],
)
def test_resolve_week(monday, expected):
    assert resolve_week(monday) == expected


@pytest.mark.parametrize(
    "value, expected",
    [("2026-02-05", date(2026, 2, 5)), ("2026-02-05T10:00:00Z", date(2026, 2, 5)), ("", None), (None, None), ("Feb 5", None)],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


def test_extract_dates_is_in_text_order(nlp, rules):
    text = "On Tuesday talks began; on February 5 they ended; in 1994 a memorandum was signed."
    mentions = extract_dates(nlp(text), date(2026, 2, 5), rules.dates)
    starts = [m.evidence.start for m in mentions]
    assert starts == sorted(starts) and len(mentions) == 3


def test_works_on_a_doc_without_parse(rules):
    import spacy

    doc = spacy.blank("en")("He said Tuesday that a truce “can start today,” and on February 5 talks ended.")
    assert [(m.text, m.value) for m in extract_dates(doc, date(2026, 2, 5), rules.dates)] == [
        ("Tuesday", "2026-02-03"), ("today", "2026-02-03"), ("February 5", "2026-02-05")
    ]


@pytest.mark.parametrize("placeholder, table", [("MONTH", "months"), ("MONTH_FULL", "months"), ("WEEKDAY", "weekdays")])
def test_pattern_names_are_in_the_lexicon(placeholder, table):
    import json
    import re
    from importlib.resources import files

    data = files("detente") / "data" / "dates"
    patterns = json.loads((data / "patterns.json").read_text(encoding="utf-8"))
    lexicon = json.loads((data / "lexicon.json").read_text(encoding="utf-8"))
    names = set(re.findall(r"[A-Z][a-z]+", patterns["placeholders"][placeholder]))
    assert names and names <= lexicon[table].keys()
