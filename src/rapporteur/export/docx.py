"""The DOCX writer: the document's blocks as WordprocessingML, in a reference document's clothes.

A reference document (the house template shipped in ``template/reference.docx``,
or the user's ``--reference-doc``) gives the styles, page set-up, header and
footer, as pandoc's ``--reference-doc`` does: its styles, settings, theme, fonts,
numbering, headers, footers and footnote separators are kept (with the parts they
point to); its body, comments, custom XML, thumbnail and properties are not. The
body is written here, directly as XML (no python-docx: nothing of its default
template can leak in, and the output is byte-for-byte reproducible).

* Styles are looked up by *name* (case-insensitively: Word calls its own
  "heading 1", pandoc "Heading 1"). A style the reference lacks falls back to a
  near one (First Paragraph -> Body Text -> Normal ...) with a note; it never fails.
* Header and footer placeholders ``{{organiser}}``, ``{{organiser_full}}``,
  ``{{title}}``, ``{{series}}``, ``{{date}}`` and ``{{draft}}`` are filled in, even
  when Word has split them across runs. A report that is not final says "DRAFT" in
  the header: in ``{{draft}}``, or in a paragraph added to the header when the
  reference has no such placeholder.
* The document's default language is set to the report's (en-IN) in the styles
  part, also in a user's reference document; nothing else of its styles is touched.
* Core properties: title, subject (series), creator and last-modified-by (the
  rapporteur), keywords (tags), category "Event report", language en-IN, content
  status, created = modified = the event's date at 00:00 UTC, or
  ``SOURCE_DATE_EPOCH`` when set. ``docProps/app.xml`` names rapporteur.
* The report's source TOML is embedded (see :mod:`.package`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import posixpath
import re
from dataclasses import dataclass, field
from importlib import resources

from ..diagnostics import Diagnostic
from . import package as pkg
from .document import Block, Document
from .text import Span

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

REL_OFFICE_DOCUMENT = f"{R}/officeDocument"
REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
REL_APP = f"{R}/extended-properties"
REL_CUSTOM_XML = f"{R}/customXml"
REL_CUSTOM_XML_PROPS = f"{R}/customXmlProps"
REL_HEADER = f"{R}/header"

CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_APP = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
CT_CUSTOM_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"

#: Parts of a reference document that carry its look (by the last word of the relationship type).
KEPT_RELATIONSHIPS = {
    "styles", "stylesWithEffects", "settings", "webSettings", "fontTable", "theme", "numbering",
    "header", "footer", "footnotes", "endnotes",
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


class ReferenceDocError(pkg.PackageError):
    """The reference document cannot be used."""


# -- the reference document --------------------------------------------------------------

@dataclass
class Rel:
    id: str
    type: str
    target: str
    external: bool = False

    @property
    def kind(self) -> str:
        return self.type.rstrip("/").rsplit("/", 1)[-1]


@dataclass
class Reference:
    """What an export takes from a reference document."""

    shown: str
    main: str  # the main part's name, e.g. word/document.xml
    parts: dict[str, bytes]  # kept parts (and their .rels), by name
    rels: list[Rel]  # the main part's kept relationships
    overrides: dict[str, str]  # part name -> content type
    defaults: dict[str, str]  # extension -> content type
    sect_pr: bytes
    styles: dict[str, str]  # lower-case style name -> styleId (paragraph styles)
    styles_part: str | None
    headers: list[str] = field(default_factory=list)  # header and footer part names


def _parse_xml(data: bytes, what: str, shown: str):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ReferenceDocError(f"{what} is not well-formed XML ({exc})", shown) from None


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _read_rels(p: pkg.Package, part: str, shown: str) -> list[Rel]:
    name = _rels_name(part)
    if not p.has(name):
        return []
    root = _parse_xml(p.read(name), name, shown)
    out = []
    for el in root:
        if not isinstance(el.tag, str) or not el.tag.endswith("Relationship"):
            continue
        out.append(Rel(el.get("Id", ""), el.get("Type", ""), el.get("Target", ""), el.get("TargetMode") == "External"))
    return out


def load_reference(path: str | os.PathLike | bytes, shown: str | None = None) -> Reference:
    """Read what an export needs from a reference document (a path, or its bytes).

    Raises :class:`ReferenceDocError`, or :class:`OSError` when the file cannot be read.
    """
    if isinstance(path, bytes):
        shown = shown or "the reference document"
    else:
        shown = shown or os.fspath(path)
    try:
        p = pkg.open_package_bytes(path, shown) if isinstance(path, bytes) else pkg.open_package(path, "Word document")
    except ReferenceDocError:
        raise
    except pkg.PackageError as exc:
        raise ReferenceDocError(exc.reason, exc.file) from None
    with p:
        try:
            return _load(p, shown)
        except ReferenceDocError:
            raise
        except pkg.PackageError as exc:
            raise ReferenceDocError(exc.reason, exc.file or shown) from None


def _load(p: pkg.Package, shown: str) -> Reference:
    root_rels = _read_rels(p, "", shown) if p.has("_rels/.rels") else []
    main = next((_resolve("", r.target) for r in root_rels if r.kind == "officeDocument" and not r.external), None)
    if main is None or not p.has(main):
        raise ReferenceDocError("not a Word document (no main document part)", shown)
    ct = _parse_xml(p.read("[Content_Types].xml"), "[Content_Types].xml", shown)
    overrides, defaults = {}, {}
    for el in ct:
        if not isinstance(el.tag, str):
            continue
        if el.tag.endswith("Override") and el.get("PartName"):
            overrides[el.get("PartName").lstrip("/")] = el.get("ContentType", "")
        elif el.tag.endswith("Default") and el.get("Extension"):
            defaults[el.get("Extension").lower()] = el.get("ContentType", "")
    if "wordprocessingml" not in overrides.get(main, "wordprocessingml"):
        raise ReferenceDocError(f"not a Word document (its main part is {overrides.get(main)})", shown)

    kept_rels = [
        r for r in _read_rels(p, main, shown)
        if r.kind in KEPT_RELATIONSHIPS and not r.external and p.has(_resolve(main, r.target))
    ]
    parts: dict[str, bytes] = {}
    todo = [_resolve(main, r.target) for r in kept_rels]
    while todo:
        name = todo.pop()
        if name in parts or not p.has(name):
            continue
        parts[name] = p.read(name)
        rels_name = _rels_name(name)
        if p.has(rels_name):
            parts[rels_name] = p.read(rels_name)
            todo += [_resolve(name, r.target) for r in _read_rels(p, name, shown) if not r.external]

    doc = _parse_xml(p.read(main), "the main document part", shown)
    body = doc.find(f"{{{W}}}body")
    sect = None
    if body is not None and len(body) and body[-1].tag == f"{{{W}}}sectPr":
        sect = body[-1]
    if sect is None:
        from .reference_template import sect_pr

        sect_bytes = _strip_refs(sect_pr()).encode("utf-8")
    else:
        from lxml import etree

        # Header/footer references to parts we did not keep would dangle.
        kept_ids = {r.id for r in kept_rels}
        for ref in list(sect):
            rid = ref.get(f"{{{R}}}id")
            if rid is not None and rid not in kept_ids:
                sect.remove(ref)
        sect_bytes = etree.tostring(sect, encoding="utf-8")

    styles_part = next((_resolve(main, r.target) for r in kept_rels if r.kind == "styles"), None)
    styles: dict[str, str] = {}
    if styles_part and styles_part in parts:
        sroot = _parse_xml(parts[styles_part], styles_part, shown)
        for st in sroot.iter(f"{{{W}}}style"):
            if st.get(f"{{{W}}}type") != "paragraph":
                continue
            name_el = st.find(f"{{{W}}}name")
            sid = st.get(f"{{{W}}}styleId")
            if name_el is not None and sid:
                styles.setdefault((name_el.get(f"{{{W}}}val") or "").strip().lower(), sid)
    headers = [_resolve(main, r.target) for r in kept_rels if r.kind in ("header", "footer")]
    return Reference(shown, main, parts, kept_rels, overrides, defaults, sect_bytes, styles, styles_part, headers)


def _strip_refs(sect: str) -> str:
    return re.sub(r"<w:(?:header|footer)Reference [^>]*/>", "", sect).replace("<w:sectPr>", f'<w:sectPr xmlns:w="{W}" xmlns:r="{R}">')


@functools.lru_cache(maxsize=1)
def default_reference() -> Reference:
    """The house template shipped with rapporteur (made afresh if the package lacks the file)."""
    try:
        data = (resources.files("rapporteur.export") / "template" / "reference.docx").read_bytes()
    except (FileNotFoundError, OSError):
        from .reference_template import build

        data = build()
    return load_reference(data, "the house template")


@functools.lru_cache(maxsize=8)
def _cached_reference(path: str, size: int, mtime: int) -> Reference:
    return load_reference(path)


def reference_for(path: str | os.PathLike | None) -> Reference:
    if path is None:
        return default_reference()
    st = os.stat(path)
    return _cached_reference(os.fspath(path), st.st_size, st.st_mtime_ns)


# -- the body ------------------------------------------------------------------------------

def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _esc(text).replace('"', "&quot;")


_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def _rpr(span: Span) -> str:
    props = []
    if span.bold:
        props.append("<w:b/><w:bCs/>")
    if span.italic:
        props.append("<w:i/><w:iCs/>")
    if _KANA.search(span.text):
        props.append('<w:lang w:eastAsia="ja-JP"/>')
    elif _HANGUL.search(span.text):
        props.append('<w:lang w:eastAsia="ko-KR"/>')
    return f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""


def _run(span: Span) -> str:
    if span.br:
        return '<w:r><w:br w:type="page"/></w:r>' if span.br == "page" else "<w:r><w:br/></w:r>"
    pieces = span.text.split("\t")
    content = "<w:tab/>".join(f'<w:t xml:space="preserve">{_esc(p)}</w:t>' if p else "" for p in pieces)
    return f"<w:r>{_rpr(span)}{content}</w:r>"


class _Styles:
    """Style names -> the reference's style ids, with fallbacks and one note per missing style."""

    def __init__(self, ref: Reference, warnings: list[Diagnostic]) -> None:
        self.ref = ref
        self.warnings = warnings
        self.cache: dict[str, str | None] = {}

    def id(self, name: str) -> str | None:
        if name in self.cache:
            return self.cache[name]
        sid = self.ref.styles.get(name.lower())
        used = name
        if sid is None:
            for alt in FALLBACKS.get(name, ("Normal",)):
                sid = self.ref.styles.get(alt.lower())
                if sid is not None:
                    used = alt
                    break
            else:
                used = "the default style"
            self.warnings.append(
                Diagnostic(
                    "",
                    f"the reference document {self.ref.shown} has no '{name}' paragraph style; used {used!r}" if used != "the default style"
                    else f"the reference document {self.ref.shown} has no '{name}' paragraph style; used the default style",
                    "reference-style",
                    severity="info",
                    hint=f"add a paragraph style named '{name}' to the reference document to style these paragraphs",
                )
            )
        self.cache[name] = sid
        return sid


def _paragraph(block: Block, styles: _Styles) -> str:
    sid = styles.id(block.style)
    ppr = f'<w:pPr><w:pStyle w:val="{_attr(sid)}"/></w:pPr>' if sid else ""
    runs = []
    if block.marker:
        runs.append(f'<w:r><w:t xml:space="preserve">{_esc(block.marker)}</w:t><w:tab/></w:r>')
    runs.extend(_run(s) for s in block.spans)
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def document_xml(doc: Document, ref: Reference, warnings: list[Diagnostic]) -> bytes:
    styles = _Styles(ref, warnings)
    body = "".join(_paragraph(b, styles) for b in doc.blocks)
    sect = ref.sect_pr.decode("utf-8")
    return (
        HEAD + f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>' + body + sect + "</w:body></w:document>"
    ).encode("utf-8")


# -- headers and footers --------------------------------------------------------------------

def _values(doc: Document) -> dict[str, str]:
    meta = doc.meta
    return {
        "organiser": meta.organiser,
        "organiser_full": meta.organiser_full,
        "title": meta.title,
        "series": meta.series,
        "date": meta.date_text,
        "draft": "DRAFT" if meta.draft else "",
    }


def fill_placeholders(xml: bytes, values: dict[str, str], shown: str) -> bytes:
    """Replace ``{{name}}`` in a header or footer part, within runs or across them."""
    if b"{{" not in xml:
        return xml
    text = xml.decode("utf-8")
    intact = PLACEHOLDER.findall(text)
    if intact and text.count("{{") == len(intact):  # the fast path: every placeholder in one run
        return PLACEHOLDER.sub(lambda mt: _esc(values[mt.group(1)]), text).encode("utf-8")
    from lxml import etree

    root = _parse_xml(xml, "a header or footer", shown)
    changed = False
    for para in root.iter(f"{{{W}}}p"):
        ts = [t for t in para.iter(f"{{{W}}}t")]
        joined = "".join(t.text or "" for t in ts)
        matches = list(PLACEHOLDER.finditer(joined))
        if not matches:
            continue
        changed = True
        texts = [list(t.text or "") for t in ts]
        starts = []
        pos = 0
        for chars in texts:
            starts.append(pos)
            pos += len(chars)
        for mt in reversed(matches):
            s, e = mt.span()
            value = values[mt.group(1)]
            for n in range(len(ts) - 1, -1, -1):
                a, b = starts[n], starts[n] + len(texts[n])
                lo, hi = max(s, a), min(e, b)
                if lo < hi:
                    del texts[n][lo - a : hi - a]
                if a <= s < b or (a == s == b and n == 0):
                    texts[n][s - a : s - a] = list(value)
        for t, chars in zip(ts, texts):
            t.text = "".join(chars)
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    if not changed:
        return xml
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _draft_paragraph(xmlns: str = "") -> str:
    return (
        f'<w:p{xmlns}><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/><w:color w:val="C00000"/></w:rPr>'
        "<w:t>DRAFT</w:t></w:r></w:p>"
    )


# -- properties -----------------------------------------------------------------------------

def timestamp(day: dt.date) -> str:
    """``SOURCE_DATE_EPOCH`` if set (reproducible builds), else the event's day at 00:00 UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            when = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
            return when.strftime("%Y-%m-%dT%H:%M:%SZ")
        except (ValueError, OverflowError, OSError):
            pass
    return f"{day.isoformat()}T00:00:00Z"


def core_xml(doc: Document) -> bytes:
    meta = doc.meta
    when = timestamp(meta.date)
    fields = [
        ("dc:title", meta.title),
        ("dc:subject", meta.series),
        ("dc:creator", meta.author),
        ("cp:keywords", "; ".join(meta.keywords)),
        ("dc:language", meta.language),
        ("cp:lastModifiedBy", meta.author),
        ("cp:revision", "1"),
        ("cp:category", CATEGORY),
        ("cp:contentStatus", meta.status.capitalize()),
    ]
    body = "".join(f"<{tag}>{_esc(value)}</{tag}>" for tag, value in fields if value)
    return (
        HEAD
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + body
        + f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        + f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        + "</cp:coreProperties>"
    ).encode("utf-8")


def app_xml(doc: Document) -> bytes:
    company = f"<Company>{_esc(doc.meta.organiser_full)}</Company>" if doc.meta.organiser_full else ""
    return (
        HEAD
        + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        + f"<Application>rapporteur</Application><DocSecurity>0</DocSecurity>{company}</Properties>"
    ).encode("utf-8")


# -- the package ----------------------------------------------------------------------------

def _rels_xml(rels: list[Rel]) -> bytes:
    items = []
    for r in rels:
        mode = ' TargetMode="External"' if r.external else ""
        items.append(f'<Relationship Id="{_attr(r.id)}" Type="{_attr(r.type)}" Target="{_attr(r.target)}"{mode}/>')
    return (HEAD + f'<Relationships xmlns="{PKG_RELS}">' + "".join(items) + "</Relationships>").encode("utf-8")


def _relative(base: str, part: str) -> str:
    return posixpath.relpath(part, posixpath.dirname(base) or ".")


def render(doc: Document, *, source: bytes | None = None, reference: Reference | None = None) -> tuple[bytes, list[Diagnostic]]:
    """The DOCX bytes of ``doc`` and the notes about it (missing styles). Deterministic."""
    ref = reference or default_reference()
    warnings: list[Diagnostic] = []
    main = ref.main
    parts: dict[str, bytes] = dict(ref.parts)
    rels = list(ref.rels)
    sect = ref.sect_pr
    values = _values(doc)

    if ref.styles_part in parts:
        parts[ref.styles_part] = set_language(parts[ref.styles_part], doc.meta.language, ref.shown)
    draft_shown = any(_has_split_draft(parts[n]) for n in ref.headers if n in parts)
    for name in ref.headers:
        if name in parts:
            parts[name] = fill_placeholders(parts[name], values, ref.shown)

    if doc.meta.draft and not draft_shown:
        sect, header_part, header_rel = _add_draft_header(ref, parts, rels, sect)
        if header_part:
            parts[header_part[0]] = header_part[1]
            rels.append(header_rel)

    document = document_xml(doc, dataclasses.replace(ref, sect_pr=sect), warnings)
    if source is not None:
        digest = pkg.text_digest(document)
        parts[pkg.SOURCE_PART] = pkg.source_part(source, digest)
        parts[pkg.SOURCE_PROPS_PART] = pkg.source_props_part(source)
        parts[_rels_name(pkg.SOURCE_PART)] = _rels_xml([Rel("rId1", REL_CUSTOM_XML_PROPS, posixpath.basename(pkg.SOURCE_PROPS_PART))])
        rid = "rIdRapporteurSource"
        rels.append(Rel(rid, REL_CUSTOM_XML, _relative(main, pkg.SOURCE_PART)))

    overrides = {main: CT_MAIN, "docProps/core.xml": CT_CORE, "docProps/app.xml": CT_APP}
    for name in parts:
        if name.endswith(".rels"):
            continue
        if name in ref.overrides:
            overrides[name] = ref.overrides[name]
    if pkg.SOURCE_PROPS_PART in parts:
        overrides[pkg.SOURCE_PROPS_PART] = CT_CUSTOM_PROPS
    for name in parts:
        if name.startswith("word/header-rapporteur"):
            overrides[name] = CT_HEADER
    defaults = {"rels": CT_RELS, "xml": "application/xml"}
    for name in parts:
        ext = posixpath.splitext(name)[1].lstrip(".").lower()
        if name not in overrides and ext and ext not in defaults:
            defaults[ext] = ref.defaults.get(ext, "application/octet-stream")
    ct = (
        HEAD
        + f'<Types xmlns="{CT_NS}">'
        + "".join(f'<Default Extension="{_attr(e)}" ContentType="{_attr(t)}"/>' for e, t in sorted(defaults.items()))
        + "".join(f'<Override PartName="/{_attr(n)}" ContentType="{_attr(t)}"/>' for n, t in sorted(overrides.items()))
        + "</Types>"
    ).encode("utf-8")
    package_rels = _rels_xml(
        [
            Rel("rId1", REL_OFFICE_DOCUMENT, main),
            Rel("rId2", REL_CORE, "docProps/core.xml"),
            Rel("rId3", REL_APP, "docProps/app.xml"),
        ]
    )
    ordered = [
        ("[Content_Types].xml", ct),
        ("_rels/.rels", package_rels),
        ("docProps/core.xml", core_xml(doc)),
        ("docProps/app.xml", app_xml(doc)),
        (main, document),
        (_rels_name(main), _rels_xml(rels)),
    ]
    ordered += sorted((n, d) for n, d in parts.items() if not n.startswith("customXml/"))
    ordered += sorted((n, d) for n, d in parts.items() if n.startswith("customXml/"))
    return pkg.write_zip(ordered), warnings


def set_language(styles: bytes, language: str, shown: str) -> bytes:
    """The report's language as the document default (the reference's East-Asian and bidi languages kept).

    The language belongs to the text, not to the look: a reference document made in
    the United States must not have an Indian report spell-checked as American English.
    """
    if re.search(rb"<w:docDefaults>(?:(?!</w:docDefaults>).)*<w:lang w:val=\"" + re.escape(language.encode()) + rb"\"", styles, re.S):
        return styles  # the house template, and any reference already in the report's language
    from lxml import etree

    root = _parse_xml(styles, "the styles part", shown)
    w = f"{{{W}}}"
    defaults = root.find(f"{w}docDefaults")
    if defaults is None:
        defaults = etree.Element(f"{w}docDefaults")
        root.insert(0, defaults)
    rpr_default = defaults.find(f"{w}rPrDefault")
    if rpr_default is None:
        rpr_default = etree.SubElement(defaults, f"{w}rPrDefault")
        defaults.remove(rpr_default)
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(f"{w}rPr")
    if rpr is None:
        rpr = etree.SubElement(rpr_default, f"{w}rPr")
    lang = rpr.find(f"{w}lang")
    if lang is None:
        lang = etree.SubElement(rpr, f"{w}lang")
        lang.set(f"{w}val", language)
        lang.set(f"{w}eastAsia", "zh-CN")
        lang.set(f"{w}bidi", "hi-IN")
    lang.set(f"{w}val", language)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _has_split_draft(xml: bytes) -> bool:
    """Whether ``{{draft}}`` appears in a paragraph's text, even split across runs."""
    text = re.sub(rb"<[^>]+>", b"", xml).decode("utf-8", "replace")
    return re.search(r"\{\{\s*draft\s*\}\}", text) is not None


def _add_draft_header(ref: Reference, parts: dict[str, bytes], rels: list[Rel], sect: bytes):
    """Mark a draft in the default header: append to it, or add a header that says DRAFT."""
    from lxml import etree

    sect_el = _parse_xml(sect, "the section properties", ref.shown)
    ids = {r.id: r for r in rels}
    default_ref = None
    for el in sect_el:
        if el.tag == f"{{{W}}}headerReference" and el.get(f"{{{W}}}type", "default") == "default":
            default_ref = el
    if default_ref is not None:
        rel = ids.get(default_ref.get(f"{{{R}}}id"))
        name = _resolve(ref.main, rel.target) if rel else None
        if name and name in parts:
            root = _parse_xml(parts[name], name, ref.shown)
            root.append(etree.fromstring(_draft_paragraph(f' xmlns:w="{W}"')))
            parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            return sect, None, None
    name = "word/header-rapporteur.xml"
    xml = (HEAD + f'<w:hdr xmlns:w="{W}" xmlns:r="{R}">' + _draft_paragraph() + "</w:hdr>").encode("utf-8")
    rid = "rIdRapporteurDraft"
    ref_el = etree.Element(f"{{{W}}}headerReference", nsmap={"w": W, "r": R})
    ref_el.set(f"{{{W}}}type", "default")
    ref_el.set(f"{{{R}}}id", rid)
    if default_ref is not None:
        sect_el.remove(default_ref)
    sect_el.insert(0, ref_el)
    return etree.tostring(sect_el, encoding="utf-8"), (name, xml), Rel(rid, REL_HEADER, _relative(ref.main, name))
