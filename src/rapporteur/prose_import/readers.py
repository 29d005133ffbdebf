"""Reading an old report's prose: .txt, .md, .html and .docx into blocks (paragraphs and headings), and sentences."""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..ioerrors import io_message
from ..names import ATOM_RE

#: The suffixes read as prose (a .docx is read as prose only when it carries no report).
PROSE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".docx")
MAX_BYTES = 20 * 1024 * 1024


class ProseProblem(Exception):
    """The file could not be read as prose. ``code``: 1 its content, 2 I/O."""

    def __init__(self, reason: str, file: str = "", code: int = 1) -> None:
        super().__init__(f"{file}: {reason}" if file else reason)
        self.reason = reason
        self.code = code


@dataclass(frozen=True)
class Block:
    """A paragraph or a heading, as the document had it."""

    kind: str  # "para" or "heading"
    text: str


# -- reading the four formats -------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _text_blocks(text: str) -> list[Block]:
    """Plain text: paragraphs separated by blank lines, or one per line when there are none."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    chunks = re.split(r"\n[ \t]*\n", text) if re.search(r"\n[ \t]*\n", text.strip()) else text.split("\n")
    return [Block("para", _squash(c)) for c in chunks if c.strip()]


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!'\"&<>|])")


def _markdown_blocks(text: str) -> list[Block]:
    """Markdown as pandoc and people write it: headings, paragraphs, list items; a YAML block skipped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    front = re.match(r"---\n.*?\n(?:---|\.\.\.)\n", text, re.DOTALL)
    out: list[Block] = []
    if front:
        # pandoc's metadata block (rapporteur's Markdown export writes one): its title, subtitle and date head the
        # document as they would in print
        for key in ("title", "subtitle", "date"):
            m = re.search(
                rf"^{key}:[ \t]*(?:\"((?:[^\"\\]|\\.)*)\"|'([^']*)'|([^\n#]*?))[ \t]*$", front.group(0), re.MULTILINE
            )
            value = next((g for g in m.groups() if g), "") if m else ""
            if value.strip():
                out.append(Block("heading", _squash(value.replace('\\"', '"'))))
        text = text[front.end() :]
    for chunk in re.split(r"\n[ \t]*\n", text):
        lines = [ln.strip() for ln in chunk.split("\n") if ln.strip() and not ln.strip().startswith("<!--")]
        if not lines:
            continue
        if len(lines) == 2 and re.fullmatch(r"=+|-+", lines[1]):
            out.append(Block("heading", _unmark(lines[0])))
            continue
        head = re.match(r"#{1,6}\s+(.*?)\s*#*$", lines[0])
        if head:
            out.append(Block("heading", _unmark(head.group(1))))
            lines = lines[1:]
        items: list[list[str]] = []
        for ln in lines:
            ln = re.sub(r"^>\s?", "", ln)
            bullet = re.match(r"(?:[-*+]|\d+[.)])\s+(.*)", ln)
            if bullet or not items:
                items.append([bullet.group(1) if bullet else ln])
            else:
                items[-1].append(ln)
        out.extend(Block("para", _unmark(" ".join(i))) for i in items if " ".join(i).strip())
    return [b for b in out if b.text]


def _unmark(text: str) -> str:
    """Markdown's escapes and links undone; ``*italic*`` and ``**bold**`` kept (the report's own marks)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return _squash(_MD_ESCAPE.sub(r"\1", text))


class _HTMLText(HTMLParser):
    """The text of an HTML page's blocks (paragraphs, headings, list items); scripts and navigation skipped."""

    BLOCKS = frozenset(
        {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "td", "th", "dd", "dt", "pre"}
    )
    SKIP = frozenset({"script", "style", "noscript", "nav", "template", "svg", "head", "form", "button", "select"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._buf: list[str] = []
        self._kind = "para"
        self._skip = 0
        self._in_title = False

    def _flush(self) -> None:
        text = _squash("".join(self._buf))
        if text:
            self.blocks.append(Block(self._kind, text))
        self._buf = []
        self._kind = "para"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCKS:
            self._flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self._kind = "heading"
        elif tag == "br":
            self._buf.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _html_blocks(text: str) -> list[Block]:
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    return parser.blocks


def _docx_blocks(path: str | os.PathLike) -> list[Block]:
    """A Word document's paragraphs in order, its tables' cells included; Title and Heading styles as headings."""
    import docx  # python-docx: only for this format
    from docx.oxml.ns import qn

    with zipfile.ZipFile(path) as zf:  # python-docx reads every part whole: bound what it may inflate
        if sum(i.file_size for i in zf.infolist()) > 10 * MAX_BYTES:
            raise ValueError("its parts are too large to read")
    document = docx.Document(os.fspath(path))
    out: list[Block] = []
    styles = {p._p: (p.style.name if p.style is not None else "") for p in document.paragraphs}
    boxes = qn("w:txbxContent")
    for el in document.element.body.iter(qn("w:p")):
        if any(a.tag == boxes for a in el.iterancestors()):
            continue  # a text box: Word keeps it twice (the drawing and its fallback), and outside the flow
        wt = qn("w:t")
        text = _squash("".join((t.text or "") if t.tag == wt else " " for t in el.iter(wt, qn("w:tab"), qn("w:br"))))
        if not text:
            continue
        style = styles.get(el, "")
        kind = "heading" if style.startswith(("Heading", "Title", "Subtitle")) else "para"
        out.append(Block(kind, text))
    return out


def read_blocks(path: str | os.PathLike, shown: str | None = None) -> list[Block]:
    """The paragraphs and headings of a .txt, .md, .html or .docx file; :class:`ProseProblem` when unreadable."""
    shown = shown or os.fspath(path)
    suffix = Path(path).suffix.lower()
    try:
        if os.path.getsize(path) > MAX_BYTES:
            raise ProseProblem(f"larger than {MAX_BYTES // (1024 * 1024)} MB: not an event report", shown)
        if suffix == ".docx":
            try:
                return _docx_blocks(path)
            except (KeyError, ValueError, zipfile.BadZipFile) as exc:
                raise ProseProblem(f"not a Word document that can be read ({exc})", shown) from None
            except Exception as exc:  # python-docx raises its own and zipfile's errors for a damaged file
                if isinstance(exc, OSError):
                    raise
                raise ProseProblem(f"not a Word document that can be read ({type(exc).__name__})", shown) from None
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ProseProblem(io_message(exc, path), shown, code=2) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ProseProblem("a binary file, not prose (.txt, .md, .html or .docx)", shown)
    if suffix in (".html", ".htm"):
        return _html_blocks(text)
    if suffix in (".md", ".markdown"):
        return _markdown_blocks(text)
    return _text_blocks(text)


# -- sentences ---------------------------------------------------------------------------

_BOUNDARY = re.compile(r"[.?!][\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9À-Þ])")
_NOT_AN_END = frozenset(
    """
    no nos st vs etc al viz cf approx fig vol ed eds pp jr sr inc ltd co govt dept
    """.split()  # noqa: SIM905 (a word list reads best as words)
)


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph: a stop before a capital, unless it closes an honorific ("Dr.",
    "(Dr.)"), an initial ("M.S.") or a common abbreviation."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        stop = m.start()
        if text[stop] == ".":
            before = text[max(start, stop - 80) : stop]  # the word before the stop (bounded: no rescans)
            token = re.search(r"(\S+)$", before)
            w = token.group(1).lstrip("(") if token else ""
            if (
                re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", w)
                or w.lower().strip(".") in _NOT_AN_END
                or (ATOM_RE.fullmatch(w + ".") is not None and not w.isupper())
            ):
                continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out
