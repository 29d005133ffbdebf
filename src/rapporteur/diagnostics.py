"""One diagnostic type for every problem, and the renderers CI and people read.

A TOML syntax error, a schema error, an incomplete final report and a house-style
finding are the same thing to a user: something at a place in a file, with a
message and perhaps a hint. The CLI renders them as text, JSON or GitHub
annotations; the editor lists them and jumps to ``path``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal, TextIO

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Diagnostic:
    """A problem at a place in a report file.

    ``path`` is the field path in the report (``sessions[0].presentations[0].speakers[1]``),
    empty for problems of the file as a whole. ``code`` is a stable id: a validation
    type (``toml-syntax``, ``unknown-key``, ``reference`` ...) or a house-style rule id.
    """

    file: str
    message: str
    code: str
    severity: Severity = "error"
    line: int | None = None
    col: int | None = None
    path: str = ""
    hint: str | None = None
    end_line: int | None = field(default=None, compare=False)
    end_col: int | None = field(default=None, compare=False)
    #: The field path as keys and indices; ``path`` is its printed form. Positions
    #: are looked up from this, never by re-parsing ``path`` (keys may hold any character).
    loc: tuple = field(default=(), compare=False, repr=False)

    def with_file(self, file: str) -> Diagnostic:
        return replace(self, file=file)

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.col or 0, SEVERITY_ORDER[self.severity], self.path, self.code)

    def location(self) -> str:
        if self.line is None:
            return self.file
        if self.col is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.col}"

    def full_message(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


_BARE = re.compile(r"[A-Za-z0-9_-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


#: Keys longer than this are shown cut short (a pasted paragraph used as a key must not make a
#: diagnostic line of 100,000 characters); no key of the schema comes near it.
KEY_WIDTH = 60


def shorten(text: str, width: int = KEY_WIDTH) -> str:
    """``text``, or its start and end around an ellipsis when it is longer than ``width``."""
    if len(text) <= width:
        return text
    return text[: width - 12] + "…" + text[-11:]


def quote_key(key: str) -> str:
    """A key as TOML would write it: bare when it can be, else a quoted string (long keys cut short)."""
    key = shorten(key)
    if _BARE.fullmatch(key):
        return key
    return '"' + printable(key.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def printable(text: str) -> str:
    """Control characters shown as escapes, so one diagnostic stays one line and no terminal codes leak."""
    return _CONTROL.sub(
        lambda m: {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(m.group(), f"\\u{ord(m.group()):04x}"), text
    )


def format_path(loc: Sequence[str | int]) -> str:
    """``('sessions', 0, 'speakers')`` -> ``sessions[0].speakers`` (odd keys quoted)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + quote_key(str(part))
    return out


def parse_path(path: str) -> tuple[str | int, ...]:
    """The inverse of :func:`format_path` for paths of schema names (what the editor jumps to)."""
    parts: list[str | int] = []
    for m in re.finditer(r'\[(\d+)\]|"((?:[^"\\]|\\.)*)"|([^.\[\]"]+)', path):
        if m.group(1) is not None:
            parts.append(int(m.group(1)))
        elif m.group(2) is not None:
            parts.append(re.sub(r"\\(.)", r"\1", m.group(2)))
        else:
            parts.append(m.group(3))
    return tuple(parts)


def diagnostic_at(loc: Sequence[str | int], message: str, code: str, **kw: Any) -> Diagnostic:
    """A diagnostic for a field of the report (file and position filled in later by ``place``)."""
    loc = tuple(loc)
    return Diagnostic("", message, code, path=format_path(loc), loc=loc, **kw)


# -- renderers --------------------------------------------------------------------------

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def use_colour(stream: TextIO, choice: str = "auto") -> bool:
    """``--color`` wins; otherwise colour only on a terminal and never under NO_COLOR."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def render_text(diags: Iterable[Diagnostic], colour: bool = False) -> str:
    """``file:line:col: severity[code] path: message (hint)``, one per line (grep- and editor-friendly)."""
    lines = []
    for d in diags:
        sev: str = d.severity
        if colour:
            sev = f"{_COLOURS[d.severity]}{sev}{_RESET}"
            loc = f"{_BOLD}{d.location()}{_RESET}"
        else:
            loc = d.location()
        where = f"{d.path}: " if d.path else ""
        code = f"[{d.code}]"
        if colour:
            code = f"{_DIM}{code}{_RESET}"
        lines.append(printable(f"{loc}: {sev}{code} {where}{d.full_message()}"))
    return "\n".join(lines)


def to_json_obj(d: Diagnostic) -> dict:
    obj = asdict(d)
    obj["type"] = obj.pop("code")
    for internal in ("end_line", "end_col", "loc"):
        obj.pop(internal)
    return obj


def render_json(diags: Sequence[Diagnostic], files_checked: int, status: str | None = None) -> str:
    """One JSON document: ``{"status", "files_checked", "summary", "problems": [...]}``."""
    errors = sum(d.severity == "error" for d in diags)
    warnings = sum(d.severity == "warning" for d in diags)
    if status is None:
        status = "fail" if errors else "ok"
    doc = {
        "status": status,
        "files_checked": files_checked,
        "summary": {"errors": errors, "warnings": warnings, "info": len(diags) - errors - warnings},
        "problems": [to_json_obj(d) for d in diags],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _gh_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(s: str) -> str:
    return _gh_escape_data(s).replace(":", "%3A").replace(",", "%2C")


_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _workspace_path(file: str) -> str:
    """Annotations are matched to files relative to the checkout (GITHUB_WORKSPACE)."""
    ws = os.environ.get("GITHUB_WORKSPACE")
    if not ws or not file:
        return file
    try:
        rel = os.path.relpath(os.path.abspath(file), ws)
    except ValueError:
        return file
    return file if rel.startswith("..") else rel.replace(os.sep, "/")


def render_github(diags: Iterable[Diagnostic]) -> str:
    """GitHub Actions workflow commands: ``::error file=F,line=L,col=C,title=T::message``."""
    out = []
    for d in diags:
        props = [f"file={_gh_escape_prop(_workspace_path(d.file))}"]
        if d.line is not None:
            props.append(f"line={d.line}")
        if d.col is not None:
            props.append(f"col={d.col}")
        title = f"{d.code}: {d.path}" if d.path else d.code
        props.append(f"title={_gh_escape_prop(title)}")
        out.append(f"::{_GH_LEVEL[d.severity]} {','.join(props)}::{_gh_escape_data(d.full_message())}")
    return "\n".join(out)


def display_path(path: str | os.PathLike) -> str:
    """Relative POSIX path without ``./`` when under the working directory, else as given."""
    p = os.fspath(path)
    # The common cases without relpath (which asks for the working folder and normalises twice):
    if p and not os.path.isabs(p) and ".." not in p.split(os.sep):
        # relative and never leaving the working folder: relpath would only normalise it
        return os.path.normpath(p).replace(os.sep, "/")
    if os.sep == "/" and os.path.isabs(p):  # POSIX: paths compare as strings
        cwd = os.getcwd()
        norm = os.path.normpath(p)
        if norm != cwd and not norm.startswith(cwd.rstrip(os.sep) + os.sep):
            return p  # outside the working folder: shown as given
    try:
        rel = os.path.relpath(p)
    except ValueError:
        return p.replace(os.sep, "/")
    if rel.startswith(".." + os.sep) or rel == "..":
        return p.replace(os.sep, "/") if not os.path.isabs(p) else p
    return rel.replace(os.sep, "/")
