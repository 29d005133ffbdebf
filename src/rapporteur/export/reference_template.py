"""The house reference document (``template/reference.docx``), generated from this file.

Run ``python -m rapporteur.export.reference_template`` to rewrite it; a test fails
when the committed file is not what this script makes.

The document follows pandoc's reference-doc conventions, so the same file works as
``pandoc --reference-doc`` and ``rapporteur export --reference-doc``, and a user can
copy it, restyle it in Word and hand it back:

* paragraph styles Title, Subtitle, Heading 1-3, Body Text, First Paragraph,
  Compact (list items), Block Text (quotations), Caption, Signature (the "Report
  prepared by" line), Header and Footer;
* A4, 2.54 cm margins, Times New Roman 12 pt body (Liberation Serif is
  metric-compatible), Arial headings; the East-Asian (SimSun) and complex-script
  (Nirmala UI) font slots and languages set (en-IN, zh-CN, hi-IN);
* a header with ``{{organiser}}`` on the left and ``{{draft}}`` (red, bold) on the
  right, a footer "Page X of Y" from PAGE and NUMPAGES fields. The placeholders
  ``{{organiser}}``, ``{{organiser_full}}``, ``{{title}}``, ``{{series}}``,
  ``{{date}}`` and ``{{draft}}`` are filled in wherever they appear in a header or
  footer, in this document or in a user's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .package import write_zip

TEMPLATE_PATH = Path(__file__).resolve().parent / "template" / "reference.docx"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

BODY_FONT = "Times New Roman"
HEADING_FONT = "Arial"
EAST_ASIAN_FONT = "SimSun"
COMPLEX_FONT = "Nirmala UI"
NAVY = "1F3864"
GREY = "595959"
RED = "C00000"

A4_WIDTH, A4_HEIGHT = 11906, 16838
MARGIN = 1440  # 2.54 cm
TEXT_WIDTH = A4_WIDTH - 2 * MARGIN


def _fonts(ascii_font: str) -> str:
    return (
        f'<w:rFonts w:ascii="{ascii_font}" w:hAnsi="{ascii_font}" '
        f'w:eastAsia="{EAST_ASIAN_FONT}" w:cs="{COMPLEX_FONT}"/>'
    )


def _style(kind: str, style_id: str, name: str, *, based: str | None = None, next_: str | None = None,
           ppr: str = "", rpr: str = "", default: bool = False, extra: str = "") -> str:
    attrs = f' w:type="{kind}" w:styleId="{style_id}"' + (' w:default="1"' if default else "")
    out = [f"<w:style{attrs}>", f'<w:name w:val="{name}"/>']
    if based:
        out.append(f'<w:basedOn w:val="{based}"/>')
    if next_:
        out.append(f'<w:next w:val="{next_}"/>')
    out.append(extra or '<w:qFormat/>')
    if ppr:
        out.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        out.append(f"<w:rPr>{rpr}</w:rPr>")
    out.append("</w:style>")
    return "".join(out)


def styles_xml() -> str:
    heading = lambda size, before, after, level, color=NAVY, italic=False: (  # noqa: E731
        f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="{after}"/><w:outlineLvl w:val="{level}"/>',
        _fonts(HEADING_FONT) + "<w:b/><w:bCs/>" + ("<w:i/><w:iCs/>" if italic else "")
        + f'<w:color w:val="{color}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>',
    )
    h1, h2, h3 = heading(28, 360, 120, 0), heading(24, 280, 100, 1), heading(22, 220, 80, 2, "404040", True)
    styles = [
        _style("paragraph", "Normal", "Normal", default=True),
        _style("character", "DefaultParagraphFont", "Default Paragraph Font", default=True, extra='<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'),
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/>'
        '<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        _style(
            "paragraph", "Title", "Title", based="Normal", next_="Subtitle",
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="120" w:line="252" w:lineRule="auto"/>',
            rpr=_fonts(HEADING_FONT) + f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:kern w:val="28"/><w:sz w:val="40"/><w:szCs w:val="40"/>',
        ),
        _style(
            "paragraph", "Subtitle", "Subtitle", based="Normal", next_="FirstParagraph",
            ppr=f'<w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="6" w:color="{NAVY}"/></w:pBdr>'
            '<w:spacing w:before="0" w:after="360"/>',
            rpr=_fonts(HEADING_FONT) + f'<w:color w:val="{GREY}"/><w:sz w:val="21"/><w:szCs w:val="21"/>',
        ),
        _style("paragraph", "Heading1", "heading 1", based="Normal", next_="FirstParagraph", ppr=h1[0], rpr=h1[1]),
        _style("paragraph", "Heading2", "heading 2", based="Normal", next_="FirstParagraph", ppr=h2[0], rpr=h2[1]),
        _style("paragraph", "Heading3", "heading 3", based="Normal", next_="FirstParagraph", ppr=h3[0], rpr=h3[1]),
        _style(
            "paragraph", "BodyText", "Body Text", based="Normal",
            ppr='<w:spacing w:before="0" w:after="160" w:line="276" w:lineRule="auto"/><w:jc w:val="both"/>',
        ),
        _style("paragraph", "FirstParagraph", "First Paragraph", based="BodyText", next_="BodyText"),
        _style(
            "paragraph", "Compact", "Compact", based="BodyText",
            ppr='<w:spacing w:before="0" w:after="80"/><w:ind w:left="720" w:hanging="432"/><w:jc w:val="left"/>',
        ),
        _style(
            "paragraph", "BlockText", "Block Text", based="BodyText", next_="BodyText",
            ppr='<w:spacing w:before="80" w:after="160"/><w:ind w:left="567" w:right="567"/>',
            rpr="<w:i/><w:iCs/>",
        ),
        _style(
            "paragraph", "Caption", "Caption", based="Normal", next_="BodyText",
            ppr='<w:spacing w:before="60" w:after="200"/>',
            rpr=f'<w:i/><w:iCs/><w:color w:val="{GREY}"/><w:sz w:val="20"/><w:szCs w:val="20"/>',
        ),
        _style(
            "paragraph", "Signature", "Signature", based="BodyText",
            ppr=f'<w:keepLines/><w:pBdr><w:top w:val="single" w:sz="4" w:space="8" w:color="{GREY}"/></w:pBdr>'
            '<w:spacing w:before="360" w:after="0"/><w:jc w:val="left"/>',
            rpr="<w:i/><w:iCs/>",
        ),
        _style(
            "paragraph", "Header", "header", based="Normal",
            ppr=f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{GREY}"/></w:pBdr>'
            f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>',
            rpr=_fonts(HEADING_FONT) + f'<w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
            extra='<w:uiPriority w:val="99"/><w:unhideWhenUsed/>',
        ),
        _style(
            "paragraph", "Footer", "footer", based="Normal",
            ppr=f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs><w:jc w:val="center"/>',
            rpr=_fonts(HEADING_FONT) + f'<w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
            extra='<w:uiPriority w:val="99"/><w:unhideWhenUsed/>',
        ),
    ]
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        + _fonts(BODY_FONT)
        + '<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-IN" w:eastAsia="zh-CN" w:bidi="hi-IN"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:widowControl/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    return HEAD + f'<w:styles xmlns:w="{W}">' + defaults + "".join(styles) + "</w:styles>"


def settings_xml() -> str:
    return HEAD + (
        f'<w:settings xmlns:w="{W}">'
        '<w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="720"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-IN" w:eastAsia="zh-CN" w:bidi="hi-IN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )


def _run(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _field(instr: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def header_xml() -> str:
    return HEAD + (
        f'<w:hdr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
        + _run("{{organiser}}")
        + "<w:r><w:tab/><w:tab/></w:r>"
        + _run("{{draft}}", f'<w:b/><w:bCs/><w:color w:val="{RED}"/>')
        + "</w:p></w:hdr>"
    )


def footer_xml() -> str:
    return HEAD + (
        f'<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
        + _run("Page ")
        + _field("PAGE")
        + _run(" of ")
        + _field("NUMPAGES")
        + "</w:p></w:ftr>"
    )


def sect_pr() -> str:
    return (
        '<w:sectPr><w:headerReference w:type="default" r:id="rId4"/><w:footerReference w:type="default" r:id="rId5"/>'
        f'<w:pgSz w:w="{A4_WIDTH}" w:h="{A4_HEIGHT}"/>'
        f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" w:header="709" w:footer="709" w:gutter="0"/>'
        '<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )


SAMPLES = [
    ("Title", "Title of the event"),
    ("Subtitle", "Series | 24 June 2024 | 1000-1130 hrs | Venue"),
    ("FirstParagraph", "First Paragraph: the lead, and the first paragraph after a heading."),
    ("BodyText", "Body Text: every other paragraph of the report, justified."),
    ("Heading1", "Heading 1"),
    ("Heading2", "Heading 2"),
    ("Heading3", "Heading 3"),
    ("Compact", "(i)\tCompact: an item of a list (issues raised, key takeaways)."),
    ("BlockText", "Block Text: a quotation."),
    ("Caption", "Caption"),
    ("Signature", "Report prepared by (Signature style)."),
]


def document_xml() -> str:
    paras = []
    for style, text in SAMPLES:
        runs = "<w:r><w:tab/></w:r>".join(_run(part) for part in text.split("\t"))
        paras.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>')
    return HEAD + f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>' + "".join(paras) + sect_pr() + "</w:body></w:document>"


def content_types_xml() -> str:
    ct = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = [
        ("/word/document.xml", f"{ct}.document.main+xml"),
        ("/word/styles.xml", f"{ct}.styles+xml"),
        ("/word/settings.xml", f"{ct}.settings+xml"),
        ("/word/header1.xml", f"{ct}.header+xml"),
        ("/word/footer1.xml", f"{ct}.footer+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ]
    return HEAD + (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
        + "</Types>"
    )


def _rels(items: list[tuple[str, str, str]]) -> str:
    return HEAD + (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in items)
        + "</Relationships>"
    )


def package_rels() -> str:
    return _rels([
        ("rId1", f"{R}/officeDocument", "word/document.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
        ("rId3", f"{R}/extended-properties", "docProps/app.xml"),
    ])


def document_rels() -> str:
    return _rels([
        ("rId1", f"{R}/styles", "styles.xml"),
        ("rId2", f"{R}/settings", "settings.xml"),
        ("rId4", f"{R}/header", "header1.xml"),
        ("rId5", f"{R}/footer", "footer1.xml"),
    ])


def core_xml() -> str:
    return HEAD + (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title>rapporteur reference document</dc:title><dc:creator>rapporteur</dc:creator>"
        "<dc:language>en-IN</dc:language>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:modified>'
        "</cp:coreProperties>"
    )


def app_xml() -> str:
    return HEAD + (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>rapporteur</Application><DocSecurity>0</DocSecurity></Properties>"
    )


def build() -> bytes:
    """The reference document's bytes (deterministic)."""
    parts = [
        ("[Content_Types].xml", content_types_xml()),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core_xml()),
        ("docProps/app.xml", app_xml()),
        ("word/document.xml", document_xml()),
        ("word/_rels/document.xml.rels", document_rels()),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", settings_xml()),
        ("word/header1.xml", header_xml()),
        ("word/footer1.xml", footer_xml()),
    ]
    return write_zip([(name, text.encode("utf-8")) for name, text in parts])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else TEMPLATE_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
