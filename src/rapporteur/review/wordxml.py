"""A reviewed DOCX read with the standard library: its paragraphs as text with the origin marks
rapporteur's export put in them, its tracked changes and its comments.

The body is read as a stream of pieces per paragraph: text, the start and end of a
bookmark named ``r_<n>`` (block *n* of the export, see :mod:`rapporteur.export.docx`),
the start of a comment's range. Tracked changes are resolved here, as the reviewer's
proposals are accepted (``accept``), rejected (``reject``) or only listed (``None``).
Nothing here imports python-docx: only :mod:`xml.etree` on parts read with bounded sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from ..export import package as pkg

W = f"{{{pkg.W_NS}}}"
_ORIGIN = re.compile(r"r_(\d{1,6})")


@dataclass
class Piece:
    """One thing in a paragraph: ``text``, or a mark (``start``/``end`` of origin ``n``, ``comment`` id)."""

    kind: str  # text | start | end | comment
    text: str = ""
    n: int = -1


@dataclass
class Change:
    """A tracked change: ``inserted`` or ``deleted`` text (or paragraph mark), who and when, where."""

    kind: str  # inserted | deleted | inserted paragraph break | deleted paragraph break
    text: str
    author: str
    date: str
    paragraph: int  # index of the body paragraph (0-based)
    origin: int = -1  # the export's block it sits in (-1: none)


@dataclass
class Comment:
    id: str
    author: str
    date: str
    text: str
    origin: int = -1
    anchored: str = ""  # the text the comment is attached to (the first 80 characters)


@dataclass
class Body:
    paragraphs: list[list[Piece]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    formatting_changes: int = 0


def _text_of(el: ET.Element, deleted: bool) -> str:
    """The visible text of a run (``w:delText`` counts only inside a deletion being rejected)."""
    out = []
    for child in el.iter():
        tag = child.tag
        if tag == W + "t" or (deleted and tag == W + "delText"):
            out.append(child.text or "")
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("\u2011")
    return "".join(out)


def _attr(el: ET.Element, name: str) -> str:
    return el.get(W + name) or ""


class _Reader:
    def __init__(self, mode: str | None) -> None:
        self.mode = mode  # "accept", "reject" or None (list the changes, resolve them as accepted)
        self.body = Body()
        self.current: list[Piece] = []
        self.origin = -1  # the last origin seen (open or closed), for where a change or comment sits
        self.join_next = False  # the paragraph mark is gone (a tracked paragraph break resolved away)

    def note(self, kind: str, text: str, el: ET.Element) -> None:
        self.body.changes.append(
            Change(kind, text, _attr(el, "author"), _attr(el, "date")[:10], len(self.body.paragraphs), self.origin)
        )

    def walk(self, el: ET.Element, inserted: bool = False, deleted: bool = False) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "r":
                keep = (not inserted or self.mode != "reject") and (not deleted or self.mode == "reject")
                if keep:
                    text = _text_of(child, deleted)
                    if text:
                        self.current.append(Piece("text", text))
            elif tag in (W + "ins", W + "moveTo"):
                self.note("inserted", "".join(_text_of(r, False) for r in child.iter(W + "r")), child)
                self.walk(child, inserted=True, deleted=deleted)
            elif tag in (W + "del", W + "moveFrom"):
                self.note("deleted", "".join(_text_of(r, True) for r in child.iter(W + "r")), child)
                self.walk(child, inserted=inserted, deleted=True)
            elif tag == W + "bookmarkStart":
                m = _ORIGIN.fullmatch(_attr(child, "name"))
                if m:
                    self.origin = int(m.group(1))
                    self.current.append(Piece("start", n=self.origin))
                    self.ids[_attr(child, "id")] = self.origin
            elif tag == W + "bookmarkEnd":
                n = self.ids.get(_attr(child, "id"))
                if n is not None:
                    self.current.append(Piece("end", n=n))
            elif tag == W + "commentRangeStart":
                self.current.append(Piece("comment", _attr(child, "id")))
            elif tag in (W + "rPrChange", W + "pPrChange", W + "sectPrChange"):
                self.body.formatting_changes += 1
            elif tag in (W + "pPr", W + "rPr"):
                self.walk_props(child)
            elif tag in (W + "hyperlink", W + "smartTag", W + "fldSimple", W + "customXml", W + "sdtContent"):
                self.walk(child, inserted, deleted)
            elif tag == W + "sdt":
                self.walk(child, inserted, deleted)

    def walk_props(self, el: ET.Element) -> None:
        """A paragraph mark inserted or deleted as a tracked change (``w:pPr/w:rPr/w:ins``)."""
        for child in el.iter():
            if child.tag == W + "pPrChange" or child.tag == W + "rPrChange":
                self.body.formatting_changes += 1
        rpr = el.find(W + "rPr") if el.tag == W + "pPr" else None
        if rpr is None:
            return
        ins, dele = rpr.find(W + "ins"), rpr.find(W + "del")
        if ins is not None:
            self.note("inserted paragraph break", "", ins)
            self.join_next = self.mode == "reject"
        if dele is not None:
            self.note("deleted paragraph break", "", dele)
            self.join_next = self.mode != "reject"

    def paragraph(self, p: ET.Element) -> None:
        self.join_next = False
        self.walk(p)
        self.body.paragraphs.append(self.current)
        if not self.join_next:
            self.current = []
        else:  # the next paragraph continues this one
            self.body.paragraphs.pop()

    def run(self, root: ET.Element) -> Body:
        self.ids: dict[str, int] = {}
        body = root.find(W + "body")
        if body is not None:
            for p in body.iter(W + "p"):
                self.paragraph(p)
        if self.current and (not self.body.paragraphs or self.body.paragraphs[-1] is not self.current):
            self.body.paragraphs.append(self.current)
        return self.body


def read_body(document_xml: bytes, mode: str | None = None) -> Body:
    """The body's paragraphs as pieces, tracked changes resolved by ``mode`` (and listed)."""
    try:
        root = ET.fromstring(document_xml)
    except ET.ParseError as exc:
        raise pkg.PackageError(f"the document's main part is not well-formed XML ({exc})") from None
    return _Reader(mode).run(root)


def read_comments(p: pkg.Package) -> dict[str, Comment]:
    """``word/comments.xml``: each comment's author, date and text, by id."""
    if not p.has("word/comments.xml"):
        return {}
    try:
        root = ET.fromstring(p.read("word/comments.xml", 16 * 1024 * 1024))
    except ET.ParseError:
        return {}
    out = {}
    for c in root.iter(W + "comment"):
        paras = [" ".join(_text_of(q, False).split()) for q in c.iter(W + "p")]
        cid = _attr(c, "id")
        out[cid] = Comment(cid, _attr(c, "author"), _attr(c, "date")[:10], "\n".join(x for x in paras if x))
    return out


def header_footer_texts(p: pkg.Package) -> list[tuple[str, str]]:
    """The text of each header and footer part (its name, its text), in the package's order."""
    out = []
    for name in sorted(p.names()):
        if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
            out.append((name, pkg.part_text(p.read(name, 4 * 1024 * 1024))))
    return out
