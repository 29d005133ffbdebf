"""Positions inside strings: a character of a field's value -> the file's line and column.

A house-style finding points at words inside a TOML string, counted in the field's
text *as the model holds it* (stripped, line ends made ``\\n``). Two steps take it
back to the file, each written once here:

1. model text -> the decoded string ``tomllib`` returned (:func:`raw_index`: undo
   the stripping and the CR/CRLF folding);
2. decoded string -> the file's offset (:func:`decoded_offsets`: escapes, line-ending
   backslashes and a trimmed first newline; a plain string maps one to one).

:mod:`rapporteur.sourcemap` (where every key and value is) asks step 2 here;
:mod:`rapporteur.checks` places findings with :class:`Locator`; the editor, with no
file, counts inside the field's own text with :func:`relative`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .tomlio import Source

ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}
STRING_KINDS = ("basic", "literal", "ml-basic", "ml-literal")

Position = tuple[int, int]


class StringSpan(Protocol):
    """Where a value stands in the file (:class:`rapporteur.sourcemap.Span`)."""

    start: int
    end: int
    kind: str


def decoded_offsets(text: str, span: StringSpan) -> list[int]:
    """For each decoded character of the string at ``span``, the offset of the raw text that
    produced it, and one more: the offset just past the last character."""
    q = 3 if span.kind.startswith("ml-") else 1
    i, end = span.start + q, span.end - q
    if q == 3:
        # Up to two quotes before the closing delimiter are content; the recorded end
        # already includes them. A newline right after the opening delimiter is trimmed.
        if text.startswith("\r\n", i):
            i += 2
        elif text.startswith("\n", i):
            i += 1
    out: list[int] = []
    basic = span.kind in ("basic", "ml-basic")
    while i < end:
        c = text[i]
        if basic and c == "\\":
            nxt = text[i + 1] if i + 1 < end else ""
            if nxt in ESCAPES:
                out.append(i)
                i += 2
            elif nxt == "u":
                out.append(i)
                i += 6
            elif nxt == "U":
                out.append(i)
                i += 10
            elif nxt == "x":
                out.append(i)
                i += 4
            else:  # line-ending backslash: skip whitespace and newlines
                i += 1
                while i < end and text[i] in " \t\r\n":
                    i += 1
            continue
        if c == "\r" and text.startswith("\r\n", i):
            i += 1
            continue
        out.append(i)
        i += 1
    out.append(end)
    return out


def raw_index(raw: str, index: int, normalised: bool) -> int:
    """Index ``index`` of the model's text -> the same character's index in the decoded string."""
    if not normalised:
        return index
    if "\r" not in raw:
        return len(raw) - len(raw.lstrip()) + index
    # CR or CRLF line ends: map through the normalisation step by step
    out = []
    i = 0
    while i < len(raw):
        out.append(i)
        i += 2 if raw.startswith("\r\n", i) else 1
    out.append(len(raw))
    collapsed = raw.replace("\r\n", "\n").replace("\r", "\n")
    lead = len(collapsed) - len(collapsed.lstrip())
    return out[min(lead + index, len(out) - 1)]


def relative(text: str, index: int) -> Position:
    """1-based line and column of ``index`` inside ``text`` itself (no file at hand)."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


class Locator:
    """Offsets in a field's text -> the file's line and column, each string's layout computed once."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.sm = source.source_map
        self._fast: dict[tuple[Any, ...], int | None] = {}

    def _raw(self, path: tuple[Any, ...]) -> str | None:
        value: Any = self.source.data
        try:
            for part in path:
                value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
        return value if isinstance(value, str) else None

    def _content_start(self, path: tuple[Any, ...]) -> int | None:
        """Offset of the string's first decoded character when it decodes one-to-one (no escapes, no CR)."""
        if path in self._fast:
            return self._fast[path]
        span = self.sm.values.get(path)
        start = None
        if span is not None and span.kind in STRING_KINDS:
            q = 3 if span.kind.startswith("ml-") else 1
            i, end = span.start + q, span.end - q
            t = self.sm.text
            if q == 3 and t.startswith("\n", i):
                i += 1
            region = t[i:end]
            if "\r" not in region and not (span.kind in ("basic", "ml-basic") and "\\" in region):
                start = i
        self._fast[path] = start
        return start

    def _at(self, path: tuple[Any, ...], raw: str, index: int, normalised: bool) -> Position:
        ri = raw_index(raw, index, normalised)
        start = self._content_start(path)
        if start is not None:
            return self.sm.line_col(start + min(ri, len(raw)))
        pos = self.sm.locate_in_value(path, ri)
        return pos if pos else (1, 1)

    def place(
        self, path: tuple[Any, ...], start: int | None, end: int | None, normalised: bool
    ) -> tuple[Position, tuple[int | None, int | None]]:
        """Where words ``start:end`` of the field at ``path`` stand (its key, with no words)."""
        if start is not None:
            raw = self._raw(path)
            if raw is not None:
                return self._at(path, raw, start, normalised), self._at(
                    path, raw, end if end is not None else start, normalised
                )
        line, col = self.source.position(path) if path else (1, 1)
        return (line or 1, col or 1), (None, None)
