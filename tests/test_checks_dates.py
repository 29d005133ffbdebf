"""Date rules: agreement with event.date (2024-06-24, a Monday) and the house date style."""

from __future__ import annotations

import pytest
from test_checks_support import check, codes, flagged, make

from rapporteur.style import HouseStyle

MDY = HouseStyle(date_style="month-day-year")


@pytest.mark.parametrize(
    "lead,text,words",
    [
        ("Dr. M.S. Prathibha spoke at the Monday Morning Meeting held on 24 July.", None, "24 July"),
        ("Dr. M.S. Prathibha spoke at the meeting held on 25 June 2024.", None, "25 June 2024"),
        ("Dr. M.S. Prathibha spoke at the meeting held on 24 June 2023.", None, "24 June 2023"),
        ("MP-IDSA organised a round table on “Eurasia” on 12 November 2024.", None, "12 November 2024"),
        (None, "The seminar was held on 3 July, as planned.", "3 July"),
        (None, "The meeting took place on Tuesday, 24 June 2024.", "Tuesday, 24 June 2024"),  # wrong weekday
        (None, "Exercises ended on 31 June 2024.", "31 June 2024"),  # no such day
        ("The Monday Morning Meeting held on June 25 heard Dr. M.S. Prathibha.", None, "June 25"),
        # the composed lead's forms (export.lead)
        ("Dr. M.S. Prathibha spoke on “A: B?” at a talk organised by MP-IDSA on 25 June 2024.", None, "25 June 2024"),
        (
            "MP-IDSA organised a round table on “Russia: Friend?” on 25 June 2024 as part of the series.",
            None,
            "25 June 2024",
        ),
    ],
)
def test_dates_contradicting_the_event_are_found(lead, text, words):
    r = make(text or "Dr. Prathibha noted that.", lead=lead)
    diags = check(r, "date-mismatch")
    assert codes(diags) == ["date-mismatch"]
    assert flagged(r, diags) == [words]
    assert diags[0].severity == "error"


@pytest.mark.parametrize(
    "lead,text",
    [
        ("Dr. M.S. Prathibha spoke at the Monday Morning Meeting held on 24 June.", None),  # no year: consistent
        ("The meeting was held on Monday, 24 June 2024.", None),
        ("The meeting was held on 23–25 June 2024.", None),  # a range holding the date
        (None, "Russia invaded on 24 February 2022, and elections were held on 4 June."),  # not the event's dates
        (None, "The referendum held on 12 March was disputed."),  # an event verb, but not this event
        ("Dr. M.S. Prathibha spoke on the war that ended on 16 December 1971, at the meeting held on 24 June.", None),
        (None, "It has 24 June 2024 in it, not tied to the event."),
        (None, "In June 24 countries joined; the Long March 5 rocket flew."),  # not dates
    ],
)
def test_consistent_or_unrelated_dates_are_not_flagged(lead, text):
    assert check(make(text or "Dr. Prathibha noted that.", lead=lead), "date-mismatch") == []


@pytest.mark.parametrize(
    "text,words,fix",
    [
        ("On June 24, 2024 the talks began.", "June 24, 2024", "24 June 2024"),
        ("It was signed on the 24th of June 2024.", "24th of June 2024", "24 June 2024"),
        ("It was signed on 24th June.", "24th June", "24 June"),
        ("It was signed on 24 June, 2024.", "24 June, 2024", "24 June 2024"),
        ("It was signed on 24 Jun. 2024.", "24 Jun. 2024", "24 June 2024"),
        ("It was signed on 24/06/2024.", "24/06/2024", None),
    ],
)
def test_dates_not_in_the_house_style_are_found(text, words, fix):
    r = make(text)
    diags = check(r, "date-style")
    assert flagged(r, diags) == [words]
    if fix:
        assert diags[0].hint == f"write '{fix}'"


def test_month_day_year_house_style():
    r = make("It was signed on 24 June 2024, and ratified on July 3 2024.")
    diags = check(r, "date-style", style=MDY)
    assert flagged(r, diags) == ["24 June 2024", "July 3 2024"]
    assert [d.hint for d in diags] == ["write 'June 24, 2024'", "write 'July 3, 2024'"]
    assert check(make("It was signed on June 24, 2024."), "date-style", style=MDY) == []


@pytest.mark.parametrize(
    "text",
    [
        "It was signed on 24 June 2024 and held on 24 June.",
        "Between 23–25 June 2024 talks went on, on Monday, 24 June 2024 too.",
        "Around 2014, and in the late 2000s, and in May 2024.",
        "In June 24 countries joined.",
    ],
)
def test_house_style_dates_are_not_flagged(text):
    assert check(make(text), "date-style") == []
