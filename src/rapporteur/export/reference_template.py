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

It is built with python-docx from an empty package (python-docx's default template,
with its "python-docx" properties and Japanese East-Asian default, is never the
base). python-docx has no API for the document defaults, borders, outline levels,
kerning, complex-script sizes, the East-Asian and complex-script fonts or fields
(python-openxml/python-docx#498); those are written through its oxml layer.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.package import Package
from docx.parts.document import DocumentPart
from docx.parts.settings import SettingsPart
from docx.parts.styles import StylesPart
from docx.shared import Pt, RGBColor, Twips

from . import package as pkg

TEMPLATE_PATH = Path(__file__).resolve().parent / "template" / "reference.docx"

BODY_FONT = "Times New Roman"
HEADING_FONT = "Arial"
EAST_ASIAN_FONT = "SimSun"
COMPLEX_FONT = "Nirmala UI"
NAVY = RGBColor(0x1F, 0x38, 0x64)
DARK_GREY = RGBColor(0x40, 0x40, 0x40)
GREY = RGBColor(0x59, 0x59, 0x59)
RED = RGBColor(0xC0, 0x00, 0x00)

A4_WIDTH, A4_HEIGHT = 11906, 16838  # twips
MARGIN = 1440  # 2.54 cm
TEXT_WIDTH = A4_WIDTH - 2 * MARGIN

CREATED = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def page_setup(section: Any) -> None:
    """A4 portrait, 2.54 cm margins (also for a reference document that has no page set-up)."""
    section.page_width, section.page_height = Twips(A4_WIDTH), Twips(A4_HEIGHT)
    section.top_margin = section.right_margin = section.bottom_margin = section.left_margin = Twips(MARGIN)
    section.header_distance = section.footer_distance = Twips(709)
    section.gutter = Twips(0)


def _w(tag: str, **attrs: object) -> Any:
    return OxmlElement(f"w:{tag}", {qn(f"w:{k}"): str(v) for k, v in attrs.items()})


def _border(style: Any, side: str, size: int, space: int, color: RGBColor) -> None:
    """A rule above or below the paragraph. Added to an empty pPr, before python-docx adds what follows it."""
    pbdr = _w("pBdr")
    pbdr.append(_w(side, val="single", sz=size, space=space, color=str(color)))
    style.element.get_or_add_pPr().append(pbdr)


def _font(
    style: Any,
    name: str,
    size: float | None = None,
    *,
    bold: bool = False,
    italic: bool = False,
    color: RGBColor | None = None,
    kern: int = 0,
) -> None:
    rpr = style.element.get_or_add_rPr()
    if kern:  # before python-docx adds sz, which follows it
        rpr.append(_w("kern", val=kern))
    font = style.font
    font.name = name
    rpr.rFonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    rpr.rFonts.set(qn("w:cs"), COMPLEX_FONT)
    if bold:
        font.bold = font.cs_bold = True
    if italic:
        font.italic = font.cs_italic = True
    if color is not None:
        font.color.rgb = color
    if size:
        font.size = Pt(size)
        rpr.sz.addnext(_w("szCs", val=int(size * 2)))


def _spacing(style: Any, before: int | None, after: int | None, line: float | None = None, align: Any = None) -> None:
    fmt = style.paragraph_format
    if before is not None:
        fmt.space_before = Twips(before)
    if after is not None:
        fmt.space_after = Twips(after)
    if line is not None:
        fmt.line_spacing = line
    if align is not None:
        fmt.alignment = align


DOC_DEFAULTS = (
    f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>"
    f'<w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:eastAsia="{EAST_ASIAN_FONT}" w:cs="{COMPLEX_FONT}"/>'
    '<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-IN" w:eastAsia="zh-CN" w:bidi="hi-IN"/>'
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    '<w:widowControl/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
)

TABLE_MARGINS = (
    f'<w:tblPr {nsdecls("w")}><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'
)

SETTINGS = (
    f"<w:settings {nsdecls('w')}>"
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-IN" w:eastAsia="zh-CN" w:bidi="hi-IN"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
    "</w:settings>"
)


def add_styles(styles: Any) -> None:
    """The house styles, under pandoc's names."""
    styles.element.insert(0, parse_xml(DOC_DEFAULTS))

    def add(
        name: str,
        kind: Any = WD_STYLE_TYPE.PARAGRAPH,
        *,
        based: str | None = "Normal",
        custom: bool = False,
        hidden: bool = False,
    ) -> Any:
        style = styles.add_style(name, kind, builtin=not custom)
        if based:
            style.base_style = styles[based]
        if hidden:
            style.priority, style.hidden, style.unhide_when_used = (
                (1 if kind == WD_STYLE_TYPE.CHARACTER else 99),
                True,
                True,
            )
        else:
            style.quick_style = True
        return style

    add("Normal", based=None).element.default = True
    add("Default Paragraph Font", WD_STYLE_TYPE.CHARACTER, based=None, hidden=True).element.default = True
    table = add("Normal Table", WD_STYLE_TYPE.TABLE, based=None, hidden=True)
    table.element.default = True
    table.element.append(parse_xml(TABLE_MARGINS))

    title = add("Title")
    title.paragraph_format.keep_with_next = title.paragraph_format.keep_together = True
    _spacing(title, 0, 120, 1.05)
    _font(title, HEADING_FONT, 20, bold=True, color=NAVY, kern=28)

    subtitle = add("Subtitle")
    _border(subtitle, "bottom", 8, 6, NAVY)
    subtitle.paragraph_format.keep_with_next = True
    _spacing(subtitle, 0, 360)
    _font(subtitle, HEADING_FONT, 10.5, color=GREY)

    for level, (size, before, after, color, italic) in enumerate(
        [(14, 360, 120, NAVY, False), (12, 280, 100, NAVY, False), (11, 220, 80, DARK_GREY, True)], start=1
    ):
        heading = add(f"Heading {level}")
        heading.element.get_or_add_pPr().append(_w("outlineLvl", val=level - 1))  # the document map and the TOC
        heading.paragraph_format.keep_with_next = heading.paragraph_format.keep_together = True
        _spacing(heading, before, after)
        _font(heading, HEADING_FONT, size, bold=True, italic=italic, color=color)

    body = add("Body Text")
    _spacing(body, 0, 160, 1.15, WD_ALIGN_PARAGRAPH.JUSTIFY)
    add("First Paragraph", based="Body Text", custom=True)

    compact = add("Compact", based="Body Text", custom=True)
    _spacing(compact, 0, 80, align=WD_ALIGN_PARAGRAPH.LEFT)
    compact.paragraph_format.left_indent, compact.paragraph_format.first_line_indent = Twips(720), Twips(-432)

    block = add("Block Text", based="Body Text")
    _spacing(block, 80, 160)
    block.paragraph_format.left_indent = block.paragraph_format.right_indent = Twips(567)
    block.font.italic = block.font.cs_italic = True

    caption = add("Caption")
    _spacing(caption, 60, 200)
    caption.font.italic = caption.font.cs_italic = True
    caption.font.color.rgb, caption.font.size = GREY, Pt(10)
    caption.element.rPr.sz.addnext(_w("szCs", val=20))

    signature = add("Signature", based="Body Text")
    _border(signature, "top", 4, 8, GREY)
    signature.paragraph_format.keep_together = True
    _spacing(signature, 360, 0, align=WD_ALIGN_PARAGRAPH.LEFT)
    signature.font.italic = signature.font.cs_italic = True

    for name, border in (("Header", True), ("Footer", False)):
        style = add(name)
        style.style_id = name  # python-docx would make it "header", and its new headers ask for "Header"
        style.quick_style, style.priority, style.unhide_when_used = False, 99, True
        if border:
            _border(style, "bottom", 4, 4, GREY)
        style.paragraph_format.tab_stops.add_tab_stop(Twips(TEXT_WIDTH // 2), WD_TAB_ALIGNMENT.CENTER)
        style.paragraph_format.tab_stops.add_tab_stop(Twips(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
        if not border:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(style, HEADING_FONT, 9, color=GREY)

    for name, following in (
        ("Title", "Subtitle"),
        ("Subtitle", "First Paragraph"),
        ("Heading 1", "First Paragraph"),
        ("Heading 2", "First Paragraph"),
        ("Heading 3", "First Paragraph"),
        ("First Paragraph", "Body Text"),
        ("Block Text", "Body Text"),
        ("Caption", "Body Text"),
    ):
        styles[name].next_paragraph_style = styles[following]


def add_field(paragraph: Any, instruction: str) -> None:
    """A field (PAGE, NUMPAGES) that Word and LibreOffice compute; python-docx has no API for fields."""
    paragraph.add_run()._r.append(_w("fldChar", fldCharType="begin"))
    instr = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(_w("fldChar", fldCharType="separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(_w("fldChar", fldCharType="end"))


SAMPLES = [
    ("Title", "Title of the event"),
    ("Subtitle", "Series | 24 June 2024 | 1000-1130 hrs | Venue"),
    ("First Paragraph", "First Paragraph: the lead, and the first paragraph after a heading."),
    ("Body Text", "Body Text: every other paragraph of the report, justified."),
    ("Heading 1", "Heading 1"),
    ("Heading 2", "Heading 2"),
    ("Heading 3", "Heading 3"),
    ("Compact", "(i)\tCompact: an item of a list (issues raised, key takeaways)."),
    ("Block Text", "Block Text: a quotation."),
    ("Caption", "Caption"),
    ("Signature", "Report prepared by (Signature style)."),
]


def build() -> bytes:
    """The reference document's bytes (deterministic)."""
    from .properties import set_properties

    package = Package()
    main = DocumentPart(
        PackURI("/word/document.xml"),
        CT.WML_DOCUMENT_MAIN,
        parse_xml(f"<w:document {nsdecls('w', 'r')}><w:body/></w:document>"),
        package,
    )
    package.relate_to(main, RT.OFFICE_DOCUMENT)
    main.relate_to(
        StylesPart(PackURI("/word/styles.xml"), CT.WML_STYLES, parse_xml(f"<w:styles {nsdecls('w')}/>"), package),
        RT.STYLES,
    )
    main.relate_to(
        SettingsPart(PackURI("/word/settings.xml"), CT.WML_SETTINGS, parse_xml(SETTINGS), package), RT.SETTINGS
    )
    document = main.document
    add_styles(document.styles)

    document.element.body.get_or_add_sectPr()
    section = document.sections[0]
    page_setup(section)
    section.header.is_linked_to_previous = False  # python-docx adds a header part, one paragraph in the Header style
    header = section.header.paragraphs[0]
    header.add_run("{{organiser}}")
    header.add_run("\t\t")
    draft = header.add_run("{{draft}}")
    draft.bold = draft.font.cs_bold = True
    draft.font.color.rgb = RED
    section.footer.is_linked_to_previous = False
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    add_field(footer, "PAGE")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES")

    for style, text in SAMPLES:
        document.add_paragraph(text, style=document.styles[style])
    set_properties(document, CREATED, title="rapporteur reference document", author="rapporteur", language="en-IN")
    out = io.BytesIO()
    document.save(out)
    return pkg.reproducible(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else TEMPLATE_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
