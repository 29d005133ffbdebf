"""Where ``export -o`` and ``import -o`` may write (issue 14, items 2 and 6).

Nothing the user did not export is replaced without ``--force``; a symbolic link is never
written through unless it leads to an earlier export; ``-o -`` is standard output; a
derived file is no more readable than its source.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import SEED_EXAMPLE, run_cli


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path / "no-config.toml"))


@pytest.fixture
def seed(tmp_path) -> Path:
    dst = tmp_path / "seed.toml"
    shutil.copy(SEED_EXAMPLE, dst)
    return dst


@pytest.mark.parametrize(
    "name, args",
    [
        ("notes.md", []),
        ("plain.txt", ["--format", "md"]),
        ("letter.docx", []),
    ],
)
def test_an_existing_file_that_is_not_an_export_is_never_clobbered(cli, seed, tmp_path, name, args):
    target = tmp_path / name
    target.write_text("someone's own words\n", encoding="utf-8")
    code, out, err = cli("export", str(seed), "-o", str(target), *args)
    assert code == 2 and "not overwritten" in out and "--force" in out
    assert len([x for x in (out + err).splitlines() if x.strip()]) == 1, out + err  # one clear line
    assert target.read_text(encoding="utf-8") == "someone's own words\n"
    code, out, err = cli("export", str(seed), "-o", str(target), *args, "--force")
    assert code == 0, out + err
    assert target.read_text(encoding="utf-8", errors="replace") != "someone's own words\n"


def test_a_toml_output_is_refused_even_with_force(cli, seed, tmp_path):
    other = tmp_path / "other-report.toml"
    other.write_bytes(SEED_EXAMPLE.read_bytes())
    for extra in ([], ["--force"]):
        code, out, err = cli("export", str(seed), "-o", str(other), *extra)
        assert code == 2 and "names a report file" in err and out == ""
        assert other.read_bytes() == SEED_EXAMPLE.read_bytes()
    code, out, err = cli("export", str(seed), "-o", str(tmp_path / "new.toml"))
    assert code == 2 and not (tmp_path / "new.toml").exists()


def test_an_earlier_export_is_replaced_but_not_once_edited(cli, seed, tmp_path):
    md = tmp_path / "r.md"
    assert cli("export", str(seed), "-o", str(md))[0] == 0
    assert cli("export", str(seed), "-o", str(md), "--layout", "sectioned")[0] == 0  # ours, untouched: replaced
    md.write_bytes(md.read_bytes().replace(b"\n", b"\r\n"))  # a Windows checkout: not an edit
    assert cli("export", str(seed), "-o", str(md))[0] == 0
    md.write_text(md.read_text(encoding="utf-8") + "\nA paragraph the editor added.\n", encoding="utf-8")
    code, out, err = cli("export", str(seed), "-o", str(md))
    assert code == 2 and "edited after it was exported" in out + err
    assert "A paragraph the editor added." in md.read_text(encoding="utf-8")
    out_docx = tmp_path / "r.docx"
    assert cli("export", str(seed), "-o", str(out_docx), "--no-embed-source")[0] == 0
    assert cli("export", str(seed), "-o", str(out_docx))[0] == 0  # an export without its source is still ours


def test_a_symlink_to_someone_elses_file_is_never_written_through(cli, seed, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "out.md"
    link.symlink_to(victim)
    for extra in ([], ["--force"]):
        code, out, err = cli("export", str(seed), "-o", str(link), *extra)
        assert code == 2 and "symbolic link" in out and "not written through" in out
        assert victim.read_text(encoding="utf-8") == "precious\n" and link.is_symlink()
    dangling = tmp_path / "gone.docx"
    dangling.symlink_to(tmp_path / "nowhere" / "x.docx")
    code, out, err = cli("export", str(seed), "-o", str(dangling), "--force")
    assert code == 2 and "does not exist" in out + err and not (tmp_path / "nowhere").exists()


def test_a_symlink_to_an_earlier_export_is_followed(cli, seed, tmp_path):
    real = tmp_path / "published" / "r.docx"
    real.parent.mkdir()
    assert cli("export", str(seed), "-o", str(real))[0] == 0
    link = tmp_path / "latest.docx"
    link.symlink_to(real)
    before = real.read_bytes()
    code, out, err = cli("export", str(seed), "-o", str(link), "--layout", "sectioned")
    assert code == 0, out + err
    assert link.is_symlink() and real.read_bytes() != before


def test_dash_is_standard_output(seed, tmp_path):
    r = run_cli("export", str(seed), "-o", "-", "--format", "md", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("---\ntitle:")
    assert not (tmp_path / "-").exists()
    docx = subprocess.run(
        [sys.executable, "-m", "rapporteur", "export", str(seed), "-o", "-", "--no-embed-source"],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert docx.returncode == 0 and docx.stdout[:2] == b"PK", docx.stderr
    with zipfile.ZipFile(io.BytesIO(docx.stdout)) as zf:
        assert "word/document.xml" in zf.namelist()
    assert not (tmp_path / "-").exists()


def test_dash_in_process_and_its_refusals(cli, seed, tmp_path):
    code, out, err = cli("export", str(seed), "-o", "-", "--format", "md")
    assert code == 0 and out.startswith("---\n") and "# written by rapporteur export" in out
    other = tmp_path / "other.toml"
    shutil.copy(seed, other)
    code, out, err = cli("export", str(seed), str(other), "-o", "-")
    assert code == 2 and "one report" in err and out == ""


def test_import_never_writes_through_a_symlink_nor_over_a_file(cli, seed, tmp_path):
    docx = tmp_path / "r.docx"
    assert cli("export", str(seed), "-o", str(docx))[0] == 0
    victim = tmp_path / "victim.toml"
    victim.write_text("x = 1\n", encoding="utf-8")
    link = tmp_path / "back.toml"
    link.symlink_to(victim)
    code, out, err = cli("import", str(docx), "-o", str(link), "--force")
    assert code == 2 and "symbolic link" in err and victim.read_text(encoding="utf-8") == "x = 1\n"
    code, out, err = cli("import", str(docx), "-o", str(victim))
    assert code == 2 and "already exists" in err and victim.read_text(encoding="utf-8") == "x = 1\n"
    code, out, err = cli("import", str(docx), "-o", "-")
    assert code == 0 and out.encode() == seed.read_bytes()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_derived_files_are_no_more_readable_than_their_source(cli, seed, tmp_path):
    old = os.umask(0o022)
    try:
        seed.chmod(0o600)
        docx, md = tmp_path / "r.docx", tmp_path / "r.md"
        assert cli("export", str(seed), "-o", str(docx))[0] == 0
        assert cli("export", str(seed), "-o", str(md))[0] == 0
        assert stat.S_IMODE(docx.stat().st_mode) == 0o600
        assert stat.S_IMODE(md.stat().st_mode) == 0o600
        back = tmp_path / "back.toml"
        assert cli("import", str(docx), "-o", str(back))[0] == 0
        assert stat.S_IMODE(back.stat().st_mode) == 0o600
        docx.chmod(0o644)  # an earlier export left readable: the new one is not
        assert cli("export", str(seed), "-o", str(docx))[0] == 0
        assert stat.S_IMODE(docx.stat().st_mode) == 0o600
        seed.chmod(0o644)
        other = tmp_path / "open.docx"
        assert cli("export", str(seed), "-o", str(other))[0] == 0
        assert stat.S_IMODE(other.stat().st_mode) == 0o644  # the umask's, as before
        seed.chmod(0o444)  # a read-only report still gives an export its owner can replace
        assert cli("export", str(seed), "-o", str(other))[0] == 0
        assert stat.S_IMODE(other.stat().st_mode) == 0o644
    finally:
        os.umask(old)
