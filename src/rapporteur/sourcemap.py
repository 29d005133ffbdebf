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

from .positions import decoded_offsets

Path = tuple  # of str | int

_WS = re.compile(r"[ \t]*")
_WS_NL_COMMENT = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# Possessive loops (*+, ++): a plain loop keeps a backtracking point per character it
# passes, so scanning a 10 MB string took 1.2 GB.
_BASIC = re.compile(r'"(?:[^"\\\n]++|\\.)*+"')
_LITERAL = re.compile(r"'[^'\n]*'")
_ML_BASIC_BODY = re.compile(r'(?:[^"\\]++|\\[\s\S]|"(?!""))*+"""', re.S)
_ML_LITERAL_BODY = re.compile(r"(?:[^']++|'(?!''))*+'''", re.S)
_SCALAR = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?"
    r"|[^\s,\]\}#]+"
)
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}


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
        self.i = _WS.match(self.t, self.i).end()

    def _skip_ws_nl(self) -> None:
        while True:
            m = _WS_NL_COMMENT.match(self.t, self.i)
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
                m = _BASIC.match(self.t, self.i)
                raw = m.group()[1:-1]
                parts.append((_unescape(raw), start))
                self.i = m.end()
            elif c == "'":
                m = _LITERAL.match(self.t, self.i)
                parts.append((m.group()[1:-1], start))
                self.i = m.end()
            else:
                m = _BARE_KEY.match(self.t, self.i)
                if not m:
                    raise ValueError("bad key")
                parts.append((m.group(), start))
                self.i = m.end()
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
        if t.startswith('"""', i):
            m = _ML_BASIC_BODY.match(t, i + 3)
            end = m.end()
            while end < len(t) and t[end] == '"' and end - m.end() < 2:
                end += 1
            self.map.values[path] = Span(i, end, "ml-basic")
            self.i = end
        elif t.startswith("'''", i):
            m = _ML_LITERAL_BODY.match(t, i + 3)
            end = m.end()
            while end < len(t) and t[end] == "'" and end - m.end() < 2:
                end += 1
            self.map.values[path] = Span(i, end, "ml-literal")
            self.i = end
        elif t[i] == '"':
            m = _BASIC.match(t, i)
            self.map.values[path] = Span(i, m.end(), "basic")
            self.i = m.end()
        elif t[i] == "'":
            m = _LITERAL.match(t, i)
            self.map.values[path] = Span(i, m.end(), "literal")
            self.i = m.end()
        elif t[i] == "[":
            self._array(path)
        elif t[i] == "{":
            self._inline_table(path)
        else:
            m = _SCALAR.match(t, i)
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
