"""Assessments: how each speaker judges the prospects of the talks."""

from __future__ import annotations

import dataclasses

import pytest

from detente.extract.assessments import extract_assessments
from detente.extract.quotes import extract_quotes

#: Enough talk vocabulary that the report counts as being about negotiations.
CONTEXT = "The delegations held peace talks on a ceasefire deal with mediators. "


def assess(annotate, text):
    doc, ctx = annotate(CONTEXT + text)
    ctx = ctx.with_quotes(extract_quotes(doc, ctx))
    return {a.source: a.polarity for a in extract_assessments(doc, ctx)}, doc, ctx


CASES = [
    # Russia–Ukraine
    ('Ukraine\'s lead negotiator, Rustem Umerov, said the first day of discussions had been '
     '"meaningful and productive, focusing on concrete steps and practical solutions."',
     "Rustem Umerov", "positive"),
    ('"But I\'m rather skeptical if we get to the nitty-gritty of the whole negotiations," '
     'Markus Ziener told RFE/RL. "So far, there is not really much that gives us hope that a settlement is within reach."',
     "Markus Ziener", "negative"),
    ('"It\'s not going to be easy. It won\'t be simple. It\'ll take some time. But at least we\'re on that road," '
     "Secretary of State Marco Rubio said. \"I think everyone should be happy that we're talking.\"",
     "Marco Rubio", "mixed"),
    # Armenia–Azerbaijan
    ('"Today, we have reached a significant milestone in Armenian and Azerbaijani relations. This breakthrough '
     'would simply not have been possible without President Trump," said Prime Minister Nikol Pashinyan.',
     "Nikol Pashinyan", "positive"),
    # DRC–M23
    ('Congolese government spokesman Patrick Muyaya said the Doha talks had stalled and were back to square one.',
     "Patrick Muyaya", "negative"),
    # Colombia–ELN
    ('Colombian peace commissioner Otty Patino said the negotiations with the ELN had reached a deadlock.',
     "Otty Patino", "negative"),
    # Sudan
    ('U.S. envoy Tom Perriello said the Geneva talks on Sudan had been constructive and encouraging.',
     "Tom Perriello", "positive"),
    # Yemen
    ('UN envoy Hans Grundberg said the truce talks made no progress.',
     "Hans Grundberg", "negative"),
    # a judgement in the words of a sentence ("was satisfied", not only "satisfy")
    ("Russia's chief negotiator, Vladimir Medinsky, said that Russia was satisfied with the meeting.",
     "Vladimir Medinsky", "positive"),
    ('Iran\'s foreign minister Abbas Araghchi called the talks in Muscat "a good start".',
     "Abbas Araghchi", "positive"),
    ("Analyst Kizito Sabala said the regional peace efforts in Congo are unlikely to work.",
     "Kizito Sabala", "negative"),
    ("Ukrainian President Volodymyr Zelensky said Russia was trying to buy time to continue the war instead of negotiating.",
     "Volodymyr Zelensky", "negative"),
    ("US secretary of state Marco Rubio sounded sceptical about a deal with Iran at the talks.",
     "Marco Rubio", "negative"),
    # both ways across a contrast: mixed
    ('Kremlin aide Vladimir Medinsky described the talks as "difficult, but businesslike."',
     "Vladimir Medinsky", "mixed"),
    ("Colombian negotiator Vera Grabe said the talks with the ELN made progress, but that hard issues remain unresolved.",
     "Vera Grabe", "mixed"),
]


#: States and groups judge through a nameless official or jointly with another side.
VOICES = [
    ("Both Armenia and Azerbaijan described the round of peace talks in Abu Dhabi as constructive.",
     {"Armenia": "positive", "Azerbaijan": "positive"}),
    ("A Sudanese official called the Jeddah ceasefire talks productive.", {"Sudan": "positive"}),
    ("Thai officials said the ceasefire talks with Cambodia had stalled.", {"Thailand": "negative"}),
    # an institution that speaks for its state: ministry, embassy, government, "side"
    ("Georgia and Russia met in Geneva. The talks were held in a positive and constructive atmosphere, "
     "the Georgian Foreign Ministry reported.",
     {"Georgia": "positive"}),
    ("The British embassy in Nairobi hailed the truce as a vital step towards reconciliation.",
     {"United Kingdom": "positive"}),
    ("The Colombian side said the peace talks with the ELN had stalled.", {"Colombia": "negative"}),
    # a verb that reports the judgement itself, not a summary of the side's line
    ("The United States commends these positive steps by the parties to the ceasefire.",
     {"United States": "positive"}),
    ("Kenya welcomed the truce between Ethiopia and Eritrea, saying that it marks a positive step toward peace.",
     {"Kenya": "positive"}),
    # "both sides": the two states or groups named before
    ("Serbia and Kosovo sent delegations to Brussels. Both sides agreed the consultations were highly productive.",
     {"Serbia": "positive", "Kosovo": "positive"}),
    ("Envoys of Sudan and the RSF met in Jeddah. The two delegations described the talks as constructive.",
     {"Sudan": "positive", "RSF": "positive"}),
    # the judge of a passive
    ("The Doha accord between Congo and the M23 was hailed by the African Union as a milestone.",
     {"African Union": "positive"}),
    # a statement issued by several sides speaks for each of them
    ("A joint statement issued by Ethiopia, Eritrea and Kenya affirmed that the talks were productive.",
     {"Ethiopia": "positive", "Eritrea": "positive", "Kenya": "positive"}),
]

#: Judgements whose words say the opposite of their cue, or nothing at all.
TURNS = [
    # a subject that is nobody, a head that denies the cue
    ("Analyst Sanam Vakil said nobody believes that Iran is negotiating in good faith.", "Sanam Vakil", "negative"),
    ("Analyst Jason Stearns said the M23's refusal to negotiate in good faith was plain at the Doha talks.",
     "Jason Stearns", "negative"),
    # a threat phrased hopefully is no judgement of the talks
    ('"We hope they understand that we will respond with force," Israeli defence minister Israel Katz said of the truce talks.',
     "Israel Katz", None),
    ("Colombian negotiator Vera Grabe said Bogota had kept its promises in the talks with the ELN.", "Vera Grabe", None),
    # a difficulty that is being ended is no doubt about the talks
    ("Malian minister Abdoulaye Diop said the Algiers talks aim to resolve the difficulties between the parties.",
     "Abdoulaye Diop", None),
    # progress set against the work still to do: mixed
    ("UN envoy Hans Grundberg said the Yemen talks were constructive, but there is still serious work ahead.",
     "Hans Grundberg", "mixed"),
    # judgements of prospects an analysis piece uses
    ("Analyst Thomas de Waal said the prospects of a peace deal between Baku and Yerevan were dim.",
     "Thomas de Waal", "negative"),
    ("Colombian negotiator Vera Grabe said the accord with the ELN marked a turning point.", "Vera Grabe", "positive"),
    ("Analyst Alex de Waal said the Jeddah talks had achieved little.", "Alex de Waal", "negative"),
    # the prospects in images: a new chapter, the page turned, the door of peace
    ("Eritrean foreign minister Osman Ali said the peace deal with Ethiopia marks a new chapter for the region.",
     "Osman Ali", "positive"),
    ("Kuwaiti minister Ahmad Nasser said the accord turned the page on years of dispute.", "Ahmad Nasser", "positive"),
    ("North Korean negotiator Kim Yong Chol said the talks broke off after an hour.", "Kim Yong Chol", "negative"),
    # progress against the challenges still ahead: mixed
    ('"There is new optimism in the peace process, but there are also challenges ahead," said envoy Kjell Berg.',
     "Kjell Berg", "mixed"),
    ("IGAD envoy Aisha Noor said the agreement represents significant progress, but warned that the real "
     "challenge lies in implementing it.", "Aisha Noor", "mixed"),
    # a mood said of someone, no reporting verb
    ("The second round of talks in Helsinki ended on Monday. Indonesian minister Hamid Siregar was also pleased.",
     "Hamid Siregar", "positive"),
    ("After the Doha talks, Qatari envoy Mohammed Al-Khulaifi remained sceptical.", "Mohammed Al-Khulaifi", "negative"),
    # "according to": the analyst judges the rest of the sentence
    ("According to analyst Alex de Waal, the Sudan ceasefire deal is unlikely to hold.", "Alex de Waal", "negative"),
]


def test_the_talks_may_be_named_two_sentences_before(annotate):
    text = ("Hamas sent its reply on the hostage deal on Monday. It came late at night. "
            '"What I have seen from Hamas is disappointing," said Steve Witkoff.')
    found, _doc, _ctx = assess(annotate, text)
    assert found.get("Steve Witkoff") == "negative"


@pytest.mark.parametrize("text, expected", VOICES)
def test_state_judges_through_official_or_jointly(annotate, text, expected):
    found, _doc, _ctx = assess(annotate, text)
    assert {s: p for s, p in found.items() if s in expected} == expected


@pytest.mark.parametrize("text, source, polarity", TURNS)
def test_judgement_not_its_words(annotate, text, source, polarity):
    found, _doc, _ctx = assess(annotate, text)
    assert found.get(source) == polarity


@pytest.mark.parametrize("text, source, polarity", CASES)
def test_assessment(annotate, text, source, polarity):
    found, _doc, _ctx = assess(annotate, text)
    assert found.get(source) == polarity


def test_one_assessment_per_speaker_with_valid_evidence(annotate):
    text = ('Kirill Dmitriev said there had been "progress" and positive movement. '
            'Dmitriev later said the talks were productive.')
    doc, ctx = annotate(CONTEXT + text)
    ctx = ctx.with_quotes(extract_quotes(doc, ctx))
    found = extract_assessments(doc, ctx)
    assert [a.source for a in found] == ["Kirill Dmitriev"]
    assert found[0].evidence.valid_for(doc.text)


def test_agreeing_to_a_step_is_no_judgement(annotate):
    found, _doc, _ctx = assess(annotate, "Armenia and Azerbaijan met in Abu Dhabi. The two sides agreed to another "
                                        "exchange of prisoners, a sign of progress.")
    assert found == {}


def test_narrator_and_states_are_no_source(annotate):
    found, _doc, _ctx = assess(annotate, "In a small sign of progress, the two sides agreed to another exchange of prisoners. "
                                        "Russia said the talks were productive.")
    assert found == {}


def test_unrelated_report_has_no_assessment(annotate):
    doc, ctx = annotate('"This is a great bill and real progress for American families," President Biden said.')
    assert extract_assessments(doc, ctx.with_quotes(extract_quotes(doc, ctx))) == []


@pytest.mark.parametrize("title, expected", [
    ("Joint Statement by the Governments of Ethiopia and Kenya on the Nairobi Talks",
     {"Ethiopia": "positive", "Kenya": "positive"}),
    ("Ethiopia and Kenya hold talks in Nairobi", {}),  # a news report narrates: no author judges
])
def test_a_statement_speaks_for_the_authors_its_title_names(annotate, title, expected):
    text = "Ethiopia and Kenya held talks in Nairobi on a ceasefire deal. The talks were constructive."
    doc, ctx = annotate(text)
    ctx = dataclasses.replace(ctx, document=ctx.document.model_copy(update={"title": title}))
    ctx = ctx.with_quotes(extract_quotes(doc, ctx))
    assert {a.source: a.polarity for a in extract_assessments(doc, ctx)} == expected


#: What a deal or the talks will do, told as a prediction: positive, or the
#: other way under negation; a judgement set against its opposite is mixed.
OUTCOMES = [
    ('Mozambique\'s defence minister Cristovao Chume said the accord would bring peace to Cabo Delgado.',
     "Cristovao Chume", "positive"),
    ('"This roadmap will pave the way for a final settlement in the Sahel," said mediator Amadou Diallo.',
     "Amadou Diallo", "positive"),
    ('"The truce will not stop the war in Tigray," rebel spokesman Getachew Reda told reporters.',
     "Getachew Reda", "negative"),
    ('Kachin negotiator Zau Seng said the deal will lead the country out of the crisis.',
     "Zau Seng", "positive"),
    ('"These negotiations will not lead to practical results," Foreign Minister Lina Haddad said.',
     "Lina Haddad", "negative"),
    ('"A lasting settlement is now achievable in Mindanao," said negotiator Miriam Ferrer.',
     "Miriam Ferrer", "positive"),
    ('Rebel leader Ali Kushayb said peace was not possible with this government.',
     "Ali Kushayb", "negative"),
    ('Mediator Jan Egeland said the ceasefire talks were meaningless.',
     "Jan Egeland", "negative"),
    ('Envoy Sara Lund said the talks were largely back on track after early trouble. '
     '"But differences remained over the border," she added.',
     "Sara Lund", "mixed"),
    ('"The events of this week are a setback for the peace process; nevertheless, the peace process continues," '
     'said Defence Minister Paulo Tete.',
     "Paulo Tete", "mixed"),
]


@pytest.mark.parametrize("text, source, polarity", OUTCOMES)
def test_predicted_outcomes_and_contrasts(annotate, text, source, polarity):
    found, _doc, _ctx = assess(annotate, text)
    assert found.get(source) == polarity


@pytest.mark.parametrize("text", [
    "Analyst Maria Kovac said the army would bring more troops to the front.",
    "Spokesman Omar Said said the rebels could take the town within days.",
    "Police chief Anton Mele said the negotiators would travel to a remote district in the highlands.",
])
def test_outcome_without_a_good_end_is_no_judgement(annotate, text):
    found, _doc, _ctx = assess(annotate, text)
    assert not found
