"""Regression tests for the failures the reliability work (issue 6) found, one per fix.

The corpus (test_reliability_corpus.py), the kill tests and the fuzzers found these;
each is pinned here at the smallest scale that shows it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from rapporteur import sourcemap, tomlio, tomlwrite

from conftest import run_cli

BASE = """[meta]
schema_version = 2

[event]
title = "T"
form = "talk"
date = 2024-06-24
start_time = 10:00:00

[event.organiser]
name = "O"
"""


def peak_rss_mb(code: str) -> float:
    """Peak memory of a fresh interpreter running ``code`` (its own, see corpus/run_measured.py)."""
    wrapped = (
        code
        + "\nimport sys; sys.path.insert(0, {!r}); from run_measured import peak_kib; sys.stdout.write(str(peak_kib()))".format(
            os.path.join(os.path.dirname(__file__), "corpus")
        )
    )
    r = subprocess.run([sys.executable, "-c", wrapped], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return int(r.stdout.strip().splitlines()[-1]) / 1024


# -- a key of 50,000 parts (a.a.a...) took minutes and gigabytes: tomllib is quadratic in it ------


@pytest.mark.parametrize("kind", ["dotted key", "table header", "quoted parts"])
def test_a_key_of_thousands_of_parts_is_refused_at_once(parser, kind):
    key = {
        "dotted key": ".".join(["a"] * 50_000) + " = 1",
        "table header": "[" + ".".join(["a"] * 50_000) + "]",
        "quoted parts": ".".join(['"a"'] * 50_000) + " = 1",
    }[kind]
    text = BASE + "\n" + key + "\n"
    start = time.perf_counter()
    data, (d,) = tomlio.parse_text(text, "x.toml")
    assert time.perf_counter() - start < 2
    assert data is None and "nested too deeply" in d.message
    assert (d.line, d.col) == (13, 1 if kind != "table header" else 2)


def test_keys_of_a_hundred_parts_are_still_toml(parser):
    data, diags = tomlio.parse_text("[" + ".".join(["a"] * 100) + "]\nx = 1\n", "x.toml")
    assert not diags and data is not None


@pytest.mark.parametrize(
    "text",
    [
        "x" * 2_000_000,  # one long word
        '\\"' * 1_000_000,  # escaped quotes, each of which could start a quoted key
        '"' + "a" * 2_000_000,  # a quote never closed
        ("a." * 127 + "b ") * 8_000,  # chains just short of the limit
        ("a . " * 127 + "\n") * 4_000,
    ],
    ids=["word", "escaped-quotes", "unclosed-quote", "short-chains", "spaced-chains"],
)
def test_looking_for_long_keys_takes_linear_time(text):
    start = time.perf_counter()
    assert tomlio._long_key(text) is None
    assert time.perf_counter() - start < 2


# -- scanning a 10 MB string kept a backtracking point per character: 1.2 GB --------------------


def test_the_source_map_of_a_ten_megabyte_string_takes_little_memory():
    code = (
        "from rapporteur import sourcemap\n"
        "text = 'a = \"\"\"\\n' + 'All work and no play. ' * 500_000 + '\"\"\"\\nb = \"' + 'x' * 2_000_000 + '\"\\n'\n"
        "m = sourcemap.build(text)\n"
        "assert m.complete and ('a',) in m.values and ('b',) in m.values\n"
    )
    assert peak_rss_mb(code) < 250  # was about 1,300 MB


def test_the_source_map_still_reads_strings_with_quotes_and_escapes():
    text = 'a = """x "" y \\""" z"""\nb = "q \\" r"\nc = \'\'\'l \'\' m\'\'\'\n'
    m = sourcemap.build(text)
    assert m.complete
    assert text[m.values[("a",)].start : m.values[("a",)].end] == '"""x "" y \\""" z"""'
    assert text[m.values[("b",)].start : m.values[("b",)].end] == '"q \\" r"'
    assert text[m.values[("c",)].start : m.values[("c",)].end] == "'''l '' m'''"


# -- rtoml reads TOML 1.1, tomllib (the judge, and taplo, and check-jsonschema) 1.0 ---------------


INLINE = BASE.replace('\n[event.organiser]\nname = "O"\n', "").replace(
    'form = "talk"', 'form = "talk"\norganiser = ORG'
)


@pytest.mark.parametrize(
    "text,hint",
    [
        (INLINE.replace("ORG", '{ name = "O",\n  short_name = "S" }'), "inline table"),
        (INLINE.replace("ORG", '{ name = "O", }'), "inline table"),
        (BASE.replace('title = "T"', 'title = "T\\e"'), "backslash"),
        (BASE.replace('title = "T"', 'title = "T\\x41"'), "backslash"),
        (BASE.replace("start_time = 10:00:00", "start_time = 10:00"), "with seconds"),
    ],
    ids=["newline-in-inline-table", "trailing-comma-in-inline-table", "escape-e", "escape-x", "time-without-seconds"],
)
def test_toml_1_1_is_refused_whichever_parser_runs(parser, text, hint):
    assert tomlio.parse_text(INLINE.replace("ORG", '{ name = "O" }'), "x.toml")[0] is not None
    data, diags = tomlio.parse_text(text, "x.toml")
    assert data is None, text
    (d,) = diags
    assert d.code == "toml-syntax" and hint in (d.hint or ""), d


def test_toml_1_0_with_braces_and_times_in_prose_still_parses(parser):
    text = BASE.replace('title = "T"', 'title = "Set {a} at = 10:00 and \\\\e"')
    data, diags = tomlio.parse_text(text, "x.toml")
    assert not diags and data["event"]["title"] == "Set {a} at = 10:00 and \\e"


# -- a table declared twice was named as a Python tuple: ('summary',) ------------------------------


def test_a_table_declared_twice_is_named_as_written(parser):
    _, (d,) = tomlio.parse_text("[summary]\ntext = 'a'\n[summary]\n", "x.toml")
    assert "cannot declare [summary] twice" in d.message
    _, (d,) = tomlio.parse_text("[a.b]\n[a.b]\n", "x.toml")
    assert "cannot declare [a.b] twice" in d.message


# -- a pasted paragraph used as a key made a diagnostic line of 200,000 characters -----------------


def test_a_long_unknown_key_is_shown_cut_short(cli, tmp_path):
    f = tmp_path / "k.toml"
    f.write_text(BASE.replace('title = "T"', 'title = "T"\n' + "k" * 100_000 + " = 1"), encoding="utf-8")
    code, out, _ = cli("validate", str(f))
    assert code == 1
    (line,) = out.strip().splitlines()
    assert len(line) < 400 and ":6:1: error[unknown-key]" in line and "…" in line


def test_schema_keys_are_never_cut():
    from rapporteur.diagnostics import KEY_WIDTH, format_path, parse_path
    from rapporteur.model import Report

    seen: set[type] = set()

    def names(cls):
        for name, f in getattr(cls, "model_fields", {}).items():
            yield name
            for arg in [f.annotation, *getattr(f.annotation, "__args__", ())]:
                for inner in [arg, *getattr(arg, "__args__", ())]:
                    if isinstance(inner, type) and inner not in seen and hasattr(inner, "model_fields"):
                        seen.add(inner)
                        yield from names(inner)

    longest = max(names(Report), key=len)
    assert len(longest) < KEY_WIDTH
    assert parse_path(format_path(("sessions", 0, longest))) == ("sessions", 0, longest)


# -- import opened a FIFO with a blocking read and hung; a device was "too large" ----------------


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_import_and_reference_doc_refuse_what_is_not_a_regular_file(tmp_path, kind):
    from conftest import SEED_EXAMPLE

    path = tmp_path / f"{kind}.docx"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        os.symlink("/dev/zero", path)
    r = run_cli("import", str(path), timeout=30)
    assert r.returncode == 2 and "is not a regular file" in r.stderr, r.stderr
    r = run_cli("export", str(SEED_EXAMPLE), "-o", str(tmp_path / "out.docx"), "--reference-doc", str(path), timeout=30)
    assert r.returncode == 2 and "is not a regular file" in r.stdout + r.stderr, r.stdout + r.stderr
    assert not (tmp_path / "out.docx").exists()


def test_import_names_a_broken_symlink(tmp_path):
    os.symlink("nowhere.docx", tmp_path / "link.docx")
    r = run_cli("import", str(tmp_path / "link.docx"))
    assert r.returncode == 2 and "broken symbolic link" in r.stderr


# -- a final report whose conclusion was blank (text = "   ") passed: blank optional text is absent --


CORPUS_BASE = os.path.join(os.path.dirname(__file__), "corpus", "base.toml")


@pytest.mark.parametrize(
    "old,new,message",
    [
        (
            '[conclusion]\ntext = """\nThe meeting ended with thanks to the speaker.\n"""',
            '[conclusion]\ntext = "   "',
            "the conclusion is empty",
        ),
        (
            "[discussion]\n\n[[discussion.questions]]",
            '[discussion]\nobservations = """\n\n"""\n\n[[sessions.discussion.questions]]',
            "this discussion is empty",
        ),
    ],
    ids=["conclusion", "discussion"],
)
def test_a_final_report_with_an_empty_part_is_incomplete(cli, tmp_path, old, new, message):
    text = open(CORPUS_BASE, encoding="utf-8").read().replace(old, new)
    if "sessions.discussion" in new:  # the questions move to the session: the report's discussion is left empty
        text = text.replace("[[discussion.questions.responses]]", "[[sessions.discussion.questions.responses]]")
    assert new in text
    f = tmp_path / "r.toml"
    f.write_text(text, encoding="utf-8")
    code, out, _ = cli("validate", str(f))
    assert code == 0, out  # a draft may be incomplete
    f.write_text(text.replace('status = "draft"', 'status = "final"'), encoding="utf-8")
    code, out, _ = cli("validate", str(f))
    assert code == 1 and message in out, out
    assert len(out.strip().splitlines()) == 1, out


# -- the editor: opening a file quietly rewrote wrong types (title = 42 became "42", marked unsaved,
# -- and the problem vanished); a list where a name belongs, or a person without an id, crashed it --


def _report_for_editor(tmp_path, monkeypatch, text: str):
    """``text`` as r.toml, with no user config and a private state folder for the editor."""
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("RAPPORTEUR_STATE_DIR", str(tmp_path / "state"))
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _open_in_editor(tmp_path, monkeypatch, text: str, *, pause: float = 0.3):
    import asyncio

    from rapporteur.tui.app import RapporteurApp

    path = _report_for_editor(tmp_path, monkeypatch, text)
    seen = {}

    async def go():
        app = RapporteurApp(path, cursor_blink=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause(pause)
            await app.workers.wait_for_complete()
            await pilot.pause()
            ed = app.editor
            seen.update(
                data=ed.data, dirty=ed.dirty, problems=[p.diag.message for p in ed.ordered], running=app.is_running
            )
            await pilot.press("f2")
            await pilot.pause()
            seen["still_running"] = app.is_running

    asyncio.run(go())
    assert path.read_text(encoding="utf-8") == text
    return seen


@pytest.mark.slow  # a corpus of bad reports, each opened in the editor
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize(
    "old,new,where,problem",
    [
        ('title = "Ports and Power in the Indian Ocean"', "title = 42", ("event", "title"), "found the integer 42"),
        ("date = 2024-06-24", "date = 2024-06-24T10:00:00", ("event", "date"), "found the date-time"),
        ('name = "Anita Rao"', 'name = ["Anita", "Rao"]', ("people", 0, "name"), "found a list"),
        ('id = "rao"\n', "", ("people", 0), "missing required key 'id'"),
        ('honorific = "Dr."', "honorific = 7", ("people", 0, "honorific"), "found the integer 7"),
        (
            'speakers = ["rao"]',
            'speakers = [{ id = "rao" }]',
            ("sessions", 0, "presentations", 0, "speakers"),
            "expected text",
        ),
    ],
    ids=["integer-title", "datetime-date", "list-name", "no-id", "integer-honorific", "table-speaker"],
)
def test_the_editor_shows_what_is_wrong_and_changes_nothing(tmp_path, monkeypatch, old, new, where, problem):
    from rapporteur.tui import document as doc

    text = open(CORPUS_BASE, encoding="utf-8").read()
    assert old in text
    text = text.replace(old, new, 1)
    seen = _open_in_editor(tmp_path, monkeypatch, text)
    assert seen["running"] and seen["still_running"]
    assert not seen["dirty"], "opening a file is not an edit"
    assert any(problem in p for p in seen["problems"]), seen["problems"]
    before = tomlio.parse_text(text, "r.toml")[0]
    assert doc.get_at(seen["data"], where) == doc.get_at(before, where)


# -- a FIFO as the house-style file (check --config) hung check; as the user's config, every command --


def test_a_fifo_or_a_device_as_house_style_or_config_never_hangs(tmp_path):
    report = tmp_path / "r.toml"
    report.write_bytes(open(CORPUS_BASE, "rb").read())
    fifo = tmp_path / "rapporteur.toml"
    os.mkfifo(fifo)
    r = run_cli("check", "--config", str(fifo), str(report), timeout=30)
    assert r.returncode == 2 and "is not a regular file" in r.stderr, r.stderr
    r = run_cli("check", str(report), env={"RAPPORTEUR_CONFIG": str(fifo)}, timeout=30)
    assert r.returncode == 0 and "cannot read the config" in r.stderr, r.stderr
    r = run_cli("new", str(tmp_path / "n.toml"), "--no-edit", env={"RAPPORTEUR_CONFIG": "/dev/zero"}, timeout=30)
    assert r.returncode == 0 and "cannot read the config" in r.stderr, r.stderr


# -- `export -o /dev/null` as root replaced the device with a regular file ---------------------------


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_an_output_that_is_not_a_regular_file_is_refused_and_kept(tmp_path, kind):
    from conftest import SEED_EXAMPLE

    target = tmp_path / "out.docx"
    if kind == "fifo":
        os.mkfifo(target)
    elif os.geteuid() == 0:
        os.mknod(target, 0o666 | __import__("stat").S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
    else:
        pytest.skip("only root can make a device node")
    before = os.lstat(target)
    for args in (
        ["export", str(SEED_EXAMPLE), "-o", str(target), "--force"],
        ["import", str(SEED_EXAMPLE.with_suffix(".docx")), "-o", str(target), "--force"],
    ):
        r = run_cli(*args, timeout=30)
        assert r.returncode == 2 and "is not a regular file" in r.stdout + r.stderr, r.stdout + r.stderr
        after = os.lstat(target)
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    with pytest.raises(tomlio.ReportIOError, match="not a regular file"):
        tomlwrite.atomic_write(target, b"x")


# -- the editor's outline failed on a registry that is not a list (people = 1), or ids that are lists --


@pytest.mark.parametrize(
    "people", [1, "rao", [1, "x", {"id": ["a"]}, {"id": "rao", "name": 5}]], ids=["integer", "string", "odd-items"]
)
def test_the_outline_and_person_ids_take_any_registry(people):
    from rapporteur.tui import document as doc

    data = tomlio.parse_source(open(CORPUS_BASE, "rb").read(), "r.toml").data
    data["people"] = people
    parts = doc.build_parts(data)
    assert [p.top for p in parts]
    doc.analyse(data)
    assert doc.unique_person_id(data, "rao")
    assert doc.person_id_for(data, "Anita Rao")


# -- a reference document was read up to the import limits: 246 KB on disk peaked at 690 MB ---------


def _template_with(extra: list[tuple[str, bytes]] = (), edit=lambda name, data: data) -> bytes:
    """The house template as a zip, each part through ``edit`` (None drops it), with ``extra`` parts added."""
    import io
    import zipfile

    from rapporteur.export import reference_template

    buf = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(reference_template.build())) as src,
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in src.infolist():
            data = edit(info.filename, src.read(info))
            if data is not None:
                out.writestr(info, data)
        for name, data in extra:
            out.writestr(name, data)
    return buf.getvalue()


def test_a_reference_document_has_a_budget_of_its_own(tmp_path):
    from rapporteur.export import docx

    MB = 1024 * 1024
    fine = tmp_path / "logo.docx"  # a big logo is still a reference document
    fine.write_bytes(_template_with([("word/media/logo.png", b"\0" * (12 * MB))]))
    assert docx.load_reference(fine).shown == str(fine)
    one_big = tmp_path / "one-big.docx"
    one_big.write_bytes(_template_with([("word/media/poster.png", b"\0" * (20 * MB))]))
    with pytest.raises(
        docx.ReferenceDocError, match=r"word/media/poster.png is too large .*the limit is 16 MiB a part"
    ):
        docx.load_reference(one_big)
    many = tmp_path / "many.docx"  # every part under the part limit, together over the budget
    many.write_bytes(_template_with([(f"word/media/p{i}.png", b"\0" * (15 * MB)) for i in range(5)]))
    assert len(many.read_bytes()) < 1 * MB
    with pytest.raises(docx.ReferenceDocError, match=r"p4.png is too large .*parts may inflate to 64 MiB in all"):
        docx.load_reference(many)
    peak = peak_rss_mb(
        f"from rapporteur.export import docx\ntry:\n    docx.load_reference({str(many)!r})\nexcept docx.ReferenceDocError:\n    pass"
    )
    assert peak < 200, f"peaked at {peak:.0f} MB"


# -- a header part of a content type python-docx does not know crashed the export -------------------


def test_a_reference_whose_header_is_not_a_header_is_refused_at_load(tmp_path):
    from rapporteur.export import docx

    def unknown_header_type(name: str, data: bytes) -> bytes:
        return (
            data.replace(b"wordprocessingml.header+xml", b"wordprocessingml.hdr+xml")
            if name == "[Content_Types].xml"
            else data
        )

    ref = tmp_path / "ref.docx"
    ref.write_bytes(_template_with(edit=unknown_header_type))
    with pytest.raises(
        docx.ReferenceDocError, match=r"its header part word/header\d?.xml has the content type .*hdr\+xml"
    ):
        docx.load_reference(ref)


# -- a missing choice or flag (status, chatham_house) showed its default, and the form took the
# -- default back as an edit: just looking at the Meta form marked the report unsaved (long fuzz) ----


@pytest.mark.slow  # a long walk through every form of the editor
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_looking_at_a_form_with_defaults_shown_is_not_an_edit_but_choosing_is(tmp_path, monkeypatch):
    import asyncio

    from rapporteur.tui.app import RapporteurApp

    text = open(CORPUS_BASE, encoding="utf-8").read()
    text = text.replace('schema_version = 2\nstatus = "draft"\n', "").replace("chatham_house = false\n", "")
    path = _report_for_editor(tmp_path, monkeypatch, text)
    seen = {}

    async def go():
        app = RapporteurApp(path, cursor_blink=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            ed = app.editor
            await pilot.press("f2")  # to the missing schema version: the Meta form, status shown as "default: draft"
            await pilot.pause()
            seen["meta"] = (dict(ed.data["meta"]), ed.dirty)
            await pilot.press("f8")  # the Event form, Chatham House shown unticked
            await pilot.pause()
            seen["event"] = ("chatham_house" in ed.data["event"], ed.dirty)
            await pilot.press("shift+f8", "f2")  # back to Meta; then choose "review" for the status
            await pilot.pause()
            status = next(w for w in ed.query("FieldSelect") if w.field_path == ("meta", "status"))
            status.focus()
            await pilot.press("enter", "down", "down", "enter")  # past "default: draft" and "draft" to "review"
            await pilot.pause()
            seen["chosen"] = (ed.data["meta"].get("status"), ed.dirty)

    asyncio.run(go())
    assert seen["meta"] == ({"tags": ["Corpus"]}, False)
    assert seen["event"] == (False, False)
    assert seen["chosen"] == ("review", True)


def test_a_reference_that_refers_to_a_missing_part_says_which(tmp_path):
    from rapporteur.export import docx

    ref = tmp_path / "ref.docx"
    ref.write_bytes(_template_with(edit=lambda name, data: None if name.startswith("word/header") else data))
    with pytest.raises(
        docx.ReferenceDocError, match=r"it refers to a part it does not contain \(word/header\d?\.xml\)"
    ):
        docx.load_reference(ref)


# -- a package larger than the limit on disk is refused by its size, before a byte is read -----------


def test_a_document_too_large_on_disk_is_refused_unread(tmp_path):
    import errno

    big = tmp_path / "big.docx"
    with open(big, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: 200 MB by its size, nothing on disk
    r = run_cli("import", str(big), "-o", str(tmp_path / "big.toml"))
    assert r.returncode == 1 and "too large to be a Word document (over 128 MiB)" in r.stderr, r.stderr
    r = run_cli("export", str(CORPUS_BASE), "-o", str(tmp_path / "out.docx"), "--reference-doc", str(big))
    assert r.returncode == 2 and "too large to be a Word document (over 128 MiB)" in r.stdout + r.stderr
    assert not (tmp_path / "big.toml").exists() and not (tmp_path / "out.docx").exists()
    peak = peak_rss_mb(
        f"from rapporteur.export import package\ntry:\n    package.open_package({str(big)!r})\nexcept package.PackageError:\n    pass"
    )
    assert peak < 100, f"read the file: peaked at {peak:.0f} MB"
    small = tmp_path / "small.toml"
    small.write_bytes(b"x" * 2048)
    with pytest.raises(OSError) as info:
        tomlio.read_regular(small, limit=1024)
    assert info.value.errno == errno.EFBIG and "is too large" in str(info.value)
