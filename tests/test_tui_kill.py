"""A real editing session in a terminal (tmux), killed with SIGKILL, then reopened: nothing typed is lost."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time

import pytest

# a real terminal and kill signals: the slow tier
pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")]

MARK = "KILLED-TEXT-42"


class Tmux:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str, check: bool = True) -> str:
        res = subprocess.run(["tmux", "-S", self.socket, *args], capture_output=True, text=True, timeout=20)
        if check and res.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {res.stderr}")
        return res.stdout

    def start(self, command: str, size=(100, 30)) -> None:
        self.run("new-session", "-d", "-s", "t", "-x", str(size[0]), "-y", str(size[1]), command)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "t", check=False)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", "t", *(["-l"] if literal else []), *keys)

    def wait_for(self, needle: str, timeout: float = 20.0) -> str:
        end = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < end:
            screen = self.screen()
            if needle in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{needle!r} never appeared; the screen:\n{screen}")

    def wait_gone(self, needle: str, timeout: float = 20.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if needle not in self.screen():
                return
            time.sleep(0.1)
        raise AssertionError(f"{needle!r} never went away; the screen:\n{self.screen()}")

    def kill_server(self) -> None:
        self.run("kill-server", check=False)


@pytest.fixture
def tmux(tmp_path):
    t = Tmux(str(tmp_path / "tmux.sock"))
    yield t
    t.kill_server()


def _command(seed, tmp_path, pidfile) -> str:
    env = {
        "RAPPORTEUR_CONFIG": str(tmp_path / "config.toml"),
        "RAPPORTEUR_STATE_DIR": str(tmp_path / "state"),
        "TERM": "xterm-256color",
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    return f"sh -c 'echo $$ > {shlex.quote(str(pidfile))}; exec env {exports} {shlex.quote(sys.executable)} -m rapporteur edit {shlex.quote(str(seed))}'"


def test_sigkilled_session_is_restored_on_reopening(seed_copy, tmp_path, tmux):
    from rapporteur import recovery

    (tmp_path / "config.toml").write_text("[editor]\nautosave_seconds = 0.5\ncursor_blink = false\n", encoding="utf-8")
    before = seed_copy.read_text(encoding="utf-8")
    pidfile = tmp_path / "pid"
    tmux.start(_command(seed_copy, tmp_path, pidfile))
    tmux.wait_for("Event")
    tmux.keys("Enter")  # from the outline into the event's first field, the title
    tmux.wait_gone("del Remove")  # the footer no longer shows the outline's keys
    tmux.keys("End")
    tmux.keys(f" {MARK}", literal=True)
    tmux.wait_for(" ●")

    os.environ["RAPPORTEUR_STATE_DIR"] = str(tmp_path / "state")
    try:
        rec_path = recovery.recovery_path(seed_copy)
    finally:
        del os.environ["RAPPORTEUR_STATE_DIR"]
    end = time.monotonic() + 10
    while time.monotonic() < end and not (rec_path.exists() and MARK in rec_path.read_text(encoding="utf-8")):
        time.sleep(0.1)
    assert rec_path.exists() and MARK in rec_path.read_text(encoding="utf-8"), "no autosave within the interval"

    pid = int(pidfile.read_text().strip())
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.3)
    assert seed_copy.read_text(encoding="utf-8") == before  # the file itself was never touched
    tmux.kill_server()

    tmux.start(_command(seed_copy, tmp_path, pidfile))
    screen = tmux.wait_for("Recover unsaved work?")
    assert "Event: changed" in screen, screen
    tmux.keys("r")
    tmux.wait_for(" ●")
    tmux.wait_gone("Recover unsaved work?")
    time.sleep(0.5)  # a person's pause: the dialog has gone before the next key
    tmux.keys("C-s")
    end = time.monotonic() + 10
    while time.monotonic() < end and MARK not in seed_copy.read_text(encoding="utf-8"):
        time.sleep(0.1)
    assert MARK in seed_copy.read_text(encoding="utf-8"), tmux.screen()
    assert f'title = "China-Russia Relationship: A Greater Alignment? {MARK}"' in seed_copy.read_text(encoding="utf-8")
    assert not rec_path.exists()  # a save clears the recovery file
    tmux.keys("C-q")
