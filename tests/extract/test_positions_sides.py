"""Positions on reports the rules were not written against: who is a side,
what a stance is taken on, and which issue a clause is about. Sentences
written for these tests, from several peace processes."""

from __future__ import annotations

import pytest

from detente.extract.positions import extract_positions
from detente.extract.quotes import extract_quotes


@pytest.fixture(autouse=True)
def _cues_only(monkeypatch):
    monkeypatch.setenv("DETENTE_EMBEDDINGS", "0")


def triples(annotate, text):
    doc, ctx = annotate(text)
    ctx = ctx.with_quotes(extract_quotes(doc, ctx))
    return {(p.party, p.issue, p.stance) for p in extract_positions(doc, ctx)}


#: (text, positions that must be found, positions that must not)
CASES = [
    # a usual mediator between two named sides: its welcome is no position ...
    (
        "Colombia and the ELN resumed peace talks in Caracas. Colombia and the ELN had suspended them in May. "
        "Norway welcomed the ceasefire.",
        set(),
        {("Norway", "ceasefire", "accept")},
    ),
    # ... its proposal still is (the sides answer it)
    (
        "Israel and Hamas held indirect talks in Cairo. Israel and Hamas disagree on the second phase. "
        "Egypt proposed a 60-day truce.",
        {("Egypt", "ceasefire", "propose")},
        set(),
    ),
    # a usual mediator with no two other sides is a side of its own talks
    (
        "Iran held a new round of nuclear talks in Muscat. "
        "The United States demanded that Iran halt uranium enrichment.",
        {("United States", "nuclear", "demand")},
        set(),
    ),
    # "both sides" are the report's two sides, not the host
    (
        "Armenia and Azerbaijan met for peace talks hosted by the United States. Armenia and Azerbaijan "
        "have fought two wars. The United States hosted the leaders at the White House. "
        "Both sides agreed to a ceasefire.",
        {("Armenia", "ceasefire", "accept"), ("Azerbaijan", "ceasefire", "accept")},
        {("United States", "ceasefire", "accept")},
    ),
    # inside a quote, "they" is not the one quoted
    (
        "Thailand and Cambodia held peace talks in Kuala Lumpur. "
        "\"They agreed to meet immediately and work toward a ceasefire,\" US President Donald Trump wrote.",
        set(),
        {("United States", "ceasefire", "accept"), ("United States", "general", "accept")},
    ),
    # reaching, striking or sealing a deal accepts it; "the government of X" names X
    (
        "Delegations met for peace talks in Doha. The Taliban and the government of Pakistan "
        "reached an agreement on an immediate ceasefire.",
        {("Taliban", "ceasefire", "accept"), ("Pakistan", "ceasefire", "accept")},
        set(),
    ),
    (
        "Delegations met for peace talks in Pretoria. Ethiopia and the TPLF struck a deal on a permanent cessation of hostilities.",
        {("Ethiopia", "ceasefire", "accept"), ("TPLF", "ceasefire", "accept")},
        set(),
    ),
    # agreeing to talks is a stance on the talks, whatever they are about
    (
        "Delegations met for peace talks. Thailand and Cambodia agreed to hold talks on a ceasefire "
        "after three days of cross-border clashes.",
        {("Thailand", "general", "accept"), ("Cambodia", "general", "accept")},
        {("Thailand", "territory", "accept"), ("Thailand", "ceasefire", "accept")},
    ),
    (
        "Delegations met for peace talks in Brussels. Serbia and Kosovo agreed to meet again next month.",
        {("Serbia", "general", "accept"), ("Kosovo", "general", "accept")},
        set(),
    ),
    # the deal itself, not what it is meant to bring about
    (
        "Delegations met for peace talks. Rwanda and the Democratic Republic of the Congo signed a peace deal "
        "aimed at ending the fighting and boosting economic ties.",
        {("Rwanda", "general", "accept"), ("DR Congo", "general", "accept")},
        {("Rwanda", "economy", "accept")},
    ),
    # leaving a region is territory; foreign forces leaving a state is force limits
    (
        "Delegations met for peace talks. Russia demanded that Ukraine withdraw from the Donetsk region.",
        {("Russia", "territory", "demand")},
        {("Russia", "demilitarization", "demand")},
    ),
    (
        "Delegations met for peace talks. Ethiopia demanded that Eritrean forces withdraw from Ethiopia.",
        {("Ethiopia", "demilitarization", "demand")},
        {("Ethiopia", "territory", "demand")},
    ),
    # force cuts and disarmament named without the word "disarm"
    (
        "Delegations met for peace talks. Israel demands that Hamas give up its weapons.",
        {("Israel", "demilitarization", "demand")},
        set(),
    ),
    # a bare gerund after the cue is what it takes; a coordinated cue keeps its own issue
    (
        "Delegations met for peace talks. Ukraine has ruled out in the past ceding any territory to Russia "
        "and insisted on NATO integration.",
        {("Ukraine", "territory", "reject"), ("Ukraine", "security_guarantees", "demand")},
        {("Ukraine", "security_guarantees", "reject")},
    ),
    # the verb a cue governs says what is done with its object
    (
        "Delegations met for peace talks. Russia agreed to halt strikes for a week.",
        {("Russia", "ceasefire", "accept")},
        set(),
    ),
    # what a side will do under a deal is a term it accepted; a plan binds nobody
    (
        "Delegations met for peace talks. Under the agreement, the ELN will release all kidnapped hostages "
        "and Colombia will lift the curfew.",
        {("ELN", "prisoners", "accept")},
        set(),
    ),
    (
        "Delegations met for peace talks. Under the deal, fighting will stop, Israel will withdraw from Gaza "
        "and Hamas will free hostages.",
        {("Hamas", "prisoners", "accept"), ("Israel", "territory", "accept")},
        set(),
    ),
    (
        "Delegations met for peace talks. Under the plan, Russia would hand back the occupied land.",
        set(),
        {("Russia", "territory", "accept")},
    ),
    # a nominal stance's content may be its verb's object; "the proposal calls for" is one stance
    (
        "Delegations met for peace talks. Hamas's main demand is the release of all Palestinian prisoners.",
        {("Hamas", "prisoners", "demand")},
        set(),
    ),
    (
        "Delegations met for peace talks. The Serbian proposal calls for an association of Serb-majority "
        "municipalities with broad autonomy.",
        {("Serbia", "political", "propose")},
        {("Serbia", "political", "demand")},
    ),
    # "both" on a plural noun is the two sides; "the rival X" is one party
    (
        "Sudan's army and the RSF met for peace talks in Jeddah. Sudan's army and the RSF exchanged fire. "
        "The enemies both publicly endorsed the truce.",
        {("SAF", "ceasefire", "accept"), ("RSF", "ceasefire", "accept")},
        set(),
    ),
    (
        "Delegations met for peace talks. Ethiopia and the TPLF met in Pretoria. Ethiopia and the TPLF clashed. "
        "The rival Tigray administration welcomed the truce.",
        set(),
        {("Ethiopia", "ceasefire", "accept")},
    ),
    # a deal made by no one named ("the ceasefire agreed upon") was made by the report's two sides
    (
        "India and Pakistan held talks. India and Pakistan traded fire along the border. "
        "Both armies respected the ceasefire modalities agreed upon with the mediation of Saudi Arabia.",
        {("India", "ceasefire", "accept"), ("Pakistan", "ceasefire", "accept")},
        set(),
    ),
    (
        "Russia and Ukraine met in Istanbul. Russia and Ukraine swapped bodies. "
        "The exchange agreement reached during the talks was carried out.",
        {("Russia", "prisoners", "accept"), ("Ukraine", "prisoners", "accept")},
        set(),
    ),
    # ... but not a clause with its own subject misread as a participle
    (
        "Russia and Ukraine met in Istanbul. Russia and Ukraine swapped bodies. In talks held this month in "
        "Istanbul — the first meeting in years — Kyiv and Moscow agreed to swap 1,000 prisoners of war each.",
        {("Russia", "prisoners", "accept"), ("Ukraine", "prisoners", "accept")},
        {("Russia", "general", "accept")},
    ),
    # announcing or declaring a truce accepts it; announcing its end, or announcing that …, does not
    (
        "Delegations met for peace talks. In May, the PKK declared a ceasefire in line with Ocalan's call.",
        {("PKK", "ceasefire", "accept")},
        set(),
    ),
    (
        "Delegations met for peace talks. Hamas announced the end of the truce.",
        set(),
        {("Hamas", "ceasefire", "accept")},
    ),
    (
        "Delegations met for peace talks. The Kremlin declared that Russia had not attacked energy sites "
        "since Russia agreed to halt the attacks for 30 days.",
        {("Russia", "ceasefire", "accept")},
        set(),
    ),
    # a side's request is its demand
    (
        "Delegations met for peace talks. Ukraine's request for a summit between the two presidents was turned down.",
        {("Ukraine", "general", "demand")},
        set(),
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_positions(annotate, text, present, absent):
    got = triples(annotate, text)
    assert present <= got, f"missing {present - got}, got {got}"
    assert not (absent & got), f"unexpected {absent & got}"


#: necessity wordings a side says: "has to", "needs to", "it is critical that"
NECESSITY = [
    (
        "Rwanda and DR Congo held peace talks in Doha. Rwandan Foreign Minister Olivier Nduhungirehe said "
        "Kinshasa has to disarm the FDLR rebel group.",
        {("Rwanda", "demilitarization", "demand")},
        set(),
    ),
    (
        "Ukraine and Russia held peace talks. Ukrainian President Volodymyr Zelenskyy said it was critical "
        "for the talks to lead to a lasting ceasefire.",
        {("Ukraine", "ceasefire", "demand")},
        set(),
    ),
    (
        "Colombia and the ELN resumed peace talks in Caracas. Colombian President Gustavo Petro said it is "
        "essential that the ELN releases all hostages.",
        {("Colombia", "prisoners", "demand")},
        set(),
    ),
    (
        "Ukraine and Russia held peace talks in Jeddah. The Ukrainian delegation reiterated that European "
        "partners shall be involved in the peace process.",
        {("Ukraine", "general", "demand")},
        set(),
    ),
    (
        "Israel and Hamas held talks in Cairo. Hamas reaffirmed that any deal must include the release of "
        "Palestinian prisoners.",
        {("Hamas", "prisoners", "demand")},
        set(),
    ),
    # a direct quote's own main clause, said by a side
    (
        "Ukraine and Russia held peace talks. \"Sanctions must be applied against Moscow,\" Ukrainian "
        "President Volodymyr Zelenskyy said.",
        {("Ukraine", "sanctions", "demand")},
        set(),
    ),
    (
        "Armenia and Azerbaijan held peace talks. \"We must change the constitution first,\" Armenian "
        "Prime Minister Nikol Pashinyan said.",
        set(),
        {("Armenia", "political", "demand")},
    ),
    # what a side says it has to do itself, or does not have to do, is no demand
    (
        "Armenia and Azerbaijan held peace talks. Armenian Prime Minister Nikol Pashinyan said Armenia "
        "has to change its constitution.",
        set(),
        {("Armenia", "political", "demand")},
    ),
    (
        "Serbia and Kosovo held talks in Brussels. Serbian President Aleksandar Vucic said Serbia "
        "does not need to recognize Kosovo.",
        set(),
        {("Serbia", "political", "demand")},
    ),
    # "it is important to note" is a hedge, an outside voice no side
    (
        "Thailand and Cambodia held peace talks. Thai Prime Minister Anutin Charnvirakul said it is "
        "important to note that the border talks continue.",
        set(),
        {("Thailand", "territory", "demand"), ("Thailand", "general", "demand")},
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), NECESSITY)
def test_necessity(annotate, text, present, absent):
    got = triples(annotate, text)
    assert present <= got, f"missing {present - got}, got {got}"
    assert not (absent & got), f"unexpected {absent & got}"


#: a joint declaration's unquoted "we" is all its signatories; a commitment is
#: a stance when a side reaffirms or voices it, not when another side doubts it
JOINT = [
    (
        "We, the President of the Republic of Armenia and the President of the Republic of Azerbaijan, "
        "having met for peace talks in Washington, declare the following. We agree to open the border "
        "crossings. We reaffirm our commitment to the ceasefire.",
        {("Armenia", "ceasefire", "accept"), ("Azerbaijan", "ceasefire", "accept")},
        set(),
    ),
    (
        "We, the Prime Minister of the Kingdom of Thailand and the Prime Minister of the Kingdom of Cambodia, "
        "met for peace talks in Kuala Lumpur. We signed a ceasefire agreement.",
        {("Thailand", "ceasefire", "accept"), ("Cambodia", "ceasefire", "accept")},
        set(),
    ),
    # a "we" the signatories do not introduce is nobody's: no side is guessed
    (
        "Serbia and Kosovo held talks in Brussels. We welcome the agreement on energy.",
        set(),
        {("Serbia", "general", "accept"), ("Kosovo", "general", "accept")},
    ),
    (
        "Ukraine and Russia held peace talks. Ukrainian President Volodymyr Zelensky questioned "
        "Moscow's commitment to the ceasefire.",
        set(),
        {("Russia", "ceasefire", "accept")},
    ),
    (
        "Ukraine and Russia held peace talks. The Kremlin reiterated its commitment to the ceasefire.",
        {("Russia", "ceasefire", "accept")},
        set(),
    ),
    # "their" on the object of a light verb is the verb's subject
    (
        "Thailand and Cambodia held border talks. Thailand and Cambodia met again. "
        "Both sides reaffirmed their commitment to the ceasefire.",
        {("Thailand", "ceasefire", "accept"), ("Cambodia", "ceasefire", "accept")},
        set(),
    ),
    (
        "Israel and Hamas held talks in Cairo. Hamas repeated its demand for a prisoner exchange.",
        {("Hamas", "prisoners", "demand")},
        set(),
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), JOINT)
def test_joint_we(annotate, text, present, absent):
    got = triples(annotate, text)
    assert present <= got, f"missing {present - got}, got {got}"
    assert not (absent & got), f"unexpected {absent & got}"


#: "In <place>, X and Y agreed …": the parser joins the names to the place; they are the subject
STRAY = [
    ("Serbia and Kosovo held talks. In Brussels, Vučić and Kurti agreed on a European proposal.",
     {("Serbia", "general", "accept"), ("Kosovo", "general", "accept")}),
    ("Rwanda and DR Congo held peace talks. Last week in Doha, Kagame and Tshisekedi agreed to a ceasefire.",
     {("Rwanda", "ceasefire", "accept"), ("DR Congo", "ceasefire", "accept")}),
    ("Armenia and Azerbaijan held peace talks. In Washington, Pashinyan and Aliyev signed a peace agreement.",
     {("Armenia", "general", "accept"), ("Azerbaijan", "general", "accept")}),
]


@pytest.mark.parametrize(("text", "present"), STRAY)
def test_names_after_place(annotate, text, present):
    got = triples(annotate, text)
    assert present <= got, f"missing {present - got}, got {got}"


#: foreign troops deployed after a deal are peacekeeping, not a withdrawal or a guarantee
PEACEKEEPING = [
    ("Ukraine and Russia held peace talks. Moscow has said it would not tolerate European troops in Ukraine.",
     {("Russia", "peacekeeping", "reject")}),
    ("Israel and Hamas held talks in Cairo. Israel rejected a multinational force in Gaza.",
     {("Israel", "peacekeeping", "reject")}),
]


@pytest.mark.parametrize(("text", "present"), PEACEKEEPING)
def test_peacekeeping(annotate, text, present):
    got = triples(annotate, text)
    assert present <= got, f"missing {present - got}, got {got}"


#: "claim" and "suggest" with an indicative that-clause report a fact; with a modal or a subjunctive they propose
REPORTS = [
    ("Ukraine and Russia held peace talks. Russia claimed it was targeting drone storage sites near the border.",
     set(), {("Russia", "territory", "demand"), ("Russia", "general", "demand")}),
    ("Israel and Hamas held talks in Cairo. Hamas suggested that Israel had delayed the prisoner exchange.",
     set(), {("Hamas", "prisoners", "propose")}),
    ("Ukraine and Russia held peace talks. Russia suggested that Ukraine should cede the Donbas region.",
     {("Russia", "territory", "propose")}, set()),
    ("Armenia and Azerbaijan held peace talks. Azerbaijan claims the Lachin corridor.",
     {("Azerbaijan", "humanitarian", "demand")}, set()),
]


#: a side that undertakes to act accepts it; signing the terms of a mission accepts the mission
UNDERTAKINGS = [
    ("Thailand and Cambodia held peace talks in Kuala Lumpur. Thailand undertakes to promptly release the prisoners of war.",
     {("Thailand", "prisoners", "accept")}),
    ("Sudan's army and the RSF held talks in Jeddah. The RSF undertook to open humanitarian corridors.",
     {("RSF", "humanitarian", "accept")}),
    ("Armenia and Azerbaijan held peace talks. Azerbaijan signed the terms of reference for a border monitoring mission.",
     {("Azerbaijan", "peacekeeping", "accept")}),    ("Pakistan and Afghanistan held talks in Doha. Both sides pledged not to engage in hostile actions against each other.",
     {("Pakistan", "security_guarantees", "accept"), ("Afghanistan", "security_guarantees", "accept")}),
    ("Ukraine and Russia held peace talks in Istanbul. Ukraine had requested direct talks between the two presidents.",
     {("Ukraine", "general", "demand")}),
]


@pytest.mark.parametrize(("text", "present"), UNDERTAKINGS)
def test_undertakings(annotate, text, present):
    got = triples(annotate, text)
    assert present <= got, f"missing {present - got}, got {got}"


#: the place talks are held in is a venue, not one of "the two sides"
VENUES = [
    ("The Venezuelan government and the Unitary Platform met in Barbados. The talks in Barbados lasted two days. "
     "Negotiators arrived in Barbados on Monday. The Venezuelan government wants elections. "
     "Both sides signed the agreement.",
     {("Venezuela", "general", "accept")}, {("Barbados", "general", "accept")}),
    ("Thailand and Cambodia held talks in Malaysia. The talks in Malaysia were chaired by Anwar Ibrahim. "
     "Delegations gathered at the Malaysian capital. Both sides agreed to a ceasefire.",
     {("Thailand", "ceasefire", "accept"), ("Cambodia", "ceasefire", "accept")}, {("Malaysia", "ceasefire", "accept")}),
    # a dateline and a capital-and-state named as where the deal was signed
    ("NAIROBI, 3 May (Reuters) - The government of Ethiopia signed a ceasefire agreement with Eritrea in Kenya on Friday. "
     "The peace agreement, signed in Nairobi, Kenya, calls for a joint border commission.",
     {("Ethiopia", "ceasefire", "accept")}, {("Kenya", "ceasefire", "accept"), ("Kenya", "general", "accept")}),
    ("DOHA, June 2 (AFP) - Sudan signed a truce with the Rapid Support Forces in Qatar on Sunday. "
     "The ceasefire deal, reached in Doha, Qatar, calls for the RSF to withdraw.",
     {("Sudan", "ceasefire", "accept")}, {("Qatar", "ceasefire", "accept")}),
]


@pytest.mark.parametrize(("text", "present", "absent"), VENUES)
def test_venue_is_no_side(annotate, text, present, absent):
    got = triples(annotate, text)
    assert present <= got, f"missing {present - got}, got {got}"
    assert not (absent & got), f"unexpected {absent & got}"


#: words of an armed group's name are no issue cue; generic issue words for transitions, disbanding, kidnapping
ISSUE_WORDS = [
    ("Sudan and the rebel Justice and Equality Movement (JEM) held talks in Doha. "
     "The Sudanese government signed a ceasefire agreement with the JEM in Doha.",
     {("Sudan", "ceasefire", "accept")}, {("Sudan", "justice", "accept")}),
    ("Colombia and the Popular Liberation and Justice Front held peace talks in Havana. "
     "The Popular Liberation and Justice Front demanded a ceasefire.",
     {("Popular Liberation and Justice Front", "ceasefire", "demand")},
     {("Popular Liberation and Justice Front", "justice", "demand")}),
    ("Mali and ECOWAS held talks in Bamako. The junta in Mali agreed to a transition to civilian rule within 18 months.",
     {("Mali", "political", "accept")}, {("Mali", "humanitarian", "accept")}),
    ("Colombia and the rebels held peace talks in Havana. The Colombian government demanded that the rebels disband.",
     {("Colombia", "demilitarization", "demand")}, set()),
]


@pytest.mark.parametrize(("text", "present", "absent"), REPORTS + ISSUE_WORDS)
def test_reporting_senses_and_issue_words(annotate, text, present, absent):
    got = triples(annotate, text)
    assert present <= got, f"missing {present - got}, got {got}"
    assert not (absent & got), f"unexpected {absent & got}"
