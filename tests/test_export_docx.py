"""DOCX export, read back with python-docx and as raw XML, and opened by LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx as python_docx
import pytest
from test_export_document import load
from test_export_text import seed_report

from rapporteur import model as m
from rapporteur import tomlwrite
from rapporteur.export import reference_template
from rapporteur.export.api import ExportError, render
from rapporteur.export.document import build

from conftest import EXAMPLES, SEED_EXAMPLE, SEED_TEXT, example_reports, flat

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_of(report: m.Report, layout: str = "narrative", reference=None, source: bytes | None = None):
    doc = build(report, layout)
    data, notes = render(
        doc, "docx", source=source if source is not None else tomlwrite.dumps(report).encode(), reference_doc=reference
    )
    return data, doc.warnings + notes


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def opened(data: bytes):
    return python_docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def seed_docx() -> bytes:
    return docx_of(seed_report(), source=SEED_EXAMPLE.read_bytes())[0]


def test_the_seed_docx_holds_every_seed_paragraph_in_order(seed_docx):
    d = opened(seed_docx)
    texts = [flat(p.text) for p in d.paragraphs]
    assert texts[:2] == ["China-Russia Relationship: A Greater Alignment?", "Monday Morning Meeting | 24 June 2024"]
    assert texts[2:] == SEED_TEXT.read_text(encoding="utf-8").strip().splitlines()


def test_paragraphs_use_the_pandoc_style_names(seed_docx):
    styles = [p.style.name for p in opened(seed_docx).paragraphs]
    assert styles[:4] == ["Title", "Subtitle", "First Paragraph", "Body Text"]
    assert set(styles[3:-1]) == {"Body Text"}
    assert styles[-1] == "Signature"
    sectioned = opened(docx_of(seed_report(), "sectioned")[0])
    heads = [(p.style.name, p.text) for p in sectioned.paragraphs if p.style.name.startswith("Heading")]
    assert heads[:3] == [
        ("Heading 1", "Executive summary"),
        ("Heading 1", "Introductory remarks"),
        ("Heading 1", "Presentation"),
    ]
    assert ("Heading 2", "Surge of interest in Russia-China relations") in heads


def test_the_house_template_has_every_style_it_promises():
    names = {s.name for s in opened(reference_template.build()).styles}
    for name in (
        "Normal",
        "Title",
        "Subtitle",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Body Text",
        "First Paragraph",
        "Compact",
        "Block Text",
        "Caption",
        "Signature",
        "Header",
        "Footer",
    ):
        assert name in names, name


def test_a4_page_with_a_header_and_a_page_x_of_y_footer(seed_docx):
    d = opened(seed_docx)
    section = d.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert section.left_margin.cm == pytest.approx(2.54, abs=0.01)
    assert section.header.paragraphs[0].text.startswith("MP-IDSA")
    assert "DRAFT" not in section.header.paragraphs[0].text
    footer = section.footer._element.xml
    instructions = [i.strip() for i in re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", footer)]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.count('w:fldCharType="begin"') == 2 and footer.count('w:fldCharType="end"') == 2
    assert section.footer.paragraphs[0].text == "Page 1 of 1"


def test_a_draft_is_marked_in_the_header():
    report = seed_report()
    report = report.model_copy(update={"meta": report.meta.model_copy(update={"status": "draft"})})
    data, _ = docx_of(report)
    header = opened(data).sections[0].header.paragraphs[0].text
    assert header.startswith("MP-IDSA") and header.endswith("DRAFT")
    assert opened(data).core_properties.content_status == "Draft"


def test_core_properties(seed_docx):
    cp = opened(seed_docx).core_properties
    assert cp.title == "China-Russia Relationship: A Greater Alignment?"
    assert cp.subject == "Monday Morning Meeting"
    assert cp.author == "Mayuri Banerjee" and cp.last_modified_by == "Mayuri Banerjee"
    assert cp.keywords == "China; Russia; India; Strategic partnership"
    assert cp.category == "Event report"
    assert cp.language == "en-IN"
    assert cp.content_status == "Final"
    assert cp.created == cp.modified == dt.datetime(2024, 6, 24, tzinfo=dt.UTC)


def test_source_date_epoch_sets_the_dates(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1719792000")  # 2024-07-01
    cp = opened(docx_of(seed_report())[0]).core_properties
    assert cp.created == cp.modified == dt.datetime(2024, 7, 1, tzinfo=dt.UTC)


def test_a_year_before_1000_is_a_valid_w3cdtf_date():
    report = seed_report()
    report = report.model_copy(update={"event": report.event.model_copy(update={"date": dt.date(999, 6, 24)})})
    core = parts(docx_of(report)[0])["docProps/core.xml"].decode()
    assert ">0999-06-24T00:00:00Z</dcterms:created>" in core and ">0999-06-24T00:00:00Z</dcterms:modified>" in core


def test_the_same_input_gives_the_same_bytes(seed_docx):
    again = docx_of(seed_report(), source=SEED_EXAMPLE.read_bytes())[0]
    assert again == seed_docx
    with zipfile.ZipFile(io.BytesIO(seed_docx)) as zf:
        infos = zf.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize("path", example_reports(), ids=lambda p: p.name)
def test_nothing_of_python_docx_or_of_a_template_is_left(path):
    data, _ = docx_of(load(path), source=path.read_bytes())
    for name, content in {
        **parts(data),
        **{"template:" + k: v for k, v in parts(reference_template.build()).items()},
    }.items():
        assert b"python-docx" not in content.lower(), name
        assert b"python_docx" not in content.lower(), name
    names = set(parts(data))
    assert not any("thumbnail" in n for n in names)
    assert "docProps/custom.xml" not in names
    app = parts(data)["docProps/app.xml"].decode()
    assert "<Application>rapporteur</Application>" in app
    assert set(names) >= {
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "word/document.xml",
        "word/styles.xml",
        "customXml/item1.xml",
    }
    types = parts(data)["[Content_Types].xml"].decode()
    overrides = set(re.findall(r'PartName="/([^"]+)"', types))
    defaults = set(re.findall(r'Extension="([^"]+)"', types))
    for name in names:  # every part has a content type, and every override a part
        assert name in overrides or name.rsplit(".", 1)[-1] in defaults, name
    assert overrides <= names


def test_east_asian_and_complex_script_fonts_and_languages_are_set(seed_docx):
    styles = parts(seed_docx)["word/styles.xml"].decode()
    defaults = re.search(r"<w:docDefaults>.*</w:docDefaults>", styles).group(0)
    fonts = re.search(r"<w:rFonts [^>]*/>", defaults).group(0)
    assert 'w:eastAsia="' in fonts and 'w:cs="' in fonts and 'w:ascii="' in fonts
    assert '<w:lang w:val="en-IN" w:eastAsia="zh-CN" w:bidi="hi-IN"/>' in defaults


NON_LATIN = {
    "hindi": "डॉ. प्रतिभा ने कहा कि भारत और रूस के संबंध गहरे हैं।",
    "chinese": "中国外交部发言人表示，中俄关系处于历史最好时期。",
    "russian": "Министр иностранных дел России заявил о партнёрстве.",
    "japanese": "日本の外務省はコメントを控えた。",
}


def test_every_script_and_every_quote_comes_back_as_typed():
    report = seed_report()
    people = [p.model_copy(update={"name": "प्रतिभा 王小明"}) if p.id == "prathibha" else p for p in report.people]
    quotes = (
        "Quotes as typed: \"straight\", 'single', “curly”, ‘single curly’, «guillemets» — and an apostrophe’s turn."
    )
    text = "\n\n".join([*NON_LATIN.values(), quotes]) + "\n"
    report = report.model_copy(update={"people": people, "summary": m.Summary(text=text), "lead": None})
    data, warnings = docx_of(report)
    paras = [p.text for p in opened(data).paragraphs]
    for line in [*NON_LATIN.values(), quotes]:
        assert line in paras
    assert any("Dr. प्रतिभा 王小明, Associate Fellow" in flat(p) for p in paras)
    document = parts(data)["word/document.xml"].decode()
    assert '<w:lang w:eastAsia="ja-JP"/>' in document  # kana: Japanese, not Chinese, glyphs
    assert warnings == []


def test_control_characters_never_crash_the_export_and_are_reported():
    report = seed_report()
    report = report.model_copy(
        update={
            "summary": m.Summary(text="Line one\x0bline two\x0cNext page\x07 with a bell.\n"),
            "people": [
                p.model_copy(update={"designation": "Associate\x1b Fellow"}) if p.id == "prathibha" else p
                for p in report.people
            ],
            "lead": None,
        }
    )
    data, warnings = docx_of(report)
    d = opened(data)
    texts = [p.text for p in d.paragraphs]
    assert (
        "Line one\nline twoNext page with a bell." in texts
    )  # python-docx reads a line break as a newline, a page break as nothing
    xml = parts(data)["word/document.xml"].decode()
    assert "<w:br/>" in xml and '<w:br w:type="page"/>' in xml
    assert "\x07" not in xml and "\x1b" not in xml
    paths = sorted(w.path for w in warnings if w.code == "control-character")
    assert paths == ["sessions[0].presentations[0].speakers[0]", "summary.text"]


def test_tabs_become_word_tabs():
    report = seed_report().model_copy(update={"summary": m.Summary(text="Before\tafter.\n")})
    xml = parts(docx_of(report)[0])["word/document.xml"].decode()
    assert re.search(r"<w:t[^>]*>Before</w:t><w:tab/><w:t[^>]*>after\.</w:t>", xml)


def test_inline_marks_become_run_properties():
    report = seed_report().model_copy(update={"summary": m.Summary(text="An *italic* and a **bold *mixed* word**.\n")})
    d = opened(docx_of(report)[0])
    para = next(p for p in d.paragraphs if p.text == "An italic and a bold mixed word.")
    runs = [(r.text, bool(r.bold), bool(r.italic)) for r in para.runs]
    assert runs == [
        ("An ", False, False),
        ("italic", False, True),
        (" and a ", False, False),
        ("bold ", True, False),
        ("mixed", True, True),
        (" word", True, False),
        (".", False, False),
    ]


def test_list_items_carry_their_numbers():
    path = EXAMPLES / "roundtable-chatham-house.toml"  # six issues raised
    d = opened(docx_of(load(path))[0])
    items = [p for p in d.paragraphs if p.style.name == "Compact"]
    assert [p.text.split("\t")[0] for p in items] == ["(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)"]


# -- reference documents ---------------------------------------------------------------------


def make_docx(tmp_path: Path, name: str, files: dict[str, str]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as zf:
        for n, content in files.items():
            zf.writestr(n, content)
    return path


CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def user_reference(tmp_path: Path, *, styles: bool = True, header: bool = True) -> Path:
    rels = (
        [
            '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        ]
        if styles
        else []
    )
    if header:
        rels.append(
            '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
        )
    rels.append(
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>'
    )
    header_ref = '<w:headerReference w:type="default" r:id="rId9"/>' if header else ""
    sect = (
        f"<w:sectPr>{header_ref}"
        '<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="720" w:right="720" w:bottom="720" w:left="720" w:header="360" w:footer="360" w:gutter="0"/></w:sectPr>'
    )
    files = {
        "[Content_Types].xml": CT,
        "_rels/.rels": ROOT_RELS,
        "word/_rels/document.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels)
        + "</Relationships>",
        "word/document.xml": f'<?xml version="1.0"?><w:document {WNS}><w:body><w:p><w:r><w:t>Their own body text</w:t></w:r></w:p>{sect}</w:body></w:document>',
        "word/comments.xml": f'<?xml version="1.0"?><w:comments {WNS}/>',
    }
    if styles:
        files["word/styles.xml"] = (
            f'<?xml version="1.0"?><w:styles {WNS}>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
            '<w:style w:type="paragraph" w:styleId="Corps"><w:name w:val="Body Text"/></w:style>'
            '<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/></w:style>'
            "</w:styles>"
        )
    if header:
        # A placeholder split across runs, as Word leaves it after spell-checking.
        files["word/header1.xml"] = (
            f'<?xml version="1.0"?><w:hdr {WNS}><w:p><w:r><w:t>Institute: {{{{organi</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ser}}}}</w:t></w:r>'
            "<w:r><w:t> – {{series}}</w:t></w:r></w:p></w:hdr>"
        )
    return make_docx(tmp_path, "ref.docx", files)


def test_a_users_reference_document_restyles_the_export(tmp_path):
    ref = user_reference(tmp_path)
    data, notes = docx_of(seed_report(), "sectioned", reference=ref)
    d = opened(data)
    assert "Their own body text" not in [p.text for p in d.paragraphs]
    styles = {p.style.name for p in d.paragraphs}
    assert styles <= {"Normal", "Body Text", "Heading 1"}, styles  # their styles, and fallbacks to them
    xml = parts(data)["word/document.xml"].decode()
    assert 'w:pStyle w:val="Corps"' in xml and 'w:pStyle w:val="Titre1"' in xml
    missing = {re.search(r"no '([^']+)'", n.message).group(1) for n in notes if n.code == "reference-style"}
    assert missing == {"Title", "Subtitle", "First Paragraph", "Signature", "Heading 2"}
    assert all(n.severity == "info" for n in notes)
    section = d.sections[0]
    assert (section.page_width.twips, section.left_margin.twips) == (12240, 720)  # their page set-up
    assert section.header.paragraphs[0].text == "Institute: MP-IDSA – Monday Morning Meeting"
    assert "word/comments.xml" not in parts(data)
    assert '<w:lang w:val="en-IN"' in parts(data)["word/styles.xml"].decode()  # the text's language, not theirs


def test_a_reference_without_styles_or_header_still_exports_and_marks_a_draft(tmp_path):
    ref = user_reference(tmp_path, styles=False, header=False)
    report = seed_report()
    report = report.model_copy(update={"meta": report.meta.model_copy(update={"status": "review"})})
    data, notes = docx_of(report, reference=ref)
    d = opened(data)
    assert [flat(p.text) for p in d.paragraphs][2:] == SEED_TEXT.read_text(encoding="utf-8").strip().splitlines()
    assert d.sections[0].header.paragraphs[-1].text == "DRAFT"
    assert notes and all(n.code == "reference-style" for n in notes)


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandocs_own_reference_document_works(tmp_path):
    ref = tmp_path / "pandoc-reference.docx"
    ref.write_bytes(
        subprocess.run(
            ["pandoc", "--print-default-data-file", "reference.docx"], capture_output=True, check=True
        ).stdout
    )
    data, notes = docx_of(seed_report(), reference=ref)
    styles = [p.style.name for p in opened(data).paragraphs]
    assert styles[:4] == ["Title", "Subtitle", "First Paragraph", "Body Text"]
    assert [n.message for n in notes] == [
        f"the reference document {ref} has no 'Signature' paragraph style; used 'Body Text'"
    ]
    for name, content in parts(data).items():
        assert b"Their own" not in content and not name.startswith("word/comments")
    assert re.search(r'<w:lang w:val="en-IN"[^>]*/>', parts(data)["word/styles.xml"].decode())


def test_a_reference_document_that_is_not_one_is_refused(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip")
    with pytest.raises(ExportError) as info:
        docx_of(seed_report(), reference=bad)
    assert info.value.code == 2 and "not a zip archive" in str(info.value)
    with pytest.raises(ExportError) as info:
        docx_of(seed_report(), reference=tmp_path / "missing.docx")
    assert info.value.code == 2 and "no such file" in str(info.value)


# -- files in the repository -----------------------------------------------------------------


def test_the_committed_template_is_what_the_script_makes():
    """Regenerate with: python -m rapporteur.export.reference_template"""
    committed = reference_template.TEMPLATE_PATH.read_bytes()
    assert parts(committed) == parts(reference_template.build())


def test_examples_docx_are_up_to_date(tmp_path, monkeypatch):
    """``examples/*.docx`` are the examples' narrative exports (regenerate: rapporteur export examples/)."""
    from rapporteur.export.api import export_report

    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path / "no-config.toml"))
    for path in example_reports():
        target = path.with_suffix(".docx")
        assert target.exists(), f"{target.name} is missing: run `rapporteur export {path}`"
        fresh = export_report(path, output=tmp_path / target.name).output_path.read_bytes()
        assert parts(target.read_bytes()) == parts(fresh), f"{target.name} is stale: run `rapporteur export {path}`"


# -- a real word processor opens it ------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.slow
@pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None, reason="LibreOffice (soffice) or poppler (pdftotext) is not installed"
)
def test_libreoffice_opens_the_export_and_prints_it(tmp_path, seed_docx):
    src = tmp_path / "seed.docx"
    src.write_bytes(seed_docx)
    profile = tmp_path / "lo-profile"
    r = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "seed.pdf"
    assert pdf.exists(), r.stdout + r.stderr
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "China-Russia Relationship: A Greater Alignment?" in flat
    assert "Report prepared by Ms. Mayuri Banerjee, Research Analyst, East Asia Centre, MP-IDSA, New Delhi." in flat
    assert "MP-IDSA" in text.splitlines()[0]  # the header
    pages = re.findall(r"Page (\d+) of (\d+)", flat)
    assert pages and pages[0] == ("1", pages[0][1]) and len(pages) == int(pages[0][1])  # fields computed on every page
