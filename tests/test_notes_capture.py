"""A whole event typed into the capture screen, by keys: then drafted, validated, exported.

Note bodies are inserted at the cursor (typing thousands of characters through pilot
is slow); every mark, speaker switch, phase switch, correction and Enter is a key.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from notes_support import load, ticking, write_programme
from textual.pilot import Pilot

from conftest import examples, run_async_tests

CLI = Callable[..., tuple[int, str, str]]

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SIZE = (100, 32)
#: Notes the draft has no part for: raw material that must never reach an export.
#: Points typed for each speaker: 30 in CI (over a hundred notes in all), 10 in the fast tier (every key the
#: same, fewer lines: each Enter is a journal write and a repaint).
POINTS = max(10, examples(30))
OFF_RECORD = ("OFFREC-ALPHA a phone rang in the hall", "OFFREC-BRAVO moderator aside about the coffee")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("RAPPORTEUR_STATE_DIR", str(tmp_path / "state"))


async def note(pilot: Pilot, line: str) -> None:
    """A note as a user types it: the mark by key, the words inserted, Enter by key."""
    box = pilot.app.screen.input
    mark = line[:1] if line[:1] in '?>!"#*' else ""
    if mark:
        await pilot.press(mark)
    box.insert_text_at_cursor(line[len(mark) :])
    await pilot.press("enter")


async def speaker(pilot: Pilot, name: str) -> None:
    """``@name`` and Enter: anyone in the registry, or a new name."""
    await pilot.press("@")
    pilot.app.screen.input.insert_text_at_cursor(name)
    await pilot.press("enter")


async def type_event(pilot: Pilot) -> None:
    # opening: the moderator (F2, first in the programme), then an aside from nobody
    await pilot.press("f2")
    for line in (
        "welcomed the panel and the audience",
        "the theme is the security of the sea lanes of the Indian Ocean",
        "each speaker has fifteen minutes",
    ):
        await note(pilot, line)
    await pilot.press("f10")
    await note(pilot, OFF_RECORD[0])
    await pilot.press("ctrl+t")  # presentations
    await pilot.press("f3")  # Rao
    await note(pilot, "# Chokepoints and shipping")
    for i in range(POINTS):
        await note(pilot, f"rao point {i} on chokepoints and the cost of insurance")
    await pilot.press("f4")  # Iyer
    await note(pilot, "# Naval presence")
    for i in range(POINTS - 1):
        await note(pilot, f"iyer point {i} on patrols and basing")
    await note(pilot, '"no navy can patrol the whole ocean alone')
    await pilot.press("ctrl+f")  # that quotation matters
    await note(pilot, "* cooperation at sea is cheaper than competition")
    await speaker(pilot, "Leela Das")  # not in the programme: added by name
    await note(pilot, "# Ports")
    for i in range(POINTS - 1):
        await note(pilot, f"das point {i} on ports and hinterland links")
    await note(pilot, "das point with a tpyo")
    await pilot.press("up")  # correct it
    box = pilot.app.screen.input
    assert box.value == "das point with a tpyo"
    await pilot.press(*["backspace"] * 4, "t", "y", "p", "o", "enter")
    await note(pilot, "a line typed for the wrong speaker")
    await pilot.press("ctrl+z")  # undo it
    await pilot.press("f2")
    await note(pilot, OFF_RECORD[1])
    await pilot.press("ctrl+t")  # Q&A
    qa = [
        ("f10", "? how are patrols paid for", "f4", "> costs are shared among partners"),
        ("f3", "? which chokepoint worries you most", "f3", "> the Strait of Malacca"),
        ("f10", "? can ports pay for themselves", "f5", "> only with rail links inland"),  # F5: Das, added by name
        ("f2", "? what should the region do first", "f4", "> share maritime domain awareness"),
    ]
    for asker, question, answerer, answer in qa:
        await pilot.press(asker)
        await note(pilot, question)
        await pilot.press(answerer)
        await note(pilot, answer)
    await note(pilot, "and the data must be shared in real time")  # Iyer goes on answering
    await note(pilot, "! India should invest in maritime domain awareness")
    await pilot.press("ctrl+t")  # closing
    await pilot.press("f2")
    await note(pilot, "thanked the speakers and the audience")
    await note(pilot, "the report will follow within a week")


@pytest.mark.slow  # a whole event by keys, then three commands: the other tests here cover each step
async def test_a_whole_event_typed_then_drafted_validated_and_exported(tmp_path: Path, cli: CLI) -> None:
    from docx import Document

    from rapporteur.notes.journal import journal_path
    from rapporteur.notes.session import NotesSession
    from rapporteur.tui.screens.notes import NotesApp

    path = write_programme(tmp_path)
    session = NotesSession.open(str(path), clock=ticking())
    app = NotesApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await type_event(pilot)
        bar = str(app.screen.query_one("#notes-bar").render())
        assert "Closing" in bar and "Menon" in bar
        await pilot.press("ctrl+q")
    assert app.return_code == 0 and app.problem is None
    assert not (tmp_path / ".panel.toml.notes-journal").exists() and not __import__("os").path.exists(
        journal_path(path)
    )

    code, out, err = cli("validate", str(path))
    assert code == 0, err
    notes = load(path).notes
    assert len(notes) >= 3 * POINTS + 10  # the points, and what was said around them
    by_kind = {k: sum(n.kind == k for n in notes) for k in ("question", "answer", "implication", "topic", "quote")}
    assert by_kind == {"question": 4, "answer": 4, "implication": 1, "topic": 3, "quote": 1}
    assert [n.phase for n in notes[:4]] == ["opening"] * 4 and notes[-1].phase == "closing"
    assert notes[3].speaker is None and notes[3].text == OFF_RECORD[0]
    texts = [n.text for n in notes]
    assert "das point with a typo" in texts and "das point with a tpyo" not in texts
    assert "a line typed for the wrong speaker" not in texts
    quote = next(n for n in notes if n.kind == "quote")
    assert quote.important and quote.speaker == "iyer"
    first_q = next(n for n in notes if n.kind == "question")
    assert first_q.speaker is None and first_q.speaker_description == "a participant"
    assert {"das"} <= {n.speaker for n in notes}
    assert "Leela Das" in path.read_text(encoding="utf-8")  # added to the people by name
    times = [n.time for n in notes]
    assert times == sorted(times)

    before = path.read_bytes()
    code, out, err = cli("draft", str(path), "--dry-run")
    assert code == 0, err
    assert path.read_bytes() == before  # --dry-run leaves the file untouched
    assert out.startswith("--- a/") and "+[[discussion.questions]]" in out

    code, out, err = cli("draft", str(path))
    assert code == 0, err
    assert "sessions[0].presentations[0].sections[0].text" in err and "left out: 1 note with no speaker" in err
    code, out, err = cli("validate", str(path))
    assert code == 0, err
    drafted = load(path)
    assert drafted.meta.status == "draft"
    assert len(drafted.discussion.questions) == 4
    assert drafted.discussion.questions[0].asker_description == "a participant"
    assert drafted.discussion.questions[3].responses[0].text.endswith("data must be shared in real time.\n")
    assert drafted.implications.text.startswith("India should invest")
    assert drafted.conclusion.takeaways == ["Cooperation at sea is cheaper than competition."]
    assert [p.speakers for p in drafted.sessions[0].presentations] == [["rao"], ["iyer"], ["das"]]
    assert {(r.role, r.by) for r in drafted.remarks} == {("introductory", "menon"), ("concluding", "menon")}
    used = [n for n in drafted.notes if n.used_in]
    assert len(used) == len(drafted.notes) - 2  # every note but the two off the record
    # a second draft has nothing left to do
    code, out, err = cli("draft", str(path))
    assert code == 0 and "nothing to draft" in err

    docx_path, md_path = tmp_path / "panel.docx", tmp_path / "panel.md"
    assert cli("export", str(path), "-o", str(docx_path))[0] == 0
    assert cli("export", str(path), "-o", str(md_path))[0] == 0
    body = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    assert "Rao point 7 on chokepoints and the cost of insurance." in body  # the drafted report is exported
    # what a reader sees; the whole package (with the embedded source) is searched in test_notes_privacy.py
    assert_notes_absent(docx_path.read_bytes(), md_path.read_text(encoding="utf-8"), OFF_RECORD, "word/")


async def test_recall_walks_back_and_forth_and_gives_back_the_line_being_typed(tmp_path: Path) -> None:
    from rapporteur.notes.session import NotesSession
    from rapporteur.tui.screens.notes import NotesApp

    path = write_programme(tmp_path)
    session = NotesSession.open(str(path), clock=ticking())
    app = NotesApp(session)
    async with app.run_test(size=SIZE) as pilot:
        for line in ("first", "? second", "third"):
            await note(pilot, line)
        box = pilot.app.screen.input
        box.insert_text_at_cursor("half typed")
        await pilot.press("up", "up")
        assert box.value == "? second" and app.screen.has_class("-recalling")
        await pilot.press("down")
        assert box.value == "third"
        await pilot.press("down")
        assert box.value == "half typed" and not app.screen.has_class("-recalling")
        await pilot.press("up", "escape")
        assert box.value == "half typed"
        await pilot.press("f9")  # nobody on the eighth key
        assert "no speaker on F9" in str(app.screen.query_one("#notes-status").render())
        await pilot.press("ctrl+s")  # written into the file at once
        assert "third" in path.read_text(encoding="utf-8")
        await pilot.press("ctrl+b")
        assert "Opening" in str(app.screen.query_one("#notes-bar").render())
        await pilot.press("ctrl+q")
    assert [n.text for n in load(path).notes] == ["first", "second", "third"]


def assert_notes_absent(docx: bytes, markdown: str, secrets: tuple[str, ...], under: str = "") -> None:
    """No note, and no trace of the notes part, in the DOCX package's parts (under a folder) or in the Markdown."""
    markers = (*secrets, "[[notes]]", "used_in", "speaker_description")
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        for name in z.namelist():
            if not name.startswith(under):
                continue
            data = z.read(name).decode("utf-8", "replace")
            for marker in markers:
                assert marker not in data, f"{marker!r} is in {name} of the DOCX"
    for marker in markers:
        assert marker not in markdown, f"{marker!r} is in the Markdown"


run_async_tests(globals())
