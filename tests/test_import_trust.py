"""``rapporteur import`` trusts nothing it finds in a DOCX (issue 14, item 11)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from rapporteur.export import package as pkg
from rapporteur.export.api import export_report

from conftest import SEED_EXAMPLE, run_cli


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path / "no-config.toml"))


@pytest.fixture
def docx(tmp_path) -> Path:
    src = tmp_path / "seed.toml"
    shutil.copy(SEED_EXAMPLE, src)
    return export_report(src).output_path


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def write_parts(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def body_digest(part: bytes) -> str:
    return re.search(rb'body-sha256="([0-9a-f]+)"', part).group(1).decode()


def replace_source(path: Path, new: bytes) -> None:
    """Put other bytes in rapporteur's part, with a checksum that matches them (what a forger would do)."""
    parts = parts_of(path)
    old = parts[pkg.SOURCE_PART]
    parts[pkg.SOURCE_PART] = pkg.source_part(new, body_digest(old), layout="narrative")
    write_parts(path, parts)


@pytest.mark.parametrize(
    "payload, fragment",
    [
        (b'title = "a shopping list"\nitems = ["eggs"]\n', "not a valid report"),
        (b"<<< this is not TOML >>>\n", "not a valid report at line 1, column"),
        (b"", "not a valid report"),
    ],
    ids=["toml-not-a-report", "not-toml", "empty"],
)
def test_what_is_embedded_must_be_a_report(cli, docx, tmp_path, payload, fragment):
    replace_source(docx, payload)
    out = tmp_path / "back.toml"
    code, stdout, err = cli("import", str(docx), "-o", str(out))
    assert code == 1 and fragment in err and "nothing was imported" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists() and stdout == ""


def test_an_added_part_does_not_win_over_the_one_rapporteur_wrote(cli, docx):
    forged = SEED_EXAMPLE.read_bytes().replace(b"Mayuri Banerjee", b"Somebody Else")
    parts = parts_of(docx)
    genuine = parts[pkg.SOURCE_PART]
    parts = {"customXml/item0.xml": pkg.source_part(forged, body_digest(genuine)), **parts}
    write_parts(docx, parts)
    code, out, err = cli("import", str(docx), "-o", "-")
    assert code == 0 and out.encode() == SEED_EXAMPLE.read_bytes()
    assert "customXml/item0.xml" in err and "ignored" in err


def test_two_unreferenced_claims_are_refused_not_guessed(cli, docx):
    parts = parts_of(docx)
    genuine = parts.pop(pkg.SOURCE_PART)
    parts["customXml/item5.xml"] = genuine
    parts["customXml/item6.xml"] = genuine
    write_parts(docx, parts)
    code, out, err = cli("import", str(docx), "-o", "-")
    assert code == 1 and "refusing to guess" in err and out == ""


def test_a_source_altered_inside_the_file_is_named(cli, docx):
    altered = SEED_EXAMPLE.read_bytes().replace(b"greater alignment", b"lasting rupture", 1)
    assert altered != SEED_EXAMPLE.read_bytes()
    replace_source(docx, altered)
    code, out, err = cli("import", str(docx), "-o", "-")
    assert code == 0 and out.encode() == altered
    assert "does not match the document's text" in err


def test_an_untouched_export_imports_without_a_word_of_doubt(cli, docx):
    code, out, err = cli("import", str(docx), "-o", "-")
    assert code == 0 and err == "" and out.encode() == SEED_EXAMPLE.read_bytes()


def test_a_libreoffice_save_is_named_as_the_loss(cli, docx):
    """What LibreOffice leaves of an export (the custom parts gone, its name in app.xml, our category kept)."""
    parts = {n: d for n, d in parts_of(docx).items() if not n.startswith("customXml/")}
    parts["word/_rels/document.xml.rels"] = re.sub(
        rb"<Relationship [^>]*customXml\"[^>]*/>", b"", parts["word/_rels/document.xml.rels"]
    )
    parts["docProps/app.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/extended-properties"><Application>LibreOffice/7.4.7.2$Linux_X86_64 '
        b"LibreOffice_project/40$Build-2</Application></Properties>"
    )
    write_parts(docx, parts)
    code, _, err = cli("import", str(docx), "-o", "-")
    assert code == 1 and "lost in conversion" in err and "LibreOffice" in err
    assert "did not export" not in err


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_round_trip_through_odt_says_the_source_was_lost_in_conversion(docx, tmp_path):
    profile = tmp_path / "lo-profile"
    common = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless"]
    subprocess.run(
        [*common, "--convert-to", "odt", "--outdir", str(tmp_path / "odt"), str(docx)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    odt = tmp_path / "odt" / docx.with_suffix(".odt").name
    subprocess.run(
        [*common, "--convert-to", "docx", "--outdir", str(tmp_path / "back"), str(odt)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    back = tmp_path / "back" / docx.name
    r = run_cli("import", str(back), "-o", str(tmp_path / "x.toml"))
    assert r.returncode == 1 and "lost in conversion" in r.stderr and "did not export" not in r.stderr
    assert not (tmp_path / "x.toml").exists()
