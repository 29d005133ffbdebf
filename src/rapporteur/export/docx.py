"""The DOCX writer: python-docx fills a reference document with the document's blocks.

A reference document (the house template shipped in ``template/reference.docx``,
or the user's ``--reference-doc``) gives the styles, page set-up, header and
footer, as pandoc's ``--reference-doc`` does. python-docx opens it, and of it keeps
what carries its look: styles, settings, theme, fonts, numbering, headers, footers
and footnote separators, with the parts they point to, and the final section
properties (page size, margins, header and footer references). Its body, comments,
custom XML, thumbnail and properties are dropped; python-docx's own default
template is never used. Then:

* Each block is a paragraph in its style, looked up by *name*, case-insensitively
  (Word calls its own "heading 1", pandoc "Heading 1"). A style the reference lacks
  falls back to a near one (First Paragraph -> Body Text -> Normal ...) with a note;
  it never fails (python-docx raises KeyError for a missing style name).
* Runs carry bold and italic (for complex scripts too), tabs, and line and page
  breaks; Japanese and Korean runs say so in ``w:lang``, or Word would draw them
  with the Chinese glyphs of the document's East-Asian default.
* Header and footer placeholders ``{{organiser}}``, ``{{organiser_full}}``,
  ``{{title}}``, ``{{series}}``, ``{{date}}`` and ``{{draft}}`` are filled in, even
  when Word has split them across runs. A report that is not final says "DRAFT" in
  the header: in ``{{draft}}``, or in a paragraph added to the header (a header
  added when the reference has none).
* The document's default language is the report's (en-IN), also with a user's
  reference document; nothing else of its styles is touched.
* Core properties: title, subject (series), author and last-modified-by (the
  rapporteur), keywords (tags), category "Event report", language en-IN, content
  status, revision 1, created = modified = the event's date at 00:00 UTC, or
  ``SOURCE_DATE_EPOCH`` when set. ``docProps/app.xml`` names rapporteur.
* The report's source TOML is embedded as a custom XML part (see :mod:`.package`),
  or only rapporteur's marker when :mod:`.privacy` leaves the source out.
* python-docx saves the package; it is zipped again with fixed timestamps, so the
  same input gives the same bytes.

python-docx has no API for the document defaults, a run's East-Asian language or
the extended properties; those few elements are written through its oxml layer.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.package import Package
from docx.shared import RGBColor
from lxml import etree

from ..diagnostics import Diagnostic
from . import package as pkg
from .document import Block, Document, Meta

#: Parts of a reference document that carry its look (by the last word of the relationship type).
KEPT_RELATIONSHIPS = {
    "styles",
    "stylesWithEffects",
    "settings",
    "webSettings",
    "fontTable",
    "theme",
    "numbering",
    "header",
    "footer",
    "footnotes",
    "endnotes",
}

#: Where a style the reference lacks falls back to, nearest first.
FALLBACKS = {
    "First Paragraph": ("Body Text", "Normal"),
    "Body Text": ("Normal",),
    "Compact": ("List Paragraph", "Body Text", "Normal"),
    "Signature": ("Closing", "Body Text", "Normal"),
    "Title": ("Heading 1", "Normal"),
    "Subtitle": ("Normal",),
    "Heading 1": ("Normal",),
    "Heading 2": ("Heading 1", "Normal"),
    "Heading 3": ("Heading 2", "Heading 1", "Normal"),
}

PLACEHOLDER = re.compile(r"\{\{\s*(organiser_full|organiser|title|series|date|draft)\s*\}\}")

CATEGORY = "Event report"
DRAFT_RED = RGBColor(0xC0, 0x00, 0x00)


class ReferenceDocError(pkg.PackageError):
    """The reference document cannot be used."""


# -- the reference document --------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """A reference document: its name as shown to the user, and its parts as a zip
    (read with bounded sizes; python-docx reads this copy, never the file)."""

    shown: str
    data: bytes


# A reference document holds styles, page set-up, headers and footers: a few hundred
# kilobytes, a few megabytes with a logo. Its parts are parsed by lxml (several times
# their size in memory), so it gets a smaller budget than an imported report.
REFERENCE_PART_BYTES = 16 * 1024 * 1024
REFERENCE_TOTAL_BYTES = 64 * 1024 * 1024


def load_reference(path: str | os.PathLike | bytes, shown: str | None = None) -> Reference:
    """Read a reference document (a path, or its bytes) and make sure python-docx can use it.

    Raises :class:`ReferenceDocError`, or :class:`OSError` when the file cannot be read.
    """
    shown = shown or ("the reference document" if isinstance(path, bytes) else os.fspath(path))
    try:
        budget = REFERENCE_TOTAL_BYTES
        if isinstance(path, bytes):
            p = pkg.open_package_bytes(path, shown, budget=budget)
        else:
            p = pkg.open_package(path, "Word document", budget=budget)
        with p:
            parts = [(name, p.read(name, REFERENCE_PART_BYTES)) for name in p.names()]
    except pkg.PackageError as exc:
        raise ReferenceDocError(exc.reason, exc.file or shown) from None
    # A template (.dotx) is a document but for its main part's content type, which python-docx refuses.
    parts = [
        (n, d.replace(b".template.main+xml", b".document.main+xml") if n == "[Content_Types].xml" else d)
        for n, d in parts
    ]
    ref = Reference(shown, pkg.write_zip(parts, compress=False))
    try:
        document = _open(ref)
        _Styles(document, shown, [])
    except ReferenceDocError:
        raise
    except Exception as exc:  # noqa: BLE001 -- whatever python-docx or lxml make of someone's file, one clear refusal
        raise ReferenceDocError(_unusable(exc, _main_part(dict(parts))), shown) from None
    return ref


def _main_part(parts: dict[str, bytes]) -> str | None:
    """The main document part the package's relationships name (``word/document.xml``)."""
    m = re.search(
        rb'Type="[^"]*/officeDocument"[^>]*Target="/?([^"]+)"|Target="/?([^"]+)"[^>]*Type="[^"]*/officeDocument"',
        parts.get("_rels/.rels", b""),
    )
    return (m.group(1) or m.group(2)).decode("utf-8", "replace") if m else None


def _unusable(exc: Exception, main: str | None = None) -> str:
    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    if isinstance(exc, etree.XMLSyntaxError):
        return f"a part is not well-formed XML ({text})"
    if isinstance(exc, KeyError) and "officeDocument" in text:
        return "not a Word document (no main document part)"
    missing = re.fullmatch(r"There is no item named '(.+)' in the archive", text) if isinstance(exc, KeyError) else None
    if missing:  # a relationship points at a part the zip lacks (zipfile's KeyError through python-docx)
        if missing.group(1) == main:
            return f"not a Word document (its main document part {main} is missing)"
        return f"it refers to a part it does not contain ({missing.group(1)})"
    return f"not a Word document rapporteur can read ({text})"


def _open(ref: Reference) -> Any:
    """The reference document opened by python-docx and reduced to its look (see the module's docstring)."""
    package = Package.open(io.BytesIO(ref.data))
    main = package.main_document_part
    if main.content_type != CT.WML_DOCUMENT_MAIN:
        raise ReferenceDocError(f"not a Word document (its main part is {main.content_type})", ref.shown)
    for rid, rel in list(package.rels.items()):
        if rel.reltype != RT.OFFICE_DOCUMENT:  # properties, thumbnail, custom properties
            package.rels.pop(rid)
    for rid, rel in list(main.rels.items()):
        if rel.is_external or rel.reltype.rsplit("/", 1)[-1] not in KEPT_RELATIONSHIPS:
            main.rels.pop(rid)
        elif rel.reltype in (RT.HEADER, RT.FOOTER) and not isinstance(rel.target_part, XmlPart):
            # python-docx loads a part of a content type it does not know as bytes, and
            # the export fills placeholders in headers and footers as XML.
            kind = "header" if rel.reltype == RT.HEADER else "footer"
            raise ReferenceDocError(
                f"its {kind} part {rel.target_part.partname.lstrip('/')} has the content type "
                f"{rel.target_part.content_type}, not a Word {kind}'s",
                ref.shown,
            )
    document = main.document
    root, body = document.element, document.element.body
    for child in list(root):  # a page background may point at an image we dropped
        if child is not body:
            root.remove(child)
    body.clear_content()  # keeps the final section properties
    if body.sectPr is None:
        from .reference_template import page_setup

        body.get_or_add_sectPr()
        page_setup(document.sections[0])
    for ref_el in list(body.sectPr):  # header, footer or printer settings whose part is gone
        rid = ref_el.get(qn("r:id"))
        if rid is not None and rid not in main.rels:
            body.sectPr.remove(ref_el)
    return document


def _has_styles(document: Any) -> bool:
    # Asking python-docx for the styles of a document without any would add its default styles part.
    return any(rel.reltype == RT.STYLES for rel in document.part.rels.values())


@functools.lru_cache(maxsize=1)
def default_reference() -> Reference:
    """The house template shipped with rapporteur (made afresh if the package lacks the file)."""
    try:
        data = (resources.files("rapporteur.export") / "template" / "reference.docx").read_bytes()
    except (FileNotFoundError, OSError):
        from .reference_template import build

        data = build()
    return Reference("the house template", data)


@functools.lru_cache(maxsize=8)
def _cached_reference(path: str, size: int, mtime: int) -> Reference:
    return load_reference(path)


def reference_for(path: str | os.PathLike | None) -> Reference:
    if path is None:
        return default_reference()
    st = os.stat(path)
    return _cached_reference(os.fspath(path), st.st_size, st.st_mtime_ns)


# -- the body ------------------------------------------------------------------------------


class _Styles:
    """Style names -> the reference's paragraph style ids, with fallbacks and one note per missing style."""

    def __init__(self, document: Any, shown: str, warnings: list[Diagnostic]) -> None:
        self.shown = shown
        self.warnings = warnings
        self.by_name: dict[str, str] = {}
        if _has_styles(document):
            for style in document.styles:
                if style.type == WD_STYLE_TYPE.PARAGRAPH and style.name and style.style_id:
                    self.by_name.setdefault(style.name.strip().lower(), style.style_id)
        self.cache: dict[str, str | None] = {}

    def __call__(self, name: str) -> str | None:
        if name in self.cache:
            return self.cache[name]
        style = self.by_name.get(name.lower())
        if style is None:
            used = next((alt for alt in FALLBACKS.get(name, ("Normal",)) if alt.lower() in self.by_name), None)
            style = self.by_name.get(used.lower()) if used else None
            self.warnings.append(
                Diagnostic(
                    "",
                    f"the reference document {self.shown} has no '{name}' paragraph style; used "
                    + (repr(used) if used else "the default style"),
                    "reference-style",
                    severity="info",
                    hint=f"add a paragraph style named '{name}' to the reference document to style these paragraphs",
                )
            )
        self.cache[name] = style
        return style


_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


#: Each paragraph is wrapped in a bookmark named for its block's index (``r_0``, ``r_1`` ...): the
#: paragraph's origin, which ``import`` maps back to the field it came from (:mod:`rapporteur.review`).
#: Bookmarks are kept by Word and by LibreOffice, to DOCX and through ODT (docs/review-roundtrip.md).
ORIGIN_PREFIX = "r_"


def _add_block(
    document: Any, block: Block, style_id: str | None, keep_with_next: bool = False, index: int | None = None
) -> None:
    paragraph = document.add_paragraph()
    if style_id:
        # By id: python-docx's Paragraph.style setter searches every style for the default, for each paragraph.
        paragraph._p.style = style_id
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    if index is not None:
        mark = {qn("w:id"): str(index), qn("w:name"): f"{ORIGIN_PREFIX}{index}"}
        paragraph._p.append(OxmlElement("w:bookmarkStart", mark))
        _add_spans(paragraph, block)
        paragraph._p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): str(index)}))
        return
    _add_spans(paragraph, block)


def _add_spans(paragraph: Any, block: Block) -> None:
    if block.marker:
        paragraph.add_run(block.marker + "\t")
    for span in block.spans:
        if span.br:
            paragraph.add_run().add_break(WD_BREAK.PAGE if span.br == "page" else WD_BREAK.LINE)
            continue
        run = paragraph.add_run()
        # A tab is a <w:tab/> between texts. Not Run.text, which walks the text a character at a time
        # (a quarter of the export's time) and would also turn a newline into a line break.
        for i, piece in enumerate(span.text.split("\t")):
            if i:
                run._r.add_tab()
            if piece:
                run._r.add_t(piece)
        if span.bold:
            run.bold = run.font.cs_bold = True
        if span.italic:
            run.italic = run.font.cs_italic = True
        lang = "ja-JP" if _KANA.search(span.text) else "ko-KR" if _HANGUL.search(span.text) else None
        if lang:  # the last child an rPr of ours can have, so appending keeps the schema's order
            run._r.get_or_add_rPr().append(OxmlElement("w:lang", {qn("w:eastAsia"): lang}))


def set_language(document: Any, language: str) -> None:
    """The report's language as the document default (the reference's East-Asian and bidi languages kept).

    The language belongs to the text, not to the look: a reference document made in
    the United States must not have an Indian report spell-checked as American English.
    """
    if not _has_styles(document):
        return
    styles = document.styles.element

    def child(parent: Any, tag: str, first: bool = False) -> Any:
        found = parent.find(qn(tag))
        if found is None:
            found = OxmlElement(tag)
            parent.insert(0, found) if first else parent.append(found)
        return found

    rpr = child(child(child(styles, "w:docDefaults", first=True), "w:rPrDefault", first=True), "w:rPr")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang", {qn("w:val"): language, qn("w:eastAsia"): "zh-CN", qn("w:bidi"): "hi-IN"})
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), language)


# -- headers and footers --------------------------------------------------------------------


def fill_placeholders(paragraph: Any, values: dict[str, str]) -> set[str]:
    """Replace ``{{name}}`` in one paragraph element, within runs or across them; the names replaced.

    Each value goes into the text element where its placeholder starts (so it takes
    that run's formatting); the placeholder's other characters are removed.
    """
    texts = list(paragraph.iter(qn("w:t")))
    joined = "".join(t.text or "" for t in texts)
    matches = list(PLACEHOLDER.finditer(joined))
    if not matches:
        return set()
    owner = [i for i, t in enumerate(texts) for _ in t.text or ""]
    pieces: list[list[str]] = [[] for _ in texts]
    pos = 0
    for mt in matches:
        for k in range(pos, mt.start()):
            pieces[owner[k]].append(joined[k])
        pieces[owner[mt.start()]].append(values[mt.group(1)])
        pos = mt.end()
    for k in range(pos, len(joined)):
        pieces[owner[k]].append(joined[k])
    for t, piece in zip(texts, pieces, strict=True):
        t.text = "".join(piece)
        t.set(qn("xml:space"), "preserve")
    return {mt.group(1) for mt in matches}


def _headers_and_footers(document: Any, doc: Document) -> None:
    meta = doc.meta
    values = {
        "organiser": meta.organiser,
        "organiser_full": meta.organiser_full,
        "title": meta.title,
        "series": meta.series,
        "date": meta.date_text,
        "draft": "DRAFT" if meta.draft else "",
        "report_number": meta.report_number if doc.number_in_header else "",
    }
    found: set[str] = set()
    for rel in document.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER):
            for paragraph in rel.target_part.element.iter(qn("w:p")):
                found |= fill_placeholders(paragraph, values)
    if meta.draft and "draft" not in found:
        header = document.sections[-1].header
        if header.is_linked_to_previous:  # the reference has no header: python-docx adds one, with an empty paragraph
            header.is_linked_to_previous = False
            paragraph = header.paragraphs[0]
        else:
            paragraph = header.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run("DRAFT")
        run.bold = run.font.cs_bold = True
        run.font.color.rgb = DRAFT_RED
    if doc.number_in_header and "report_number" not in found:
        header = document.sections[-1].header
        if header.is_linked_to_previous:
            header.is_linked_to_previous = False
            paragraph = header.paragraphs[0]
        else:
            paragraph = header.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.add_run(meta.report_number)


# -- properties -----------------------------------------------------------------------------


def timestamp(day: dt.date) -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` if set (reproducible builds), else the event's day at 00:00 UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            pass
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


from .properties import set_properties  # noqa: E402 (moved there: reference_template uses it too)


def _embed_source(
    document: Any, source: bytes | None, *, omitted: tuple[str, ...] = (), reason: str = "", layout: str = ""
) -> None:
    """The report's TOML as a custom XML part (with its properties part), related from the main part.

    With ``source`` ``None`` the part is only rapporteur's marker: the digest of the text,
    and why the source was left out (``import`` says it; ``export -o`` knows its own file).
    """
    main = document.part
    digest = pkg.text_digest(etree.tostring(document.element))
    texts = [
        pkg.part_text(etree.tostring(rel.target_part.element))
        for rel in main.rels.values()
        if rel.reltype in (RT.HEADER, RT.FOOTER)
    ]
    part = pkg.source_part(
        source, digest, omitted=omitted, reason=reason, layout=layout, header_words=pkg.header_words(texts)
    )
    item = Part(PackURI("/" + pkg.SOURCE_PART), CT.XML, part, main.package)
    props = Part(
        PackURI("/" + pkg.SOURCE_PROPS_PART),
        CT.OFC_CUSTOM_XML_PROPERTIES,
        pkg.source_props_part(source if source is not None else digest.encode("ascii")),
        main.package,
    )
    item.relate_to(props, RT.CUSTOM_XML_PROPS)
    main.relate_to(item, RT.CUSTOM_XML)


# -- the document ---------------------------------------------------------------------------


def render(
    doc: Document,
    *,
    source: bytes | None = None,
    reference: Reference | None = None,
    properties: Meta | None = None,
    marker: bool = False,
    omitted: tuple[str, ...] = (),
    reason: str = "",
) -> tuple[bytes, list[Diagnostic]]:
    """The DOCX bytes of ``doc`` and the notes about it (missing styles). Deterministic.

    ``properties`` is the metadata for the document properties (``doc.meta`` by default;
    :mod:`.privacy` removes what a Chatham House document does not print). ``marker``
    writes rapporteur's part even without a source (``omitted`` and ``reason`` say what
    was left out, and why).
    """
    ref = reference or default_reference()
    warnings: list[Diagnostic] = []
    document = _open(ref)
    style = _Styles(document, ref.shown, warnings)
    blocks = doc.blocks
    for n, block in enumerate(blocks):
        # The "Report prepared by" line never stands alone on a page: the paragraph before it keeps with it.
        closing_next = n + 1 < len(blocks) and blocks[n + 1].kind == "closing"
        _add_block(document, block, style(block.style), keep_with_next=closing_next, index=n)
    set_language(document, doc.meta.language)
    _headers_and_footers(document, doc)
    meta = properties or doc.meta
    set_properties(
        document,
        timestamp(meta.date),  # type: ignore[arg-type]  # Meta.date is a datetime.date
        company=meta.organiser_full,
        title=meta.title,
        subject=meta.series,
        author=meta.author,
        keywords="; ".join(meta.keywords),
        language=meta.language,
        last_modified_by=meta.author,
        revision=1,
        category=CATEGORY,
        content_status=meta.status.capitalize(),
    )
    if source is not None or marker:
        _embed_source(document, source, omitted=omitted, reason=reason, layout=doc.layout)
    out = io.BytesIO()
    document.save(out)
    return pkg.reproducible(out.getvalue()), warnings
