"""The editor's save writes a file the way ``fmt`` would: line endings kept, nothing lost silently.

Driven by keys with pilot; the file is read back from disk.
"""

from __future__ import annotations

import pytest

from conftest import SEED_EXAMPLE

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"), pytest.mark.usefixtures("editor_env")]

from conftest import run_async_tests, settle  # noqa: E402

SIZE = (100, 32)


def make_app(path):
    from rapporteur.tui.app import RapporteurApp

    return RapporteurApp(path, cursor_blink=False)


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
        return list(app.editor.told)  # the editor's messages (its notice line; issue 13.6)


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


# -- 3. comments: kept beside their keys, or asked about; never deleted silently ------------------------

COMMENTED = {
    "[event]\n": "# The event as announced\n[event]  # from the invitation\n",
    'tags = ["China"': '# tags for the website\ntags = ["China"',
    "[[people]]\n": "# everyone named in the report\n[[people]]\n",
}


def commented_seed(tmp_path, newline: str = "\n"):
    text = SEED_EXAMPLE.read_text(encoding="utf-8")
    for old, new in COMMENTED.items():
        assert old in text
        text = text.replace(old, new, 1)
    text = text + "# end of the report\n"
    path = tmp_path / "r.toml"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def test_plan_save_puts_each_comment_back_beside_its_key(tmp_path):
    from rapporteur import tomlio, tomlwrite, validate

    source = tomlio.read_source(commented_seed(tmp_path))
    result = validate.validate_source(source, final=False)
    data = result.report.model_dump(mode="python", exclude_none=True)
    data["event"]["title"] += " (revised)"
    from rapporteur.model import Report

    new = tomlwrite.canonical_text(Report.model_validate(data), tmp_path / "r.toml", source.schema_directive)
    plan = tomlwrite.plan_save(new, source)
    assert not plan.lost and len(plan.kept) == 5
    lines = plan.text.splitlines()
    at = lines.index("[event]  # from the invitation")
    assert lines[at - 1] == "# The event as announced"
    assert lines[lines.index('tags = ["China", "Russia", "India", "Strategic partnership"]') - 1] == (
        "# tags for the website"
    )
    assert lines[lines.index("[[people]]") - 1] == "# everyone named in the report"
    assert lines[-1] == "# end of the report"
    assert tomlio.parse_text(plan.text, "x")[0] == tomlio.parse_text(new, "x")[0]  # the same data


def test_plan_save_lists_what_cannot_be_kept(tmp_path):
    from rapporteur import tomlio, tomlwrite

    source = tomlio.parse_source(
        b'[meta]\nschema_version = 2\n# gone soon\nnotes = "x"\nlist = [\n  1, # one\n  2,\n]\n', "x.toml"
    )
    plan = tomlwrite.plan_save("[meta]\nschema_version = 2\nlist = [1, 2]\n", source)
    assert [c.text for c in plan.lost] == ["# gone soon", "# one"]
    assert [c.line for c in plan.lost] == [3, 6]
    assert "line 3: # gone soon" in plan.describe_lost()


def test_plan_save_does_not_move_a_comment_to_another_item(tmp_path):
    from rapporteur import tomlio, tomlwrite

    old = '[[people]]\nid = "a"\n[[people]]\nid = "b"  # the second\n'
    plan = tomlwrite.plan_save('[[people]]\nid = "b"\n', tomlio.parse_source(old.encode(), "x"))
    assert [c.text for c in plan.lost] == ["# the second"]  # item 1 is gone: index 1 names nobody now
    plan = tomlwrite.plan_save('[[people]]\nid = "a"\n\n[[people]]\nid = "c"\n', tomlio.parse_source(old.encode(), "x"))
    assert not plan.lost and 'id = "c"  # the second' in plan.text
    # a person added: the list is longer, but each commented person is still where it was (same id)
    grown = '[[people]]\nid = "a"\n\n[[people]]\nid = "b"\n\n[[people]]\nid = "z"\n'
    plan = tomlwrite.plan_save(grown, tomlio.parse_source(("# everyone\n" + old).encode(), "x"))
    assert not plan.lost
    assert plan.text.startswith("# everyone\n[[people]]") and 'id = "b"  # the second\n' in plan.text
    # ... and not when the item at that place is another person
    moved = '[[people]]\nid = "z"\n\n[[people]]\nid = "a"\n\n[[people]]\nid = "b"\n'
    plan = tomlwrite.plan_save(moved, tomlio.parse_source(old.encode(), "x"))
    assert [c.text for c in plan.lost] == ["# the second"]


@pytest.mark.parametrize(
    "example", ["china-russia-relationship", "roundtable-chatham-house", "webinar-maritime-security"]
)
def test_plan_save_never_changes_the_data_and_accounts_for_every_comment(example):
    """Comments put at random line starts and ends of each example (wherever TOML allows)."""
    import random

    from rapporteur import sourcemap, tomlio, tomlwrite, validate

    from conftest import EXAMPLES

    rng = random.Random(example)
    base = (EXAMPLES / f"{example}.toml").read_text(encoding="utf-8")
    reference = tomlio.parse_text(base, "x")[0]
    for _ in range(15):
        lines = base.split("\n")
        for n in range(rng.randint(1, 10)):
            i = rng.randrange(len(lines))
            candidate = list(lines)
            if rng.random() < 0.5:
                candidate.insert(i, f"# c{n}")
            else:
                candidate[i] += f"  # e{n}"
            if tomlio.parse_text("\n".join(candidate), "x")[0] == reference:
                lines = candidate
        text = "\n".join(lines)
        source = tomlio.parse_source(text.encode(), "x.toml")
        report = validate.validate_source(source, final=False).report
        new = tomlwrite.canonical_text(report, "x.toml", source.schema_directive)
        plan = tomlwrite.plan_save(new, source)
        assert tomlio.parse_text(plan.text, "p")[0] == tomlio.parse_text(new, "n")[0]
        every = sourcemap.comments_of(sourcemap.build(text), source.schema_directive is not None)
        assert len(plan.kept) + len(plan.lost) == len(every)
        for comment in plan.kept:
            assert comment.text in plan.text
        for comment in plan.lost:
            assert comment.where == "inside" or comment.anchor is not None


@pytest.mark.parametrize(
    "newline",
    # CRLF kept on save is test_save_keeps_crlf_line_endings' in the fast tier; comments and CRLF together: slow tier
    ["\n", pytest.param("\r\n", marks=pytest.mark.slow)],
)
async def test_save_keeps_the_files_comments(tmp_path, newline):
    report = commented_seed(tmp_path, newline)
    notes = await type_in_title_and_save(report)
    raw = report.read_bytes()
    text = raw.decode("utf-8")
    assert " kept" in text
    for comment in ("# The event as announced", "[event]  # from the invitation", "# tags for the website"):
        assert comment in text
    assert "# everyone named in the report" in text and text.endswith("# end of the report" + newline)
    if newline == "\r\n":
        assert raw.count(b"\r\n") == raw.count(b"\n")
    assert not any("comment" in n.lower() for n in notes), notes


async def test_a_comment_that_cannot_be_kept_is_asked_about_never_dropped_silently(tmp_path):
    report = tmp_path / "r.toml"
    text = SEED_EXAMPLE.read_text(encoding="utf-8").replace(
        'tags = ["China", "Russia", "India", "Strategic partnership"]',
        'tags = [\n  "China", # first\n  "Russia",\n  "India",\n  "Strategic partnership",\n]',
    )
    report.write_text(text, encoding="utf-8")
    app = make_app(report)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.editor.go_to(("event", "title"))
        await settle(pilot)
        await pilot.press("end", *" kept")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "Ask"
        message = str(app.screen._message)
        assert "1 comment" in message and "# first" in message and "line 7" in message, message
        await pilot.press("c")  # cancel: nothing is written
        await settle(pilot)
        assert app.editor.dirty
        assert report.read_text(encoding="utf-8") == text
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("s")  # save without it, having been told
        await settle(pilot)
        assert not app.editor.dirty
    saved = report.read_text(encoding="utf-8")
    assert " kept" in saved and "# first" not in saved


run_async_tests(globals())  # no asyncio plugin: CI installs only the [test] extra
