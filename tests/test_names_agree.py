"""One name scanner: the export (is a remark's speaker named in it?) and the checks (who does the prose
mention?) agree on who is mentioned, in the examples and in a generated corpus, Latin or any other script.

Both ask :mod:`rapporteur.names`, which decides as a demanding report writer would: with "Rajiv Singhal"
registered, "Dr. Rajiv" (honorific and first name) names him; "later singhal noted" (lower case, in a script
that has cases) and "Manmohan Singhal" (a namesake) do not. A name without its accents ("Labonte") is the same
name; a name joined to a word ("the Singhal-like view") is not a mention."""

from __future__ import annotations

import copy
import random
import tomllib
import unicodedata
from pathlib import Path

import pytest
from test_checks_support import PEOPLE, check, codes, make

from rapporteur.export.document import build
from rapporteur.model import Report
from rapporteur.names import names_person, scan
from rapporteur.prose import PROSE_KINDS, collect_fields

from conftest import example_reports, flat


def disagreements(report: Report) -> list[tuple[str, str, bool, bool]]:
    """(name, field text, the export's answer, the checks' answer) wherever they differ."""
    prose = [f for f in collect_fields(report) if f.kind in PROSE_KINDS]
    found = scan(report, prose).found
    out = []
    for f in prose:
        checked = {k for mt in found if mt.field.order == f.order for k in mt.persons}
        for key, person in enumerate(report.people):
            if not (person.name or "").strip():  # known only by office: no name to find
                continue
            exported = names_person(f.text, person, report)
            if exported != (key in checked):
                out.append((person.name, f.text, exported, key in checked))
    return out


@pytest.mark.parametrize("path", example_reports(), ids=lambda p: p.name)
def test_export_and_checks_agree_on_the_examples(path: Path) -> None:
    report = Report.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    assert disagreements(report) == []
    if "chatham" not in path.name:  # not vacuous: the named examples name people in their prose
        assert any(names_person(f.text, p, report) for f in collect_fields(report) for p in report.people)


#: Names in several scripts and shapes; the scanner reads the Latin ones by its patterns, the others by words.
NAMES = [
    ("Rajiv", "Sharma", "Dr."),
    ("Hélène", "Labonté-Ramdin", "Prof."),
    ("Ajey", "Lele", "Gp. Capt."),
    ("Ludwig", "van der Berg", "Mr."),
    ("Mayuri", "Banerjee", "Ms."),
    ("राम", "प्रसाद", "Shri"),
    ("Ирина", "Петрова", "Dr."),
    ("Kiran", "O’Brien", "Cdr."),
]
#: How a sentence names a person: {h} honorific, {g} given name, {s} surname.
FORMS = [
    "{g} {s} argued that the ties grew.",
    "In her view, {h} {s} was right.",
    "The panel heard {h} {g} {s} on the strait.",
    "Later {s} noted the trend.",
    "It was {s}’s point, and {s} made it twice.",
    "{s}, in turn, disagreed.",
    "Nobody was named here; the strait was.",
    "The speakers agreed ({g} {s}).",
    "Later {a} noted the trend.",  # written without its accents
    "Later {h} {g} noted the trend.",  # honorific and first name: a mention
    "later {l} noted the trend.",  # lower case: no mention where the script has cases
    "It was Manmohan {s} who disagreed.",  # a namesake: no mention
]
#: Words that contain a surname without being it: neither the export nor the checks may see the person.
LOOKALIKES = ["{s}ji argued.", "A pre{s} was cited.", "The {s}-like view prevailed."]


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not 0x300 <= ord(c) < 0x370)


def corpus(seed: int) -> Report:
    rng = random.Random(seed)
    chosen = rng.sample(NAMES, 3)
    people = copy.deepcopy(PEOPLE)
    sections = []
    for i, (given, last, honorific) in enumerate(chosen):
        people.append({"id": f"p{i}", "honorific": honorific, "name": f"{given} {last}"})
        for _ in range(3):
            form = rng.choice(FORMS + LOOKALIKES if " " not in last else FORMS)
            sections.append(form.format(h=honorific, g=given, s=last, a=_unaccented(last), l=last.lower()))
    rng.shuffle(sections)
    return make(" ".join(sections[:4]), " ".join(sections[4:]), people=people)


@pytest.mark.parametrize("seed", range(40))
def test_export_and_checks_agree_on_a_generated_corpus(seed: int) -> None:
    report = corpus(seed)
    assert disagreements(report) == []
    assert any(names_person(f.text, p, report) for f in collect_fields(report) for p in report.people[2:])


def test_a_name_in_another_script_is_a_mention_for_both() -> None:
    report = make(
        "राम प्रसाद ने कहा। Петрова agreed.",
        people=[
            *copy.deepcopy(PEOPLE),
            *[{"id": "ram", "name": "राम प्रसाद"}, {"id": "petrova", "name": "Ирина Петрова"}],
        ],
    )
    prose = [f for f in collect_fields(report) if f.kind in PROSE_KINDS]
    named = {report.people[k].id for mt in scan(report, prose).found for k in mt.persons}
    assert named == {"ram", "petrova"}
    assert disagreements(report) == []


def test_the_corpus_holds_every_kind_of_mention() -> None:
    """Not vacuous: the generated reports hold the honorific-and-first-name, lower-case and namesake forms."""
    texts = " ".join(f.text for seed in range(40) for f in collect_fields(corpus(seed)))
    assert "Dr. Rajiv noted" in texts and "later sharma noted" in texts and "Manmohan Sharma" in texts
    assert "later петрова noted" in texts


def test_a_name_in_lower_case_is_no_mention_where_the_script_has_cases() -> None:
    people = [*copy.deepcopy(PEOPLE), {"id": "petrova", "name": "Ирина Петрова"}, {"id": "ram", "name": "राम प्रसाद"}]
    report = make("Later петрова agreed, and प्रसाद too.", people=people)
    prose = [f for f in collect_fields(report) if f.kind in PROSE_KINDS]
    assert {report.people[k].id for mt in scan(report, prose).found for k in mt.persons} == {"ram"}
    assert not names_person("Later петрова agreed.", report.people[-2], report)
    assert names_person("Later Петрова agreed.", report.people[-2], report)
    assert disagreements(report) == []


def test_in_another_script_an_honorific_and_first_name_name_the_person_and_a_namesake_does_not() -> None:
    people = [*copy.deepcopy(PEOPLE), {"id": "petrova", "honorific": "Dr.", "name": "Ирина Петрова"}]
    report = make("Later Dr. Ирина agreed. Анна Петрова did not. Ирина alone is not enough.", people=people)
    prose = [f for f in collect_fields(report) if f.kind in PROSE_KINDS]
    assert [mt.text for mt in scan(report, prose).found] == ["Ирина"]  # the one after "Dr."
    petrova = report.people[-1]
    assert names_person("In her view, Dr. Петрова was right.", petrova, report)
    assert not names_person("Анна Петрова did not.", petrova, report)
    assert disagreements(report) == []


RAJIV = {
    "id": "rajiv",
    "honorific": "Dr.",
    "name": "Rajiv Singhal",
    "designation": "Senior Fellow",
    "affiliation": "MP-IDSA",
}
LEAD = "The session was moderated by Dr. Prashant Kumar Singh."


def _answered(response: str) -> str:
    """The exported paragraph of a question Rajiv Singhal answered with ``response``."""
    question = {
        "asker": "lele",
        "text": "Gp. Capt. Lele asked about Taiwan.",
        "responses": [{"by": "rajiv", "text": response}],
    }
    report = make("The talk went well.", people=[*copy.deepcopy(PEOPLE), RAJIV], questions=[question])
    return next(flat(b.text) for b in build(report).blocks if "Taiwan" in flat(b.text))


def test_honorific_and_first_name_name_the_person() -> None:
    # the export does not introduce a responder the text already names
    assert (
        _answered("Dr. Rajiv noted that ties grew.")
        == "Gp. Capt. Lele asked about Taiwan. Dr. Rajiv noted that ties grew."
    )
    # the checks count him as named, and ask for the full name at the first mention
    report = make(
        "Dr. Rajiv noted that ties grew.", lead=LEAD, people=[*copy.deepcopy(PEOPLE), RAJIV], speakers=["rajiv"]
    )
    diags = check(report, ["people-unmentioned", "people-first-mention"])
    assert codes(diags) == ["people-first-mention"]
    assert "'Dr. Rajiv'" in diags[0].message


@pytest.mark.parametrize(
    "text",
    ["Later singhal noted that ties grew.", "It was Manmohan Singhal who said ties grew."],
    ids=["lower", "namesake"],
)
def test_a_lower_case_name_or_a_namesake_is_not_the_person(text: str) -> None:
    # the export introduces the responder, whom the text does not name
    assert (
        _answered(text)
        == f"Gp. Capt. Lele asked about Taiwan. Dr. Rajiv Singhal, Senior Fellow, MP-IDSA responded: {text}"
    )
    # the checks find a speaker the report never names
    report = make(text, lead=LEAD, people=[*copy.deepcopy(PEOPLE), RAJIV], speakers=["rajiv"])
    diags = check(report, "people-unmentioned")
    assert [d.path for d in diags] == ["sessions[0].presentations[0].speakers[0]"]
    assert "Rajiv Singhal (rajiv) is the speaker" in diags[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Then Singhal noted that ties grew.",
        "Subsequently Singhal noted that ties grew.",
        "Responding Singhal noted that ties grew.",
        "Justice Singhal's view was that ties grew.",
        "Then Rajiv Singhal noted that ties grew.",  # the full name is him, whatever stands before it
        "It was then Rajiv Singhal who said ties grew.",
    ],
)
def test_a_word_that_opens_a_sentence_or_a_title_before_the_surname_leaves_it_his(text: str) -> None:
    # the export does not introduce him twice ("Dr. Rajiv Singhal ... responded: Then Singhal noted ...")
    assert _answered(text) == f"Gp. Capt. Lele asked about Taiwan. {text}"
    report = make(text, lead=LEAD, people=[*copy.deepcopy(PEOPLE), RAJIV], speakers=["rajiv"])
    assert check(report, "people-unmentioned") == []
    assert disagreements(report) == []


def test_an_honorific_and_a_middle_name_is_not_the_person() -> None:
    """ "Mr. Kumar" is somebody else, not Prashant Kumar Singh: the export still says who answered."""
    singh = {"id": "singh", "honorific": "Dr.", "name": "Prashant Kumar Singh", "designation": "Research Fellow"}
    people = [p for p in copy.deepcopy(PEOPLE) if p.get("id") != "singh"] + [singh]
    report = make("Mr. Kumar said so.", people=people)
    person = next(p for p in report.people if p.id == "singh")
    assert not names_person("Mr. Kumar said so.", person, report)
    assert names_person("Dr. Singh said so.", person, report)
    assert names_person("Dr. Prashant said so.", person, report)
    assert disagreements(report) == []
