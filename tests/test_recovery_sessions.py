"""Recovery files that are safe on a shared machine and with two editors on one report.

Items 4, 5, 10 and 12 of issue 14: one recovery file per session, a lease that says who else
has the report open, a private state folder, no planted or symlinked file ever offered, odd
file names autosaved like any other, and a prompt that never drops an hour of "00".
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import stat
import subprocess
import sys
import time

import pytest

from rapporteur import recovery, tomlio, tomlwrite


@pytest.fixture(autouse=True)
def state_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_STATE_DIR", str(tmp_path / "state"))
    return tmp_path / "state"


# -- 12. the time in the prompt -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "when,shown",
    [
        (dt.datetime(2026, 12, 2, 0, 44, 15), "00:44:15 on 2 December 2026"),
        (dt.datetime(2026, 1, 9, 9, 5, 0), "09:05:00 on 9 January 2026"),
        (dt.datetime(2026, 6, 24, 23, 59, 59), "23:59:59 on 24 June 2026"),
    ],
)
def test_the_prompt_time_keeps_the_hour_of_00(when, shown):
    assert recovery.format_saved_at(when.timestamp()) == shown


def _data(summary: str = "A summary.") -> dict:
    return {
        "meta": {"schema_version": 2, "status": "draft"},
        "event": {"title": "T", "form": "talk", "date": dt.date(2024, 6, 24), "organiser": {"name": "O"}},
        "summary": {"text": summary},
    }


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text(tomlwrite.dumps_data(_data()), encoding="utf-8")
    old = time.time() - 100  # the file was saved before any autosave of these tests
    os.utime(path, (old, old))
    return path


def _current(path) -> dict:
    return tomlio.read_source(path).data


def _kill(session: recovery.Session) -> None:
    """What SIGKILL leaves behind: the lease and the recovery file, and no running session."""
    recovery.leases.OPEN_HERE.discard(session.token)


@pytest.fixture
def other_process():
    """A live process that is not this one (its pid goes into a planted lease)."""
    proc = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    yield proc
    proc.stdin.close()
    proc.wait(timeout=30)


def _plant_lease(report, pid: int, token: str = "ab" * 8, host: str | None = None) -> None:
    lease = recovery.Lease(token, pid, host or socket.gethostname(), time.time(), recovery.leases.proc_start(pid))
    folder = recovery.recovery_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{recovery.report_key(report)}.{token}.lease").write_text(lease.to_text(), encoding="utf-8")


def _plant_autosave(report, token: str, summary: str) -> None:
    header = f'# rapporteur recovery of: "{report}"\n# saved at: {time.time():.3f}\n# session: {token}\n'
    name = f"{recovery.report_key(report)}.{token}.toml"
    (recovery.recovery_dir() / name).write_text(header + tomlwrite.dumps_data(_data(summary)), encoding="utf-8")


# -- 4. two editors on one report -----------------------------------------------------------------------


def test_two_sessions_have_their_own_files_and_the_second_is_warned(report):
    first = recovery.Session.open(report)
    second = recovery.Session.open(report)
    assert first.others == [] and [o.token for o in second.others] == [first.token]
    assert "process" in second.others[0].describe() and "this machine" in second.others[0].describe()
    a = first.write(_data("Typed in the first editor."))
    b = second.write(_data("Typed in the second editor."))
    assert a != b and a == recovery.recovery_path(report)  # the first keeps the usual name
    first.discard()  # a save (or Discard) in the first ...
    assert not a.exists() and b.exists()  # ... never deletes the second's autosave
    assert "second editor" in b.read_text(encoding="utf-8")
    first.close()
    second.close()


def test_a_live_sessions_autosave_is_never_offered_nor_deleted(report):
    first = recovery.Session.open(report)
    mine = first.write(_data("Work in progress over there."))
    second = recovery.Session.open(report)
    assert second.pending(_current(report)) == []  # it is the first editor's work, still going
    rec = recovery.load(report)
    second.discard(rec)  # even when asked by name
    assert mine.exists()
    first.close()
    second.close()


def test_after_a_kill_the_text_of_each_session_is_offered(report):
    first = recovery.Session.open(report)
    second = recovery.Session.open(report)
    first.write(_data("Typed in the first editor."))
    second.write(_data("Typed in the second editor, later."))
    _kill(first)
    _kill(second)
    third = recovery.Session.open(report)
    assert third.others == []  # both leases are stale
    offered = third.pending(_current(report))
    texts = sorted(r.data["summary"]["text"] for r in offered)
    assert texts == ["Typed in the first editor.", "Typed in the second editor, later."]
    assert offered[0].saved_at >= offered[1].saved_at  # newest first
    # restoring one adopts it: it goes once the text is autosaved in the new session
    third.adopt(offered[0])
    third.write(offered[0].data)
    assert not offered[0].path.exists() and offered[1].path.exists()
    third.discard(offered[1])
    assert not offered[1].path.exists()
    third.close()


def test_a_killed_sessions_words_are_offered_even_after_another_editor_saved(report):
    killed = recovery.Session.open(report)
    killed.write(_data("Words only the killed editor had."))
    _kill(killed)
    later = time.time() + 5
    os.utime(report, (later, later))  # the other editor saved afterwards, without these words
    session = recovery.Session.open(report)
    offered = session.pending(_current(report))
    assert [r.data["summary"]["text"] for r in offered] == ["Words only the killed editor had."]
    assert offered[0].older_than_report
    session.close()


def test_a_stale_lease_is_detected_and_removed(report):
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], check=True, capture_output=True, text=True
    )
    _plant_lease(report, int(proc.stdout))  # that process has exited
    session = recovery.Session.open(report)
    assert session.others == []
    assert not list(recovery.recovery_dir().glob(f"{recovery.report_key(report)}.{'ab' * 8}.lease"))
    session.close()


def test_a_lease_of_a_running_process_warns_and_protects_its_autosave(report, other_process):
    _plant_lease(report, other_process.pid)
    _plant_autosave(report, "ab" * 8, "The other editor's words.")
    session = recovery.Session.open(report)
    assert [o.pid for o in session.others] == [other_process.pid]
    assert session.path != recovery.recovery_path(report)
    assert session.pending(_current(report)) == []
    session.write(_data("Mine."))
    session.discard()
    assert (recovery.recovery_dir() / f"{recovery.report_key(report)}.{'ab' * 8}.toml").exists()
    session.close()


def test_a_reused_pid_is_not_taken_for_the_editor(report, other_process):
    lease = recovery.Lease("cd" * 8, other_process.pid, socket.gethostname(), time.time(), "1")  # another start
    assert not lease.alive()
    assert recovery.Lease("cd" * 8, other_process.pid, "elsewhere.example", time.time()).alive()  # cannot tell


def test_a_killed_editor_not_yet_reaped_is_not_running(report):
    proc = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    start = recovery.leases.proc_start(proc.pid)
    lease = recovery.Lease("cd" * 8, proc.pid, socket.gethostname(), time.time(), start)
    assert lease.alive()
    proc.kill()
    os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # dead, but still a zombie: not reaped
    assert recovery.leases.proc_stat(proc.pid)[0] == "Z"
    assert not lease.alive()
    proc.wait(timeout=30)
    proc.stdin.close()


def test_close_gives_up_the_lease_and_keeps_the_autosave(report):
    session = recovery.Session.open(report)
    path = session.write(_data("Unsaved."))
    session.close()
    assert path.exists()
    assert not list(recovery.recovery_dir().glob("*.lease"))
    again = recovery.Session.open(report)
    assert [r.path for r in again.pending(_current(report))] == [path]
    again.close()


# -- 5. a shared or planted state folder ----------------------------------------------------------------


def test_folder_is_0700_and_files_0600_whatever_the_umask(report, state_dir):
    old = os.umask(0)
    try:
        session = recovery.Session.open(report)
        path = session.write(_data())
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(state_dir / "recovery").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in (state_dir / "recovery").iterdir())
    assert not list((state_dir / "recovery").glob(".*.tmp"))
    session.close()


def test_an_open_folder_of_an_older_version_is_made_private(report, state_dir):
    folder = state_dir / "recovery"
    folder.mkdir(parents=True)
    os.chmod(folder, 0o755)
    old_file = recovery.recovery_path(report)
    old_file.write_text(
        f"# rapporteur recovery of: {report}\n# saved at: {time.time():.3f}\n" + tomlwrite.dumps_data(_data("Old.")),
        encoding="utf-8",
    )
    os.chmod(old_file, 0o644)
    rec = recovery.pending(report, _current(report))
    assert rec is not None and rec.data["summary"]["text"] == "Old."  # an unquoted header still reads
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(old_file).st_mode) == 0o600


def test_a_symlinked_recovery_folder_is_refused(report, state_dir, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    state_dir.mkdir()
    (state_dir / "recovery").symlink_to(elsewhere)
    session = recovery.Session.open(report)
    assert session.disabled and "symbolic link" in session.disabled
    with pytest.raises(recovery.StateDirError):
        session.write(_data())
    assert list(elsewhere.iterdir()) == []
    assert session.pending(None) == []


def test_a_planted_symlink_is_never_followed_nor_offered(report, state_dir, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    decoy = tmp_path / "decoy.toml"
    decoy.write_text(
        f"# rapporteur recovery of: {report}\n# saved at: {time.time() + 50:.3f}\n"
        + tomlwrite.dumps_data(_data("Evil.")),
        encoding="utf-8",
    )
    folder = state_dir / "recovery"
    folder.mkdir(parents=True, mode=0o700)
    key = recovery.report_key(report)
    (folder / f"{key}.toml").symlink_to(decoy)
    (folder / f"{key}.{'ef' * 8}.toml").symlink_to(victim)
    session = recovery.Session.open(report)
    assert session.pending(_current(report)) == []  # the decoy is not offered
    session.name = f"{key}.{'ef' * 8}.toml"  # even when the session's own name was planted
    session.write(_data("Mine."))
    assert victim.read_text(encoding="utf-8") == "precious\n"  # replaced the link, not written through it
    assert not (folder / session.name).is_symlink()
    session.close()


needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")


@needs_root
def test_a_file_of_another_user_is_never_offered(report, state_dir):
    recovery.write(report, _data("Planted by someone else."))
    os.chown(recovery.recovery_path(report), 54321, 54321)
    assert recovery.pending(report, _current(report)) is None
    session = recovery.Session.open(report)
    assert session.pending(_current(report)) == []
    session.close()


@needs_root
def test_a_folder_of_another_user_turns_autosave_off(report, state_dir):
    (state_dir / "recovery").mkdir(parents=True)
    os.chown(state_dir / "recovery", 54321, 54321)
    session = recovery.Session.open(report)
    assert session.disabled and "another user" in session.disabled


def test_a_world_writable_state_folder_is_refused(report, state_dir):
    state_dir.mkdir()
    os.chmod(state_dir, 0o777)
    session = recovery.Session.open(report)
    assert session.disabled and "anyone" in session.disabled


# -- 10. odd file names and symlinks ---------------------------------------------------------------------


@pytest.mark.parametrize("name", [b"r\xff\xfe.toml", b"two\nlines.toml", "caf\u00e9 report.toml".encode()])
def test_odd_file_names_are_autosaved_and_offered(tmp_path, name):
    path = os.path.join(os.fsencode(tmp_path), name)
    with open(path, "wb") as fh:
        fh.write(tomlwrite.dumps_data(_data()).encode())
    old = time.time() - 100
    os.utime(path, (old, old))
    text_path = os.fsdecode(path)
    session = recovery.Session.open(text_path)
    session.write(_data("Typed under an odd name."))
    _kill(session)
    again = recovery.Session.open(text_path)
    offered = again.pending(_current(text_path))
    assert [r.data["summary"]["text"] for r in offered] == ["Typed under an odd name."]
    assert offered[0].report_path == text_path  # the header gives the path back exactly
    again.close()


def test_a_report_opened_through_a_symlink_is_keyed_by_its_real_path(report, tmp_path):
    link = tmp_path / "link.toml"
    link.symlink_to(report)
    session = recovery.Session.open(link)
    session.write(_data("Typed through the link."))
    _kill(session)
    assert recovery.report_key(link) == recovery.report_key(report)
    again = recovery.Session.open(report)
    assert [r.data["summary"]["text"] for r in again.pending(_current(report))] == ["Typed through the link."]
    again.close()
