"""Crash safety, measured: SIGKILL a process that saves, at random moments, hundreds of times.

A save is ``tomlwrite.atomic_write`` (what ``fmt``, ``new``, ``import`` and the editor's Ctrl+S
use), the ``fmt`` command, or the ``export`` command writing a DOCX. After every kill the
file must be, byte for byte, one of the versions that were being saved (never a mix, never
empty, never truncated) and must read back: the TOML parses; the DOCX is a zip that
``rapporteur import`` reads, giving back one of the exported reports.

The saving process is a fork server (tests/corpus/save_loop.py): it imports once, and
forks a worker that saves in a loop until the test kills it, after a random delay. A kill
that lands mid-write leaves the writer's temporary file (a hidden ``.NAME.*.tmp`` beside the
target: nothing can delete it when the process is killed); those are counted, which also
shows that the kills do land inside writes, and ``validate FOLDER`` must ignore them.

Kills per mode: ``RAPPORTEUR_KILLS`` (default 200; the export mode does half as many: each
of its saves takes longer). A kill during *editing* loses at most the autosave interval:
tests/test_tui_kill.py kills a real editor session in tmux and reopens it.
"""

from __future__ import annotations

import os
import random
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rapporteur import tomlio
from rapporteur.importer import ImportProblem, read_report

from conftest import run_cli, save_figures

HERE = Path(__file__).resolve().parent
SAVE_LOOP = HERE / "corpus" / "save_loop.py"
BASE = HERE / "corpus" / "base.toml"
KILLS = int(os.environ.get("RAPPORTEUR_KILLS", "200"))
SEED = int(os.environ.get("RAPPORTEUR_KILL_SEED", "6"))
FIGURES: dict = {}

# kill loops: the slow tier
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(os, "fork"), reason="the save loop forks")]


def big_report(paragraphs: int, word: str = "ports") -> bytes:
    """A valid report whose summary holds ``paragraphs`` paragraphs (about 500 bytes each)."""
    text = BASE.read_text(encoding="utf-8")
    para = f"Dr. Rao said that {word} change old alignments, and that small states weigh debt against access. " * 5
    summary = "\n\n".join(f"{para}({i})" for i in range(paragraphs))
    old = "Dr. Anita Rao spoke on how ports shape power in the Indian Ocean.\n"
    assert old in text
    out = text.replace(old, summary + "\n")
    assert tomlio.parse_source(out.encode(), "x").data is not None
    return out.encode("utf-8")


class SaveLoop:
    """The fork server: ``go`` starts a saving worker, ``reap`` collects it once killed."""

    def __init__(self, mode: str, target: Path, *args: Path) -> None:
        env = {**os.environ, "NO_COLOR": "1", "RAPPORTEUR_CONFIG": str(target.parent / "no-config.toml")}
        self.p = subprocess.Popen(
            [sys.executable, str(SAVE_LOOP), mode, str(target), *map(str, args)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=target.parent,
        )
        self.sel = selectors.DefaultSelector()
        self.sel.register(self.p.stdout, selectors.EVENT_READ)
        assert self._line(60) == "ready"

    def _line(self, timeout: float = 30) -> str:
        if not self.sel.select(timeout):
            raise AssertionError("the save loop stopped answering")
        return self.p.stdout.readline().strip()

    def _send(self, command: str) -> None:
        self.p.stdin.write(command + "\n")
        self.p.stdin.flush()

    def go(self) -> int:
        self._send("go")
        return int(self._line())

    def reap(self) -> int:
        self._send("reap")
        answer = self._line()
        assert answer.startswith("reaped"), answer
        return int(answer.split()[1])

    def close(self) -> None:
        try:
            self._send("quit")
            self.p.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.p.kill()


def temporaries(folder: Path, target: Path) -> list[Path]:
    return sorted(folder.glob(f".{target.name}.*.tmp"))


def kill_loop(loop: SaveLoop, kills: int, max_delay: float, check) -> dict:
    """Start a worker, kill it after a random delay, check the file; ``kills`` times."""
    rng = random.Random(SEED)
    killed_mid_save = 0
    start = time.perf_counter()
    for i in range(kills):
        pid = loop.go()
        time.sleep(rng.uniform(0, max_delay))
        os.kill(pid, signal.SIGKILL)
        status = loop.reap()
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            killed_mid_save += 1
        check(i)
    return {"kills": kills, "killed_by_sigkill": killed_mid_save, "seconds": round(time.perf_counter() - start, 1)}


def record(name: str, figures: dict) -> None:
    FIGURES[name] = figures
    save_figures("crash.json", FIGURES)


def test_atomic_write_killed_at_random_leaves_the_old_or_the_new_file(tmp_path):
    target = tmp_path / "report.toml"
    a, b = big_report(4000, "ports"), big_report(4000, "harbours")  # about 2 MB each
    (tmp_path / "a").write_bytes(a)
    (tmp_path / "b").write_bytes(b)
    target.write_bytes(a)
    parsed = {a: False, b: False}

    def check(i: int) -> None:
        data = target.read_bytes()
        assert data in parsed, f"kill {i}: the file is neither version ({len(data)} bytes)"
        if not parsed[data]:  # each version is parsed once: the bytes are what decides
            assert tomlio.parse_source(data, "report.toml").data is not None
            parsed[data] = True

    loop = SaveLoop("write", target, tmp_path / "a", tmp_path / "b")
    try:
        figures = kill_loop(loop, KILLS, 0.06, check)
    finally:
        loop.close()
    figures["left_temporaries"] = len(temporaries(tmp_path, target))
    figures["bytes"] = len(a)
    record("atomic_write", figures)
    assert figures["killed_by_sigkill"] == KILLS
    assert all(parsed.values()), "the loop never got to write both versions: raise the delay"
    (tmp_path / "a").unlink()
    (tmp_path / "b").unlink()
    r = run_cli("validate", str(tmp_path))  # the left temporaries are never taken for reports
    assert r.returncode == 0 and "1 file checked" in r.stderr, r.stderr


def test_fmt_killed_at_random_leaves_the_old_or_the_formatted_file(tmp_path):
    target = tmp_path / "report.toml"
    canonical = big_report(200)
    messy = canonical.replace(b'status = "draft"', b'status   =   "draft"').replace(
        b"schema_version = 2", b"schema_version=1"
    )
    assert messy != canonical
    (tmp_path / "messy").write_bytes(messy)
    target.write_bytes(messy)
    seen = {messy: 0, canonical: 0}

    def check(i: int) -> None:
        data = target.read_bytes()
        assert data in seen, f"kill {i}: the file is neither version ({len(data)} bytes)"
        seen[data] += 1

    loop = SaveLoop("fmt", target, tmp_path / "messy")
    try:
        figures = kill_loop(loop, KILLS, 0.1, check)
    finally:
        loop.close()
    figures["left_temporaries"] = len(temporaries(tmp_path, target))
    figures["bytes"] = len(canonical)
    figures["found"] = {"not canonical": seen[messy], "canonical": seen[canonical]}
    record("fmt", figures)
    assert seen[canonical] and seen[messy], seen
    for data in seen:
        assert tomlio.parse_source(data, "report.toml").data is not None


def test_export_killed_at_random_leaves_no_docx_or_one_that_imports(tmp_path):
    target = tmp_path / "report.docx"
    a, b = big_report(100, "ports"), big_report(100, "harbours")
    (tmp_path / "a.toml").write_bytes(a)
    (tmp_path / "b.toml").write_bytes(b)
    seen = {"absent": 0, a: 0, b: 0}

    def check(i: int) -> None:
        if not target.exists():
            assert not seen[a] and not seen[b], f"kill {i}: the DOCX vanished after it had been written"
            seen["absent"] += 1
            return
        try:
            got = read_report(target)
        except ImportProblem as exc:
            raise AssertionError(f"kill {i}: the DOCX does not import: {exc}") from None
        assert got.data in (a, b) and not got.edited, f"kill {i}"
        seen[got.data] += 1

    loop = SaveLoop("export", target, tmp_path / "a.toml", tmp_path / "b.toml")
    try:
        figures = kill_loop(loop, max(KILLS // 2, 1), 0.25, check)
    finally:
        loop.close()
    figures["left_temporaries"] = len(temporaries(tmp_path, target))
    figures["found"] = {"absent": seen["absent"], "first report": seen[a], "second report": seen[b]}
    record("export", figures)
    assert seen[a] and seen[b], figures
    r = run_cli("import", str(target), "-o", "-")
    assert r.returncode == 0 and r.stdout.encode() in (a, b)
