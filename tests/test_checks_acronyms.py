"""Acronym rules: spelled out, and spelled out before (or at) first use."""

from __future__ import annotations

import pytest
from test_checks_support import check, codes, flagged, make

from rapporteur.checks.acronyms import schwartz_hearst
from rapporteur.style import HouseStyle


@pytest.mark.parametrize(
    "text,acr",
    [
        ("China and Russia expand the influence of BRICS and the SCO.", "SCO"),  # the seed's slip
        ("The LAC remains tense.", "LAC"),
        ("Talks on the INSTC and the IMEC continued.", "INSTC"),  # first of two, both flagged
        ("Freight on NGOs' routes grew; the CPECs grew too.", "CPEC"),  # plural
        ("Relations with the EAEU grew (and with Central Asia (SCO) too).", "EAEU"),
        ("Progress in Central Asia (SCO) was slow.", "SCO"),  # a parenthesis that does not spell it out
        ("The LoC was quiet.", "LoC"),  # mixed case
    ],
)
def test_unexpanded_acronym_is_found(text, acr):
    r = make(text)
    diags = check(r, "acronym-expansion")
    assert flagged(r, diags)[0] == acr
    assert diags[0].code == "acronym-expansion"


def test_hint_offers_a_known_expansion():
    diags = check(make("the SCO met"), "acronym")
    assert diags[0].hint.startswith("write 'Shanghai Cooperation Organisation (SCO)' at its first use")


@pytest.mark.parametrize(
    "text",
    [
        "Russia's limited support to Belt and Road Initiative (BRI). Later BRI grew.",  # the seed's expansion
        "The BRI (Belt and Road Initiative) grew; BRI projects followed.",  # ACR (Long Form)
        "Manohar Parrikar Institute for Defence Studies and Analyses (MP-IDSA) scholars attended.",
        "Illegal, Unreported and Unregulated (IUU) fishing grew; IUU fishing is a threat.",
        "Security and Growth for All in the Region (SAGAR) was announced; SAGAR matters.",
        "the Information Fusion Centre – Indian Ocean Region (IFC-IOR) in Gurugram; the IFC-IOR grew.",
        "Exclusive Economic Zones (EEZs) are vast; their EEZs cannot be patrolled.",
        "China's Belt and Road Initiative (BRI, 一带一路) had long treated routes as complementary.",
        "The Chinese Communist Party (CPC) decided; the CPC acted.",  # letters out of order: a capitalised phrase
        "US-led sanctions, anti-US sentiment, the UN, BRICS, NATO, ASEAN, the G20, COVID-19 and a Q&A.",  # known
        "Session II and Session IV; S-400 and MQ-9B systems; the P5 and I2U2.",  # numerals, designations
        "McDonald and iPhone and YouTube are not acronyms.",
        "Vice Adm. Salgaonkar and AVM Kapoor (Retd.) spoke.",  # ranks
    ],
)
def test_expanded_or_known_acronyms_are_not_flagged(text):
    assert check(make(text), "acronym") == []


def test_house_style_acronyms_and_organisations_need_no_expansion():
    style = HouseStyle(
        acronyms=HouseStyle().acronyms | {"SCO"}, organisations=(("Observer Research Foundation", "ORF"),)
    )
    assert check(make("The SCO met at ORF."), "acronym", style=style) == []
    assert codes(check(make("The SCO met at ORF."), "acronym")) == ["acronym-expansion", "acronym-expansion"]


def test_acronyms_without_the_defaults():
    style = HouseStyle(acronyms=frozenset({"SCO"}))
    r = make("The US and the SCO met.")
    assert flagged(r, check(r, "acronym", style=style)) == ["US"]


def test_use_before_the_expansion_is_found_once():
    r = make("Beijing relies on BRI. Through BRI it acts.", "The Belt and Road Initiative (BRI) began in 2013.")
    diags = check(r, "acronym")
    assert codes(diags) == ["acronym-before-expansion"]
    assert flagged(r, diags) == ["BRI"]
    assert "only later, in sessions[0].presentations[0].sections[1].text" in diags[0].message
    assert diags[0].path == "sessions[0].presentations[0].sections[0].text"


def test_reading_order_covers_summary_headings_and_items():
    r = make("More on the IOR.", summary="The Indian Ocean Region (IOR) matters.")
    assert check(r, "acronym") == []
    r = make("The Indian Ocean Region (IOR) matters.", summary="The IOR matters.")
    assert codes(check(r, "acronym")) == ["acronym-before-expansion"]


@pytest.mark.parametrize(
    "short,long,ok",
    [
        ("BRI", "Belt and Road Initiative", True),
        ("MP-IDSA", "Manohar Parrikar Institute for Defence Studies and Analyses", True),
        ("UNCLOS", "United Nations Convention on the Law of the Sea", True),
        ("SCO", "Central Asia", False),
        ("IOR", "in Russia", False),
    ],
)
def test_schwartz_hearst(short, long, ok):
    assert schwartz_hearst(short, long) is ok


def test_reading_order_is_the_exported_one():
    # issues raised are printed before the questions; closing remarks after the discussion
    r = make(
        "Dr. Prathibha spoke.",
        discussion={"intro": "Questions followed.", "issues_raised": ["Security in the Indian Ocean Region (IOR)."]},
        questions=[{"asker_description": "One scholar", "text": "One scholar asked about the IOR."}],
        remarks=[
            {"role": "vote-of-thanks", "by": "singh", "text": "Dr. Singh thanked all on behalf of the IOR centre."}
        ],
    )
    assert check(r, "acronym") == []
