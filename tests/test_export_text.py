"""The wording every export shares: names, the organiser, dates, times, prose and inline marks."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from rapporteur import model as m
from rapporteur.export import text as t
from rapporteur.export.text import Span
from rapporteur.names import names_person

from conftest import SEED_EXAMPLE, SEED_TEXT, flat


def seed_report() -> m.Report:
    import tomllib

    from rapporteur.validate import parse_report

    report, diags = parse_report(tomllib.loads(SEED_EXAMPLE.read_text(encoding="utf-8")))
    assert report is not None, diags
    return report


def person(**kw) -> m.Person:
    return m.Person(**{"id": "x", "name": "Ajey Lele", **kw})


@pytest.mark.parametrize(
    "day, expected",
    [
        (dt.date(2024, 6, 24), "24 June 2024"),
        (dt.date(2024, 1, 5), "5 January 2024"),
        (dt.date(1999, 12, 31), "31 December 1999"),
    ],
)
def test_dates_read_as_the_house_writes_them(day, expected):
    assert flat(t.format_date(day)) == expected
    assert t.format_date(day).split(" ")[0].count("\u00a0") == 1  # the day never ends a line


def test_times_in_hours():
    assert t.format_time(dt.time(10, 0)) == "1000 hrs"
    assert t.format_time(dt.time(9, 5)) == "0905 hrs"
    assert t.format_time_range(dt.time(10), dt.time(11, 30)) == "1000\u20131130 hrs"
    assert t.format_time_range(dt.time(14), None) == "1400 hrs"
    assert t.format_time_range(None, None) is None


def test_ordinals_and_roman_numerals():
    assert [t.ordinal(n) for n in (1, 2, 3, 10, 11, 12, 21, 22, 23)] == [
        "first",
        "second",
        "third",
        "tenth",
        "11th",
        "12th",
        "21st",
        "22nd",
        "23rd",
    ]
    assert [t.roman(n) for n in (1, 2, 3, 4, 5, 6, 9, 12, 14, 40)] == [
        "i",
        "ii",
        "iii",
        "iv",
        "v",
        "vi",
        "ix",
        "xii",
        "xiv",
        "xl",
    ]


def test_lists_join_with_and_and_semicolons_when_items_hold_commas():
    assert t.join_list(["A"]) == "A"
    assert t.join_list(["A", "B"]) == "A and B"
    assert t.join_list(["A", "B", "C"]) == "A, B and C"
    assert t.join_list(["A, x", "B, y", "C, z"]) == "A, x; B, y; and C, z"


def test_a_person_is_honorific_name_and_post_nominals():
    p = person(honorific="Maj. Gen. (Dr.)", name="Arvind  Thakurdesai", post_nominals="(Retd.)")
    assert t.display_name(p) == "Maj. Gen. (Dr.)\u00a0Arvind Thakurdesai (Retd.)"
    assert t.display_name(person(name="M.S. Prathibha")) == "M.S. Prathibha"
    assert t.surname(person(name="M.S. Prathibha")) == "Prathibha"


def test_the_organiser_is_spelled_out_once_then_shortened():
    report = seed_report()
    mentions = t.Mentions(report)
    prathibha, singh = report.person("prathibha"), report.person("singh")
    assert flat(mentions.full(prathibha)) == (
        "Dr. M.S. Prathibha, Associate Fellow, Manohar Parrikar Institute for Defence Studies and Analyses (MP-IDSA)"
    )
    assert flat(mentions.person(singh)) == "Dr. Prashant Kumar Singh, Research Fellow, MP-IDSA"
    assert flat(mentions.person(singh)) == "Dr. Prashant Kumar Singh"  # introduced already
    assert mentions.organiser_name() == "MP-IDSA"


def test_text_the_rapporteur_wrote_counts_as_a_mention():
    report = seed_report()
    mentions = t.Mentions(report)
    mentions.seen(
        "Researchers of the Manohar Parrikar Institute for Defence Studies and Analyses met Dr. M.S. Prathibha."
    )
    assert mentions.org_introduced
    assert flat(mentions.person(report.person("prathibha"))) == "Dr. M.S. Prathibha"


def test_an_organiser_named_by_a_common_noun_takes_the_article():
    assert (
        t.with_article("Samudra Institute for Maritime Affairs (SIMA)")
        == "The Samudra Institute for Maritime Affairs (SIMA)"
    )
    assert t.with_article("Jawaharlal Nehru University") == "Jawaharlal Nehru University"
    assert t.with_article("University of Delhi", capital=False) == "the University of Delhi"
    assert t.with_article("The Energy and Resources Institute") == "The Energy and Resources Institute"


def test_report_prepared_by_reads_as_in_the_seed():
    last = SEED_TEXT.read_text(encoding="utf-8").strip().splitlines()[-1]
    assert flat(t.prepared_by(seed_report()) or "") == last


def test_report_prepared_by_from_the_people_registry():
    report = seed_report().model_copy(
        update={"rapporteur": m.Rapporteur(person="singh", place="New Delhi"), "people": seed_report().people}
    )
    assert (
        flat(t.prepared_by(report) or "")
        == "Report prepared by Dr. Prashant Kumar Singh, Research Fellow, MP-IDSA, New Delhi."
    )
    assert t.author_name(report) == "Prashant Kumar Singh"
    assert t.prepared_by(report.model_copy(update={"rapporteur": None})) is None


def test_paragraphs_split_on_blank_lines_and_join_their_lines():
    assert t.paragraphs("One\ntwo.\n\n  \nThree.\n") == ["One two.", "Three."]
    assert t.paragraphs("") == [] and t.paragraphs(None) == [] and t.paragraphs("\n \n") == []


@pytest.mark.parametrize(
    "text, spans",
    [
        ("plain", [Span("plain")]),
        ("an *italic* word", [Span("an "), Span("italic", italic=True), Span(" word")]),
        ("a **bold** word", [Span("a "), Span("bold", bold=True), Span(" word")]),
        (
            "**bold *and italic* too**",
            [Span("bold ", bold=True), Span("and italic", bold=True, italic=True), Span(" too", bold=True)],
        ),
        ("5 * 3 * 2", [Span("5 * 3 * 2")]),
        ("*unclosed and ** odd", [Span("*unclosed and ** odd")]),
        ("*sagar* (सागर)", [Span("sagar", italic=True), Span(" (सागर)")]),
    ],
)
def test_inline_marks(text, spans):
    assert t.parse_inline(text) == spans


def test_control_characters_become_breaks_or_are_dropped_with_a_warning():
    warnings = []
    spans = t.spans_of("one\x0btwo\x0cthree\x07 four\x1b", "summary.text", warnings)
    assert spans == [Span("one"), Span(br="line"), Span("two"), Span(br="page"), Span("three four")]
    assert len(warnings) == 1
    w = warnings[0]
    assert w.path == "summary.text" and w.severity == "warning" and w.code == "control-character"
    assert "U+0007" in w.message and "U+001B" in w.message and "2 control characters" in w.message
    assert t.spans_of("clean", "x", warnings) == [Span("clean")] and len(warnings) == 1


@pytest.mark.parametrize(
    "text, description, named",
    [
        ("One of the scholars queried about ...", "One of the scholars", True),
        ("Reflecting on it, another scholar asked about ...", "Another scholar", True),
        ("A scholar asked about ...", "One of the scholars", True),
        ("What is the future of the SCO?", "One of the scholars", False),
        ("He asked about ...", "A participant", False),
    ],
)
def test_whether_a_question_names_its_asker(text, description, named):
    assert t.names_description(text, description) is named


def test_whether_a_text_names_a_person():
    lele = person(honorific="Gp. Capt. (Dr.)", name="Ajey Lele")
    ram = person(id="ram", name="राम")
    report = SimpleNamespace(people=[lele, ram], rapporteur=None)  # the registry is all the scan reads
    assert names_person("Deputy Director General Gp. Capt. (Dr.) Ajey Lele queried ...", lele, report)
    assert names_person("Dr. Lele asked ...", lele, report)
    assert not names_person("Lelewala asked ...", lele, report)
    assert not names_person("anything", None, report)
    assert names_person("राम ने कहा", ram, report)
    assert not names_person("रामा ने कहा", ram, report)  # a vowel sign is part of the word
