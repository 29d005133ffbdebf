"""The editor's save writes a file the way ``fmt`` would: line endings kept, nothing lost silently.

Driven by keys with pilot; the file is read back from disk.
"""

from __future__ import annotations

import asyncio
import functools
import inspect

import pytest

from conftest import SEED_EXAMPLE

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SIZE = (100, 32)


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("RAPPORTEUR_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


def make_app(path):
    from rapporteur.tui.app import RapporteurApp

    return RapporteurApp(path, cursor_blink=False)


async def settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_in_title_and_save(path, words: str = " kept") -> list[str]:
    """Open ``path``, type at the end of the title, Ctrl+S; the notifications shown."""
    app = make_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await app.editor.go_to(("event", "title"))
        await settle(pilot)
        await pilot.press("end", *words)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.editor.dirty
        return [str(n.message) for n in app._notifications]


# -- 8. line endings and the byte-order mark, as fmt writes them -----------------------------------------


async def test_save_keeps_crlf_line_endings(tmp_path, cli):
    report = tmp_path / "r.toml"
    report.write_bytes(SEED_EXAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    await type_in_title_and_save(report)
    raw = report.read_bytes()
    assert b" kept" in raw
    assert raw.count(b"\r\n") == raw.count(b"\n")  # every line, none turned into LF

    # and byte for byte what fmt writes for the same file
    twin = tmp_path / "twin.toml"
    twin.write_bytes(raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n").replace(b"title = ", b"title  =  ", 1))
    code, _, _ = cli("fmt", str(twin))
    assert code == 0
    assert twin.read_bytes() == raw


async def test_save_of_a_file_with_a_bom_says_it_drops_it_as_fmt_does(tmp_path, cli):
    report = tmp_path / "r.toml"
    report.write_bytes(b"\xef\xbb\xbf" + SEED_EXAMPLE.read_bytes())
    notes = await type_in_title_and_save(report)
    raw = report.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b" kept" in raw
    assert any("byte-order mark" in n for n in notes), notes  # never silently

    twin = tmp_path / "twin.toml"
    twin.write_bytes(b"\xef\xbb\xbf" + raw)
    cli("fmt", str(twin))
    assert twin.read_bytes() == raw


async def test_save_of_an_lf_file_says_nothing_about_a_bom(tmp_path):
    report = tmp_path / "r.toml"
    report.write_bytes(SEED_EXAMPLE.read_bytes())
    notes = await type_in_title_and_save(report)
    assert b"\r\n" not in report.read_bytes()
    assert not any("byte-order" in n for n in notes)


# -- run the async tests without an asyncio plugin (CI installs only the [test] extra) ---------------


def _sync(fn):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return run


for _name, _fn in list(globals().items()):
    if _name.startswith("test_") and inspect.iscoroutinefunction(_fn):
        globals()[_name] = _sync(_fn)
