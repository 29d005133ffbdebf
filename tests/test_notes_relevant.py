"""Which notes the editor's notes panel shows for a part, and the mark that a note was used."""

from __future__ import annotations

from pathlib import Path

from rapporteur.notes.relevant import is_used, mark_used, relevant
from rapporteur.tomlio import read_source

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "talk-arctic-shipping-from-notes.toml"


def note(text: str, *, phase: str = "presentations", speaker: str | None = None, kind: str = "point") -> dict:
    n: dict = {"time": "10:00:00", "phase": phase, "kind": kind, "text": text}
    if speaker is not None:
        n["speaker"] = speaker
    return n


DATA: dict = {
    "remarks": [{"role": "introductory", "by": "chair"}, {"role": "concluding"}],
    "sessions": [{"presentations": [{"speakers": ["ana"]}, {"speakers": ["ben", "cy"]}]}],
    "notes": [
        note("welcome", phase="opening", speaker="chair"),
        note("ana's point", speaker="ana"),
        note("ben's point", speaker="ben"),
        note("cy's figure", speaker="cy", kind="implication"),
        note("why now?", phase="qa", kind="question"),
        note("because", phase="qa", speaker="ana", kind="answer"),
        note("a question typed early", kind="question"),
        note("the lesson", kind="takeaway"),
        note("thank you all", phase="closing"),
    ],
}


def texts(part: tuple) -> list[str]:
    return [DATA["notes"][i]["text"] for i in relevant(DATA, part)[1]]


def test_a_presentation_and_its_sections_show_its_speakers_notes() -> None:
    assert texts(("sessions", 0, "presentations", 0)) == ["ana's point", "because"]
    assert texts(("sessions", 0, "presentations", 1, "sections", 2)) == ["ben's point", "cy's figure"]


def test_a_remark_shows_its_speakers_notes_and_its_phase() -> None:
    assert texts(("remarks", 0)) == ["welcome"]
    assert texts(("remarks", 1)) == ["thank you all"]  # no speaker named: the closing phase


def test_the_discussion_shows_qa_notes_and_questions_and_answers() -> None:
    assert texts(("discussion", "questions", 0)) == ["why now?", "because", "a question typed early"]


def test_implications_and_the_conclusion() -> None:
    assert texts(("implications",)) == ["cy's figure"]
    assert texts(("conclusion",)) == ["the lesson", "thank you all"]


def test_elsewhere_every_note() -> None:
    assert len(texts(("event",))) == len(DATA["notes"])
    assert relevant(DATA, ("event",))[0] == "all"


def test_a_report_without_notes_shows_none() -> None:
    assert relevant({}, ("sessions", 0, "presentations", 0)) == ("speakers", [])


def test_marking_a_note_used_records_the_field_once() -> None:
    data = {"notes": [note("x")]}
    assert not is_used(data["notes"][0])
    assert mark_used(data, 0, "conclusion.text")
    assert not mark_used(data, 0, "conclusion.text")
    assert data["notes"][0]["used_in"] == ["conclusion.text"] and is_used(data["notes"][0])
    assert not mark_used(data, 5, "conclusion.text")


def test_the_example_presentation_shows_halvorsens_notes_only() -> None:
    data = read_source(str(EXAMPLE)).data
    assert data is not None
    _label, found = relevant(data, ("sessions", 0, "presentations", 0))
    assert found and {data["notes"][i]["speaker"] for i in found} == {"halvorsen"}
