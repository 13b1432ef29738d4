"""Quotes: quote marks paired (not apostrophes), direct quotes attributed
through cues, pronouns, descriptions and continued paragraphs, and reported
speech; sentences in the style of several outlets and conflicts (the White
House ones verbatim: public domain)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import CORPUS, GOLD, needs_shared

from detente.extract.quotes import extract_quotes, find_quote_spans


def quotes_of(annotate, text, kind="direct"):
    doc, ctx = annotate(text)
    return [q for q in extract_quotes(doc, ctx) if q.kind == kind]


# --- quote marks ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said there had been "progress" and positive movement.', ["progress"]),
        ("“We are ready,” Pashinyan said. “But not at any price.”", ["We are ready,", "But not at any price."]),
        ("Ukraine’s envoy said Kyiv’s position was “unchanged”.", ["unchanged"]),
        ("The M23’s leaders refused. Russia's envoy didn't comment.", []),
        ("Rebels had sworn ‘never’ to talk to the government.", ["never"]),
        ("Not ‘Trump’s,’ he wrote.", ["Trump’s,"]),
        ("The sides’ positions narrowed, the ELN’s commander said.", []),
        ('"Difficult issues remained. \'We stand where we stand\' is the model," he said.',
         ["Difficult issues remained. 'We stand where we stand' is the model,"]),
        ('He asked: "How will the truce be used?\n"Who will police it?"', ["How will the truce be used?", "Who will police it?"]),
        ('Guterres welcomed it. "" Nothing else.', []),
    ],
)
def test_quote_marks(text, expected):
    assert [text[q.start : q.end] for q in find_quote_spans(text)] == expected


def test_unclosed_paragraph_is_open():
    text = '"First part of the statement.\n"Second part."'
    first, second = find_quote_spans(text)
    assert first.close is None and second.close is not None and second.para == first.para + 1


def test_lexicon_is_data(rules):
    lex = rules.quote_cues
    assert {"say", "tell", "urge", "warn"} <= lex.verbs
    assert "office" in lex.institutions


# --- direct quotes -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, quote, speaker, cue",
    [
        (  # Armenia–Azerbaijan, White House (public domain)
            "Today, President Donald J. Trump hosted Azerbaijani President Ilham Aliyev and Armenian Prime Minister "
            "Nikol Pashinyan at the White House.\n“Today, we have reached a significant milestone in Armenian and "
            "Azerbaijani relations,” said Prime Minister Pashinyan.",
            "Today, we have reached a significant milestone",
            "Nikol Pashinyan",
            "said",
        ),
        (  # Russia–Ukraine: attribution before the quote, scare-quoted word
            "Kirill Dmitriev, who is the Kremlin's lead negotiator, said on Thursday there had been \"progress\" "
            "and positive movement.",
            "progress",
            "Kirill Dmitriev",
            "said",
        ),
        (  # attribution after, with a title and an apposition
            "“They have been hitting our energy sites with drones,” Zelenskyy’s communications adviser "
            "Dmytro Lytvyn said on X.",
            "They have been hitting our energy sites",
            "Dmytro Lytvyn",
            "said",
        ),
        (  # inverted attribution with a description before the name
            "The UN chief welcomed the commitments, which “will be a crucial contribution to food security,” "
            "said U.N. spokesman Stephane Dujarric.",
            "will be a crucial contribution",
            "Stephane Dujarric",
            "said",
        ),
        (  # DRC–M23: the attribution follows a time phrase and an apposition
            "The city came under the “most massive drone attack since the war began” on Tuesday night, "
            "the regional governor, Oleksandr Vilkul, wrote on Telegram.",
            "most massive drone attack",
            "Oleksandr Vilkul",
            "wrote",
        ),
        (  # participle cue hangs from the main verb's subject
            "U.S. Secretary of State Marco Rubio said the United States would study the conditions, noting that "
            "some of them “include sanctions that are not ours.”",
            "include sanctions that are not ours.",
            "Marco Rubio",
            "noting",
        ),
        (  # Colombia–ELN
            "Colombian President Gustavo Petro said the talks with the ELN were “suspended” after the attack in Arauca.",
            "suspended",
            "Gustavo Petro",
            "said",
        ),
        (  # Israel–Hamas: organization as speaker
            "Hamas said in a statement that it “remains committed to the ceasefire agreement.”",
            "remains committed to the ceasefire agreement.",
            "Hamas",
            "said",
        ),
        (  # Sudan: the quote sits inside the clause the attribution reports
            "The talks that began on Thursday aimed at \"possible local ceasefires\" to protect civilians, "
            "a United Nations spokesperson said.",
            "possible local ceasefires",
            "United Nations",
            "said",
        ),
        (  # a ministry speaks for its state
            "Israel's foreign ministry has said the EU move \"reflects a total misunderstanding of the reality.\"",
            "reflects a total misunderstanding",
            "Israel",
            "said",
        ),
        (  # "X quoted Y as saying"
            "Axios reporter Barak Ravid quoted Steve Witkoff as saying: \"What I have seen from Hamas is "
            "completely unacceptable.\"",
            "What I have seen from Hamas",
            "Steve Witkoff",
            "saying",
        ),
        (  # "add" with an object is no cue; the accusation is
            "Ukrainian President Volodymyr Zelenskyy accused Moscow of attempting to add extra conditions to what "
            "should be an “unconditional agreement.”",
            "unconditional agreement.",
            "Volodymyr Zelenskyy",
            "accused",
        ),
    ],
)
def test_direct_attribution(annotate, text, quote, speaker, cue):
    found = [q for q in quotes_of(annotate, text) if q.text.startswith(quote)]
    assert len(found) == 1
    assert found[0].speaker == speaker
    assert found[0].cue == cue
    assert text[found[0].evidence.start : found[0].evidence.end] == found[0].text


SEED_LIKE = (
    "Markus Ziener, a fellow with the German Marshall Fund, said the prisoner swap signaled some progress.\n"
    '"But I\'m rather skeptical about the whole negotiations," he told RFE/RL. "So far, there is not much hope."\n'
    "Ukrainian President Volodymyr Zelenskyy has proposed a demilitarized zone.\n"
    '"I would not hammer Ukraine the way they do," Ziener said. "I would try to reach a settlement."'
)


def test_broken_quotes_and_pronouns(annotate):
    found = quotes_of(annotate, SEED_LIKE)
    assert [q.speaker for q in found] == ["Markus Ziener"] * 4
    assert [q.cue for q in found] == ["told", "told", "said", "said"]


def test_quote_continued_across_paragraphs(annotate):
    text = (
        'Russian President Vladimir Putin raised questions about the truce. He asked: "How will those 30 days be '
        'used? For Ukraine to rearm?\n"Who will give the order to end the fighting? Who polices it?"'
    )
    found = quotes_of(annotate, text)
    assert len(found) == 1  # one quotation over two paragraphs (docs/annotation.md, "Quotes")
    assert {q.speaker for q in found} == {"Vladimir Putin"}


def test_quote_paragraph_after_attributed_paragraph(annotate):
    text = (
        '"They are trying to leave, but we are in control," Russian President Vladimir Putin said.\n'
        '"There are two options for them: surrender or die."\n'
        "Ukraine's top commander Oleksandr Syrskyi said troops would hold their positions."
    )
    found = quotes_of(annotate, text)
    assert [q.speaker for q in found] == ["Vladimir Putin", "Vladimir Putin"]


def test_no_speaker_carried_into_an_unrelated_sentence(annotate):
    text = (
        "Volodymyr Lysytsia, a serviceman, said the front was a wasteland, with “nothing there, only scorched "
        "earth.” Some were unconvinced by the promise that Russia is “ready to work with” Ukraine on a “memorandum”."
    )
    found = {q.text: q.speaker for q in quotes_of(annotate, text)}
    assert found["nothing there, only scorched earth."] == "Volodymyr Lysytsia"
    assert found["ready to work with"] is None and found["memorandum"] is None


def test_unattributed_quote_has_no_speaker(annotate):
    text = "Macron has been driving the effort to form a “coalition of the willing” with Britain."
    (quote,) = quotes_of(annotate, text)
    assert quote.text == "coalition of the willing"
    assert quote.speaker is None and quote.cue is None


def test_full_stop_quote_does_not_take_the_next_sentence_as_attribution(annotate):
    text = (
        "Kinshasa welcomed the sanctions: “The government will keep working with its partners.” "
        "Rwanda’s Foreign Ministry said the sanctions would not resolve the conflict."
    )
    (quote,) = quotes_of(annotate, text)
    assert quote.speaker != "Rwanda"


# --- indirect quotes -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, clause, speaker, cue",
    [
        (
            "Steve Witkoff, the White House envoy, said on February 5 that 314 prisoners in all would be released.",
            "314 prisoners in all would be released",
            "Steve Witkoff",
            "said",
        ),
        (
            "Kremlin spokesman Dmitry Peskov told reporters that Russia's position remains unchanged and that it is "
            '"absolutely clear and well understood by both Kyiv and the American negotiators."',
            "Russia's position remains unchanged",
            "Dmitry Peskov",
            "told",
        ),
        (
            "Ukrainian political analyst Ihor Reiterovych urged the West to offer stronger guarantees for Ukraine"
            "—and to avoid a repeat of the 1994 Budapest Memorandum.",
            "the West to offer stronger guarantees for Ukraine",
            "Ihor Reiterovych",
            "urged",
        ),
        (  # Sudan: the attribution follows the reported clause
            "The army will not attend the talks in Geneva, Sudan's foreign minister Hussein Awad said on Monday.",
            "The army will not attend the talks in Geneva",
            "Hussein Awad",
            "said",
        ),
        (  # Israel–Hamas, with a long quotation cut away
            'Khalil al-Hayya, the most senior Hamas leader outside Gaza, said the group had approved a draft deal '
            '"that would see five more hostages released in exchange for a 50-day truce and further talks."',
            "the group had approved a draft deal",
            "Khalil al-Hayya",
            "said",
        ),
    ],
)
def test_indirect(annotate, text, clause, speaker, cue):
    found = [q for q in quotes_of(annotate, text, kind="indirect") if q.text == clause]
    assert len(found) == 1, quotes_of(annotate, text, kind="indirect")
    assert (found[0].speaker, found[0].cue) == (speaker, cue)


def test_indirect_date_from_attribution(annotate):
    doc, ctx = annotate("Steve Witkoff said on February 5 that 314 prisoners in all would be released.")
    if not ctx.dates:
        pytest.skip("no date mentions from the dates extractor")
    (quote,) = [q for q in extract_quotes(doc, ctx) if q.kind == "indirect"]
    assert quote.date == "2026-02-05"


# --- the shared corpus and gold ---------------------------------------------------


def _tokens(text):
    return set(re.findall(r"\w+", text.casefold()))


def _jaccard(a, b):
    a, b = _tokens(a), _tokens(b)
    return len(a & b) / len(a | b) if a | b else 0.0


@needs_shared()
def test_gold_direct_attribution(annotate):
    """Direct quotes of the gold reports: found, and with the right speaker."""
    right = total = found = 0
    for gold_path in sorted(GOLD.glob("*.json")):
        gold = [q for q in json.loads(gold_path.read_text())["quotes"] if q["kind"] == "direct" and not q.get("optional")]
        report = json.loads((CORPUS / gold_path.name).read_text())
        pred = quotes_of(annotate, report["text"]) if gold else []
        for g in gold:
            best = max(pred, key=lambda p: _jaccard(p.text, g["text"]), default=None)
            total += 1
            if best is not None and _jaccard(best.text, g["text"]) >= 0.5:
                found += 1
                right += best.speaker == g["speaker"]
    assert found / total >= 0.95
    assert right / total >= 0.90


@needs_shared()
def test_corpus_quotes_have_valid_evidence_and_no_apostrophe_splits(nlp):
    from detente.extract import Context
    from detente.records import Document

    for path in sorted(CORPUS.glob("*.json"))[::11]:
        report = json.loads(path.read_text())
        text = report["text"]
        doc = nlp(text)
        ctx = Context.build(doc, Document(id=report["id"], text=text, published=report.get("published")))
        for q in extract_quotes(doc, ctx):
            assert q.evidence.valid_for(text) and q.evidence.text == q.text
            assert not re.match(r"^[st]\b", q.text), (path.name, q.text)


# --- held-out fixes ------------------------------------------------------------


def test_he_skips_a_person_only_talked_about(annotate):
    # "for Trump to have called on …" sits inside Zelensky's reported clause:
    # Trump is talked about, so the next "He said" is still Zelensky.
    text = (
        "Meanwhile, Zelensky told Axios on Tuesday that it was “not fair” for Trump to have publicly called on "
        "Ukraine to make concessions. He said he hoped those remarks were “his tactics and not the decision.”"
    )
    found = {q.text: q.speaker for q in quotes_of(annotate, text)}
    assert found["his tactics and not the decision."] == "Zelensky"


def test_he_does_not_mean_a_woman_and_yields_to_a_newer_person(annotate):
    text = (
        "Einav Zaugauker, whose son Matan is one of the last hostages, rejoiced in the square.\n"
        '"I can\'t breathe, it\'s crazy," she said.\n'
        "Residents said strikes continued overnight.\n"
        "Indirect talks in Egypt yielded the agreement as the first stage of a plan put forward by U.S. "
        "President Donald Trump.\n"
        '"This is a GREAT Day for the Arab and Muslim World," he wrote on social media.'
    )
    found = {q.text[:10]: q.speaker for q in quotes_of(annotate, text)}
    assert found["I can't br"] == "Einav Zaugauker"
    assert found["This is a "] == "Donald Trump"


def test_praise_verb_attributes_its_quoted_phrase(annotate):
    text = (
        "AU Commission Chairperson Mahamoud Ali Youssouf commended the two countries “for their commitment "
        "to dialogue” and urged all parties to “maintain the momentum”."
    )
    found = {q.text: q.speaker for q in quotes_of(annotate, text)}
    assert found["for their commitment to dialogue"] == "Mahamoud Ali Youssouf"
    assert found["maintain the momentum"] == "Mahamoud Ali Youssouf"


def test_the_company_is_the_organization_just_introduced(annotate):
    # AP style: the speaker is named once ("railway operator X"), then "the company".
    text = (
        "A “massive targeted cyberattack” hit Ukrainian state railway operator Ukrzaliznytsia on Sunday, the "
        "company wrote on Telegram.\n"
        "“The railway continues to operate despite physical attacks on the infrastructure,” the company wrote."
    )
    found = quotes_of(annotate, text)
    assert [q.speaker for q in found] == ["Ukrzaliznytsia", "Ukrzaliznytsia"]


def test_the_army_is_not_the_last_organization(annotate):
    text = (
        "Thousands of people have been displaced by the fighting, the AP wrote. The army said it sent more than "
        '5,000 troops to the region to "reinforce security."'
    )
    (quote,) = quotes_of(annotate, text)
    assert quote.speaker != "Associated Press"


SPEAKER_CASES = [
    pytest.param(
        "Einav Zaugauker, whose son Matan is one of the last hostages, rejoiced in the square.\n"
        '"I can\'t breathe, I can\'t explain what I\'m feeling," she said.',
        "Einav Zaugauker",
        id="pronoun_prefers_main_clause_subject",
    ),
    pytest.param(
        "Russian Foreign Minister Sergey Lavrov spoke at a university in Moscow. Ukrainian President Volodymyr "
        "Zelenskyy responded later.\n"
        '"We agreed with them, and then the West forbade signing," the minister said.',
        "Sergey Lavrov",
        id="definite_title_finds_its_person",
    ),
    pytest.param(
        "It is time for Israel to make a truce, Italian Deputy Prime Minister and Foreign Minister Antonio Tajani "
        'said in an interview. "Hamas has a huge responsibility toward its own people," he added.',
        "Antonio Tajani",
        id="subject_with_two_titles_names_its_person",
    ),
    pytest.param(
        "Richard Moncrieff, a director at the Crisis Group, said the meeting may achieve little.\n"
        "Qatar, he added, has a lot of influence in the region.\n"
        "“It is unclear whether the other mediators were even consulted about this meeting.”",
        "Richard Moncrieff",
        id="quote_paragraph_goes_on_with_the_last_reported_person",
    ),
    pytest.param(
        "“Punitive measures make no contribution toward long-term security,” Rwanda’s Foreign ministry "
        "responded in a statement.",
        "Rwanda",
        id="ministry_entity_speaks_for_its_state",
    ),
]


@pytest.mark.parametrize("text,speaker", SPEAKER_CASES)
def test_single_quote_speaker(annotate, text, speaker):
    (quote,) = quotes_of(annotate, text)
    assert quote.speaker == speaker


# --- quotations over paragraphs, "he said" after a meeting ----------------------


def test_a_quotation_over_paragraphs_is_one_quote(annotate):
    text = ('Hans Grundberg told the council:\n"The truce in Yemen has held for six months.\n'
            '"The parties must now agree on the payment of salaries."\nThe Houthis did not comment.')
    quotes = quotes_of(annotate, text)
    assert [q.text for q in quotes] == [
        'The truce in Yemen has held for six months.\n"The parties must now agree on the payment of salaries.'
    ]
    assert quotes[0].speaker == "Hans Grundberg"


def test_paragraphs_attributed_apart_stay_two_quotes(annotate):
    text = ('Olusegun Obasanjo further said the deal included "the restoration of services.\n'
            '"This is not the end of the process," said Abiy Ahmed.')
    quotes = quotes_of(annotate, text)
    assert len(quotes) == 2
    assert quotes[1].speaker == "Abiy Ahmed"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Armenian Prime Minister Nikol Pashinyan spoke to reporters after a meeting with Azerbaijani President '
         'Ilham Aliyev in Abu Dhabi. "Peace is within reach," he said.', "Nikol Pashinyan"),
        ('Following a meeting with Saudi Foreign Minister Faisal bin Farhan, Secretary of State Marco Rubio told '
         'reporters the talks were useful. "We made progress," he said.', "Marco Rubio"),
        ('On Tuesday, William Ruto hosted Felix Tshisekedi and Paul Kagame in Nairobi.\n'
         '"The region needs peace," he said.', "William Ruto"),
        ('Colombian President Gustavo Petro held a meeting with ELN commander Antonio García in Havana. '
         '"The talks will continue," he said.', "Gustavo Petro"),
    ],
)
def test_he_said_after_a_meeting_means_the_subject(annotate, text, speaker):
    assert quotes_of(annotate, text)[0].speaker == speaker


def test_quotes_listed_under_a_heading_are_the_named_persons(annotate):
    text = ("Officials spoke on the morning shows about the ceasefire in Gaza.\n"
            "Foreign Minister Badr Abdelatty on Al Qahera News\n"
            "-   “The crossings must open now.” (Watch) -   “Egypt will not accept displacement.” (Watch)\n"
            "UN envoy Sigrid Kaag on BBC Radio\n"
            "-   “Talks resume in Doha next week.” (Watch)")
    quotes = quotes_of(annotate, text)
    assert [q.speaker for q in quotes] == ["Badr Abdelatty", "Badr Abdelatty", "Sigrid Kaag"]


def test_a_heading_without_one_person_names_nobody(annotate):
    text = ("What they are saying about the truce in Sudan\n"
            "-   “This is a first step.” (Read) -   “Aid must flow.” (Read)")
    assert {q.speaker for q in quotes_of(annotate, text)} == {None}


def test_an_inverted_cue_after_a_full_stop(annotate):
    text = "“Our region is far from the headlines, but the talks helped.” Said President Paul Kagame."
    assert quotes_of(annotate, text)[0].speaker == "Paul Kagame"


def test_an_unattributed_quotation_inside_a_paragraph_about_a_person(annotate):
    text = ("The talks in Doha stalled again.\nAnalyst Kizito Onyango pointed to divisions inside the rebel "
            "leadership. \"They are trying to please every faction at once, and it is not working.\"")
    assert quotes_of(annotate, text)[0].speaker == "Kizito Onyango"



@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Russian Foreign Minister Sergei Lavrov restated that Moscow was ready for talks "in which our interests '
         'are upheld".', "Sergei Lavrov"),
        ('Norway defended the Oslo channel as "a forum we must use to discuss the hardest questions".', "Norway"),
        ('Otty Patiño celebrated the deal: "Never before has a ceasefire of this length been agreed."', "Otty Patiño"),
    ],
)
def test_more_reporting_verbs(annotate, text, speaker):
    assert quotes_of(annotate, text)[0].speaker == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('The Sudanese army retook the bridge on Monday. The army said it would "restore order in the capital".',
         "Sudan"),
        ('The Colombian government suspended the talks with the ELN.\nGovernment negotiators added that the talks '
         'were "frozen until further notice".', "Colombia"),
    ],
)
def test_an_institution_speaks_for_the_state_last_named_with_it(annotate, text, speaker):
    assert quotes_of(annotate, text)[0].speaker == speaker


def test_an_institution_no_state_owns_names_nobody(annotate):
    text = 'The army said it would "restore order in the capital".'
    assert quotes_of(annotate, text)[0].speaker is None


def test_a_quotation_is_not_cut_at_an_inner_quotation(annotate):
    text = "Petro said the ELN had “closed the door with the so-called “armed strike” in Arauca” and left."
    assert [q.text for q in quotes_of(annotate, text)] == ["closed the door with the so-called “armed strike” in Arauca"]


def test_a_cue_the_parser_hangs_on_a_quoted_verb_still_attributes(annotate):
    text = "“We told the mediators: ‘no withdrawal, no talks,’ and they understood,” Nangaa told reporters."
    assert quotes_of(annotate, text)[0].speaker == "Nangaa"


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv launched the “Grain from Ukraine” programme in 2022.",
        "The parties signed the “Washington Accord” at the White House.",
        "Ukraine's “Peace Formula” has ten points.",
    ],
)
def test_an_unattributed_title_is_not_a_quote(annotate, text):
    assert quotes_of(annotate, text) == []


def test_an_attributed_short_phrase_is_a_quote(annotate):
    text = "Peskov said there had been “Real Progress” in Abu Dhabi."
    assert [q.text for q in quotes_of(annotate, text)] == ["Real Progress"]


# --- generalization classes (issue 13) --------------------------------------------


@pytest.mark.parametrize(
    "text, quote, speaker",
    [
        # a cue the parser hangs on the name as a modifier
        ("“The truce is holding for now,” analyst Rahel Tesfaye, a researcher at the Rift Institute, "
         "highlighted on her social networks.", "The truce is holding", "Rahel Tesfaye"),
        # a capitalized cue with the speaker after it and no full stop
        ("“We thank the facilitators for their patience.” Said President Salva Kiir\n"
         "The talks resume next week.", "We thank the facilitators", "Salva Kiir"),
        # a colon lead-in that names one person
        ("Defence Minister Khawaja Asif’s warning was blunt: “If the talks fail, it is open war.”",
         "If the talks fail", "Khawaja Asif"),
        ("- UN envoy Hans Grundberg: “The parties must seize this moment for a nationwide ceasefire.”",
         "The parties must seize", "Hans Grundberg"),
        # "it said, adding … were reported and expressing": the passive subject is not the speaker
        ("The Lebanese army said “the patrol was fired upon” near the border. Troops returned fire, it said, "
         "adding no casualties were reported and expressing concern over the “repeated violations.”",
         "repeated violations.", "Lebanon"),
        # "the statement said" goes on with whoever issued it
        ("Ukrenergo, the grid operator, said the strike hit two substations. It said in a statement that "
         "repairs had begun.\n\"All nuclear plants were forced to reduce their output,\" the statement said.",
         "All nuclear plants", "Ukrenergo"),
        # "the official said" after "an official from X"
        ("An official from the U.S. administration confirmed the two sides would meet again.\n"
         "\"We made very good progress in our direct and indirect talks,\" the official said.",
         "We made very good progress", "United States"),
        # "he" after "a meeting with X": the one who met X
        ("EU envoy Miroslav Lajcak urged Belgrade and Pristina to implement the deal.\n"
         "In Skopje, after a meeting with President Stevo Pendarovski, he expressed the hope that "
         "\"the talks in Ohrid will bring an agreement\".", "the talks in Ohrid", "Miroslav Lajcak"),
        # a person named like the group they lead speaks as a person
        ("The Houthi leader Abdul-Malik al-Houthi said in a televised speech on Thursday that attacks would go on. "
         "\"We will not stop until the aggression stops,\" he said.", "We will not stop", "Abdul-Malik al-Houthi"),
        # "the ministry said" with no owner named: the side of the official heading the paragraph
        ("Armenian Foreign Minister Ararat Mirzoyan briefed Azerbaijani Foreign Minister Jeyhun Bayramov "
         "on the treaty text, the Foreign Ministry said. \"The sides agreed to keep working on the text,\" "
         "the ministry said in a statement.", "The sides agreed", "Armenia"),
        # "read" taken by the parser for a noun after a text that speaks
        ("Hamas issued a statement on Sunday, saying it was studying the plan.\n"
         "\"We accept the proposal in principle,\" the statement read.", "We accept the proposal", "Hamas"),
        # a bare surname of a listed office-holder, then a description of them
        ("Kiir said the accord was final.\n\"There will be no return to war,\" the president told reporters in Juba.",
         "There will be no return", "Kiir"),
    ],
)
def test_attribution_classes(annotate, text, quote, speaker):
    found = [q for q in quotes_of(annotate, text) if q.text.startswith(quote)]
    assert [q.speaker for q in found] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        '<img src="https://example.org/a.jpg" style="width:498px;height:auto" decoding="async"> Talks resumed.',
        '<a href="https://x.com/status/1">link</a> The envoy arrived in Aden.',
    ],
)
def test_markup_attribute_values_are_not_quotes(annotate, text):
    assert quotes_of(annotate, text) == []


@pytest.mark.parametrize(
    "text, quote, speaker",
    [
        # text pasted without spaces after full stops, a closing mark opening the quotation
        ("The round in Doha ended within hours.”We are disappointed with the outcome,” Ali Hassan said in Doha."
         "Observers expect another round.", "We are disappointed with the outcome,", "Ali Hassan"),
        ("”We will return to the table,” Maria Lopez told reporters in Havana.", "We will return to the table,",
         "Maria Lopez"),
        # a single-quoted statement over two paragraphs, only the first of which opens with a mark
        ("‘I welcome the progress the parties have made in Oslo.\nBoth delegations showed goodwill and I am glad they "
         "will meet again in June,’ Foreign Minister Anniken Huitfeldt said.\nThe next round is due in June.",
         "I welcome the progress the parties have made in Oslo.\nBoth delegations showed goodwill and I am glad they "
         "will meet again in June,", "Anniken Huitfeldt"),
    ],
)
def test_misprinted_and_run_on_quotation_marks(annotate, text, quote, speaker):
    found = [q for q in quotes_of(annotate, text) if q.text == quote]
    assert len(found) == 1
    assert found[0].speaker == speaker
    assert text[found[0].evidence.start : found[0].evidence.end] == found[0].text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("They began.”The talks failed,” he said.", ["The talks failed,"]),
        ("“We go on.\nAnd we win,” he said. “Yes,” she said.", ["We go on.\nAnd we win,", "Yes,"]),
        ("He called it a “so-called” truce.", ["so-called"]),
    ],
)
def test_closing_marks_that_open_and_run_on_paragraphs(text, expected):
    assert [text[q.start : q.end] for q in find_quote_spans(text)] == expected


@pytest.mark.parametrize(
    "text, quote, speaker",
    [
        # the embassy a multi-word state name owns
        ("The United States Embassy has been supporting the process. “We urge all to be part of the process,” the "
         "embassy posted on Twitter.", "We urge all to be part of the process,", "United States"),
        # a paragraph ending with an abbreviation's full stop ends the sentence
        ("“This is an encouraging step towards dialogue,” says the U.N.\n\nA key participant was the Kenyan envoy.",
         "This is an encouraging step towards dialogue,", "United Nations"),
    ],
)
def test_speakers_named_by_an_institution(annotate, text, quote, speaker):
    found = [q for q in quotes_of(annotate, text) if q.text == quote]
    assert len(found) == 1
    assert found[0].speaker == speaker
