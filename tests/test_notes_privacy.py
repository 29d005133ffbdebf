"""Notes are raw material and may be off the record: nothing of them in any exported file.

The DOCX is searched part by part (document, headers, properties, the embedded
source in customXml): a note's words must be nowhere in the package, nor in the
Markdown. Drafted parts are the report, and are exported; undrafted notes are not.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from notes_support import ticking, write_programme

CLI = Callable[..., tuple[int, str, str]]

SECRETS = ("OFFREC-CHARLIE the minister will resign", "OFFREC-DELTA do not quote the admiral")


@pytest.fixture
def drafted(tmp_path: Path, cli: CLI) -> Path:
    from rapporteur.notes.session import NotesSession

    path = write_programme(tmp_path)
    s = NotesSession.open(str(path), clock=ticking())
    s.phase = "presentations"
    s.speaker = "rao"
    s.commit("# Trade")
    s.commit("shipping insurance has tripled since last year")
    s.speaker = None
    s.commit(SECRETS[0])  # nobody speaking in the presentations: the draft has no part for it
    s.phase = "opening"
    s.commit(SECRETS[1])
    s.toggle_important()
    s.close()
    assert cli("draft", str(path))[0] == 0
    return path


@pytest.mark.parametrize("layout", ["narrative", "sectioned"])
def test_no_note_in_any_part_of_the_docx_package(drafted: Path, cli: CLI, layout: str) -> None:
    out = drafted.with_suffix(".docx")
    code, _, err = cli("export", str(drafted), "-o", str(out), "--layout", layout)
    assert code == 0, err
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as z:
        parts = {name: z.read(name).decode("utf-8", "replace") for name in z.namelist()}
    assert any("Shipping insurance has tripled" in text for text in parts.values())  # the drafted report is there
    for name, text in parts.items():
        for marker in (*SECRETS, "[[notes]]", "used_in"):
            assert marker not in text, f"{marker!r} is in {name}"


def test_no_note_in_the_markdown(drafted: Path, cli: CLI) -> None:
    out = drafted.with_suffix(".md")
    code, _, err = cli("export", str(drafted), "-o", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "Shipping insurance has tripled" in text
    for marker in (*SECRETS, "[[notes]]", "used_in"):
        assert marker not in text
