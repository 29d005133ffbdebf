"""200 SIGKILLs while notes are committed (and folded): at most the line being committed is lost.

A child process takes notes as fast as it can, folding every few notes as the
capture screen does when idle, and says ``ack N`` once each note's commit has
returned (the moment the screen shows it as taken). It is killed at a random
moment, over and over on the same report. After every kill the file on disk must
be valid TOML, and reopening must give back every acknowledged note, in order,
plus at most the one being committed when the kill came.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from notes_support import load, write_programme

pytestmark = pytest.mark.slow

KILLS = 200

CHILD = r"""
import sys
from rapporteur.notes.session import NotesSession
s = NotesSession.open(sys.argv[1])
n = len(s.report.notes)
print("ready", n, flush=True)
while True:
    s.commit(f"note {n} typed during the event")
    print("ack", n, flush=True)
    n += 1
    if n % 7 == 0:
        s.fold()
"""


def test_kills_while_taking_notes_lose_at_most_the_line_being_committed(tmp_path: Path) -> None:
    from rapporteur.notes.journal import journal_path
    from rapporteur.notes.session import NotesSession

    path = write_programme(tmp_path)
    rng = random.Random(11)
    acked = -1
    for kill in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert child.stdout is not None
        ready = child.stdout.readline().split()
        assert ready[:1] == ["ready"], child.stderr.read() if child.stderr else ready
        present = int(ready[1])
        if present not in (acked + 1, acked + 2):  # every acknowledged note came back (+ the one in flight)
            child.kill()
            texts = [n.text for n in load(path).notes]
            raise AssertionError(f"after kill {kill}: {present} notes, {acked + 1} acknowledged; last: {texts[-3:]}")
        acked = present - 1  # the note in flight, if it was kept, is now known to be kept
        target = rng.randint(0, 20)
        for _ in range(target):
            line = child.stdout.readline().split()
            assert line[:1] == ["ack"], line
            acked = int(line[1])
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        for rest in child.stdout.read().splitlines():  # acknowledged before the kill, not read yet
            if rest.startswith("ack ") and rest.count(" ") == 1 and rest.endswith(tuple("0123456789")):
                acked = int(rest.split()[1])
        child.stdout.close()
        child.stderr.close()  # type: ignore[union-attr]
        tomllib.loads(path.read_text(encoding="utf-8"))  # the file on disk is always valid TOML

    session = NotesSession.open(str(path))
    texts = [n.text for n in session.report.notes]
    assert texts[: acked + 1] == [f"note {i} typed during the event" for i in range(acked + 1)]
    assert len(texts) - (acked + 1) in (0, 1)
    session.close()
    assert not os.path.exists(journal_path(path))
    assert acked > KILLS  # the kills came while notes were being taken, not only at start-up
