"""Reading report files: bytes -> TOML data, with every problem positioned.

Reading never raises for bad *content*: every problem becomes a
:class:`~rapporteur.diagnostics.Diagnostic` with a position. Problems reaching the
file at all (missing, a directory, no permission) raise :class:`ReportIOError`,
which the CLI turns into exit code 2.

Writing (the canonical form, atomic saves) is :mod:`rapporteur.tomlwrite`'s.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Diagnostic, format_path
from .ioerrors import io_message

SCHEMA_FILENAME = "event-report.schema.json"
SCHEMA_DIRECTIVE = re.compile(r"^#:schema[ \t]+(\S.*?)[ \t]*$")
MAX_BYTES = 64 * 1024 * 1024  # far beyond any report; keeps memory bounded

_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TUPLE_KEY = re.compile(r"""\(((?:(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"),? ?)+)\)""")
_TOML_EOF = re.compile(r"\s*\(at end of document\)\s*$")


class ReportIOError(Exception):
    """The file could not be read or written at all (exit code 2)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass
class Source:
    """A report file as read: its text and parsed data, or the problems that stopped it."""

    path: str  # as shown to the user
    text: str = ""
    data: dict | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    had_bom: bool = False
    _map: Any = None
    #: Where values the schema migration moved stood in the file (see :func:`rapporteur.migrate.moved`).
    moved: dict[tuple, tuple] = field(default_factory=dict)

    @property
    def source_map(self) -> Any:
        """The key -> position index, built on first use (only when something must be placed)."""
        if self._map is None:
            from . import sourcemap

            self._map = sourcemap.build(self.text)
        return self._map

    @property
    def newline(self) -> str:
        """The file's line ending: kept when it is rewritten (a Windows checkout stays CRLF)."""
        first = self.text.find("\n")
        return "\r\n" if first > 0 and self.text[first - 1] == "\r" else "\n"

    @property
    def schema_directive(self) -> str | None:
        first = self.text.split("\n", 1)[0]
        m = SCHEMA_DIRECTIVE.match(first.rstrip("\r"))
        return m.group(1) if m else None

    def position(self, loc: Any) -> tuple[int | None, int | None]:
        if not self.text:
            return (None, None)
        loc = tuple(loc)
        for n in range(len(loc), 0, -1):
            if loc[:n] in self.moved:  # a version 1 chair is at its old key
                loc = self.moved[loc[:n]]
                break
        pos = self.source_map.find(loc)
        return pos if pos else (1, 1)


_io_message = io_message  # the public name is ioerrors.io_message; this alias keeps old imports working


def read_bytes(path: str | os.PathLike, shown: str | None = None) -> bytes:
    """The file's bytes; only regular files of sane size are read (a FIFO must not hang us)."""
    shown = shown or os.fspath(path)
    not_a_report = "is a directory, not a report file"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        raise ReportIOError(shown, not_a_report) from None
    except OSError as exc:
        raise ReportIOError(shown, _io_message(exc, path)) from None
    limit = f"the limit is {MAX_BYTES // 2**20} MiB"
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ReportIOError(shown, not_a_report)
        if not stat.S_ISREG(st.st_mode):
            raise ReportIOError(shown, "is not a regular file (a pipe, socket or device)")
        if st.st_size > MAX_BYTES:
            raise ReportIOError(shown, f"file is too large to be a report ({st.st_size / 1e6:.0f} MB; {limit})")
        # plain reads on the descriptor: a buffered file object costs more than the read itself
        chunks = []
        left = MAX_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, max(st.st_size + 1, 1 << 16)))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        if len(data) > MAX_BYTES:
            raise ReportIOError(shown, f"file is too large to be a report ({limit})")
        return data
    except OSError as exc:
        raise ReportIOError(shown, _io_message(exc, path)) from None
    finally:
        if fd >= 0:
            os.close(fd)


def read_regular(path: str | os.PathLike, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file (a configuration file, say), never blocking on a FIFO or reading a device.

    Raises :class:`OSError`: :class:`IsADirectoryError`, or one whose ``strerror`` says
    the file is not a regular file or is over ``limit`` bytes.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", os.fspath(path))
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "is not a regular file (a pipe, socket or device)", os.fspath(path))
        if st.st_size <= limit:  # refused without reading when the size says so already
            with os.fdopen(fd, "rb") as fh:
                fd = -1
                data = fh.read(limit + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    if st.st_size > limit or len(data) > limit:
        raise OSError(errno.EFBIG, f"is too large (over {limit // 2**20} MiB)", os.fspath(path))
    return data


def decode(raw: bytes, shown: str) -> tuple[str | None, bool, list[Diagnostic]]:
    """UTF-8 text, whether a BOM was dropped, and any problem (with its position)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return (
            None,
            False,
            [
                Diagnostic(
                    shown,
                    "this file is UTF-16 text; reports are UTF-8",
                    "encoding",
                    line=1,
                    col=1,
                    hint="save the file as UTF-8",
                )
            ],
        )
    bom = raw.startswith(b"\xef\xbb\xbf")
    if bom:
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _byte_position(raw, nul)
        return (
            None,
            bom,
            [
                Diagnostic(
                    shown,
                    "this is a binary file (it contains NUL bytes), not a TOML report",
                    "encoding",
                    line=line,
                    col=col,
                )
            ],
        )
    try:
        return raw.decode("utf-8"), bom, []
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        bad = raw[exc.start : exc.start + 1].hex().upper()
        hint = "save the file as UTF-8"
        try:
            raw.decode("cp1252")
            hint = "it looks like Latin-1 or Windows-1252 text; save the file as UTF-8"
        except UnicodeDecodeError:
            pass
        return (
            None,
            bom,
            [
                Diagnostic(
                    shown, f"not valid UTF-8: byte 0x{bad} cannot be decoded", "encoding", line=line, col=col, hint=hint
                )
            ],
        )


def _position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", "replace")) + 1
    return line, col


_SYNTAX_HINTS = [
    (
        "Illegal character '\\n'",
        'a string is not closed before the end of the line: close the quote, or use """ for text over several lines',
    ),
    ("Cannot overwrite a value", "this key is already set above: a key may appear only once in a table"),
    ("Cannot declare", "this table header appears twice: merge the two tables"),
    ("Invalid value", 'strings need quotes; dates are written 2024-06-24; a list is written ["a", "b"]'),
    ("Invalid date or datetime", "dates are written YYYY-MM-DD and must exist (e.g. 2024-06-24)"),
    ("Unclosed array", "a list must end with ]"),
    ("Unclosed inline table", "an inline table must end with }"),
    ("Unterminated string", "close the string with the quote it was opened with"),
    ("Expected '=' after a key", "write key = value"),
    ("Illegal character", "control characters must be escaped, e.g. \\t"),
]


_WORD_CHARS = {
    "\u201c": 'curly quotes cannot open a TOML string: use straight quotes "..." (curly quotes inside the text are fine)',
    "\u201d": 'curly quotes cannot close a TOML string: use straight quotes "..."',
    "\u2018": "curly quotes cannot open a TOML string: use straight quotes",
    "\u2019": "curly quotes cannot close a TOML string: use straight quotes",
    "\u00a0": "a non-breaking space (U+00A0) is here, probably pasted from a word processor: use a normal space",
    "\u200b": "a zero-width space (U+200B) is here: delete it",
    "\ufeff": "a byte-order mark (U+FEFF) is here: delete it",
}
_TRIPLE = re.compile(r'"""|' + "'" * 3)


_OPENS_A_STRING = re.compile(r"""^[ \t]*(?:[A-Za-z0-9_.-]+|"[^"\n]*"|'[^'\n]*')[ \t]*=[ \t]*$""")


def _unclosed_triple_quote(text: str) -> int | None:
    """Offset of a multi-line string opener that was never closed.

    When a closing delimiter is forgotten, the parser pairs the opener with the
    *next* value's opening quotes (``text = \"\"\"``) and fails far below. Pair the
    delimiters as the parser does; the first pair whose "closer" stands right
    after ``key =`` is the real culprit.
    """
    i = 0
    while True:
        m = _TRIPLE.search(text, i)
        if m is None:
            return None
        delim = m.group()
        end = m.end()
        while True:
            end = text.find(delim, end)
            if end < 0:
                return m.start()
            if delim == '"""' and text[end - 1] == "\\" and text[end - 2] != "\\":
                end += 1
                continue
            break
        line_start = text.rfind("\n", 0, end) + 1
        if _OPENS_A_STRING.match(text[line_start:end]):
            return m.start()
        i = end + 3


def _explain(text: str, msg: str, line: int, col: int) -> tuple[str | None, int, int]:
    """A hint for people, and a better position when the parser noticed the problem late."""
    lines = text.split("\n")
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    for ch, hint in _WORD_CHARS.items():
        k = current.find(ch, 0, col)
        if k >= 0:
            return hint, line, k + 1
    if msg.startswith(("Invalid hex value", "Unescaped '\\'")):
        return "a backslash starts an escape in \"...\" strings: write \\\\ or use a '...' literal string", line, col
    if re.search(r"=\s*\d{4}-\d{1,2}-\d{1,2}\b", current) and not re.search(r"=\s*\d{4}-\d{2}-\d{2}\b", current):
        return "dates need two-digit months and days: 2024-06-24", line, col
    # What TOML 1.1 allows and TOML 1.0 (the format of reports) does not:
    if msg.startswith("Expected newline") and re.search(r"=[ \t]*(?:\d{4}-\d{2}-\d{2}[Tt ])?\d{1,2}:\d{2}", current):
        return "times are written with seconds, from 00:00:00 to 23:59:59 (e.g. 10:00:00)", line, col
    if msg.startswith("Invalid initial character for a key part") and current.rfind("{", 0, col - 1) > current.rfind(
        "}", 0, col - 1
    ):
        return (
            "an inline table { ... } must stay on one line and not end with a comma: write it as a [table] instead",
            line,
            col,
        )
    opened = _unclosed_triple_quote(text)
    if opened is not None:
        oline = text.count("\n", 0, opened) + 1
        if oline < line:
            ocol = opened - (text.rfind("\n", 0, opened) + 1) + 1
            return "this multi-line string is never closed: end it with the same three quotes", oline, ocol
    found: str | None = next((h for key, h in _SYNTAX_HINTS if msg.startswith(key)), None)
    return found, line, col


def _toml_key_path(match: re.Match) -> str:
    """tomllib names tables as Python tuples ('a', 'b'); people know them as [a.b]."""
    import ast

    try:
        # the group may end in the tuple's own comma: ('summary',)
        parts = ast.literal_eval("(" + match.group(1).rstrip(", ") + ",)")
    except (ValueError, SyntaxError):
        return match.group(0)
    return "[" + format_path(tuple(parts)) + "]"


def _fast_parser() -> Any:
    """rtoml (Rust) when installed and not switched off: about 10x faster than tomllib on reports.

    Only the happy path uses it. Whatever it rejects is parsed again by tomllib,
    which decides (so the two never disagree on a file we accept) and gives the
    message and position people see.
    """
    if os.environ.get("RAPPORTEUR_TOML_PARSER", "").lower() == "tomllib":
        return None
    try:
        import rtoml
    except ImportError:
        return None
    return rtoml.loads


_FAST_LOADS = _fast_parser()


def parser_name() -> str:
    return "rtoml" if _FAST_LOADS is not None else "tomllib"


#: rtoml reads TOML 1.1, which tomllib (and taplo, and the JSON Schema validators) do not:
#: newlines and trailing commas in inline tables, \e and \x escapes, times without seconds.
#: A file that may use any of them is judged by tomllib, so no file passes with one parser
#: and fails with the other.
_ESCAPE_1_1 = re.compile(r"\\[ex]")
_TIME_1_1 = re.compile(r"=[ \t]*\d\d:\d\d(?!:)")

#: Keys of more parts than this (a.b.c...) are refused before tomllib reads them: its time
#: grows with the square of a key's length (a 50,000-part key takes minutes and gigabytes),
#: and no report has a key of more than four parts.
MAX_KEY_PARTS = 128
#: One ``part.`` of a dotted key (quoted parts as "unrolled loops", which keep no state per character).
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\n]*')[ \t]*\.[ \t]*"""
#: Bounded repeats: at most MAX_KEY_PARTS steps of backtracking state, whatever the input (the
#: possessive loops once used here do not match before CPython 3.11.3).
_KEY_CHAIN_TOO_LONG = re.compile(f"(?:{_KEY_PART}){{{MAX_KEY_PARTS}}}")
#: Chains worth a look: where a key can start (not inside a word, nor after a backslash) and long.
_KEY_CHAIN = re.compile(rf"(?<![\\A-Za-z0-9_-])(?:{_KEY_PART}){{16,{MAX_KEY_PARTS}}}")


def _long_key(text: str) -> int | None:
    """The offset of a dotted key of more than :data:`MAX_KEY_PARTS` parts, if any.

    Keys never span lines, so only lines with that many dots are looked at; in them each
    chain of ``part.`` is matched once, in bounded steps: a linear scan.
    """
    if text.count(".") < MAX_KEY_PARTS:
        return None
    line_start = 0
    while line_start <= len(text):
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = len(text)
        if text.count(".", line_start, line_end) >= MAX_KEY_PARTS:
            for m in _KEY_CHAIN.finditer(text, line_start, line_end):
                if m.end() - m.start() >= 2 * MAX_KEY_PARTS and _KEY_CHAIN_TOO_LONG.match(text, m.start(), line_end):
                    return m.start()
        line_start = line_end + 1
    return None


def _fast_verdict_stands(text: str, data: dict) -> bool:
    """Whether what rtoml accepted is TOML 1.0 as well, read as tomllib reads it (cheap checks: most
    reports pass them all). A carriage return sends the file to tomllib: rtoml keeps a CRLF file's
    line ends (CR LF) inside multi-line strings, where tomllib gives a plain newline."""
    if "{" in text or "\r" in text or ("\\" in text and _ESCAPE_1_1.search(text)):
        return False
    event = data.get("event")
    if isinstance(event, dict) and any(isinstance(event.get(k), dt.time) for k in ("start_time", "end_time")):
        return _TIME_1_1.search(text) is None  # only event times can pass the schema
    return True


def parse_text(text: str, shown: str) -> tuple[dict | None, list[Diagnostic]]:
    if _FAST_LOADS is not None:
        try:
            data = _FAST_LOADS(text)
        except Exception:
            pass
        else:
            if _fast_verdict_stands(text, data):
                return data, []
    long_key = _long_key(text)
    if long_key is not None:
        kline, kcol = _position(text, long_key)
        return None, [
            Diagnostic(
                shown,
                f"a key of more than {MAX_KEY_PARTS} dotted parts: the file is nested too deeply to be a report",
                "toml-syntax",
                line=kline,
                col=kcol,
            )
        ]
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as exc:
        msg = getattr(exc, "msg", None) or str(exc)
        line: int | None = getattr(exc, "lineno", None)
        col: int | None = getattr(exc, "colno", None)
        m = _TOML_POS.search(msg)
        if m:
            line, col = int(m.group(1)), int(m.group(2))
            msg = msg[: m.start()]
        elif _TOML_EOF.search(msg):
            msg = _TOML_EOF.sub("", msg) + " at the end of the file"
            line = text.count("\n") + 1
            col = len(text.rsplit("\n", 1)[-1]) + 1
        hint, line, col = _explain(text, msg, line or 1, col or 1)
        msg = _TUPLE_KEY.sub(_toml_key_path, msg)
        message = "TOML syntax error: " + msg[:1].lower() + msg[1:]
        return None, [Diagnostic(shown, message, "toml-syntax", line=line, col=col, hint=hint)]
    except RecursionError:
        return None, [Diagnostic(shown, "the file is nested too deeply to be a report", "toml-syntax", line=1, col=1)]


def read_source(path: str | os.PathLike, shown: str | None = None) -> Source:
    """Read and parse a report file. Raises :class:`ReportIOError`; content problems are diagnostics."""
    shown = shown or os.fspath(path)
    raw = read_bytes(path, shown)
    return parse_source(raw, shown)


def parse_source(raw: bytes | str, shown: str) -> Source:
    if isinstance(raw, bytes):
        text, bom, diags = decode(raw, shown)
        if text is None:
            return Source(shown, "", None, diags, bom)
    else:
        text, bom = raw, False
    data, diags = parse_text(text, shown)
    if data is None:
        return Source(shown, text, data, diags, bom)
    from .migrate import migrate, moved

    upgraded, notes = migrate(data)
    if not notes:
        return Source(shown, text, data, diags, bom)
    at = ("meta", "schema_version")
    diags = diags + [Diagnostic(shown, n, "schema-version", "info", path=format_path(at), loc=at) for n in notes]
    return Source(shown, text, upgraded, diags, bom, moved=moved(data))
