"""Property tests (hypothesis) of issue 6: round trips of any valid report, and mutations of valid
files that no command may fail on.

What tests/test_tomlio.py and tests/test_import.py already prove is not repeated (the model
-> TOML -> model round trip; export_report -> read_report byte for byte). Added here:

* the whole path as a user runs it, through the CLI: a random report's canonical file is
  canonical for ``fmt --check``, valid for ``validate``, exports to DOCX and Markdown, and
  ``import`` gives back the same bytes, which load to the same report; the same file
  re-encoded (CRLF, a BOM, keys spaced out) comes back byte for byte from the DOCX, and
  ``fmt`` turns it into exactly the canonical form, with the same meaning;
* mutations of valid files, of their bytes (flips, cuts, duplications, TOML's own
  punctuation, NUL, invalid UTF-8) and of their structure (a value of another type at any
  level, keys removed or unknown ones added, lists emptied or doubled, deep nesting): every
  command (validate, fmt --check, fmt, check, export, import of a damaged DOCX, export
  --reference-doc with a damaged one) ends with a documented exit code and never an internal
  error; ``fmt`` never changes what a file means; the two TOML parsers never disagree; and the
  editor's outline, analysis and forms take any of it.

Commands run in-process through ``rapporteur.cli.main`` (with ``RAPPORTEUR_DEBUG=1``, so an
internal error raises and hypothesis shrinks it). A bounded number of examples runs in the
suite; ``RAPPORTEUR_FUZZ_EXAMPLES=5000`` runs a long fuzz.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import zipfile
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rapporteur import tomlio, tomlwrite
from rapporteur.cli import main
from rapporteur.validate import parse_report, validate_report, validate_source

from conftest import data_paths, save_figures
from conftest import examples as tier_examples
from strategies import reports

FUZZ = int(os.environ.get("RAPPORTEUR_FUZZ_EXAMPLES", "0"))
COUNTS: dict[str, int] = {}  # examples run per test, for docs/reliability.md (RAPPORTEUR_FIGURES)


def count(name: str) -> None:
    COUNTS[name] = COUNTS.get(name, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def write_figures():
    yield
    save_figures("properties.json", COUNTS)


SETTINGS = dict(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)


def examples(default: int) -> int:
    """RAPPORTEUR_FUZZ_EXAMPLES when set, else the tier's share of ``default`` (all of it in CI)."""
    return FUZZ or tier_examples(default)


def cli(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """``rapporteur ARGS`` in this process; an internal error raises (RAPPORTEUR_DEBUG)."""
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 0
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def quiet_env(monkeypatch, tmp_path):
    monkeypatch.setenv("RAPPORTEUR_DEBUG", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("RAPPORTEUR_STATE_DIR", str(tmp_path / "state"))


def exportable(report):
    """Reports hypothesis draws may be final but incomplete: those go out as drafts. Random prose under
    the Chatham House Rule may happen to name a registered person ("Cl" in the text, a person named
    Cl): the export then exits 1 by that rule's verdict (tests/test_chatham.py), so such a report is
    taken as not under the Rule here, where the round trip is what is tested."""
    from rapporteur.chatham import find_namings

    if any(d.severity == "error" for d in validate_report(report)):
        report = report.model_copy(update={"meta": report.meta.model_copy(update={"status": "draft"})})
    if report.event.chatham_house and find_namings(report):
        report = report.model_copy(update={"event": report.event.model_copy(update={"chatham_house": False})})
    return report


def fresh(tmp_path: Path, name: str) -> Path:
    """A new, empty folder per example (hypothesis reuses the test's tmp_path)."""
    folder = tmp_path / name
    n = 0
    while folder.exists():
        n += 1
        folder = tmp_path / f"{name}-{n}"
    folder.mkdir()
    return folder


# -- round trips through the CLI -------------------------------------------------------------------


@pytest.mark.slow  # every command, per example: a long property run
@settings(max_examples=examples(25), **SETTINGS)
@given(reports())
def test_a_random_report_survives_the_whole_path_exactly(tmp_path, report):
    count("test_a_random_report_survives_the_whole_path_exactly")
    folder = fresh(tmp_path, "path")
    report = exportable(report)
    text = tomlwrite.dumps(report, "schema.json")
    src = folder / "report.toml"
    src.write_text(text, encoding="utf-8")
    assert cli("fmt", "--check", str(src))[0] == 0
    code, out, _ = cli("validate", str(src))
    assert code == 0, out
    # the whole source, notes too (a random report may be under the Chatham House Rule or have notes,
    # which a default export leaves out: tests/test_export_privacy.py)
    code, out, err = cli("export", str(src), "-o", str(folder / "report.docx"), "--embed-source", "--embed-notes")
    assert code == 0, out + err
    code, out, err = cli("export", str(src), "-o", str(folder / "report.md"))
    assert code == 0 and (folder / "report.md").read_text(encoding="utf-8").strip(), out + err
    code, _, err = cli("import", str(folder / "report.docx"), "-o", str(folder / "back.toml"))
    assert code == 0, err
    back = (folder / "back.toml").read_bytes()
    assert back == src.read_bytes()
    again, problems = parse_report(tomlio.parse_source(back, "back.toml").data)
    assert again == report, problems


def _respaced(text: str) -> str:
    """The same TOML written by a person: spaces around '=', a blank line more here and there."""
    out = []
    in_text = False  # inside a multi-line string, where every character is the text's
    for line in text.split("\n"):
        if not in_text and " = " in line and line.split(" = ", 1)[0].isidentifier():
            key, value = line.split(" = ", 1)
            line = f"{key}   =  {value}"
        if not in_text and line.startswith("[") and line.endswith("]"):
            line += "\n"
        out.append(line)
        if (line.count('"""') - line.count('\\"""')) % 2:
            in_text = not in_text
    return "\n".join(out)


@pytest.mark.slow  # every command, per example: a long property run
@settings(max_examples=examples(20), **SETTINGS)
@given(reports(), st.booleans(), st.booleans(), st.booleans())
def test_a_file_written_by_hand_comes_back_exactly_and_formats_to_the_canonical_form(
    tmp_path, report, crlf, bom, spaced
):
    count("test_a_file_written_by_hand_comes_back_exactly_and_formats_to_the_canonical_form")
    folder = fresh(tmp_path, "hand")
    report = exportable(report)
    canonical = tomlwrite.dumps(report, "schema.json")
    text = _respaced(canonical) if spaced else canonical
    raw = text.encode("utf-8")
    if crlf:
        raw = raw.replace(b"\n", b"\r\n")
    if bom:
        raw = b"\xef\xbb\xbf" + raw
    assume(raw != canonical.encode("utf-8"))
    src = folder / "report.toml"
    src.write_bytes(raw)
    parsed = tomlio.parse_source(raw, "report.toml")
    assert parse_report(parsed.data)[0] == report  # the same report, however written
    code, out, err = cli("export", str(src), "-o", str(folder / "report.docx"), "--embed-source", "--embed-notes")
    assert code == 0, out + err
    code, _, err = cli("import", str(folder / "report.docx"), "-o", str(folder / "back.toml"))
    assert code == 0 and (folder / "back.toml").read_bytes() == raw, err
    expected = (canonical.replace("\n", "\r\n") if crlf else canonical).encode("utf-8")  # fmt keeps line endings
    assert cli("fmt", "--check", str(src))[0] == (0 if raw == expected else 1)
    code, _, err = cli("fmt", str(src))
    assert code == 0, err
    assert src.read_bytes() == expected
    assert cli("fmt", "--check", str(src))[0] == 0


# -- mutations -------------------------------------------------------------------------------------

TOKENS = [
    b'"',
    b'"""',
    b"'''",
    b"[",
    b"]",
    b"[[",
    b"]]",
    b"=",
    b"\n",
    b"\r",
    b"#",
    b"\\",
    b"{",
    b"}",
    b",",
    b".",
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\t",
    b" = ",
    b"1979-05-27",
    b"10:00",
    b"\\u00",
    b"\xe2\x80\x9c",
    b"-",
    b"+inf",
]


@st.composite
def byte_mutations(draw, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(draw(st.integers(1, 4))):
        n = len(data)
        op = draw(st.sampled_from(["flip", "insert", "delete", "duplicate", "truncate", "token"]))
        at = draw(st.integers(0, max(n - 1, 0)))
        if op == "flip" and n:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete" and n:
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "duplicate" and n:
            data[at:at] = data[at : at + draw(st.integers(1, 200))]
        elif op == "truncate":
            del data[at:]
        else:
            data[at:at] = draw(st.sampled_from(TOKENS))
    return bytes(data)


toml_values = st.recursive(
    st.one_of(
        st.integers(-(2**63), 2**63 - 1),
        st.floats(allow_nan=True),
        st.booleans(),
        st.text(max_size=30),
        st.dates(),
        st.times(),
        st.datetimes(),
        st.just(""),
        st.just("x" * 300),
    ),
    lambda children: (
        st.lists(children, min_size=1, max_size=3)
        | st.dictionaries(st.text(min_size=1, max_size=8), children, min_size=1, max_size=3)
    ),
    max_leaves=8,
)


def _get(node, path):
    for p in path:
        node = node[p]
    return node


@st.composite
def structure_mutations(draw, data: dict) -> dict:
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in data_paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _get(data, path[:-1]), path[-1]
        op = draw(st.sampled_from(["retype", "retype", "delete", "unknown", "empty", "double", "deep"]))
        if op == "retype":
            parent[key] = draw(toml_values)
        elif op == "delete":
            del parent[key]
        elif op == "unknown" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12))] = draw(toml_values)
        elif op == "empty":
            parent[key] = [] if isinstance(parent[key], list) else {} if isinstance(parent[key], dict) else ""
        elif op == "double" and isinstance(parent[key], list):
            parent[key] = parent[key] * 2
        elif op == "deep":
            value = parent[key]
            for _ in range(draw(st.integers(1, 40))):
                value = [value]
            parent[key] = value
    return data


def _dump(data: dict) -> bytes | None:
    try:
        return tomli_w.dumps(data).encode("utf-8")
    except (TypeError, ValueError):  # what TOML cannot write (NaN keys are fine; None is not)
        return None


def every_command(folder: Path, name: str, raw: bytes) -> dict[str, int]:
    """Every command that reads a report, on ``raw``; the exit codes (an internal error raises)."""
    src = folder / name
    src.write_bytes(raw)
    codes = {}
    for label, args in [
        ("validate", ["validate", name]),
        ("validate --final", ["validate", "--final", name]),
        ("validate json", ["validate", "--format", "json", name]),
        ("fmt --check", ["fmt", "--check", name]),
        ("check", ["check", name]),
        ("export", ["export", name, "-o", "out.docx", "--force"]),
        ("export md", ["export", name, "-o", "out.md", "--force"]),
    ]:
        code, out, err = cli(*args, cwd=folder)
        assert code in (0, 1), (label, code, out, err)
        assert "internal error" not in out + err and "Traceback" not in out + err, (label, out, err)
        codes[label] = code
    if codes["validate"] == 0:
        assert codes["export"] == 0, "a valid report must export"
    return codes


def fmt_keeps_the_meaning(folder: Path, name: str) -> None:
    """``fmt`` rewrites a file only into the canonical form of the same report."""
    src = folder / name
    before = src.read_bytes()
    meaning = validate_source(tomlio.parse_source(before, name)).report
    code, out, err = cli("fmt", "--drop-comments", name, cwd=folder)
    assert code in (0, 1), (code, out, err)
    after = src.read_bytes()
    if after != before:
        assert meaning is not None and code == 0
        assert validate_source(tomlio.parse_source(after, name)).report == meaning
        assert cli("fmt", "--check", name, cwd=folder)[0] == 0


def parsers_agree(raw: bytes) -> None:
    """rtoml and tomllib give the same verdict and the same data."""
    if tomlio._FAST_LOADS is None:
        return
    source = tomlio.parse_source(raw, "x.toml")
    saved = tomlio._FAST_LOADS
    try:
        tomlio._FAST_LOADS = None
        judge = tomlio.parse_source(raw, "x.toml")
    finally:
        tomlio._FAST_LOADS = saved
    assert (source.data is None) == (judge.data is None), (source.diagnostics, judge.diagnostics)
    if source.data is not None:
        assert source.data == judge.data or repr(source.data) == repr(judge.data)  # NaN != NaN


def editor_takes_it(raw: bytes) -> None:
    """The editor's outline, analysis and forms, on whatever parses (Textual is not started)."""
    from rapporteur.tui import document as doc

    data = tomlio.parse_source(raw, "x.toml").data
    if data is None:
        return
    parts = doc.build_parts(data)
    doc.analyse(data)
    doc.count_words(data)
    for top in parts:
        for part in top.walk():
            if part.cls is not None and part.present and part.kind != "list":
                for spec in doc.field_specs(part.cls):
                    doc.display_value(spec.kind, doc.get_at(data, (*part.path, *spec.rel)))


@pytest.mark.slow  # every command, per example: a long property run
@settings(max_examples=examples(60), **SETTINGS)
@given(st.data())
def test_byte_mutations_of_a_valid_file_never_break_a_command(tmp_path, data):
    count("test_byte_mutations_of_a_valid_file_never_break_a_command")
    report = data.draw(reports(max_people=3), label="report")
    raw = tomlwrite.dumps(exportable(report), "schema.json").encode("utf-8")
    mutated = data.draw(byte_mutations(raw), label="mutated")
    folder = fresh(tmp_path, "bytes")
    every_command(folder, "r.toml", mutated)
    parsers_agree(mutated)
    editor_takes_it(mutated)
    fmt_keeps_the_meaning(folder, "r.toml")


@pytest.mark.slow  # every command, per example: a long property run
@settings(max_examples=examples(60), **SETTINGS)
@given(st.data())
def test_structure_mutations_of_a_valid_file_never_break_a_command(tmp_path, data):
    count("test_structure_mutations_of_a_valid_file_never_break_a_command")
    report = data.draw(reports(max_people=3), label="report")
    plain = tomlio.parse_source(tomlwrite.dumps(exportable(report)).encode("utf-8"), "r.toml").data
    mutated = data.draw(structure_mutations(plain), label="mutated")
    raw = _dump(mutated)
    assume(raw is not None)
    folder = fresh(tmp_path, "structure")
    every_command(folder, "r.toml", raw)
    parsers_agree(raw)
    editor_takes_it(raw)
    fmt_keeps_the_meaning(folder, "r.toml")


# -- damaged documents -----------------------------------------------------------------------------

SEED_DOCX = Path(__file__).resolve().parent.parent / "examples" / "china-russia-relationship.docx"


@st.composite
def damaged_docx(draw) -> bytes:
    """The seed's DOCX with its bytes, or one of its parts, damaged."""
    raw = SEED_DOCX.read_bytes()
    if draw(st.booleans()):
        return draw(byte_mutations(raw))
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        parts = [(i.filename, zf.read(i)) for i in zf.infolist()]
    i = draw(st.integers(0, len(parts) - 1))
    name, body = parts[i]
    op = draw(st.sampled_from(["mutate", "drop", "empty", "rename"]))
    if op == "mutate":
        parts[i] = (name, draw(byte_mutations(body)))
    elif op == "drop":
        del parts[i]
    elif op == "empty":
        parts[i] = (name, b"")
    else:
        parts[i] = (draw(st.sampled_from(["customXml/item2.xml", "word/other.xml", "x"])), body)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in parts:
            zf.writestr(n, b)
    return buf.getvalue()


@settings(max_examples=examples(40), **SETTINGS)
@given(damaged_docx())
def test_a_damaged_docx_never_breaks_import(tmp_path, raw):
    count("test_a_damaged_docx_never_breaks_import")
    folder = fresh(tmp_path, "import")
    (folder / "d.docx").write_bytes(raw)
    code, out, err = cli("import", "d.docx", "-o", "back.toml", cwd=folder)
    assert code in (0, 1), (code, out, err)
    assert "internal error" not in err
    if code == 0:  # what comes back is a report file as it was exported
        assert (folder / "back.toml").exists()
    else:
        assert len(err.strip().splitlines()) == 1, err


@settings(max_examples=examples(30), **SETTINGS)
@given(damaged_docx())
def test_a_damaged_reference_document_never_breaks_export(tmp_path, raw):
    count("test_a_damaged_reference_document_never_breaks_export")
    folder = fresh(tmp_path, "reference")
    (folder / "ref.docx").write_bytes(raw)
    (folder / "r.toml").write_bytes((Path(__file__).resolve().parent / "corpus" / "base.toml").read_bytes())
    code, out, err = cli("export", "r.toml", "-o", "out.docx", "--reference-doc", "ref.docx", cwd=folder)
    assert code in (0, 2), (code, out, err)
    if code == 2:
        assert "cannot be used as a reference document" in out + err, out + err
        assert not (folder / "out.docx").exists()
    else:
        assert cli("import", "out.docx", "-o", "back.toml", cwd=folder)[0] == 0


# -- the editor, opened headless on mutated reports ------------------------------------------------


@pytest.mark.slow  # the editor started per example: a long property run
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@settings(max_examples=examples(5), **SETTINGS)
@given(st.data())
def test_the_editor_opens_any_mutated_report(tmp_path, data):
    count("test_the_editor_opens_any_mutated_report")
    import asyncio

    from rapporteur.tui.app import RapporteurApp

    report = data.draw(reports(max_people=3), label="report")
    plain = tomlio.parse_source(tomlwrite.dumps(report).encode("utf-8"), "r.toml").data
    raw = _dump(data.draw(structure_mutations(plain), label="mutated"))
    assume(raw is not None and tomlio.parse_source(raw, "r.toml").data is not None)
    folder = fresh(tmp_path, "editor")
    path = folder / "r.toml"
    path.write_bytes(raw)

    async def go():
        app = RapporteurApp(path, cursor_blink=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            for key in ("f2", "f8", "f8", "f2"):
                await pilot.press(key)
                await pilot.pause()
            assert app.is_running and not app.editor.dirty

    asyncio.run(go())
    assert path.read_bytes() == raw
