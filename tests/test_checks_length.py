"""Length rules: word ranges from the house style; no default limits."""

from __future__ import annotations

from test_checks_support import check, codes, make

from rapporteur.checks.length import words
from rapporteur.style import HouseStyle


def ranges(**parts) -> HouseStyle:
    return HouseStyle(words=tuple((k, lo or None, hi or None) for k, (lo, hi) in parts.items()))


def test_word_count_is_a_word_processors():
    assert words("Russia – China ties, in 2024: a “no-limits” partnership.") == 8
    assert words("") == 0 and words(None) == 0


def test_parts_outside_their_range_are_found():
    r = make("one two three four five", "six seven", summary="a b c d e f g h i j k l")
    style = ranges(section=(3, 0), summary=(0, 10))
    diags = check(r, "length", style=style)
    assert [(d.code, d.path) for d in diags] == [
        ("length-part", "summary"),
        ("length-part", "sessions[0].presentations[0].sections[1]"),
    ]
    assert "12 words, more than the house style's maximum of 10" in diags[0].message
    assert "2 words, fewer than the house style's minimum of 3" in diags[1].message


def test_presentations_and_the_whole_report():
    r = make("one two three", "four five six", summary="seven eight")
    diags = check(r, "length", style=ranges(presentation=(0, 5), report=(10, 0)))
    assert [(d.code, d.path) for d in diags] == [("length-report", ""), ("length-part", "sessions[0].presentations[0]")]
    assert "8 words, fewer than the house style's minimum of 10" in diags[0].message


def test_parts_inside_their_range_and_no_ranges_are_fine():
    r = make("one two three", summary="a b")
    assert check(r, "length", style=ranges(section=(1, 5), summary=(1, 5), report=(1, 100))) == []
    assert codes(check(r, "length")) == []  # no default limits


# -- issue 17.5: slim reports ----------------------------------------------------------------


def _slim_report():
    from rapporteur.model import Report

    return Report.model_validate(
        {
            "meta": {"schema_version": 2, "status": "final"},
            "event": {
                "title": "Ports and Power",
                "form": "round-table",
                "date": __import__("datetime").date(2024, 3, 24),
                "organiser": {"name": "Sagar Institute of Maritime Affairs", "short_name": "SIMA"},
            },
            "summary": {"text": "The round table took stock of port investment in the region and its limits."},
            "rapporteur": {"name": "Mayuri Banerjee"},
        }
    )


def test_a_slim_report_the_house_allows_is_not_held_to_the_report_minimum():
    from rapporteur.checks import run_checks

    words = (("report", 800, 3000), ("presentation", 300, None), ("conclusion", 100, None), ("summary", 5, 250))
    strict = HouseStyle(words=words)
    assert [d.message for d in run_checks(_slim_report(), style=strict)] == [
        "the report has 14 words, fewer than the house style's minimum of 800"
    ]
    slim = HouseStyle(words=words, slim=("summary",))
    assert run_checks(_slim_report(), style=slim) == []  # and no absent part is called empty or short
    long = HouseStyle(words=(("report", None, 5),), slim=("summary",))
    assert [d.code for d in run_checks(_slim_report(), style=long)] == ["length-report"]  # the maximum holds
