"""The gazetteer: every UN member, and the aliases, capitals, demonyms, seats
of power, places and organizations news reports use for them."""

from __future__ import annotations

import pytest

from detente.nlp import gazetteer

#: The 193 UN member states, by the common short names the gazetteer uses.
UN_MEMBERS = """Afghanistan; Albania; Algeria; Andorra; Angola; Antigua and Barbuda; Argentina; Armenia;
Australia; Austria; Azerbaijan; Bahamas; Bahrain; Bangladesh; Barbados; Belarus; Belgium; Belize; Benin;
Bhutan; Bolivia; Bosnia and Herzegovina; Botswana; Brazil; Brunei; Bulgaria; Burkina Faso; Burundi;
Cabo Verde; Cambodia; Cameroon; Canada; Central African Republic; Chad; Chile; China; Colombia; Comoros;
Republic of the Congo; Costa Rica; Cote d'Ivoire; Croatia; Cuba; Cyprus; Czech Republic;
DR Congo; Denmark; Djibouti; Dominica; Dominican Republic; Ecuador; Egypt;
El Salvador; Equatorial Guinea; Eritrea; Estonia; Eswatini; Ethiopia; Fiji; Finland; France; Gabon; Gambia;
Georgia; Germany; Ghana; Greece; Grenada; Guatemala; Guinea; Guinea-Bissau; Guyana; Haiti; Honduras; Hungary;
Iceland; India; Indonesia; Iran; Iraq; Ireland; Israel; Italy; Jamaica; Japan; Jordan; Kazakhstan; Kenya;
Kiribati; North Korea; South Korea; Kuwait; Kyrgyzstan; Laos; Latvia; Lebanon; Lesotho; Liberia; Libya;
Liechtenstein; Lithuania; Luxembourg; Madagascar; Malawi; Malaysia; Maldives; Mali; Malta; Marshall Islands;
Mauritania; Mauritius; Mexico; Micronesia; Moldova; Monaco; Mongolia; Montenegro; Morocco; Mozambique;
Myanmar; Namibia; Nauru; Nepal; Netherlands; New Zealand; Nicaragua; Niger; Nigeria; North Macedonia; Norway;
Oman; Pakistan; Palau; Panama; Papua New Guinea; Paraguay; Peru; Philippines; Poland; Portugal; Qatar;
Romania; Russia; Rwanda; Saint Kitts and Nevis; Saint Lucia; Saint Vincent and the Grenadines; Samoa;
San Marino; Sao Tome and Principe; Saudi Arabia; Senegal; Serbia; Seychelles; Sierra Leone; Singapore;
Slovakia; Slovenia; Solomon Islands; Somalia; South Africa; South Sudan; Spain; Sri Lanka; Sudan; Suriname;
Sweden; Switzerland; Syria; Tajikistan; Tanzania; Thailand; Timor-Leste; Togo; Tonga; Trinidad and Tobago;
Tunisia; Turkey; Turkmenistan; Tuvalu; Uganda; Ukraine; United Arab Emirates; United Kingdom; United States;
Uruguay; Uzbekistan; Vanuatu; Venezuela; Vietnam; Yemen; Zambia; Zimbabwe"""
MEMBERS = [name.strip() for name in UN_MEMBERS.replace("\n", " ").split(";")]


def test_the_list_has_193_members():
    assert len(set(MEMBERS)) == 193


def test_gazetteer_members_are_exactly_the_un_members():
    flagged = {s["name"] for s in gazetteer.states() if s["un_member"]}
    assert flagged == set(MEMBERS)


@pytest.mark.parametrize("name", MEMBERS)
def test_every_member_is_a_state(name):
    entry = gazetteer.lookup(name)
    assert entry is not None and entry.kind == "state" and entry.name == name
    assert gazetteer.state_for(name) == name


@pytest.mark.parametrize("name", ["Palestine", "Kosovo", "Taiwan", "Vatican City"])
def test_others_are_states(name):
    assert gazetteer.state_for(name) == name


@pytest.mark.parametrize(
    "text, state",
    [
        # aliases and abbreviations
        ("US", "United States"), ("U.S.", "United States"), ("USA", "United States"),
        ("America", "United States"), ("the United States", "United States"),
        ("UK", "United Kingdom"), ("U.K.", "United Kingdom"), ("Britain", "United Kingdom"),
        ("Great Britain", "United Kingdom"), ("DRC", "DR Congo"),
        ("DR Congo", "DR Congo"), ("Congo", "DR Congo"),
        ("the Democratic Republic of the Congo", "DR Congo"),
        ("Russian Federation", "Russia"), ("UAE", "United Arab Emirates"), ("Türkiye", "Turkey"),
        ("Ivory Coast", "Cote d'Ivoire"), ("Burma", "Myanmar"), ("Czechia", "Czech Republic"),
        # capitals stand for their state
        ("Moscow", "Russia"), ("Kyiv", "Ukraine"), ("Kiev", "Ukraine"), ("Washington", "United States"),
        ("London", "United Kingdom"), ("Baku", "Azerbaijan"), ("Yerevan", "Armenia"), ("Kinshasa",
        "DR Congo"), ("Kigali", "Rwanda"), ("Bogota", "Colombia"),
        ("Khartoum", "Sudan"), ("Sanaa", "Yemen"), ("Jerusalem", "Israel"), ("Beijing", "China"),
        ("KYIV", "Ukraine"),
        # demonyms
        ("Russian", "Russia"), ("Ukrainian", "Ukraine"), ("Ukrainians", "Ukraine"), ("American", "United States"),
        ("British", "United Kingdom"), ("Israeli", "Israel"), ("Congolese", "DR Congo"),
        ("Qatari", "Qatar"), ("Egyptian", "Egypt"), ("Azerbaijani", "Azerbaijan"), ("Armenian", "Armenia"),
        ("Colombian", "Colombia"), ("Sudanese", "Sudan"), ("Yemeni", "Yemen"), ("Saudi", "Saudi Arabia"),
        ("Emirati", "United Arab Emirates"), ("Palestinian", "Palestine"), ("Polish", "Poland"),
        # seats of power
        ("the Kremlin", "Russia"), ("Kremlin", "Russia"), ("the White House", "United States"),
        ("White House", "United States"), ("Downing Street", "United Kingdom"), ("the Elysee", "France"),
        ("Élysée Palace", "France"), ("Bankova", "Ukraine"), ("the Pentagon", "United States"),
        ("the State Department", "United States"), ("Foggy Bottom", "United States"),
        ("Zhongnanhai", "China"), ("Kremlin\u2019s", "Russia"),
    ],
)
def test_state_for(text, state):
    assert gazetteer.state_for(text) == state


@pytest.mark.parametrize(
    "place, country",
    [
        ("Abu Dhabi", "United Arab Emirates"), ("Geneva", "Switzerland"), ("Istanbul", "Turkey"),
        ("Riyadh", "Saudi Arabia"), ("Jeddah", "Saudi Arabia"), ("Doha", "Qatar"), ("Cairo", "Egypt"),
        ("Luanda", "Angola"), ("Nairobi", "Kenya"), ("Washington", "United States"), ("Minsk", "Belarus"),
        ("Goma", "DR Congo"), ("Sharm el-Sheikh", "Egypt"), ("Kryvyi Rih", "Ukraine"),
        ("Zaporizhzhia", "Ukraine"), ("Donbas", "Ukraine"), ("Gaza", "Palestine"), ("Rafah", "Palestine"),
        ("Tel Aviv", "Israel"), ("Arauca", "Colombia"), ("Catatumbo", "Colombia"), ("Jeddah", "Saudi Arabia"),
        ("El Fasher", "Sudan"), ("Mekelle", "Ethiopia"), ("Pretoria", "South Africa"), ("Hodeidah", "Yemen"),
        ("Turkey", "Turkey"), ("Dubai", "United Arab Emirates"), ("Muscat", "Oman"), ("Havana", "Cuba"),
    ],
)
def test_place_country(place, country):
    assert gazetteer.is_place(place)
    assert gazetteer.place_country(place) == country


@pytest.mark.parametrize("text", ["Russian", "Ukrainians", "Hamas", "NATO", "Trump", "negotiator"])
def test_not_places(text):
    assert not gazetteer.is_place(text)
    assert gazetteer.place_country(text) is None


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ("UN", "United Nations", "organization"), ("U.N.", "United Nations", "organization"),
        ("the United Nations", "United Nations", "organization"), ("NATO", "NATO", "organization"),
        ("EU", "European Union", "organization"), ("the European Union", "European Union", "organization"),
        ("African Union", "African Union", "organization"), ("AU", "African Union", "organization"),
        ("OSCE", "Organization for Security and Co-operation in Europe", "organization"),
        ("Hamas", "Hamas", "group"), ("Hezbollah", "Hezbollah", "group"), ("M23", "M23", "group"),
        ("ELN", "ELN", "group"), ("FARC", "FARC", "group"),
        ("Houthis", "Houthis", "group"), ("Houthi", "Houthis", "group"), ("Ansar Allah", "Houthis", "group"),
        ("RSF", "RSF", "group"), ("TPLF", "TPLF", "group"),
        ("Taliban", "Taliban", "group"), ("the Taliban", "Taliban", "group"),
        ("Islamic Jihad", "Palestinian Islamic Jihad", "group"), ("Reuters", "Reuters", "organization"),
        ("the German Marshall Fund", "German Marshall Fund", "organization"),
    ],
)
def test_organizations_and_groups(text, name, kind):
    entry = gazetteer.lookup(text)
    assert (entry.name, entry.kind) == (name, kind)
    assert gazetteer.stands_for(text) == name
    assert gazetteer.state_for(text) is None


@pytest.mark.parametrize("text", ["us", "Trump", "Witkoff", "Rustem Umerov", "Moscow-based", "", "  ", "said"])
def test_unknown(text):
    assert gazetteer.lookup(text) is None
    assert gazetteer.state_for(text) is None


def test_every_surface_form_finds_its_entry():
    for form, entry in gazetteer.surface_forms():
        assert gazetteer.lookup(form) == entry, form


def test_names_win_over_demonyms_and_capitals():
    assert gazetteer.lookup("Singapore").kind == "state"
    assert gazetteer.lookup("Vatican").kind == "state"
    assert gazetteer.lookup("Moscow").via == "capital"


def test_officials_named_by_alias_and_spelling():
    assert {t.affiliation for t in gazetteer.officials_named("Zelenskyy")} == {"Ukraine"}
    assert {t.affiliation for t in gazetteer.officials_named("Abdel Fattah al-Sisi")} == {"Egypt"}
    assert {t.affiliation for t in gazetteer.officials_named("abdel fattah el sisi")} == {"Egypt"}
    assert gazetteer.officials_named("Nobody Inparticular") == ()


def test_officials_lines_are_complete():
    terms = gazetteer.default().officials()
    assert len(terms) > 400
    for t in terms:
        assert t.name and t.affiliation and t.roles, t
        assert t.start is None or len(t.start) == 7
        assert t.end is None or (len(t.end) == 7 and (t.start is None or t.start <= t.end)), t
