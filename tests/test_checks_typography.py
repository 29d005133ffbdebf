"""Typography rules: quotes, spaces, spelling."""

from __future__ import annotations

import pytest
from test_checks_support import check, codes, flagged, make

from rapporteur.checks.typography import spelling_table
from rapporteur.style import HouseStyle

AMERICAN = HouseStyle(spelling="american")


# -- typography-quotes ----------------------------------------------------------------------


def test_straight_quotes_in_a_curly_report_are_found():
    r = make("Russia’s ‘no-limits partnership’ with China’s leaders.", 'India\'s interest and the "West".')
    diags = check(r, "typography-quotes")
    assert flagged(r, diags) == ["'", '"', '"']
    assert "straight apostrophe" in diags[0].message and diags[0].hint == "write ’"


def test_the_minority_kind_is_flagged():
    r = make("India's and China's and Russia's interests", "the ‘partnership’")
    diags = check(r, "typography-quotes")
    assert flagged(r, diags) == ["‘", "’"]


def test_house_style_decides_the_kind():
    r = make("India's interest.")
    assert check(r, "typography-quotes") == []  # one kind only: consistent
    diags = check(r, "typography-quotes", style=HouseStyle(quotes="curly"))
    assert flagged(r, diags) == ["'"]
    assert check(make("India’s interest."), "typography-quotes", style=HouseStyle(quotes="curly")) == []


@pytest.mark.parametrize(
    "text", ["Russia’s “no-limits” partnership", 'Russia\'s "no-limits" partnership', "No quotes at all."]
)
def test_one_kind_of_quotes_is_fine(text):
    assert check(make(text), "typography-quotes") == []


# -- typography-spaces --------------------------------------------------------------------------


def test_doubled_spaces_and_tabs_are_found():
    r = make("Ties grew.  Trade rose and\tfell.")
    diags = check(r, "typography-spaces")
    assert flagged(r, diags) == ["  ", "\t"]
    assert diags[0].message == "2 spaces between words"


@pytest.mark.parametrize("text", ["One space only. Always.", "Paragraph one.\n\nParagraph two.", "A line\nwrapped."])
def test_single_spaces_and_paragraphs_are_fine(text):
    assert check(make(text), "typography-spaces") == []


def test_titles_are_checked_for_spaces_too():
    r = make("Fine.", event={"title": "China-Russia  Relationship"})
    assert [d.path for d in check(r, "typography-spaces")] == ["event.title"]


# -- typography-spelling ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,word,fix",
    [
        ("The meeting was organized by scholars.", "organized", "organised"),
        ("Organizations grew.", "Organizations", "Organisations"),  # capitalised at the start of a sentence
        ("China did not recognize the annexation.", "recognize", "recognise"),
        ("Their behavior changed.", "behavior", "behaviour"),
        ("The Center held.", "Center", None),  # capitalised mid-sentence: a name, left alone
        ("A research center opened.", "center", "centre"),
        ("India must analyze this.", "analyze", "analyse"),
        ("The defense budget grew.", "defense", "defence"),
        ("Flights were canceled.", "canceled", "cancelled"),
    ],
)
def test_american_spellings_in_a_british_house_are_found(text, word, fix):
    r = make(text)
    diags = check(r, "typography-spelling")
    if fix is None:
        assert diags == []
        return
    assert flagged(r, diags) == [word]
    assert diags[0].hint == f"write '{fix}'"


@pytest.mark.parametrize(
    "text",
    [
        "China did not recognise the annexation; it was organised; behaviour; manoeuvrability; favourable.",
        "The Department of Defense and Pearl Harbor and the Stimson Center.",  # names
        "Size, seize, prize, advertise, exercise, compromise, enterprise, surprise, analysis, emphasis.",
        "The computer program ran; the programme continued.",  # program is not flagged in a British house
        "ORGANIZE in capitals is left alone.",
    ],
)
def test_british_spellings_and_names_are_fine(text):
    assert check(make(text), "typography-spelling") == []


def test_american_house_flags_british_spellings():
    r = make("The meeting was organised in the centre; its programme was practised.")
    diags = check(r, "typography-spelling", style=AMERICAN)
    assert flagged(r, diags) == ["organised", "centre", "programme", "practised"]
    assert (
        check(make("The meeting was organized in the center; a fine dialogue."), "typography-spelling", style=AMERICAN)
        == []
    )


def test_spelling_off():
    assert check(make("organized"), "typography-spelling", style=HouseStyle(spelling="off")) == []


def test_spelling_table_has_no_word_in_both_directions():
    british, american = spelling_table("british"), spelling_table("american")
    assert not set(british) & set(american)
    assert british["organize"] == "organise" and american["organise"] == "organize"


def test_seed_spellings_are_british():
    from rapporteur.tomlio import read_source
    from rapporteur.validate import parse_report

    from conftest import SEED_EXAMPLE

    report, _ = parse_report(read_source(SEED_EXAMPLE).data)
    assert codes(check(report, "typography")) == []
