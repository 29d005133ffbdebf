"""The notes core without a terminal: typed lines, the journal, recovery, folding, drafting."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from notes_support import load, ticking, write_programme

from rapporteur.notes.session import NotesSession

CLI = Callable[..., tuple[int, str, str]]

# -- what a typed line means ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind", "text"),
    [
        ("a plain point", "point", "a plain point"),
        ("? why now", "question", "why now"),
        ("> because", "answer", "because"),
        ("! India must act", "implication", "India must act"),
        ('" we will not yield"', "quote", "we will not yield"),
        ("# Trade", "topic", "Trade"),
        ("* cooperation pays", "takeaway", "cooperation pays"),
        ("\\? not a question", "point", "? not a question"),
        ("   ?spaced", "question", "spaced"),
    ],
)
def test_a_leading_mark_gives_the_kind(line: str, kind: str, text: str) -> None:
    from rapporteur.notes.kinds import line_for, parse_line

    assert parse_line(line) == (kind, text)
    assert parse_line(line_for(kind, text)) == (kind, text)  # Up shows a line that means the same


# -- the session and its journal --------------------------------------------------------------------


def open_session(path: Path | str, **kw: Any) -> NotesSession:
    from rapporteur.notes.session import NotesSession

    return NotesSession.open(str(path), clock=kw.pop("clock", ticking()), **kw)


def test_each_note_is_in_the_journal_before_it_is_shown_and_survives_a_kill(tmp_path: Path) -> None:
    from rapporteur.notes.journal import journal_path

    path = write_programme(tmp_path)
    before = path.read_bytes()
    s = open_session(path)
    s.speaker = "rao"
    s.commit("sea lanes are the arteries of trade")
    s.commit("? who pays")
    assert path.read_bytes() == before  # the report is untouched until a fold
    assert os.path.exists(journal_path(path))
    # a kill: no close, no fold (the kernel lets go of the session's lock); the next session finds the notes
    s.release()
    s2 = open_session(path)
    assert [n.text for n in s2.report.notes] == ["sea lanes are the arteries of trade", "who pays"]
    assert s2.messages == ["recovered 2 changes from the journal"]
    assert path.read_bytes() != before  # recovered notes are folded into the file at once
    s2.close()
    assert not os.path.exists(journal_path(path))
    s3 = open_session(path)
    assert len(s3.report.notes) == 2 and s3.messages == []
    s3.close()


def test_a_line_cut_short_by_a_kill_is_dropped_and_the_rest_kept(tmp_path: Path) -> None:
    from rapporteur.notes.journal import journal_path

    path = write_programme(tmp_path)
    s = open_session(path)
    s.commit("kept one")
    s.commit("kept two")
    s.journal.close()
    s.release()
    with open(journal_path(path), "ab") as fh:
        fh.write(b'{"op":"add","note":{"time":"10:00:00","text":"half wri')
    s2 = open_session(path)
    assert [n.text for n in s2.report.notes] == ["kept one", "kept two"]
    assert any("incomplete" in m for m in s2.messages)
    s2.commit("after the kill")
    s2.close()
    assert [n.text for n in load(path).notes] == ["kept one", "kept two", "after the kill"]


def test_a_kill_between_fold_and_fresh_journal_neither_loses_nor_doubles_notes(tmp_path: Path) -> None:
    from rapporteur import tomlwrite
    from rapporteur.notes import journal as j

    path = write_programme(tmp_path)
    s = open_session(path)
    s.commit("only once")
    # the fold's first two steps, then a kill before the fresh journal
    text = tomlwrite.canonical_text(s.report, str(path), s.directive, s.newline).encode()
    s.journal.append({"op": "folded", "sha": j.digest(text)})
    tomlwrite.atomic_write(path, text)
    s.release()
    s2 = open_session(path)
    assert [n.text for n in s2.report.notes] == ["only once"]
    assert s2.messages == []


def test_a_report_changed_by_another_program_is_never_overwritten(tmp_path: Path) -> None:
    from rapporteur.notes.session import NotesError

    path = write_programme(tmp_path)
    s = open_session(path)
    s.commit("taken during the event")
    changed = path.read_text(encoding="utf-8").replace("Tara Sen", "Tara Sen Gupta")
    path.write_text(changed, encoding="utf-8")
    with pytest.raises(NotesError, match="changed by another program"):
        s.fold()
    assert path.read_text(encoding="utf-8") == changed
    s.journal.close()
    s.release()
    # the next session keeps the journal aside rather than replaying it onto a different file
    s2 = open_session(path)
    assert s2.report.notes == [] and "kept as" in s2.messages[0]
    kept = [f for f in os.listdir(tmp_path) if ".unmerged-" in f]
    assert len(kept) == 1 and "taken during the event" in (tmp_path / kept[0]).read_text(encoding="utf-8")


def test_speakers_by_key_order_by_name_and_new_names_get_ids(tmp_path: Path) -> None:
    from rapporteur.notes.session import programme

    path = write_programme(tmp_path)
    s = open_session(path)
    assert programme(s.report) == ["menon", "rao", "iyer"]
    assert s.speak("Iyer") == ("iyer", False)
    assert s.speak("asha rao") == ("rao", False)
    assert s.speak("Leela Das") == ("das", True)
    assert s.speak("Arun Das") == ("das-2", True)  # ids stay unique
    assert s.speak("Cmde. Vikram Iyer") == ("iyer", False)
    assert s.speak("Gp. Capt. (Dr.) Meera Pillai") == ("pillai", True)
    assert s.speak("") == (None, False)
    q = s.commit("? from the floor")
    assert q is not None and q.speaker is None and q.speaker_description == "a participant"
    s.close()
    people = {p.id: (p.honorific, p.name) for p in load(path).people}
    assert people["das"] == (None, "Leela Das") and people["das-2"] == (None, "Arun Das")
    assert people["pillai"] == ("Gp. Capt. (Dr.)", "Meera Pillai")


def test_correct_undo_and_mark_important(tmp_path: Path) -> None:
    path = write_programme(tmp_path)
    s = open_session(path, clock=lambda: dt.time(11, 5, 0))
    s.commit("frist point")
    s.commit("second point")
    s.replace(0, "# First point")
    s.toggle_important(1)
    s.commit("a mistake")
    assert s.undo().text == "a mistake"
    assert s.replace(1, "   ") is None  # a blank correction changes nothing
    s.close()
    notes = load(path).notes
    assert [(n.kind, n.text, n.important, n.time) for n in notes] == [
        ("topic", "First point", False, dt.time(11, 5)),
        ("point", "second point", True, dt.time(11, 5)),
    ]


def test_notes_never_count_toward_completeness_and_speakers_must_be_registered(tmp_path: Path, cli: CLI) -> None:
    path = write_programme(tmp_path)
    s = open_session(path)
    s.speaker = "rao"
    s.commit("a point that is only a note")
    s.close()
    code, out, _ = cli("validate", "--final", str(path))
    assert code == 1 and "the report has nothing said in it yet" in out  # the note does not count
    text = path.read_text(encoding="utf-8").replace('speaker = "rao"', 'speaker = "raoo"')
    path.write_text(text, encoding="utf-8")
    code, out, _err = cli("validate", str(path))
    assert code == 1 and "notes[0].speaker: unknown person 'raoo'" in out


def test_notes_are_canonical_toml(tmp_path: Path, cli: CLI) -> None:
    path = write_programme(tmp_path)
    s = open_session(path)
    s.commit('" a quotation with "inner" quotes and a \\ backslash')
    s.close()
    code, out, err = cli("fmt", "--check", str(path))
    assert code == 0, out + err
    assert '[[notes]]\ntime = 10:00:00\nphase = "opening"' in path.read_text(encoding="utf-8")


# -- drafting ---------------------------------------------------------------------------------------


def test_draft_never_overwrites_text_it_appends_and_says_so(tmp_path: Path) -> None:
    from rapporteur.notes.draft import draft

    path = write_programme(tmp_path)
    s = open_session(path)
    s.phase = "presentations"
    s.speaker = "rao"
    s.commit("insurance costs have tripled")
    s.commit("this hurts small exporters")
    s.commit("! India should back regional insurance pools")
    report = s.report.model_copy(deep=True)
    s.journal.remove()
    s.release()
    from rapporteur.model import Implications, Section

    report.sessions[0].presentations[0].sections.append(Section(heading=None, text="Dr. Rao began with history."))
    report.implications = Implications(audience="India", text="Written by hand.")
    out = draft(report)
    sec = out.report.sessions[0].presentations[0].sections[0].text
    assert sec == "Dr. Rao began with history.\n\nInsurance costs have tripled. This hurts small exporters.\n"
    assert out.report.implications.text == "Written by hand.\n\nIndia should back regional insurance pools.\n"
    assert [(c.path, c.action, c.notes) for c in out.changes] == [
        ("sessions[0].presentations[0].sections[0].text", "appended", 2),
        ("implications.text", "appended", 1),
    ]
    assert out.report.notes[0].used_in == ["sessions[0].presentations[0].sections[0].text"]
    assert report.notes[0].used_in == []  # the report given is not changed
    assert draft(out.report).changes == []  # used notes are not drafted twice


def test_with_several_sessions_questions_go_to_the_session_just_presented(tmp_path: Path) -> None:
    from rapporteur.notes.draft import draft

    path = write_programme(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        '[[sessions.presentations]]\nspeakers = ["iyer"]\n',
        '[[sessions]]\nroles = [{ role = "chair", people = ["das"] }]\n\n[[sessions.presentations]]\nspeakers = ["iyer"]\n',
    )
    text = text.replace("[[sessions]]\nroles", '[[people]]\nid = "das"\nname = "Leela Das"\n\n[[sessions]]\nroles', 1)
    path.write_text(text, encoding="utf-8")
    s = open_session(path)
    for speaker, phase, line in [
        ("rao", "presentations", "insurance costs have tripled"),
        (None, "qa", "? who pays"),
        ("rao", "qa", "> the exporters"),
        ("das", "presentations", "opened the second session on navies"),
        ("iyer", "presentations", "navies cannot be everywhere"),
        (None, "qa", "? which navies"),
        ("iyer", "qa", "> those of the littoral states"),
    ]:
        s.speaker, s.phase = speaker, phase
        s.commit(line)
    report = s.report.model_copy(deep=True)
    s.close()
    out = draft(report).report
    assert out.discussion is None
    first, second = (sess.discussion for sess in out.sessions)
    assert first is not None and second is not None
    assert [(q.text, q.responses[0].text) for q in first.questions] == [("Who pays?\n", "The exporters.\n")]
    assert [(q.text, q.responses[0].by) for q in second.questions] == [("Which navies?\n", "iyer")]
    assert out.notes[6].used_in == ["sessions[1].discussion.questions[0].responses[0].text"]
    assert out.sessions[1].introduction == "Opened the second session on navies.\n"


def test_draft_puts_a_final_report_back_to_draft(tmp_path: Path, cli: CLI) -> None:
    path = write_programme(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('status = "draft"', 'status = "final"'), "utf-8")
    s = open_session(path)
    s.phase = "closing"
    s.commit("* the sea unites more than it divides")
    s.close()
    code, _out, err = cli("draft", str(path))
    assert code == 0 and "status is now draft (was final)" in err
    assert 'status = "draft"' in path.read_text(encoding="utf-8")


def test_one_capture_session_per_report(tmp_path: Path, cli: CLI) -> None:
    from rapporteur.notes.session import NotesError

    path = write_programme(tmp_path)
    s = open_session(path)
    with pytest.raises(NotesError, match="already being taken"):
        open_session(path)
    code, _, err = cli("draft", "--dry-run", str(path))
    assert code == 1 and "being taken" in err
    s.close()
    open_session(path).close()
    assert sorted(os.listdir(tmp_path)) == ["panel.toml"]  # no journal, no lock left behind


def test_draft_refuses_while_notes_are_still_in_the_journal(tmp_path: Path, cli: CLI) -> None:
    path = write_programme(tmp_path)
    s = open_session(path)
    s.commit("not yet folded")
    s.release()  # killed: the lock goes, the journal stays
    code, _out, err = cli("draft", str(path))
    assert code == 1 and "rapporteur notes" in err
    s.journal.close()
    open_session(path).close()  # reopened and quit: folded
    assert cli("draft", str(path))[0] == 0


def test_notes_command_needs_a_terminal_and_an_existing_file(tmp_path: Path, cli: CLI) -> None:
    from rapporteur.notes.journal import journal_path

    path = write_programme(tmp_path)
    code, _, err = cli("notes", str(path))
    assert code == 2 and "needs a terminal" in err
    assert not os.path.exists(journal_path(path))
    code, _, err = cli("notes", str(tmp_path / "missing.toml"))
    assert code == 2 and "no such file" in err
    bad = tmp_path / "bad.toml"
    bad.write_text('[meta]\nschema_version = 2\nstatus = "drafty"\n', encoding="utf-8")
    code, _out, err = cli("notes", str(bad))
    assert code == 1 and "cannot take notes until it is fixed" in err
