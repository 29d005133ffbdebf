"""`rapporteur import` of a reviewed DOCX: the reviewer's edits land in the fields they were made in.

The edits are made with python-docx the way a reviewer makes them in Word: words typed
over inside runs, paragraphs deleted, added, split and merged, tracked changes,
comments, text typed into the header. LibreOffice re-saves are marked ``slow``.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import tomllib
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from rapporteur.export.api import export_report
from rapporteur.review import import_edits

from conftest import EXAMPLES, SEED_EXAMPLE, run_cli

WEBINAR = EXAMPLES / "webinar-maritime-security.toml"
CHATHAM = EXAMPLES / "roundtable-chatham-house.toml"


def exported(tmp_path: Path, example: Path = WEBINAR, **kw) -> Path:
    src = tmp_path / example.name
    src.write_bytes(example.read_bytes())
    kw.setdefault("embed_source", True)
    return export_report(src, **kw).output_path


def para(d, start: str):
    """The body paragraph that starts with ``start``."""
    return next(p for p in d.paragraphs if p.text.startswith(start))


def retype(p, old: str, new: str) -> None:
    """Type ``new`` over ``old`` inside the run holding it (the paragraph's bookmark stays, as in Word)."""
    for r in p.runs:
        if old in r.text:
            r.text = r.text.replace(old, new)
            return
    raise AssertionError(f"{old!r} not in {p.text[:60]!r}")


def remove(p) -> None:
    p._p.getparent().remove(p._p)


def data_of(blob: bytes | str) -> dict:
    return tomllib.loads(blob if isinstance(blob, str) else blob.decode("utf-8"))


def only_changes(before: dict, after: dict) -> dict:
    """Leaf paths whose values differ (meta.notes aside)."""
    out = {}

    def walk(a, b, at):
        if isinstance(a, dict) and isinstance(b, dict):
            for k in set(a) | set(b):
                walk(a.get(k), b.get(k), f"{at}.{k}" if at else k)
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                walk(x, y, f"{at}[{i}]")
        elif a != b:
            out[at] = (a, b)

    walk(before, after, "")
    out.pop("meta.notes", None)
    return out


def imported(tmp_path: Path, d, mode: str | None = "accept", **kw):
    path = tmp_path / "reviewed.docx"
    d.save(path)
    return import_edits(path, "reviewed.docx", mode=mode, **kw)


WEB = data_of(WEBINAR.read_bytes())


def test_a_changed_word_lands_in_its_field_and_nothing_else_changes(tmp_path):
    d = docx.Document(exported(tmp_path))
    retype(para(d, "Ambassador Hemant"), "welcomed", "greeted")
    got = imported(tmp_path, d)
    assert list(got.changes) == ["remarks[0].text"]
    after = data_of(got.data)
    assert only_changes(WEB, after) == {
        "remarks[0].text": (WEB["remarks"][0]["text"], WEB["remarks"][0]["text"].replace("welcomed", "greeted"))
    }


def test_the_command_lists_each_changed_field_and_diff_shows_it(tmp_path):
    d = docx.Document(exported(tmp_path))
    retype(para(d, "Ambassador Hemant"), "welcomed", "greeted")
    d.save(tmp_path / "reviewed.docx")
    out = tmp_path / "back.toml"
    r = run_cli("import", str(tmp_path / "reviewed.docx"), "-o", str(out), "--diff")
    assert r.returncode == 0, r.stderr
    assert "changed remarks[0].text:" in r.stderr and "welcomed" in r.stderr and "greeted" in r.stderr
    assert "--- a/remarks[0].text" in r.stdout and "+++ b/remarks[0].text" in r.stdout
    assert any(line.startswith("+") and "greeted" in line for line in r.stdout.splitlines())
    assert "greeted the speakers" in data_of(out.read_bytes())["remarks"][0]["text"]
    again = run_cli("import", str(tmp_path / "reviewed.docx"), "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr  # never overwritten without --force


def test_words_typed_before_a_paragraphs_bookmark_stay_in_that_paragraph(tmp_path):
    d = docx.Document(exported(tmp_path))
    p = para(d, "He cautioned, however")
    run = p.runs[0]._r
    start = next(el for el in p._p if el.tag == qn("w:bookmarkStart"))
    typed = copy.deepcopy(run)
    for t in typed.findall(qn("w:t")):
        t.text = "Moreover, "
    start.addprevious(typed)  # before the bookmark's start, as Word may leave it
    got = imported(tmp_path, d)
    assert list(got.changes) == ["remarks[1].text"]
    assert "\n\nMoreover, He cautioned, however" in data_of(got.data)["remarks"][1]["text"]


def test_a_paragraph_retyped_whole_keeps_its_place_though_its_bookmark_went(tmp_path):
    d = docx.Document(exported(tmp_path))
    para(d, "Ambassador Raghavachari noted").text = "Entirely new words from the editor."  # clears the bookmark
    got = imported(tmp_path, d)
    assert list(got.changes) == ["remarks[0].text"]
    paras = data_of(got.data)["remarks"][0]["text"].strip().split("\n\n")
    assert paras[1] == "Entirely new words from the editor." and len(paras) == 2


def test_a_deleted_paragraph_leaves_its_field(tmp_path):
    d = docx.Document(exported(tmp_path))
    remove(para(d, "Vice Adm. Salgaonkar outlined"))
    got = imported(tmp_path, d)
    text = data_of(got.data)["remarks"][1]["text"]
    assert "Vice Adm. Salgaonkar outlined" not in text
    assert "He cautioned, however" in text and "Delivering the keynote" in text
    assert list(got.changes) == ["remarks[1].text"]


def test_an_added_paragraph_joins_the_field_of_the_paragraph_before_it(tmp_path):
    d = docx.Document(exported(tmp_path))
    para(d, "Turning to information sharing").insert_paragraph_before("A reviewer's new paragraph.")
    got = imported(tmp_path, d)
    path = "sessions[0].presentations[0].sections[0].text"
    assert list(got.changes) == [path]
    text = data_of(got.data)["sessions"][0]["presentations"][0]["sections"][0]["text"]
    assert text.rstrip().endswith("\n\nA reviewer's new paragraph.")


def split(p, cut: int, between: str | None = None):
    """Enter pressed at ``cut`` in ``p``'s first run (as Word does it: the bookmark's start stays in the first
    paragraph, its end moves to the second); ``between``: a paragraph typed between the halves."""
    words = p.runs[0].text
    second = copy.deepcopy(p._p)
    p._p.addnext(second)
    for el in list(second):
        if el.tag == qn("w:bookmarkStart"):
            second.remove(el)
    for el in list(p._p):
        if el.tag == qn("w:bookmarkEnd"):
            p._p.remove(el)
    p.runs[0].text = words[:cut].rstrip()
    tail = docx.text.paragraph.Paragraph(second, p._parent)
    tail.runs[0].text = words[cut:]
    if between is not None:
        tail.insert_paragraph_before(between)
    return words


def test_a_split_paragraph_becomes_two_paragraphs_of_the_field(tmp_path):
    d = docx.Document(exported(tmp_path))
    p = para(d, "He cautioned, however")
    cut = p.runs[0].text.index(". ") + 2
    words = split(p, cut)
    got = imported(tmp_path, d)
    text = data_of(got.data)["remarks"][1]["text"]
    assert words[:cut].rstrip() + "\n\n" + words[cut:] in text


def test_merged_paragraphs_of_one_field_become_one(tmp_path):
    d = docx.Document(exported(tmp_path))
    first, second = para(d, "Ambassador Hemant"), para(d, "Ambassador Raghavachari noted")
    for el in list(second._p):  # Delete pressed at the end of the first: the second's content joins it
        if el.tag != qn("w:pPr"):
            first._p.append(el)
    remove(second)
    got = imported(tmp_path, d)
    paras = data_of(got.data)["remarks"][0]["text"].strip().split("\n\n")
    assert len(paras) == 1 and "Ambassador Raghavachari noted" in paras[0]


def test_an_edited_composed_lead_becomes_a_written_lead(tmp_path):
    assert "lead" not in WEB
    d = docx.Document(exported(tmp_path))
    retype(para(d, "The Samudra Institute"), "organised", "hosted")
    got = imported(tmp_path, d)
    after = data_of(got.data)
    assert after["lead"]["text"].startswith("The Samudra Institute for Maritime Affairs (SIMA) hosted a webinar")
    assert list(got.changes) == ["lead.text"] and not got.unmapped


def test_edits_no_field_can_take_are_listed_and_kept_never_dropped(tmp_path):
    d = docx.Document(exported(tmp_path))
    retype(para(d, "The first session, on"), "first session", "opening session")  # composed: not a field
    split(para(d, "The Samudra Institute"), 80, "A paragraph typed inside the lead.")
    header = d.sections[0].header
    header.add_paragraph("Embargoed until Monday")
    d.save(tmp_path / "reviewed.docx")
    out = tmp_path / "back.toml"
    r = run_cli("import", str(tmp_path / "reviewed.docx"), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "not mapped" in r.stderr and "The opening session" in r.stderr
    assert "the composed lead" in r.stderr and "Embargoed until Monday" in r.stderr
    notes = data_of(out.read_bytes())["meta"]["notes"]
    assert "opening session" in notes and "Embargoed until Monday" in notes and "typed inside the lead" in notes
    assert "lead" not in data_of(out.read_bytes())


def test_an_edit_beside_italic_markup_keeps_the_markup(tmp_path):
    d = docx.Document(exported(tmp_path))
    retype(para(d, "Concluding his address"), "recalled the phrase", "quoted the phrase")
    got = imported(tmp_path, d)
    text = data_of(got.data)["remarks"][1]["text"]
    assert "quoted the phrase *vasudhaiva kutumbakam* (वसुधैव कुटुम्बकम्)" in text


def test_sectioned_headings_titles_and_list_items_are_fields_too(tmp_path):
    d = docx.Document(exported(tmp_path, layout="sectioned"))
    retype(d.paragraphs[0], "Maritime Security", "Maritime Safety")
    retype(para(d, "Building a Shared Maritime Picture"), "Shared", "Common")
    retype(para(d, "From surveillance to awareness"), "surveillance", "radar")
    retype(next(p for p in d.paragraphs if "Surveillance is not awareness" in p.text), "Surveillance", "Watching")
    retype(para(d, "Executive summary"), "Executive", "Short")  # a heading the export composes
    got = imported(tmp_path, d)
    after = data_of(got.data)
    assert after["event"]["title"].startswith("Maritime Safety in the Indian Ocean")
    pres = after["sessions"][0]["presentations"][0]
    assert pres["title"] == "Building a Common Maritime Picture"
    assert pres["sections"][0]["heading"] == "From radar to awareness"
    assert after["conclusion"]["takeaways"][0].startswith("Watching is not awareness")
    assert [u.where for u in got.unmapped] == ["summary"]


def test_joined_paragraphs_of_two_fields_keep_their_own_words(tmp_path):
    d = docx.Document(exported(tmp_path))
    first = para(d, "Cdr. Aditya Bhosekar")
    second = docx.text.paragraph.Paragraph(first._p.getnext(), first._parent)
    for el in list(second._p):
        if el.tag != qn("w:pPr"):
            first._p.append(el)
    remove(second)
    got = imported(tmp_path, d)
    assert got.changes == {} and any("were joined" in n for n in got.notes)


def test_text_typed_into_the_header_is_listed_even_when_the_body_is_unchanged(tmp_path):
    d = docx.Document(exported(tmp_path))
    d.sections[0].header.add_paragraph("Embargoed until Monday")
    d.save(tmp_path / "reviewed.docx")
    r = run_cli("import", str(tmp_path / "reviewed.docx"), "-o", "-")
    assert r.returncode == 0 and "not mapped" in r.stderr and "Embargoed until Monday" in r.stderr
    assert "Embargoed until Monday" in data_of(r.stdout)["meta"]["notes"]


def test_a_reference_documents_own_header_words_are_not_taken_for_a_reviewers(tmp_path):
    from rapporteur.export.docx import default_reference
    from rapporteur.importer import read_report

    ref = tmp_path / "ref.docx"
    ref.write_bytes(default_reference().data)
    r = docx.Document(ref)
    r.sections[0].header.add_paragraph("Confidential briefing")
    r.save(ref)
    out = exported(tmp_path, reference_doc=ref)
    back = run_cli("import", str(out), "-o", "-")
    assert back.returncode == 0 and back.stdout.encode() == read_report(out).data  # unchanged: byte for byte
    d = docx.Document(out)
    d.sections[0].header.add_paragraph("Embargoed until Monday")
    d.save(out)
    got = import_edits(out, "x", mode="accept")
    assert len(got.unmapped) == 1 and "Embargoed until Monday" in got.unmapped[0].new


def _track(p, run_index: int, kind: str, author: str = "A. Reviewer") -> None:
    """Wrap one run of ``p`` in a tracked insertion or deletion (``w:ins``/``w:del``), as Word records them."""
    r = p.runs[run_index]._r
    wrap = OxmlElement(f"w:{kind}", {qn("w:id"): "901", qn("w:author"): author, qn("w:date"): "2026-12-01T10:00:00Z"})
    r.addprevious(wrap)
    wrap.append(r)
    if kind == "del":
        for t in r.findall(qn("w:t")):
            t.tag = qn("w:delText")


def _tracked(tmp_path: Path) -> Path:
    d = docx.Document(exported(tmp_path))
    p = para(d, "Ambassador Hemant")
    p.add_run(" Proposed sentence.")
    _track(p, len(p.runs) - 1, "ins")
    q = para(d, "Ambassador Raghavachari noted")
    words = q.runs[0].text
    q.runs[0].text = words[:20]
    q.add_run(words[20:])
    _track(q, 1, "del")
    path = tmp_path / "reviewed.docx"
    d.save(path)
    return path


def test_tracked_changes_stop_the_import_with_a_list(tmp_path):
    path = _tracked(tmp_path)
    out = tmp_path / "back.toml"
    r = run_cli("import", str(path), "-o", str(out))
    assert r.returncode == 1 and not out.exists()
    assert "2 tracked changes" in r.stderr and "--accept-changes" in r.stderr
    assert "inserted “Proposed sentence.” by A. Reviewer on 2026-12-01" in r.stderr
    assert "(remarks[0].text)" in r.stderr and "deleted" in r.stderr


def test_tracked_changes_accepted(tmp_path):
    got = import_edits(_tracked(tmp_path), "reviewed.docx", mode="accept")
    text = data_of(got.data)["remarks"][0]["text"]
    assert "Proposed sentence." in text
    assert len(text.strip().split("\n\n")[1]) < len(WEB["remarks"][0]["text"].strip().split("\n\n")[1])


def test_tracked_changes_rejected(tmp_path):
    got = import_edits(_tracked(tmp_path), "reviewed.docx", mode="reject")
    assert got.changes == {} and data_of(got.data)["remarks"] == WEB["remarks"]


def test_comments_become_review_items_kept_but_never_printed(tmp_path):
    d = docx.Document(exported(tmp_path))
    p = para(d, "She recommended that India")
    d.add_comment(p.runs, text="Please check this figure.", author="Editor Ed", initials="EE")
    path = tmp_path / "reviewed.docx"
    d.save(path)
    out = tmp_path / "back.toml"
    r = run_cli("import", str(path), "-o", str(out))
    assert r.returncode == 0, r.stderr and "1 comment kept in meta.notes" in r.stderr
    notes = data_of(out.read_bytes())["meta"]["notes"]
    assert (
        "on sessions[1].presentations[1].sections[1].text (Editor Ed" in notes and "Please check this figure." in notes
    )
    docx_out = tmp_path / "again.docx"
    assert run_cli("export", str(out), "-o", str(docx_out)).returncode in (0, 1)
    body = "\n".join(q.text for q in docx.Document(docx_out).paragraphs)
    assert "Please check this figure." not in body


def test_onto_applies_a_chatham_house_exports_edits_to_the_named_report(tmp_path):
    path = exported(tmp_path, CHATHAM, embed_source=None)
    r = run_cli("import", str(path), "-o", "-")
    assert r.returncode == 1 and "without its report source" in r.stderr
    d = docx.Document(path)
    body = [p for p in d.paragraphs if p.text.strip()]
    target = body[4]
    word = target.runs[0].text.split()[1]
    retype(target, word, word.upper())
    d.save(path)
    out = tmp_path / "back.toml"
    r = run_cli("import", str(path), "--onto", str(CHATHAM), "-o", str(out))
    assert r.returncode == 0, r.stderr
    changed = only_changes(data_of(CHATHAM.read_bytes()), data_of(out.read_bytes()))
    assert len(changed) == 1 and word.upper() in next(iter(changed.values()))[1]


def test_onto_changes_only_the_edited_lines_of_the_report_file(tmp_path):
    """The embedded source leaves notes and comments out; --onto applies the edits to the file itself."""
    report = tmp_path / "own.toml"
    report.write_text(
        WEBINAR.read_text(encoding="utf-8").replace("[[remarks]]", "# checked by the editor\n[[remarks]]", 1),
        encoding="utf-8",
    )
    d = docx.Document(exported(tmp_path))
    retype(para(d, "Ambassador Hemant"), "welcomed", "greeted")
    d.save(tmp_path / "reviewed.docx")
    out = tmp_path / "back.toml"
    r = run_cli("import", str(tmp_path / "reviewed.docx"), "--onto", str(report), "-o", str(out))
    assert r.returncode == 0, r.stderr
    before, after = report.read_text(encoding="utf-8").splitlines(), out.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1 and "greeted the speakers" in changed[0][1]


def test_onto_refuses_a_report_the_document_was_not_exported_from(tmp_path):
    path = exported(tmp_path, CHATHAM, embed_source=None)
    r = run_cli("import", str(path), "--onto", str(SEED_EXAMPLE), "-o", str(tmp_path / "x.toml"))
    assert r.returncode == 1 and "do not match the export" in r.stderr
    assert not (tmp_path / "x.toml").exists()


# -- LibreOffice -------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def convert(src: Path, to: str, outdir: Path, profile: Path) -> Path:
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return outdir / src.with_suffix("." + to.split(":")[0]).name


def _edited(tmp_path: Path) -> Path:
    d = docx.Document(exported(tmp_path))
    retype(para(d, "Ambassador Hemant"), "welcomed", "greeted")
    remove(para(d, "Vice Adm. Salgaonkar outlined"))
    para(d, "Turning to information sharing").insert_paragraph_before("A reviewer's new paragraph.")
    path = tmp_path / "reviewed.docx"
    d.save(path)
    return path


def _check_edits(after: dict) -> None:
    assert "greeted the speakers" in after["remarks"][0]["text"]
    assert "Vice Adm. Salgaonkar outlined" not in after["remarks"][1]["text"]
    assert "\n\nA reviewer's new paragraph." in after["sessions"][0]["presentations"][0]["sections"][0]["text"]
    assert only_changes(WEB, after).keys() == {
        "remarks[0].text",
        "remarks[1].text",
        "sessions[0].presentations[0].sections[0].text",
    }


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_edits_survive_a_libreoffice_resave_to_docx(tmp_path):
    back = convert(_edited(tmp_path), "docx:MS Word 2007 XML", tmp_path / "lo", tmp_path / "profile")
    out = tmp_path / "back.toml"
    r = run_cli("import", str(back), "-o", str(out))  # LibreOffice 7.4 keeps the embedded source in DOCX
    assert r.returncode == 0, r.stderr
    _check_edits(data_of(out.read_bytes()))


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_edits_survive_a_round_trip_through_odt_with_onto(tmp_path):
    odt = convert(_edited(tmp_path), "odt", tmp_path / "odt", tmp_path / "profile")
    back = convert(odt, "docx:MS Word 2007 XML", tmp_path / "back", tmp_path / "profile")
    r = run_cli("import", str(back), "-o", str(tmp_path / "x.toml"))
    assert r.returncode == 1 and "lost in conversion" in r.stderr  # ODT cannot carry the source
    out = tmp_path / "back.toml"
    r = run_cli("import", str(back), "--onto", str(WEBINAR), "-o", str(out))
    assert r.returncode == 0, r.stderr
    _check_edits(data_of(out.read_bytes()))


# -- every field of every example ------------------------------------------------------------


def _per_block(tmp_path: Path, example: Path, layout: str):
    """(block, field path, the document with one word of that field changed) for each printed field."""
    import re

    from rapporteur.review.origins import origins
    from rapporteur.tomlio import parse_source
    from rapporteur.validate import validate_source

    out = exported(tmp_path, example, layout=layout)
    source = parse_source(example.read_bytes(), example.name)
    blocks = origins(validate_source(source, fast=True).report, source.data, layout)
    for o in blocks:
        if not o.fields():
            continue
        seg = o.fields()[-1]
        words = re.findall(r"[A-Za-z]{5,}", seg.text)
        if not words:
            continue
        word = words[len(words) // 2]
        d = docx.Document(out)
        run = next((r for r in reversed(d.paragraphs[o.index].runs) if word in r.text), None)
        if run is None:
            continue
        k = run.text.rfind(word)
        run.text = run.text[:k] + "Zz" + run.text[k:]
        yield seg.path, "Zz" + word, d


@pytest.mark.parametrize("layout", ["narrative", "sectioned"])
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_an_unedited_export_maps_to_no_change(tmp_path, example, layout):
    from rapporteur.importer import read_report

    out = exported(tmp_path, example, layout=layout)
    got = import_edits(out, "x", mode="accept")
    assert got.changes == {} and got.unmapped == [] and got.data == read_report(out).data


def _every_field(tmp_path: Path, example: Path, layout: str) -> None:
    n = 0
    for path, word, d in _per_block(tmp_path, example, layout):
        got = imported(tmp_path, d)
        assert list(got.changes) == [path] and word in got.changes[path][1] and not got.unmapped, path
        n += 1
    assert n > 5


def test_a_word_changed_in_any_field_of_a_talk_lands_there(tmp_path):
    _every_field(tmp_path, EXAMPLES / "talk-arctic-shipping-from-notes.toml", "sectioned")


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["narrative", "sectioned"])
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_a_word_changed_in_any_field_of_any_example_lands_there(tmp_path, example, layout):
    _every_field(tmp_path, example, layout)
