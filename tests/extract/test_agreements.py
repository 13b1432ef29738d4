"""Agreements: kind, quantity and status, on real sentences from several
peace processes (news text read from the shared corpus; White House text,
public domain, verbatim), merged across sentences, and never from unrelated
text."""

from __future__ import annotations

import pytest
from conftest import needs_shared
from corpus_text import corpus_doc, corpus_sentence
from events_gold import f1, gold_counts

from detente.extract.agreements import extract_agreements


def agreements_of(annotate, text, published="2026-02-05"):
    doc, ctx = annotate(text, published=published)
    return extract_agreements(doc, ctx)


def keys(found):
    return [(a.kind, a.quantity, a.status) for a in found]


@needs_shared()
@pytest.mark.parametrize(
    "doc_id, phrase, expected",
    [
        # Russia–Ukraine: "agreed to an exchange of 314 prisoners of war, which took place on Thursday"
        ("ru-ua-2026-02-05-reuters-abu-dhabi-round2-pow-swap", "exchange of 314 prisoners", [("prisoner_exchange", 314, "implemented")]),
        # "the first stage of the "1000-for-1000" exchange agreement": both sides' numbers, in all
        ("ru-ua-2025-05-24-dw-russia-ukraine-swap-hundreds-more-pows", "1000-for-1000", [("prisoner_exchange", 2000, "agreed")]),
        ("ru-ua-2025-03-26-ap-accuse-breaking-energy-ceasefire", "to halt the attacks for 30 days", [("ceasefire", 30, "agreed")]),
        # Colombia–ELN: "the ELN ended a ceasefire deal it signed …"
        ("co-eln-2024-09-20-globalpost-talks-suspended-after-arauca-attack", "ended a ceasefire deal", [("ceasefire", None, "collapsed")]),
        # Israel–Hamas: "the release of 10 hostages and 70 days of truce"
        ("il-ha-2025-05-26-jpost-hamas-agrees-witkoff-proposal", "release of 10 hostages",
         [("prisoner_exchange", 10, "proposed"), ("ceasefire", 70, "proposed")]),
        # Afghanistan: "a joint agreement signed in Doha"
        ("af-2020-02-29-stripes-us-taliban-sign-deal-truncated", "joint agreement signed in Doha", [("framework", None, "signed")]),
    ],
)
def test_agreement_in_corpus_sentence(annotate, doc_id, phrase, expected):
    text, published = corpus_sentence(doc_id, phrase)
    assert keys(agreements_of(annotate, text, published)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # White House statements (public domain): DRC, Yemen, Armenia–Azerbaijan, Gaza
        ("The United States welcomes the 72-hour ceasefire committed to by the parties to the conflict in "
         "eastern Democratic Republic of the Congo (DRC).", [("ceasefire", 72, "agreed")]),
        ("I welcome the announcement today of a two-month truce in the Yemen conflict.", [("ceasefire", 2, "agreed")]),
        ("Today, President Donald J. Trump hosted Azerbaijani President Ilham Aliyev and Armenian Prime Minister "
         "Nikol Pashinyan at the White House, where the two leaders signed a historic joint declaration for peace "
         "after decades of bitter conflict and scores of lives lost. The two leaders also signed bilateral economic "
         "agreements with the U.S., unlocking the great potential of the South Caucasus region in trade, transit, "
         "energy, infrastructure, and technology.", [("framework", None, "signed"), ("economic", None, "signed")]),
        ("Thus far, more than 50 hostages have now been released and returned to their families.",
         [("prisoner_exchange", 50, "implemented")]),
        ("Russia and Ukraine agreed at the Istanbul talks to a 1,000-for-1,000 prisoner swap.", [("prisoner_exchange", 2000, "agreed")]),
        ("Putin agreed to halt attacks on energy infrastructure for 30 days.", [("ceasefire", 30, "agreed")]),
        ("The ceasefire collapsed in March when Israel resumed its strikes on Gaza.", [("ceasefire", None, "collapsed")]),
        ("Mediators proposed a 60-day truce between the army and the RSF.", [("ceasefire", 60, "proposed")]),
        ("Medinsky said a prisoner exchange would take place soon on a 1,000-for-1,000 basis.",
         [("prisoner_exchange", 2000, "agreed")]),
        ("If agreed to, the humanitarian truce in Sudan could start on Friday.", [("humanitarian", None, "proposed")]),
        # A release told in the past tense, with no agreement noun, has happened; "each": both sides' captives.
        ("On Friday, both sides said they had each handed over 390 POWs.", [("prisoner_exchange", 780, "implemented")]),
        ("Sudan's army and the RSF agreed to free 120 detainees each.", [("prisoner_exchange", 240, "agreed")]),
        # Truce lengths: hours and months as written, weeks in days.
        ("The government and the ELN agreed to a six-week ceasefire in Colombia's north.", [("ceasefire", 6, "agreed")]),
        ("The Houthis and the Saudi-led coalition agreed to a 48-hour truce in Hodeidah.", [("ceasefire", 48, "agreed")]),
        ("Armenia and Azerbaijan agreed to a one-week truce along the border.", [("ceasefire", 1, "agreed")]),
        ("The army agreed to halt its attacks on Goma for a week.", [("ceasefire", 1, "agreed")]),
    ],
)
def test_agreement_in_sentence(annotate, text, expected):
    found = agreements_of(annotate, text)
    assert keys(found) == expected
    for agreement in found:
        assert text[agreement.evidence.start : agreement.evidence.end] == agreement.evidence.text


@pytest.mark.parametrize(
    "text",
    [
        "If they want to negotiate a peace settlement, they should stop the shelling.",
        "President Trump signed a memorandum to safeguard American innovation.",  # one side: no agreement
        "The modalities will be specified within the framework of the talks.",
        "Is there a shift in U.S. policy as it relates to Taiwan and a defense agreement?",
        "The EC truce monitors were flown to Zagreb.",
        "Hamas is thought to still be holding 59 hostages.",
        "Kyiv said Moscow had not handed over 200 prisoners as promised.",  # negated: not an exchange
        "President Biden signed the PACT Act into law.",
        "The United States and the United Kingdom signed a trade agreement on Thursday.",  # not about a conflict
        "Few believe that a settlement of the war between Armenia and Azerbaijan is within reach.",  # a noun, no cue
        "Kyiv said Moscow was doing everything to derail the agreements on a settlement of the war.",  # no aim at a deal
    ],
)
def test_no_agreement(annotate, text):
    assert agreements_of(annotate, text) == []


@needs_shared()
def test_quantity_from_a_later_sentence(annotate):
    """"the two sides agreed to another exchange of prisoners of war … Witkoff
    said on February 5 that 314 prisoners in all would be released": one
    exchange, 314, dated by the later sentence; "that agreement, signed by …"
    gives the 1994 memorandum its status and parties."""
    doc = corpus_doc("seed-abu-dhabi-2026-02-05")
    found = agreements_of(annotate, doc["text"], doc["published"])
    exchanges = [a for a in found if a.kind == "prisoner_exchange"]
    assert [(a.quantity, a.status, a.date) for a in exchanges] == [(314, "agreed", "2026-02-05")]
    (memorandum,) = [a for a in found if a.kind == "security"]
    assert memorandum.status == "signed" and memorandum.date == "1994"
    assert {"United States", "Russia", "United Kingdom"} <= set(memorandum.parties)


@needs_shared()
def test_proposed_and_collapsed_ceasefires_stay_apart(annotate):
    doc = corpus_doc("il-ha-2025-03-29-bbc-ceasefire-plan-back-on-table")
    found = keys(agreements_of(annotate, doc["text"], doc["published"]))
    assert ("ceasefire", 50, "proposed") in found
    assert ("ceasefire", None, "collapsed") in found


@needs_shared()
def test_gold_floor(annotate):
    assert f1(*gold_counts(annotate, "agreements", extract_agreements)[:3]) >= 0.75


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Nepalese government and Maoist rebels have reached a peace agreement on Friday.", [("framework", None, "agreed")]),
        ("The Malian government and Tuareg rebels have reached a peace agreement in Algiers.", [("framework", None, "agreed")]),
    ],
)
def test_a_deal_agreed_by_a_pair_needs_no_second_name(annotate, text, expected):
    assert keys(agreements_of(annotate, text)) == expected


@pytest.mark.parametrize(
    "text, parties",
    [
        # The mediator that welcomes or brokers a deal is not bound by it.
        ("Rwanda and the DR Congo have clashed for years. The United States welcomes the 72-hour ceasefire "
         "agreed by Rwanda and the DR Congo.", {"DR Congo", "Rwanda"}),
        ("Israel and Hamas fought in Gaza for months. Qatar and Egypt brokered a ceasefire between Israel and "
         "Hamas on Monday.", {"Israel", "Hamas"}),
        # One side named, the other is the report's other side, not the mediator beside it.
        ("Russia and Ukraine exchanged fire all winter. The United States welcomed a ceasefire agreed by Ukraine.",
         {"Russia", "Ukraine"}),
        # A side's deal with an ally keeps the ally.
        ("Russia and Ukraine have been at war since 2022. The United States and Ukraine signed an economic agreement "
         "on minerals on Thursday.", {"United States", "Ukraine"}),
        # "between" hangs on the verb of a passive deal sentence (a dateline before it too).
        ("KAMPALA -- A cease-fire deal has been agreed between the Ugandan army and the rebel LRA movement.",
         {"Uganda", "LRA"}),
        ("A peace agreement was signed on Friday between the Colombian government and the rebel ELN movement "
         "after years of fighting.", {"Colombia", "ELN"}),
    ],
)
def test_agreement_parties(annotate, text, parties):
    (found,) = agreements_of(annotate, text)
    assert set(found.parties) == parties


@pytest.mark.parametrize(
    "text, expected",
    [
        # One side accepting an offer leaves it proposed; so does a mediator agreeing with one side.
        ("Sudan's army and the RSF have fought since 2023. The RSF agreed to a ceasefire proposal put forward "
         "by the mediators.", [("ceasefire", None, "proposed")]),
        ("Russia and Ukraine fought in Donetsk. The United States and Ukraine agreed on a 30-day ceasefire on "
         "Tuesday.", [("ceasefire", 30, "proposed")]),
        ("Russia and Ukraine fought in Donetsk. Kyiv and Moscow agreed to a ceasefire.", [("ceasefire", None, "agreed")]),
        # A denied acceptance is no agreement.
        ("Azerbaijan and Armenia clashed on the border. Officials in Yerevan denied that Armenia had accepted "
         "the ceasefire.", []),
        # What a modal verb aims at is proposed.
        ("Israel and Hezbollah fought in Lebanon. The release of hostages would result in a ceasefire in Lebanon "
         "over a period of at least six weeks.", [("ceasefire", 6, "proposed")]),
        # Broken, not upheld: collapsed; a charge of breaking it is not.
        ("The ELN attacked an army base in Arauca. The ELN broke the ceasefire on Monday.", [("ceasefire", None, "collapsed")]),
        ("Yemen's government and the Houthis fought in Marib. It echoes a truce they agreed on last year but that "
         "was not respected.", [("ceasefire", None, "collapsed")]),
        ("The government accused the ELN of breaking the ceasefire.", []),
        # "The prisoner swap" told before its number is the one numbered exchange.
        ("Armenia and Azerbaijan fought over Karabakh. The prisoner swap took place on the border on Friday. In "
         "talks in Abu Dhabi last month, Baku and Yerevan agreed to exchange 40 detainees each.",
         [("prisoner_exchange", 80, "implemented")]),
        # "The truce" after a humanitarian truce is that truce.
        ("The M23 and the DR Congo fought near Goma. The two sides signed a two-week humanitarian truce on "
         "Friday. The truce covers the areas around Goma.", [("humanitarian", 2, "signed")]),
        # A truce in force is implemented, however the report says so.
        ("Israel and Hezbollah fought in Lebanon. The 60-day ceasefire between Israel and Hezbollah entered "
         "into force on Wednesday.", [("ceasefire", 60, "implemented")]),
        ("The Houthis and the Yemeni government fought in Marib. The two-month truce agreed by both sides has "
         "largely held since April.", [("ceasefire", 2, "implemented")]),
        ("The M23 and the DR Congo fought near Goma. The 15-day humanitarian truce agreed by both sides will be "
         "in effect until August 3.", [("humanitarian", 15, "implemented")]),
    ],
)
def test_agreement_status_in_report(annotate, text, expected):
    assert keys(agreements_of(annotate, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A truce the sentence takes as in force: its modifier, "holding", kept, complied with, time after it.
        ("Pakistan and Afghanistan clashed on the border. The fragile ceasefire between Pakistan and Afghanistan "
         "was tested on Sunday.", [("ceasefire", None, "implemented")]),
        ("Armenia and Azerbaijan fought in Karabakh. The truce between Armenia and Azerbaijan is holding, officials said.",
         [("ceasefire", None, "implemented")]),
        ("India and Pakistan fought for four days. Pakistan said it was committed to upholding the ceasefire with India.",
         [("ceasefire", None, "implemented")]),
        ("The M23 and the DR Congo fought near Goma. Observers will monitor compliance with the truce between the "
         "DR Congo and the M23.", [("ceasefire", None, "implemented")]),
        ("Thailand and Cambodia clashed on the border. Two days after the ceasefire, Thai and Cambodian commanders "
         "met in Malaysia.", [("ceasefire", None, "implemented")]),
        ("Turkey and the PKK fought for decades. In May, the PKK declared a ceasefire.", [("ceasefire", None, "implemented")]),
        # Hedged, it is not yet in force; what talks aim at is proposed.
        ("Russia and Ukraine fought in Donetsk. Negotiators discussed how a ceasefire between Russia and Ukraine "
         "would be monitored.", [("ceasefire", None, "proposed")]),
        ("Thailand and Cambodia clashed on the border. Leaders met in Kuala Lumpur in a summit aimed at securing "
         "an immediate ceasefire between Cambodia and Thailand.", [("ceasefire", None, "proposed")]),
    ],
)
def test_truce_in_force_or_aimed_at(annotate, text, expected):
    assert keys(agreements_of(annotate, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # What talks are about, or work aims at, is proposed, whatever was agreed about the talks.
        ("Thailand and Cambodia clashed on the border. Thailand and Cambodia agreed to hold talks on a ceasefire.",
         [("ceasefire", None, "proposed")]),
        ("Armenia and Azerbaijan fought over Karabakh. Armenia and Azerbaijan agreed to work toward a peace "
         "agreement.", [("framework", None, "proposed")]),
        ("The ELN and Colombia fought in Catatumbo. Colombia and the ELN agreed to open negotiations over a "
         "ceasefire in Catatumbo.", [("ceasefire", None, "proposed")]),
        # The length of the fighting is not the length of a truce.
        ("Israel and Iran fought for days. Israel and Iran agreed to a ceasefire to end their 12-day war.",
         [("ceasefire", None, "agreed")]),
        ("India and Pakistan fought in Kashmir. India and Pakistan agreed to a ceasefire after four days of clashes.",
         [("ceasefire", None, "agreed")]),
        ("Israel and Hamas fought in Gaza. Israel and Hamas agreed to a six-week truce in the war.",
         [("ceasefire", 6, "agreed")]),
    ],
)
def test_negotiated_and_fighting_lengths(annotate, text, expected):
    assert keys(agreements_of(annotate, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A numbered plan is a plan to settle the war, whatever its points are about.
        ("Russia and Ukraine have been at war since 2022. In June, African leaders presented a 10-point plan focusing on "
         "grain exports.", [("framework", None, "proposed")]),
        ("Armenia and Azerbaijan fought a war over Karabakh. Officials studied the 14-point plan leaked to the press.",
         [("framework", None, "proposed")]),
        # Abducted schoolgirls and students freed in a passive past sentence; "N of M": the N freed.
        ("Nigeria has fought the jihadists for years. Officials said 34 kidnapped schoolgirls were released on Sunday "
         "after talks with the militants.", [("prisoner_exchange", 34, "implemented")]),
        ("Mali's army and the jihadists clashed for months. The group has released 12 of more than 80 students "
         "it seized in March.", [("prisoner_exchange", 12, "implemented")]),
        # "the release of <captives>": an exchange; won in the past, it happened.
        ("Israel and Hamas fought in Gaza. Qatar secured the release of four more Israeli hostages on Saturday.",
         [("prisoner_exchange", 4, "implemented")]),
        ("Russia and Ukraine fought in Donetsk. Turkey is working to secure the release of 200 Ukrainian prisoners.",
         [("prisoner_exchange", 200, "proposed")]),
        # A government freeing its own political prisoners exchanges no one.
        ("Ethiopia and the TPLF fought in Tigray. Ethiopia announced the release of several political prisoners.", []),
    ],
)
def test_numbered_plans_and_releases(annotate, text, expected):
    assert keys(agreements_of(annotate, text)) == expected


def test_a_plan_binds_the_sides_it_is_put_to(annotate):
    text = ("Russia and Ukraine have fought since 2022. In June, a delegation of leaders from South Africa, Senegal and "
            "Zambia visited Kyiv to present a 10-point peace plan to Ukraine.")
    (plan,) = agreements_of(annotate, text)
    assert set(plan.parties) == {"Russia", "Ukraine"}


def test_a_later_sentence_may_place_a_deal_in_the_conflict(annotate):
    """The sentence that names a deal need not speak of fighting; one about the same deal later may."""
    text = ("The SDF signed a deal with the Damascus government on Monday to join state institutions. "
            "The markets in Raqqa were busy. The shops in Hasakah opened late. "
            "The accord came after months of violence between the SDF and Syria's government.")
    found = agreements_of(annotate, text)
    assert [(a.kind, a.status) for a in found] == [("framework", "signed")]


@pytest.mark.parametrize(
    "text, parties",
    [
        # "between X and Y" names the sides bound, whoever the report talks most about.
        ("Malaysia hosted the talks in Putrajaya. Malaysia's prime minister said Malaysia was proud. The United States "
         "applauds the ceasefire between Cambodia and Thailand signed in Kuala Lumpur.", {"Cambodia", "Thailand"}),
        ("Qatar and Egypt hosted the talks. Qatar said Qatar would keep mediating. Officials announced a truce between "
         "Israel and Hamas on Friday.", {"Israel", "Hamas"}),
        # A side signs with another: both are bound.
        ("Turkey hosted the talks. Turkey said the talks went well. The SDF signed a peace deal with the Damascus "
         "government on March 10 to end the war.", {"SDF", "Syria"}),
        # A truce one side declares, no other side named, binds that side alone.
        ("Turkey and the PKK fought for decades in Turkey. In May, the PKK declared a ceasefire.", {"PKK"}),
        # Those who agree together are bound, a mediator among them is not.
        ("Kenya hosted the talks in Nairobi. Kenya said the talks went well. Ethiopia and the TPLF agreed to a "
         "ceasefire on Wednesday.", {"Ethiopia", "TPLF"}),
    ],
)
def test_agreement_between_sides(annotate, text, parties):
    found = [a for a in agreements_of(annotate, text) if a.kind in ("ceasefire", "framework")]
    assert [set(a.parties) for a in found] == [parties]


def test_a_proposed_peace_plan_needs_no_two_sides_named(annotate):
    """A plan one state puts forward names its author, not the sides it would bind."""
    text = "Russia and Ukraine have fought since 2022. China proposed a 12-point peace plan for the war in Ukraine."
    (plan,) = agreements_of(annotate, text)
    assert (plan.kind, plan.quantity, plan.status) == ("framework", None, "proposed")
    assert set(plan.parties) == {"Russia", "Ukraine"}  # its author is not bound by it


def test_numbered_plans_are_distinct(annotate):
    """"a 12-point plan", "a 10-point plan": two plans, not one told twice."""
    text = ("Russia and Ukraine have fought since 2022. China proposed a 12-point peace plan in 2023. In June, "
            "African leaders presented a 10-point peace plan for the war.")
    assert keys(agreements_of(annotate, text)) == [("framework", None, "proposed")] * 2


@pytest.mark.parametrize(
    "text, parties",
    [
        # A movement the gazetteer does not list, named with a movement word, goes by its bracketed short form;
        # the state that hosts or facilitates is not a side.
        ("Norway hosted the talks in Oslo. The Government of the Philippines and the National Democratic Front of the "
         "Philippines (NDFP) signed a peace agreement on Friday. Norway has been facilitator of the talks since 2001.",
         {"Philippines", "NDFP"}),
        ("The talks were held in Bissau under the mediation of Guinea-Bissau. Senegal's government and the Movement "
         "of Democratic Forces of Casamance (MFDC) signed a peace agreement on Sunday to end the war.",
         {"Senegal", "MFDC"}),
        # A name the text calls a rebel group is a side, wherever it meets.
        ("Malaysia hosted the talks. Thailand and the PULO rebel group agreed to a ceasefire during Ramadan.",
         {"Thailand", "PULO"}),
        # "the Government of X" is X.
        ("The Government of Mozambique and the Renamo rebel group signed a peace accord in Maputo to end the conflict.",
         {"Mozambique", "Renamo"}),
    ],
)
def test_unlisted_movements_are_sides(annotate, text, parties):
    found = [a for a in agreements_of(annotate, text) if a.kind in ("ceasefire", "framework")]
    assert [set(a.parties) for a in found] == [parties]


@pytest.mark.parametrize(
    "text, expected, parties",
    [
        # Normalization deals named by verb and object only: done in the perfect, agreed with "agree to".
        ("Bahrain and Qatar have restored full diplomatic relations after a three-year rift.",
         ("framework", "implemented"), {"Bahrain", "Qatar"}),
        ("Armenia and Turkey agreed to resume diplomatic ties after decades of hostility.",
         ("framework", "agreed"), {"Armenia", "Turkey"}),
        ("Saudi Arabia, the UAE and Egypt have restored diplomatic relations with Qatar.",
         ("framework", "implemented"), {"Saudi Arabia", "United Arab Emirates", "Egypt", "Qatar"}),
        ("Iran and Saudi Arabia have reached an agreement to reopen embassies within two months.",
         ("framework", "agreed"), {"Iran", "Saudi Arabia"}),
        # A joint statement both sides sign is a framework deal.
        ("Colombia and the ELN signed a joint statement in Havana on the next cycle of peace talks to end the conflict.",
         ("framework", "signed"), {"Colombia", "ELN"}),
        # Disengagement agreed or done is a security deal.
        ("India and China have agreed to disengage at the friction points along the border.",
         ("security", "agreed"), {"India", "China"}),
    ],
)
def test_deals_named_without_agreement_word(annotate, text, expected, parties):
    (found,) = agreements_of(annotate, text)
    assert (found.kind, found.status) == expected
    assert set(found.parties) == parties


@pytest.mark.parametrize(
    "text",
    [
        "Officials said work was under way to restore relations between the two countries.",  # an aim
        "Saudi Arabia hosted 40 countries, but no final agreement or joint statement was reached on the war.",
        "The joint statement released after the meeting said the talks on the war would continue in Oslo.",
    ],
)
def test_no_deal_from_aims_or_released_statements(annotate, text):
    assert [a for a in agreements_of(annotate, text) if a.kind == "framework" and a.status != "proposed"] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # Joint bodies both sides agree to or decide on are deals; one side appointing a team is none.
        ("Kosovo and Serbia have fought over the north. The two sides agreed to appoint technical committees to "
         "continue the talks.", [("other", None, "agreed")]),
        ("Israel and Syria met in Paris on the conflict. Both sides have decided to establish a joint security "
         "coordination mechanism.", [("security", None, "agreed")]),
        ("Israel and Syria met in Paris on the conflict. Netanyahu has appointed a new team to lead the talks.", []),
        # Working for, pushing for or talking about a truce leaves it proposed.
        ("The government and the NDFP ended their war talks. The parties agree to work for a bilateral ceasefire.",
         [("ceasefire", None, "proposed")]),
        ("Israeli and Syrian officials met for talks on a border security agreement to end the conflict.",
         [("security", None, "proposed")]),
        # A status verb with an object of its own says nothing of the deal.
        ("Israel and Syria fought in the south. The goal is a security pact that would demilitarize the south and "
         "secure an Israeli withdrawal.", []),
        ("Russia and Ukraine fought on. They accused each other of breaking a deal brokered by Washington to pause "
         "strikes on energy sites.", [("ceasefire", None, "agreed")]),
    ],
)
def test_joint_bodies_aims_and_status_cues(annotate, text, expected):
    assert keys(agreements_of(annotate, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Aid both sides agree to let through is a humanitarian deal.
        ("Talks on the war in Yemen ended with both sides agreeing to expand aid for residents of Taiz.",
         [("humanitarian", None, "agreed")]),
        # A report that opens on "the deal signed" tells of a deal its headline names.
        ("The deal signed on Friday in Addis Ababa by Ethiopia and the TPLF ends two years of war in the north.",
         [("framework", None, "signed")]),
    ],
)
def test_aid_deals_and_opening_deals(annotate, text, expected):
    assert keys(agreements_of(annotate, text)) == expected
