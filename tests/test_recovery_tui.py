"""What a user of the editor sees of autosave on a shared machine, with two editors, without a home.

Items 4, 9 and 10 of issue 14, driven by keys with pilot (no sleeps: autosave is called at
once where the timer would call it); plus ``check`` and ``new`` without a home directory.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rapporteur import recovery, tomlio, tomlwrite

from conftest import SEED_EXAMPLE

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"), pytest.mark.usefixtures("editor_env")]

from conftest import run_async_tests, settle  # noqa: E402

SIZE = (100, 32)


@pytest.fixture
def seed(tmp_path):
    path = tmp_path / "r.toml"
    path.write_bytes(SEED_EXAMPLE.read_bytes())
    old = time.time() - 100
    os.utime(path, (old, old))
    return path


def make_app(path):
    from rapporteur.tui.app import RapporteurApp

    return RapporteurApp(path, cursor_blink=False)


def notes_of(app) -> list[str]:
    """The editor's messages (its notice line, issue 13.6) and the app's own (config problems)."""
    told = list(app.editor.told) if app.editor is not None else []
    return told + [str(n.message) for n in app._notifications]


async def type_and_autosave(path, words: str) -> None:
    """Open, type at the end of the title, autosave, and go as a crash goes (no quit guard)."""
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.editor.go_to(("event", "title"))
        await settle(pilot)
        await pilot.press("end", *words)
        app.editor.autosave()  # what the timer does at the next pause
        assert app.editor.status.message != "autosave failed"
        app.exit()


# -- 4. two editors on one report ----------------------------------------------------------------------


@pytest.fixture
def other_editor(seed):
    """Another editor on the same report, in another process: its lease and its autosave."""
    proc = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    token = "ab" * 8
    lease = recovery.Lease(
        token, proc.pid, __import__("socket").gethostname(), time.time(), recovery.leases.proc_start(proc.pid)
    )
    folder = recovery.recovery_dir()
    folder.mkdir(parents=True, mode=0o700)
    key = recovery.report_key(seed)
    (folder / f"{key}.{token}.lease").write_text(lease.to_text(), encoding="utf-8")
    data = tomlio.read_source(seed).data
    data["summary"]["text"] = "Typed in the other editor."
    theirs = folder / f"{key}.{token}.toml"
    theirs.write_text(
        f'# rapporteur recovery of: "{seed}"\n# saved at: {time.time():.3f}\n# session: {token}\n'
        + tomlwrite.dumps_data(data),
        encoding="utf-8",
    )
    yield theirs
    proc.stdin.close()
    proc.wait(timeout=30)


async def test_a_report_open_elsewhere_is_said_and_its_autosave_survives_a_save_here(seed, other_editor):
    app = make_app(seed)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ != "Ask"  # the other editor's work is not offered: it is running
        assert any("already open in another editor" in n for n in notes_of(app)), notes_of(app)
        await app.editor.go_to(("event", "title"))
        await settle(pilot)
        await pilot.press("end", *" here")
        app.editor.autosave()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.editor.dirty
    assert " here" in seed.read_text(encoding="utf-8")
    assert other_editor.exists() and "other editor" in other_editor.read_text(encoding="utf-8")


@pytest.mark.slow  # two editor sessions, one after the other
async def test_after_two_editors_were_killed_each_ones_text_is_offered(seed):
    await type_and_autosave(seed, " ONE")
    # the first editor's lease is gone with its process; a second one then typed too
    first = recovery.Session.open(seed)  # stands for the second editor, killed as well
    data = tomlio.read_source(seed).data
    data["event"]["title"] += " TWO"
    first.write(data)
    recovery.leases.OPEN_HERE.discard(first.token)

    app = make_app(seed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "Ask"
        message = str(app.screen._message)
        assert "1 of 2" in message
        await pilot.press("k")  # keep the newest for later, see the other
        await settle(pilot)
        assert type(app.screen).__name__ == "Ask" and "2 of 2" in str(app.screen._message)
        await pilot.press("r")
        await settle(pilot)
        assert app.editor.data["event"]["title"].endswith(" ONE")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert seed.read_text(encoding="utf-8").count(" ONE") == 1
    left = [p.read_text(encoding="utf-8") for p in recovery.recovery_dir().glob("*.toml")]
    assert len(left) == 1 and " TWO" in left[0]  # kept for later: offered again on reopening

    app = make_app(seed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "Ask"  # though the file was saved after it: its words are not there
        message = str(app.screen._message)
        assert "before the file was last saved" in message and "1 of" not in message
        await pilot.press("d")
        await settle(pilot)
    assert list(recovery.recovery_dir().glob("*.toml")) == []


# -- 10. odd names ---------------------------------------------------------------------------------------


@pytest.mark.slow  # an editor session per odd name, opened twice
@pytest.mark.parametrize("name", [b"r\xff.toml", b"new\nline.toml"])
async def test_an_odd_file_name_is_autosaved_and_offered_again(tmp_path, name):
    path = os.fsdecode(os.path.join(os.fsencode(tmp_path), name))
    Path(path).write_bytes(SEED_EXAMPLE.read_bytes())
    old = time.time() - 100
    os.utime(path, (old, old))
    await type_and_autosave(path, " MARK")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "Ask", "the autosave was not offered"
        await pilot.press("r")
        await settle(pilot)
        assert app.editor.data["event"]["title"].endswith(" MARK")


async def test_a_failing_autosave_is_said_on_the_status_line(seed, monkeypatch):
    def fail(self, data, directive=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(recovery.Session, "write", fail)
    app = make_app(seed)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await app.editor.go_to(("event", "title"))
        await settle(pilot)
        await pilot.press("end", *" x")
        app.editor.autosave()
        app.editor.autosave()
        await settle(pilot)
        assert app.editor.status.message == "autosave failed"
        assert sum("Autosave failed" in n for n in notes_of(app)) == 1  # said once, not at every key


async def test_a_symlinked_recovery_folder_turns_autosave_off_and_says_so(seed, tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (state / "recovery").symlink_to(tmp_path / "elsewhere")
    app = make_app(seed)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert app.editor.status.message == "autosave off"
        assert any("symbolic link" in n for n in notes_of(app)), notes_of(app)
        await app.editor.go_to(("event", "title"))
        await settle(pilot)
        await pilot.press("end", *" x")
        app.editor.autosave()
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.slow  # two editor sessions
async def test_a_report_opened_through_a_symlink_offers_its_autosave_at_the_real_path(seed, tmp_path):
    link = tmp_path / "link.toml"
    link.symlink_to(seed)
    await type_and_autosave(link, " MARK")
    app = make_app(seed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "Ask"


# -- 9. no home directory, no passwd entry --------------------------------------------------------------


@pytest.fixture
def no_home(monkeypatch, tmp_path):
    """HOME unset, no passwd entry, no XDG folders, no overrides: what a bare container has."""
    import pwd

    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "RAPPORTEUR_CONFIG", "RAPPORTEUR_STATE_DIR"):
        monkeypatch.delenv(var, raising=False)

    def no_entry(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    return tmp_path / "tmp"


def test_without_a_home_there_is_no_user_config_and_it_is_said(no_home):
    from rapporteur import config

    assert config.user_config_path() is None
    uc = config.load_user_config()
    assert uc.data == {} and "home directory" in (uc.problem or "")


def test_check_without_a_home_works_and_says_so_once(no_home, cli, tmp_path):
    one, two = tmp_path / "a.toml", tmp_path / "b.toml"
    one.write_bytes(SEED_EXAMPLE.read_bytes())
    two.write_bytes(SEED_EXAMPLE.read_bytes())
    code, out, err = cli("check", str(one), str(two))
    assert code in (0, 1), err
    assert "internal error" not in out + err
    assert (out + err).count("home directory") == 1, out + err


def test_new_without_a_home_writes_the_report_and_says_so(no_home, cli, tmp_path):
    target = tmp_path / "n.toml"
    code, out, err = cli("new", str(target), "--form", "talk", "--no-edit")
    assert code == 0, out + err
    assert target.exists() and "home directory" in err


async def test_the_editor_without_a_home_autosaves_privately_and_says_where(no_home, seed):
    app = make_app(seed)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        notes = notes_of(app)
        assert sum("home directory" in n for n in notes) >= 1, notes
        await app.editor.go_to(("event", "title"))
        await settle(pilot)
        await pilot.press("end", *" kept")
        app.editor.autosave()
        assert app.editor.session is not None and app.editor.session.path.exists()
        assert str(app.editor.session.path).startswith(str(no_home))
        assert oct(os.stat(app.editor.session.path.parent).st_mode & 0o777) == oct(0o700)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv to run as a user without a passwd entry",
)
def test_check_as_a_user_without_a_passwd_entry(tmp_path):
    """The real thing: a uid with no passwd entry and no HOME, in a subprocess."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="rapporteur-nohome-"))  # pytest's folders are private to root
    report = folder / "r.toml"
    report.write_bytes(SEED_EXAMPLE.read_bytes())
    os.chmod(folder, 0o777)
    os.chmod(report, 0o666)
    try:
        _check_as_nobody(folder, report)
    finally:
        shutil.rmtree(folder)


def _check_as_nobody(folder: Path, report: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": os.pathsep.join(sys.path), "NO_COLOR": "1"}
    out = subprocess.run(
        ["setpriv", "--reuid", "54321", "--regid", "54321", "--clear-groups", sys.executable, "-m", "rapporteur"]
        + ["check", str(report)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        timeout=120,
    )
    assert out.returncode in (0, 1), out.stderr
    assert "internal error" not in out.stderr and "home directory" in out.stderr


run_async_tests(globals())  # no asyncio plugin: CI installs only the [test] extra
