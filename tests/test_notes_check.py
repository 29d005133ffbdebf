"""``rapporteur check`` on notes: a final report that never used a note marked important is warned about."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from notes_support import ticking, write_programme

CLI = Callable[..., tuple[int, str, str]]


def notes_report(tmp_path: Path, status: str) -> Path:
    from rapporteur.notes.session import NotesSession

    path = write_programme(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('status = "draft"', f'status = "{status}"'), "utf-8")
    s = NotesSession.open(str(path), clock=ticking())
    s.phase = "presentations"
    s.speaker = "rao"
    s.commit("insurance premiums tripled after the attacks")
    s.toggle_important()
    s.commit("an unimportant aside")
    s.close()
    return path


def test_an_important_note_never_used_is_a_warning_on_a_final_report(tmp_path: Path, cli: CLI) -> None:
    path = notes_report(tmp_path, "final")
    code, out, _err = cli("check", "--select", "notes", str(path))
    assert code == 1
    lines = [line for line in out.splitlines() if "notes-important-unused" in line]
    assert len(lines) == 1
    assert "panel.toml:" in lines[0] and "notes[0]" in lines[0] and "insurance premiums tripled" in lines[0]


def test_not_on_a_draft_and_not_once_the_note_is_used(tmp_path: Path, cli: CLI) -> None:
    path = notes_report(tmp_path, "draft")
    assert "notes-important-unused" not in cli("check", "--select", "notes", str(path))[1]
    path.write_text(path.read_text(encoding="utf-8").replace('status = "draft"', 'status = "final"'), "utf-8")
    code, out, err = cli("draft", str(path))  # puts the report back to draft, the note now used
    assert code == 0, err
    path.write_text(path.read_text(encoding="utf-8").replace('status = "draft"', 'status = "final"'), "utf-8")
    code, out, err = cli("check", "--select", "notes", str(path))
    assert "notes-important-unused" not in out, out
