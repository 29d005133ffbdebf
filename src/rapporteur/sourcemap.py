"""Where things are in a TOML file: key path -> line and column.

``tomllib`` returns plain values with no positions, so diagnostics would have
nothing to point at. This scanner walks the (already parsed, hence valid) text
once and records where each key, table header and array element starts, where
every comment is, and the span of every string value, so that a position inside
a string's *decoded* value can be mapped back to the file (house-style findings
point at the offending words, not just the field).

It is only built when a diagnostic needs a position; valid files never pay.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from .positions import ESCAPES, decoded_offsets

Path = tuple  # of str | int

_WS = re.compile(r"[ \t]*")
_WS_NL_COMMENT = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# Strings are scanned with ``str.find`` and one-character searches, not one regex loop: a
# plain ``(?:a|b)*`` loop keeps a backtracking point per character (a 10 MB string took
# 1.2 GB), and the possessive loops that avoided it never match before CPython 3.11.3.
_LITERAL = re.compile(r"'[^'\n]*'")
_BASIC_STOP = re.compile(r'["\\\n]')
_ML_BASIC_STOP = re.compile(r'["\\]')
_SCALAR = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?"
    r"|[^\s,\]\}#]+"
)
_ESCAPES = ESCAPES  # one table of TOML escapes: positions.py decodes with it too


def _matched(m: re.Match[str] | None) -> re.Match[str]:
    """The match, or ValueError (the scanner then stops and the map is marked partial)."""
    if m is None:
        raise ValueError("unexpected text")
    return m


def _end_of_basic(t: str, i: int) -> int:
    """Offset just past the ``"..."`` string opening at ``i``; ValueError if it is not closed on its line."""
    j = i + 1
    while True:
        m = _BASIC_STOP.search(t, j)
        if m is None or m.group() == "\n":
            raise ValueError("unclosed string")
        if m.group() == '"':
            return m.end()
        j = m.end() + 1  # a backslash and the character it escapes


def _end_of_ml_basic(t: str, i: int) -> int:
    """Offset just past the first unescaped ``\"\"\"`` from ``i`` (the body of a multi-line string)."""
    j = i
    while True:
        m = _ML_BASIC_STOP.search(t, j)
        if m is None:
            raise ValueError("unclosed multi-line string")
        k = m.start()
        if m.group() == "\\":
            j = k + 2
        elif t.startswith('"""', k):
            return k + 3
        else:
            j = k + 1


def _end_of_ml_literal(t: str, i: int) -> int:
    """Offset just past the first ``'''`` from ``i`` (literal strings have no escapes)."""
    k = t.find("'''", i)
    if k < 0:
        raise ValueError("unclosed multi-line literal string")
    return k + 3


def _end_of_multiline(t: str, i: int) -> int:
    """Offset just past the multi-line string (basic or literal) opening at ``i``.

    One owner for both kinds: they differ only in the quote and in escapes (which the
    body scanners handle). TOML lets one or two more quotes stand just before the
    closing three (five quotes in a row end a value that ends in two), so the span
    takes them too.
    """
    quote = t[i]
    body_end = end = (_end_of_ml_basic if quote == '"' else _end_of_ml_literal)(t, i + 3)
    while end < len(t) and t[end] == quote and end - body_end < 2:
        end += 1
    return end


@dataclass
class Span:
    start: int  # offset of the value's first character (the opening quote for strings)
    end: int  # offset just past the value
    kind: str  # basic | literal | ml-basic | ml-literal | array | table | scalar


@dataclass
class SourceMap:
    text: str
    keys: dict = field(default_factory=dict)  # path -> offset of the key / header / element
    values: dict = field(default_factory=dict)  # path -> Span
    comments: list = field(default_factory=list)  # offsets of '#' that start comments
    complete: bool = True  # False if the scan stopped early (the map is then partial)
    _offsets: dict = field(default_factory=dict, repr=False)  # path -> decoded offsets, built on first use
    _line_starts: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

    # -- positions ----------------------------------------------------------------------
    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of an offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def find(self, path: Path) -> tuple[int, int] | None:
        """Position of the nearest recorded ancestor of ``path`` (the key itself if present).

        A missing key is reported at its table's header, an unknown path at the
        deepest part of it that exists.
        """
        path = tuple(path)
        while True:
            off = self.keys.get(path)
            if off is not None:
                return self.line_col(off)
            if not path:
                return None
            path = path[:-1]

    def comment_positions(self) -> list[tuple[int, int]]:
        return [self.line_col(o) for o in self.comments]

    def locate_in_value(self, path: Path, index: int) -> tuple[int, int] | None:
        """Position of character ``index`` of the decoded string at ``path``.

        ``index`` counts in the value as ``tomllib`` returns it. Falls back to the
        value's start when the index is past the end.
        """
        span = self.values.get(tuple(path))
        if span is None:
            return self.find(path)
        if span.kind not in ("basic", "literal", "ml-basic", "ml-literal"):
            return self.line_col(span.start)
        key = tuple(path)
        offsets = self._offsets.get(key)
        if offsets is None:
            offsets = self._offsets[key] = decoded_offsets(self.text, span)
        if not offsets:
            return self.line_col(span.start)
        index = max(0, min(index, len(offsets) - 1))
        return self.line_col(offsets[index])


class _Scanner:
    def __init__(self, text: str) -> None:
        self.t = text
        self.i = 0
        self.map = SourceMap(text)
        self.aot: dict[Path, int] = {}

    def run(self) -> SourceMap:
        try:
            self._document()
        except (IndexError, ValueError, KeyError, AttributeError, RecursionError):
            self.map.complete = False  # never fail: a partial map still places most diagnostics
        return self.map

    # -- helpers --------------------------------------------------------------------------
    def _skip_ws(self) -> None:
        self.i = _matched(_WS.match(self.t, self.i)).end()

    def _skip_ws_nl(self) -> None:
        while True:
            m = _matched(_WS_NL_COMMENT.match(self.t, self.i))
            # record comments inside the skipped run
            seg_start, seg_end = self.i, m.end()
            j = seg_start
            while True:
                k = self.t.find("#", j, seg_end)
                if k < 0:
                    break
                self.map.comments.append(k)
                nl = self.t.find("\n", k, seg_end)
                j = seg_end if nl < 0 else nl
            self.i = seg_end
            return

    def _key(self) -> list[tuple[str, int]]:
        parts = []
        while True:
            self._skip_ws()
            start = self.i
            c = self.t[self.i]
            if c == '"':
                end = _end_of_basic(self.t, self.i)
                parts.append((_unescape(self.t[self.i + 1 : end - 1]), start))
                self.i = end
            elif c == "'":
                m = _matched(_LITERAL.match(self.t, self.i))
                parts.append((m.group()[1:-1], start))
                self.i = m.end()
            else:
                bare = _BARE_KEY.match(self.t, self.i)
                if not bare:
                    raise ValueError("bad key")
                parts.append((bare.group(), start))
                self.i = bare.end()
            self._skip_ws()
            if self.i < len(self.t) and self.t[self.i] == ".":
                self.i += 1
                continue
            return parts

    def _document(self) -> None:
        table: Path = ()
        n = len(self.t)
        while True:
            self._skip_ws_nl()
            if self.i >= n:
                return
            start = self.i
            if self.t.startswith("[[", self.i):
                self.i += 2
                keys = [k for k, _ in self._key()]
                self.i = self.t.index("]]", self.i) + 2
                table = self._resolve(keys, array=True)
                self.map.keys[table] = start
                self._ancestors(table[:-1], start)
            elif self.t[self.i] == "[":
                self.i += 1
                keys = [k for k, _ in self._key()]
                self.i = self.t.index("]", self.i) + 1
                table = self._resolve(keys, array=False)
                self._ancestors(table, start)
            else:
                self._keyval(table)

    def _ancestors(self, path: Path, offset: int) -> None:
        """``[event.organiser]`` also places ``event`` if no ``[event]`` header did."""
        for n in range(len(path), 0, -1):
            if path[:n] in self.map.keys:
                break
            self.map.keys[path[:n]] = offset

    def _resolve(self, keys: list[str], array: bool) -> Path:
        concrete: Path = ()
        for k in keys[:-1]:
            concrete += (k,)
            if concrete in self.aot:
                concrete += (self.aot[concrete] - 1,)
        full = concrete + (keys[-1],)
        if array:
            idx = self.aot.get(full, 0)
            self.aot[full] = idx + 1
            return full + (idx,)
        return full

    def _keyval(self, table: Path) -> None:
        parts = self._key()
        path = table
        for k, off in parts:
            path = path + (k,)
            self.map.keys.setdefault(path, off)
        self._skip_ws()
        if self.t[self.i] != "=":
            raise ValueError("expected =")
        self.i += 1
        self._skip_ws()
        self._value(path)

    def _value(self, path: Path) -> None:
        t, i = self.t, self.i
        if t.startswith(('"""', "'''"), i):
            end = _end_of_multiline(t, i)
            self.map.values[path] = Span(i, end, "ml-basic" if t[i] == '"' else "ml-literal")
            self.i = end
        elif t[i] == '"':
            end = _end_of_basic(t, i)
            self.map.values[path] = Span(i, end, "basic")
            self.i = end
        elif t[i] == "'":
            m = _matched(_LITERAL.match(t, i))
            self.map.values[path] = Span(i, m.end(), "literal")
            self.i = m.end()
        elif t[i] == "[":
            self._array(path)
        elif t[i] == "{":
            self._inline_table(path)
        else:
            m = _matched(_SCALAR.match(t, i))
            self.map.values[path] = Span(i, m.end(), "scalar")
            self.i = m.end()

    def _array(self, path: Path) -> None:
        start = self.i
        self.i += 1
        idx = 0
        while True:
            self._skip_ws_nl()
            if self.t[self.i] == "]":
                self.i += 1
                break
            elem = path + (idx,)
            self.map.keys.setdefault(elem, self.i)
            self._value(elem)
            idx += 1
            self._skip_ws_nl()
            if self.t[self.i] == ",":
                self.i += 1
        self.map.values[path] = Span(start, self.i, "array")

    def _inline_table(self, path: Path) -> None:
        start = self.i
        self.i += 1
        while True:
            self._skip_ws_nl()
            if self.t[self.i] == "}":
                self.i += 1
                break
            self._keyval(path)
            self._skip_ws_nl()
            if self.t[self.i] == ",":
                self.i += 1
        self.map.values[path] = Span(start, self.i, "table")


def _unescape(raw: str) -> str:
    return re.sub(
        r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)",
        lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] in "uU" else _ESCAPES.get(m.group(1), m.group(1)),
        raw,
    )


def build(text: str) -> SourceMap:
    """Scan ``text`` (valid TOML) and return its source map."""
    return _Scanner(text).run()


# -- comments carried over a rewrite ---------------------------------------------------------------------


@dataclass
class Comment:
    """A comment of a file, and what it belongs to (so a rewrite can put it back there)."""

    line: int
    col: int
    text: str  # from '#' to the end of its line
    anchor: Path | None  # the key, header or value it belongs to; None: the end of the file
    where: str  # before (a line above the key) | after-value | after-header | end | inside (a list or table)


def _counts(smap: SourceMap) -> dict[Path, int]:
    """How many elements each array (of tables or values) has, from the recorded keys."""
    out: dict[Path, int] = {}
    for path in smap.keys:
        if path and isinstance(path[-1], int):
            out[path[:-1]] = max(out.get(path[:-1], 0), path[-1] + 1)
    return out


def comments_of(smap: SourceMap, skip_first_line: bool = False) -> list[Comment]:
    """Every comment with its anchor: a comment line belongs to the key below it, a comment at
    the end of a line to the value (or table header) on that line."""
    t = smap.text
    by_offset: dict[int, Path] = {}
    for path, off in smap.keys.items():
        if len(path) > len(by_offset.get(off, ())):
            by_offset[off] = path  # [[remarks]] places ("remarks",) and ("remarks", 0): the longest wins
    offsets = sorted(by_offset)
    composite = [s for s in smap.values.values() if s.kind in ("array", "table")]
    spans = sorted(((s.end, -len(p), i) for i, (p, s) in enumerate(smap.values.items())))
    span_paths = list(smap.values)
    span_ends = [e for e, _, _ in spans]
    out = []
    for c in smap.comments:
        line, col = smap.line_col(c)
        if skip_first_line and line == 1:
            continue
        end = t.find("\n", c)
        text = t[c : end if end >= 0 else len(t)].rstrip("\r \t")
        line_start = t.rfind("\n", 0, c) + 1
        if any(s.start < c < s.end for s in composite):
            out.append(Comment(line, col, text, None, "inside"))
        elif not t[line_start:c].strip():
            k = bisect.bisect_right(offsets, c)
            if k < len(offsets):
                out.append(Comment(line, col, text, by_offset[offsets[k]], "before"))
            else:
                out.append(Comment(line, col, text, None, "end"))
        else:
            # the value ending last before the comment on its line (of several, the outer one)
            k = bisect.bisect_right(span_ends, c) - 1  # of values ending together, the outer one is last
            if k >= 0 and span_ends[k] >= line_start:
                out.append(Comment(line, col, text, span_paths[spans[k][2]], "after-value"))
            else:
                k = bisect.bisect_left(offsets, c) - 1
                anchor = by_offset[offsets[k]] if k >= 0 and offsets[k] >= line_start else None
                out.append(Comment(line, col, text, anchor, "after-header" if anchor is not None else "inside"))
    return out


def _at(data: Any, path: Path) -> Any:
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _same_id(old_data: Any, new_data: Any, item: Path) -> bool:
    """Whether the list item at ``item`` is the same one before and after (people have ids)."""
    a, b = _at(old_data, item), _at(new_data, item)
    return isinstance(a, dict) and isinstance(b, dict) and a.get("id") is not None and a.get("id") == b.get("id")


def carry_comments(
    old: str, new: str, skip_first_line: bool = False, old_data: Any = None, new_data: Any = None
) -> tuple[str, list[Comment], list[Comment]]:
    """``new`` (valid TOML, LF) with the comments of ``old`` put back where their keys now are.

    Returns the text, the comments kept and the comments that could not be placed: inside a
    list or inline table (the canonical form writes those anew), on a key that is gone, or
    in a list of items whose length changed (an index may now name another item), unless
    ``old_data`` and ``new_data`` show the item has the same ``id`` (a person). If
    ``old`` could not be scanned, every ``#`` line of it counts as lost.
    """
    old_map = build(old)
    if not old_map.complete:
        lost = [
            Comment(i, ln.index("#") + 1, ln.strip(), None, "inside")
            for i, ln in enumerate(old.split("\n"), 1)
            if "#" in ln and not (skip_first_line and i == 1)
        ]
        return new, [], lost
    comments = comments_of(old_map, skip_first_line)
    if not comments:
        return new, [], []
    new_map = build(new)
    old_counts, new_counts = _counts(old_map), _counts(new_map)
    inserts: list[tuple[int, int, str]] = []
    kept, lost = [], []
    for order, cm in enumerate(comments):
        anchor = cm.anchor
        pos: int | None = None
        if cm.where == "end":
            pos = len(new)
        elif anchor is not None and all(
            old_counts.get(anchor[:i]) == new_counts.get(anchor[:i]) or _same_id(old_data, new_data, anchor[: i + 1])
            for i, part in enumerate(anchor)
            if isinstance(part, int)
        ):
            if cm.where == "before" and anchor in new_map.keys:
                pos = new.rfind("\n", 0, new_map.keys[anchor]) + 1
            elif cm.where == "after-value" and anchor in new_map.values:
                pos = new_map.values[anchor].end
            elif cm.where == "after-header" and anchor in new_map.keys:
                off = new_map.keys[anchor]
                pos = new.find("\n", off) if new.startswith("[", off) else new.rfind("\n", 0, off) + 1
                if not new.startswith("[", off):
                    cm = Comment(cm.line, cm.col, cm.text, anchor, "before")
        if pos is None or pos < 0:
            lost.append(cm)
            continue
        if cm.where in ("before", "end"):
            piece = cm.text + "\n" if cm.where == "before" or new.endswith("\n") else "\n" + cm.text + "\n"
        else:
            piece = "  " + cm.text
        inserts.append((pos, order, piece))
        kept.append(cm)
    pieces, last = [], 0
    for pos, _order, piece in sorted(inserts):
        pieces.append(new[last:pos])
        pieces.append(piece)
        last = pos
    pieces.append(new[last:])
    return "".join(pieces), kept, lost
