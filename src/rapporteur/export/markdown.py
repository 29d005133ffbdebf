"""Markdown export: pandoc's Markdown, with a YAML metadata block.

The same blocks as the DOCX (see :mod:`.document`), written so that ``pandoc``
reads back exactly the text of the report:

* a YAML block with ``title``, ``subtitle`` (the event line less its date: series,
  time, venue or mode, as the DOCX subtitle prints them), ``date`` ("24 June 2024"),
  ``author`` (the rapporteur), ``lang`` (en-IN) and ``keywords`` (the tags);
  ``draft: true`` for a report that is not final (static site generators skip it).
  The body holds nothing but the report: no stray event-line paragraph before the lead;
* headings as ``#``, ``##``, ``###`` (sectioned layout only); the
  issues raised as ``(i)``, ``(ii)`` ... and the key takeaways as ``-`` items;
* every character that Markdown would take for syntax is escaped with a backslash
  (which both pandoc and CommonMark read as the character itself); a vertical tab
  is a hard line break (``\\`` at the end of the line), a form feed a paragraph break.

Quotes, dashes and ``...`` are written as typed; pandoc's ``smart`` extension would
curl straight quotes, so read with ``pandoc -f markdown-smart`` to keep them.

:func:`to_markdown` is what the editor's live preview calls: it imports no DOCX
machinery and takes a few milliseconds.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from .document import Document, Meta, build
from .text import DEFAULT_PRINT, PrintStyle, Span

if TYPE_CHECKING:  # the exporters read validated data; they never need the model classes
    from .. import model as m

__all__ = ["to_markdown", "render", "escape"]


def to_markdown(
    report: m.Report, layout: str = "narrative", *, metadata: bool = True, style: PrintStyle = DEFAULT_PRINT
) -> str:
    """The report as pandoc Markdown. ``metadata=False`` drops the YAML block and shows the
    title as a ``#`` heading instead (for previews that do not read YAML); ``style``: the
    house style's printing settings."""
    return render(build(report, layout, style), metadata=metadata)


# -- escaping ------------------------------------------------------------------------------

_SPECIAL = re.compile(r"[\\`*_\[\]<$^~@{]|&(?=#?\w+;)")
_START = re.compile(r"^(?:[#>+=:|%-]|\()")
_LIST_MARKER = re.compile(r"^(\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+|#)([.)])(?=\s|$)")


def escape(text: str) -> str:
    """Inline text with every Markdown-significant character backslash-escaped."""
    return _SPECIAL.sub(lambda mt: "\\" + mt.group(0), text)


def _escape_start(line: str) -> str:
    """Escape what would make a line a heading, quote, list item, rule, table or div."""
    mt = _LIST_MARKER.match(line)
    if mt:
        return mt.group(1) + "\\" + line[mt.end(1) :]
    if _START.match(line):
        return "\\" + line
    return line


def _emphasis(text: str, mark: str) -> str:
    """``mark`` around the text, blanks kept outside (``* a *`` would be no emphasis)."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{mark}{core}{mark}{trail}"


def _run(spans: list[Span]) -> str:
    """Spans without breaks as inline Markdown: ``**bold**``, ``*italic*``, ``**bold _italic_**``."""
    out = []
    for bold, grouped in itertools.groupby(spans, key=lambda s: s.bold):
        group = list(grouped)
        parts = []
        for n, s in enumerate(group):
            text = escape(s.text)
            if s.italic:
                # Inside bold, an italic at the edge would make "***": use underscores there.
                edge = bold and (n == 0 or n == len(group) - 1)
                text = _emphasis(text, "_" if edge else "*")
            parts.append(text)
        text = "".join(parts)
        out.append(_emphasis(text, "**") if bold else text)
    return "".join(out)


def _inline(spans: tuple[Span, ...] | list[Span]) -> list[str]:
    """Spans as Markdown paragraphs: a line break ends a line with a backslash; a page break starts a new paragraph."""
    paras: list[str] = []
    lines: list[str] = []
    run: list[Span] = []
    for s in spans:
        if not s.br:
            run.append(s)
            continue
        lines.append(_escape_start(_run(run).lstrip()))
        run = []
        if s.br == "page":
            paras.append("\\\n".join(lines))
            lines = []
    lines.append(_escape_start(_run(run).lstrip()))
    paras.append("\\\n".join(lines))
    return [p.strip() for p in paras if p.strip()]


def _lines(spans: tuple[Span, ...]) -> list[str]:
    return _inline(spans)


# -- YAML ------------------------------------------------------------------------------------


def _yaml_str(value: str) -> str:
    """A YAML double-quoted scalar. pandoc reads metadata strings as Markdown: escape for that first."""
    text = escape(value)
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif code < 0x20 or 0x7F <= code <= 0x9F or ch in "\u2028\u2029\ufeff":
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def front_matter(meta: Meta) -> str:
    lines = ["---", f"title: {_yaml_str(meta.title)}"]
    subtitle = " | ".join(p for p in (meta.series, meta.time_text, meta.place_text) if p)
    if subtitle:
        lines.append(f"subtitle: {_yaml_str(subtitle)}")
    lines.append(f"date: {_yaml_str(meta.date_text)}")
    if meta.author:
        lines.append(f"author: {_yaml_str(meta.author)}")
    lines.append(f"lang: {meta.language}")
    if meta.keywords:
        lines.append("keywords: [" + ", ".join(_yaml_str(k) for k in meta.keywords) + "]")
    if meta.draft:
        lines.append("draft: true")
    lines.append("---")
    return "\n".join(lines)


# -- blocks ----------------------------------------------------------------------------------


def render(doc: Document, *, metadata: bool = True, properties: Meta | None = None, marker: bool = False) -> str:
    """The document's blocks as Markdown text (one final newline).

    ``properties``: the metadata for the YAML block (``doc.meta`` by default; :mod:`.privacy`
    removes what a Chatham House document does not print). ``marker``: end the YAML block
    with rapporteur's marker comment (what ``export`` writes), so that a later export
    recognises its own file and sees whether it was edited since.
    """
    chunks: list[str] = []
    if metadata:
        chunks.append(front_matter(properties or doc.meta))
    shift = 0 if metadata else 1
    items: list[str] = []

    def flush_items() -> None:
        if items:
            chunks.append("\n".join(items))
            items.clear()

    for b in doc.blocks:
        if b.kind != "item":
            flush_items()
        if b.kind == "title":
            if not metadata:
                chunks.append("# " + escape(b.text).replace("#", "\\#"))
            continue
        if b.kind == "number":  # the report number under the title: a line of its own
            chunks.append(_escape_start(escape(b.text)))
            continue
        if b.kind == "event":
            if not metadata:  # with metadata, the YAML subtitle holds it
                chunks.append(_escape_start(escape(b.text)))
            continue
        if b.kind == "heading":
            level = min(b.level + shift, 6)
            text = " ".join(_inline(b.spans)).replace("\\\n", " ").replace("#", "\\#")
            chunks.append("#" * level + " " + text)
            continue
        if b.kind == "item":
            bullet = "-" if b.marker == "\u2022" else b.marker
            body = "  \n".join(_inline(b.spans)) if b.spans else ""
            body = body.replace("\\\n", "\\\n    ")
            items.append(f"{bullet} {body}".rstrip())
            continue
        chunks.extend(_lines(b.spans))
    flush_items()
    text = "\n\n".join(c for c in chunks if c) + "\n"
    return with_marker(text) if marker and metadata else text


# -- rapporteur's marker -----------------------------------------------------------------------

#: A YAML comment, the last line of the metadata block: invisible to pandoc and to readers.
MARKER = "# written by rapporteur export; body sha256 "
_END = "\n---\n"


def _digest(body: str) -> str:
    import hashlib

    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def with_marker(text: str) -> str:
    """``text`` (starting with its YAML block) with the marker naming the digest of what follows the block."""
    head, body = text[4:].split(_END, 1)
    return f"---\n{head}\n{MARKER}{_digest(body)}{_END}{body}"


def read_marker(data: bytes) -> tuple[bool, bool]:
    """(written by rapporteur export, edited since): what ``export -o`` asks of an existing Markdown file."""
    try:
        text = data.decode("utf-8").replace("\r\n", "\n")  # a checkout that made it CRLF did not edit it
    except UnicodeDecodeError:
        return False, False
    if not text.startswith("---\n") or _END not in text[3:]:
        return False, False
    head, body = text[4:].split(_END, 1)
    last = head.rsplit("\n", 1)[-1]
    if not last.startswith(MARKER):
        return False, False
    return True, last[len(MARKER) :] != _digest(body)
