"""`rapporteur import`: the DOCX gives back exactly the TOML it was exported from, or says clearly why not."""

from __future__ import annotations

import re
import tomllib
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapporteur import tomlwrite
from rapporteur.export import package as pkg
from rapporteur.export.api import export_report
from rapporteur.importer import ImportProblem, read_report
from rapporteur.validate import validate_report

from conftest import SEED_EXAMPLE, example_reports, examples, run_cli, run_main
from strategies import reports


def exported(tmp_path: Path, source: bytes, name: str = "report.toml") -> Path:
    """The report exported with its whole source (notes too), to test how faithfully it travels.
    What is embedded by default is tested in tests/test_export_privacy.py."""
    src = tmp_path / name
    src.write_bytes(source)
    return export_report(src, embed_source=True, embed_notes=True).output_path


def rewrite(docx: Path, change) -> None:
    """Rewrite a DOCX's parts through ``change(name, data) -> data | None`` (None drops the part)."""
    with zipfile.ZipFile(docx) as zf:
        items = [(i.filename, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            new = change(name, data)
            if new is not None:
                zf.writestr(
                    name if not isinstance(new, tuple) else new[0], new if not isinstance(new, tuple) else new[1]
                )


@pytest.mark.parametrize("path", example_reports(), ids=lambda p: p.name)
def test_every_example_comes_back_byte_for_byte(tmp_path, path):
    docx = exported(tmp_path, path.read_bytes(), path.name)
    assert read_report(docx).data == path.read_bytes()
    out = tmp_path / "back.toml"
    r = run_main("import", str(docx), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == path.read_bytes()


def test_the_committed_example_exports_import_too():
    """The committed exports are default exports: no source under the Chatham House Rule, no notes."""
    for path in example_reports():
        docx = path.with_suffix(".docx")
        if b"chatham_house = true" in path.read_bytes():
            with pytest.raises(ImportProblem, match="without its report source"):
                read_report(docx)
            continue
        got = read_report(docx)
        assert not got.edited and not got.mismatch
        if not got.omitted:
            assert got.data == path.read_bytes()
            continue
        want = tomllib.loads(path.read_text(encoding="utf-8"))
        assert got.omitted == ("meta.notes",) + (("notes",) if "notes" in want else ())
        del want["meta"]["notes"]
        want.pop("notes", None)  # the notes taken in the room (examples/talk-arctic-shipping-from-notes.toml)
        assert tomllib.loads(got.data.decode("utf-8")) == want  # the same report, without its notes


def _exportable(report):
    if any(d.severity == "error" for d in validate_report(report)):
        report = report.model_copy(update={"meta": report.meta.model_copy(update={"status": "draft"})})
    return report


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(reports())
def test_random_reports_come_back_byte_for_byte(tmp_path, report):
    text = tomlwrite.dumps(_exportable(report), "schema.json").encode("utf-8")
    docx = exported(tmp_path, text)
    got = read_report(docx)
    assert (got.data, got.edited, got.mismatch, got.omitted) == (text, False, False, ())


def test_line_endings_a_bom_and_characters_xml_cannot_hold_survive(tmp_path):
    seed = SEED_EXAMPLE.read_bytes()
    crlf = b"\xef\xbb\xbf" + seed.replace(b"\n", b"\r\n")
    assert read_report(exported(tmp_path, crlf, "crlf.toml")).data == crlf
    odd = seed + "# a noncharacter XML 1.0 forbids: \ufffe\n".encode("utf-8")
    docx = exported(tmp_path, odd, "odd.toml")
    with zipfile.ZipFile(docx) as zf:
        assert b'encoding="base64"' in zf.read("customXml/item1.xml")
    assert read_report(docx).data == odd


def test_the_embedded_report_is_readable_in_the_package(tmp_path):
    docx = exported(tmp_path, SEED_EXAMPLE.read_bytes())
    with zipfile.ZipFile(docx) as zf:
        part = zf.read("customXml/item1.xml").decode("utf-8")
    assert 'encoding="text"' in part and "[lead]" in part and "Mayuri Banerjee" in part


def test_a_document_edited_after_export_is_flagged(tmp_path):
    docx = exported(tmp_path, SEED_EXAMPLE.read_bytes())
    assert read_report(docx).edited is False
    rewrite(
        docx,
        lambda n, d: (
            d.replace(b"MP-IDSA scholars attended", b"Many scholars attended") if n == "word/document.xml" else d
        ),
    )
    got = read_report(docx)
    assert got.edited is True and got.data == SEED_EXAMPLE.read_bytes()
    r = run_main("import", str(docx), "-o", "-")  # the edit is applied to its field (tests/test_import_review.py)
    assert r.returncode == 0
    assert "changed lead.text" in r.stderr
    before, after = tomllib.loads(SEED_EXAMPLE.read_text(encoding="utf-8")), tomllib.loads(r.stdout)
    assert after["lead"]["text"] == before["lead"]["text"].replace(
        "MP-IDSA scholars attended", "Many scholars attended"
    )
    assert {k: v for k, v in after.items() if k != "lead"} == {k: v for k, v in before.items() if k != "lead"}


def test_word_renumbering_custom_xml_parts_does_not_matter(tmp_path):
    docx = exported(tmp_path, SEED_EXAMPLE.read_bytes())
    rewrite(docx, lambda n, d: ("customXml/item7.xml", d) if n == "customXml/item1.xml" else d)
    assert read_report(docx).data == SEED_EXAMPLE.read_bytes()


def test_a_damaged_embedded_report_is_refused(tmp_path):
    docx = exported(tmp_path, SEED_EXAMPLE.read_bytes())
    rewrite(docx, lambda n, d: d.replace(b"Mayuri", b"Maury") if n == "customXml/item1.xml" else d)
    with pytest.raises(ImportProblem, match="checksum") as info:
        read_report(docx)
    assert info.value.code == 1


def zip_with(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def zip_bomb(path: Path) -> Path:
    """A small file that inflates past every limit (100 MiB of zeros in the part import reads)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("customXml/item1.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(pkg.MAX_PART_BYTES // len(chunk) + 4):
                fh.write(chunk)
    return path


def bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    seed_docx = SEED_EXAMPLE.with_suffix(".docx").read_bytes()
    (tmp_path / "truncated.docx").write_bytes(seed_docx[: len(seed_docx) // 2])
    (tmp_path / "empty.docx").write_bytes(b"")
    (tmp_path / "text.docx").write_text("just text")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (tmp_path / "file.pdf").write_bytes(b"%PDF-1.7\n")
    zip_with(tmp_path / "plain.zip", {"hello.txt": b"hi"})
    zip_with(tmp_path / "foreign.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    zip_with(
        tmp_path / "other-custom.docx",
        {"[Content_Types].xml": b"<Types/>", "customXml/item1.xml": b"<b:Sources xmlns:b='x'/>"},
    )
    zip_with(tmp_path / "bad-xml.docx", {"[Content_Types].xml": b"<Types/>", "customXml/item1.xml": b"<<<"})
    zip_bomb(tmp_path / "bomb.docx")
    return {
        "truncated": (tmp_path / "truncated.docx", "truncated or damaged"),
        "empty": (tmp_path / "empty.docx", "the file is empty"),
        "text": (tmp_path / "text.docx", "not a zip archive"),
        "old": (tmp_path / "old.doc", "old binary Word file"),
        "pdf": (tmp_path / "file.pdf", "a PDF file"),
        "zip": (tmp_path / "plain.zip", "not an Office document"),
        "foreign": (tmp_path / "foreign.docx", "a Word document that rapporteur did not export"),
        "other-custom": (tmp_path / "other-custom.docx", "did not export"),
        "bad-xml": (tmp_path / "bad-xml.docx", "did not export"),
        "bomb": (tmp_path / "bomb.docx", "too large"),
    }


@pytest.mark.slow  # a corpus of files that are not our DOCX, each in a new process
def test_files_that_are_not_our_docx_get_one_clear_line_and_exit_1(tmp_path):
    for key, (path, words) in bad_files(tmp_path).items():
        r = run_cli("import", str(path))
        assert r.returncode == 1, (key, r.stderr)
        assert "Traceback" not in r.stderr, key
        assert words in r.stderr, (key, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1, (key, r.stderr)
        assert not path.with_suffix(".toml").exists(), key


def test_files_that_cannot_be_read_exit_2(tmp_path):
    r = run_main("import", str(tmp_path / "missing.docx"))
    assert r.returncode == 2 and "no such file" in r.stderr and "Traceback" not in r.stderr
    r = run_main("import", str(tmp_path))
    assert r.returncode == 2 and "is a directory" in r.stderr


def test_an_existing_output_is_kept_unless_forced(tmp_path):
    docx = exported(tmp_path, SEED_EXAMPLE.read_bytes(), "seed.toml")
    target = tmp_path / "seed.toml"  # the default output: the source itself, here
    target.write_text("mine\n")
    r = run_main("import", str(docx))
    assert r.returncode == 2 and "already exists" in r.stderr
    assert target.read_text() == "mine\n"
    r = run_main("import", str(docx), "--force")
    assert r.returncode == 0 and target.read_bytes() == SEED_EXAMPLE.read_bytes()
    r = run_main("import", str(docx), "-o", str(docx), "--force")
    assert r.returncode == 2 and "the DOCX itself" in r.stderr
    folder = tmp_path / "out"
    folder.mkdir()
    r = run_main("import", str(docx), "-o", str(folder))
    assert r.returncode == 0 and (folder / "seed.toml").read_bytes() == SEED_EXAMPLE.read_bytes()


def test_import_reads_no_docx_machinery():
    from test_startup import imported_modules

    docx = str(SEED_EXAMPLE.with_suffix(".docx"))
    mods = imported_modules("import", docx, "-o", "-")
    assert "rapporteur.importer" in mods
    assert not any(m.split(".")[0] in ("docx", "lxml", "textual") for m in mods)


def test_package_reads_are_bounded(tmp_path, monkeypatch):
    path = zip_with(tmp_path / "big.docx", {"[Content_Types].xml": b"<Types/>", "customXml/item1.xml": b"x" * 5000})
    with pkg.open_package(path) as p:
        with pytest.raises(pkg.PackageError, match="too large"):
            p.read("customXml/item1.xml", limit=1000)
    monkeypatch.setattr(pkg, "MAX_ENTRIES", 1)
    with pytest.raises(pkg.PackageError, match="entries"):
        pkg.open_package(path)


def test_body_text_is_what_a_reader_sees():
    xml = (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        b"<w:p><w:r><w:t>One</w:t><w:tab/><w:t>two</w:t></w:r></w:p><w:p/>"
        b"<w:p><w:r><w:t xml:space='preserve'>Three  </w:t></w:r><w:r><w:br/><w:t>four</w:t></w:r></w:p>"
        b"</w:body></w:document>"
    )
    assert pkg.body_text(xml) == "One two\nThree four"
    assert re.fullmatch(r"[0-9a-f]{64}", pkg.text_digest(xml))


CONTROL_TEXT = (
    st.lists(
        st.sampled_from(
            [
                "a",
                "b ",
                " ",
                "न",
                "मं",
                "中",
                "ж",
                "\x0b",
                "\x0c",
                "\x07",
                "\x1b",
                "\x7f",
                "\x85",
                "\t",
                "*",
                "**",
                "\ufffe",
            ]
        ),
        min_size=1,
        max_size=30,
    )
    .map("".join)
    .filter(lambda s: s.strip())
)


@settings(
    max_examples=examples(30),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(reports(), CONTROL_TEXT, CONTROL_TEXT)
def test_control_characters_and_every_script_export_and_come_back(tmp_path, report, summary, name):
    import docx as python_docx

    from rapporteur import model as m

    first = report.people[0].model_copy(update={"name": name})
    event = report.event.model_copy(
        update={"title": name, "series": summary, "organiser": m.Organiser(name=name, short_name=summary)}
    )
    meta = report.meta.model_copy(update={"tags": [name, summary]})
    report = report.model_copy(
        update={"summary": m.Summary(text=summary), "people": [first, *report.people[1:]], "event": event, "meta": meta}
    )
    report = _exportable(report)
    text = tomlwrite.dumps(report, "schema.json").encode("utf-8")
    docx = exported(tmp_path, text)
    assert read_report(docx).data == text
    body = "".join(p.text for p in python_docx.Document(str(docx)).paragraphs)
    visible = [c for c in m.normalise_text(summary) if c.isalnum() and c not in "\ufffe"]
    pos = 0
    for c in visible:  # every letter of the summary, in order
        pos = body.index(c, pos) + 1


def test_the_xml_safety_pattern_is_exactly_what_xml_cannot_hold():
    """Text the embedded source can carry as text, and what must go as base64 (XML 1.0's Char production)."""
    allowed = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    edges = {
        0,
        0x8,
        0x9,
        0xA,
        0xB,
        0xC,
        0xD,
        0xE,
        0x1F,
        0x20,
        0x7F,
        0xD7FF,
        0xD800,
        0xDFFF,
        0xE000,
        0xFFFD,
        0xFFFE,
        0xFFFF,
        0x10000,
        0x10FFFF,
    }
    for cp in sorted(edges | {e + d for e in edges for d in (-1, 1) if 0 <= e + d <= 0x10FFFF}):
        assert bool(pkg._XML_BAD.search(chr(cp))) == (not allowed.fullmatch(chr(cp))), hex(cp)
