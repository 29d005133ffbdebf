"""`rapporteur export` as a user runs it: outputs, refusals, warnings, exit codes."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx as python_docx
import pytest
from test_startup import imported_modules

from rapporteur.export.api import ExportError, export_report

from conftest import SEED_EXAMPLE, example_reports, run_cli, run_main


@pytest.fixture
def seed(tmp_path) -> Path:
    dst = tmp_path / "seed.toml"
    shutil.copy(SEED_EXAMPLE, dst)
    return dst


def test_the_output_sits_beside_the_input(cli, seed):
    code, out, err = cli("export", str(seed))
    assert code == 0, out + err
    assert seed.with_suffix(".docx").exists()
    assert f"exported {seed} -> {seed.with_suffix('.docx')}" in err.replace("\\", "/") or "-> " in err
    assert out == ""
    assert seed.read_bytes() == SEED_EXAMPLE.read_bytes()


def test_markdown_from_the_format_or_the_output_suffix(cli, seed, tmp_path):
    code, _, _ = cli("export", "--format", "md", str(seed))
    assert code == 0 and seed.with_suffix(".md").read_text(encoding="utf-8").startswith("---\ntitle:")
    code, _, _ = cli("export", str(seed), "-o", str(tmp_path / "notes.markdown"))
    assert code == 0 and (tmp_path / "notes.markdown").read_text(encoding="utf-8").startswith("---\n")
    code, _, err = cli("export", str(seed), "--format", "docx", "-o", str(tmp_path / "x.md"))
    assert code == 2 and "make them agree" in err


def test_several_reports_into_a_folder(cli, tmp_path):
    out = tmp_path / "out" / "nested"
    code, _, err = cli("export", *map(str, example_reports()), "-o", str(out), "--layout", "sectioned")
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == sorted(p.with_suffix(".docx").name for p in example_reports())
    n = len(example_reports())
    assert f"{n} of {n} reports exported" in err
    code, _, err = cli("export", *map(str, example_reports()), "-o", str(SEED_EXAMPLE))
    assert code == 2 and "must be a folder" in err


def test_a_folder_of_reports(cli, tmp_path):
    for p in example_reports():
        shutil.copy(p, tmp_path / p.name)
    code, _, err = cli("export", "--format", "md", str(tmp_path))
    assert code == 0, err
    assert len(list(tmp_path.glob("*.md"))) == len(example_reports())


def test_a_report_with_errors_is_refused_with_the_messages_of_validate(cli, seed, tmp_path):
    text = (
        seed.read_text(encoding="utf-8")
        .replace('people = ["singh"]', 'people = ["sing"]')
        .replace('asker = "lele"', 'asker = "lel"')
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    code, out, err = cli("export", str(bad), str(seed))
    assert code == 1
    assert not bad.with_suffix(".docx").exists()
    assert seed.with_suffix(".docx").exists()  # the others are still exported
    vcode, vout, _ = cli("validate", str(bad))
    assert vcode == 1
    assert out.strip() == vout.strip()
    assert "unknown person 'sing'" in out and "unknown person 'lel'" in out
    assert all(line.startswith(f"{bad}:") for line in out.strip().splitlines())
    assert "1 of 2 reports exported, 1 not exported" in err


def test_a_draft_exports_with_a_warning_and_exit_0(cli, seed):
    seed.write_text(seed.read_text(encoding="utf-8").replace('status = "final"', 'status = "draft"'), encoding="utf-8")
    code, out, _ = cli("export", str(seed))
    assert code == 0
    line = next(ln for ln in out.splitlines() if "[draft]" in ln)
    assert line.startswith(f"{seed}:5:")
    assert "warning[draft] meta.status: this report is a draft: exported with a DRAFT mark" in line
    header = python_docx.Document(seed.with_suffix(".docx")).sections[0].header.paragraphs[0].text
    assert "DRAFT" in header


def test_warnings_point_at_the_line(seed):
    text = seed.read_text(encoding="utf-8").replace("The growing cooperation", "The growing\\u0007 cooperation", 1)
    seed.write_text(text, encoding="utf-8")
    result = export_report(seed)
    (w,) = [w for w in result.warnings if w.code == "control-character"]
    lines = text.splitlines()
    key_line = lines.index("[summary]") + 2  # text = """ ... on the line after the table header
    assert lines[key_line - 1].startswith("text = ")
    assert w.path == "summary.text" and w.line == key_line and w.file.endswith("seed.toml")


def test_the_source_is_never_overwritten(cli, seed):
    before = seed.read_bytes()
    code, out, err = cli("export", str(seed), "-o", str(seed))
    assert code == 2 and "never overwritten" in out + err
    odd = seed.with_suffix(".docx")
    odd.write_bytes(before)
    code, out, err = cli("export", str(odd), "-o", str(odd))
    assert code == 2 and "never overwritten" in out + err
    assert seed.read_bytes() == before


def test_a_docx_edited_after_export_is_not_overwritten(cli, seed):
    assert cli("export", str(seed))[0] == 0
    docx = seed.with_suffix(".docx")
    with zipfile.ZipFile(docx) as zf:
        items = [(i.filename, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(docx, "w") as zf:
        for name, data in items:
            zf.writestr(
                name, data.replace(b"MP-IDSA scholars", b"Some scholars") if name == "word/document.xml" else data
            )
    edited = docx.read_bytes()
    code, out, err = cli("export", str(seed))
    assert code == 2 and "was edited after it was exported" in out + err
    assert docx.read_bytes() == edited
    assert export_report(seed, force=True).output_path == docx
    assert cli("export", str(seed))[0] == 0  # exported by us and untouched: replaced freely


def test_a_docx_rapporteur_did_not_write_is_not_overwritten(seed):
    docx = seed.with_suffix(".docx")
    docx.write_bytes(b"somebody's letter")
    with pytest.raises(ExportError) as info:
        export_report(seed)
    assert info.value.code == 2 and "not a document rapporteur wrote" in str(info.value)
    assert docx.read_bytes() == b"somebody's letter"


def test_io_problems_exit_2_without_a_traceback(tmp_path, seed):
    r = run_main("export", str(tmp_path / "missing.toml"))
    assert r.returncode == 2 and "no such file" in r.stdout + r.stderr and "Traceback" not in r.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run_main("export", str(empty))
    assert r.returncode == 2 and "no report files matched" in r.stderr
    r = run_main("export", str(seed), "--reference-doc", str(seed))
    assert (
        r.returncode == 2
        and "cannot be used as a reference document" in r.stdout + r.stderr
        and "Traceback" not in r.stderr
    )
    r = run_main("export", str(seed), "--layout", "fancy")
    assert r.returncode == 2 and "invalid choice" in r.stderr


def test_two_reports_cannot_share_an_output(cli, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SEED_EXAMPLE, tmp_path / folder / "r.toml")
    code, _, err = cli(
        "export", str(tmp_path / "a" / "r.toml"), str(tmp_path / "b" / "r.toml"), "-o", str(tmp_path / "out")
    )
    assert code == 2 and "would both be exported" in err


def test_a_reference_document_restyles(cli, seed, tmp_path):
    from rapporteur.export.reference_template import TEMPLATE_PATH

    ref = tmp_path / "house.docx"
    shutil.copy(TEMPLATE_PATH, ref)
    code, _, err = cli("export", str(seed), "--reference-doc", str(ref), "-o", str(tmp_path / "x.docx"))
    assert code == 0, err
    assert python_docx.Document(tmp_path / "x.docx").paragraphs[0].style.name == "Title"


def test_markdown_export_never_loads_the_docx_writer(seed):
    mods = imported_modules("export", "--format", "md", str(seed))
    assert "rapporteur.export.markdown" in mods
    assert not any(m.split(".")[0] in ("docx", "lxml", "textual") for m in mods)
    mods = imported_modules("export", str(seed), "-o", str(seed.with_name("again.docx")))
    assert "rapporteur.export.docx" in mods and "docx" in mods  # python-docx writes the DOCX
    assert not any(m.split(".")[0] == "textual" for m in mods)


def test_help_and_exit_codes_through_a_subprocess(seed):
    r = run_cli("export", "--help")
    assert r.returncode == 0 and "--reference-doc" in r.stdout
    # The seed's narrative export leaves a section heading unprinted, which the embedded source would carry
    # (a warning even with -q): without the source, -q prints nothing.
    r = run_cli("export", str(seed), "-q", "--no-embed-source")
    assert r.returncode == 0 and r.stderr == "" and r.stdout == ""
