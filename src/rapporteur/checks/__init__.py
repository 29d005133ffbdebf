"""House-style checks: what an editor would catch, as diagnostics.

``run_checks(report, source=None, style=None, select=(), ignore=())`` is the one
entry point, shared by ``rapporteur check`` and the editor. Each finding is a
:class:`~rapporteur.diagnostics.Diagnostic` whose ``code`` is the rule id (see
:data:`RULES`, or ``rapporteur check --list-rules``), with the rule's severity
(after ``[house.severity]``), the field ``path``, a message and a hint that says
how to fix it.

Positions:

* with ``source`` (the :class:`~rapporteur.tomlio.Source` the report was read
  from), ``line``/``col`` (and ``end_line``/``end_col``, exclusive) are the
  file's, pointing at the offending words *inside* the TOML string; findings
  about a field as a whole point at its key;
* without it (the editor, on a report held in memory), ``file`` is empty and,
  for findings about words, ``line``/``col`` count inside the field's own text
  (1-based, as the model holds it: stripped, so line 1 is its first line) and
  ``end_line``/``end_col`` end the words; other findings have no position.

Findings the report silences in ``meta.silence`` (rule id or prefix, with a
reason, optionally limited to a field path and everything under it) are dropped;
a silence naming no rule, or silencing nothing, is itself reported.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import model as m
from ..diagnostics import Diagnostic, format_path, parse_path
from ..style import DEFAULT_STYLE, HouseStyle
from . import acronyms, consistency, dates, length, people, typography
from .context import Context, Field, Finding, reading_key
from .registry import FAMILIES, RULES, Rule, UnknownRule, enabled_rules, expand, severity_of, split_selectors

__all__ = [
    "FAMILIES",
    "RULES",
    "Rule",
    "UnknownRule",
    "Finding",
    "expand",
    "run_checks",
    "find",
    "rules_for",
    "split_selectors",
]

FAMILY_MODULES = (people, acronyms, dates, consistency, typography, length)
_STRING_KINDS = ("basic", "literal", "ml-basic", "ml-literal")


def _as_tuple(value) -> tuple:
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def rules_for(style: HouseStyle | None = None, select=(), ignore=()) -> frozenset[str]:
    """The ids of the rules that run with this style and these command-line selections."""
    style = style or DEFAULT_STYLE
    return enabled_rules(style.select, style.ignore, _as_tuple(select), _as_tuple(ignore))


def find(report: m.Report, style: HouseStyle | None = None, select=(), ignore=()) -> tuple[Context, list[Finding]]:
    """The findings (not yet diagnostics), silences applied, in reading order."""
    style = style or DEFAULT_STYLE
    enabled = rules_for(style, select, ignore)
    ctx = Context(report, style, enabled)
    found: list[Finding] = []
    for module in FAMILY_MODULES:
        if any(RULES[r].family == module.FAMILY for r in enabled):
            found.extend(f for f in module.check(ctx) if f.rule in enabled)
    found = _silence(report, found, enabled)
    found.sort(key=lambda f: (reading_key(report, tuple(f.path)), -1 if f.start is None else f.start, f.rule))
    return ctx, found


def _silence(report: m.Report, found: list[Finding], enabled: frozenset[str]) -> list[Finding]:
    silences = report.meta.silence
    if not silences:
        return found
    own = frozenset(r for r in RULES if r.startswith("silence-"))
    extra: list[Finding] = []
    matchers = []
    for i, s in enumerate(silences):
        try:
            ids = expand(s.rule) - own
        except UnknownRule as exc:
            extra.append(
                Finding(
                    "silence-unknown-rule",
                    ("meta", "silence", i, "rule"),
                    f"meta.silence names '{s.rule}', which is not a rule or rule prefix",
                    exc.hint,
                )
            )
            ids = frozenset()
        try:
            prefix = parse_path(s.path) if s.path else ()
        except ValueError:
            prefix = ("\0",)
        matchers.append((ids, prefix))
    used = [False] * len(matchers)
    kept = []
    for f in found:
        hit = False
        for i, (ids, prefix) in enumerate(matchers):
            if f.rule in ids and tuple(f.path[: len(prefix)]) == prefix:
                used[i] = hit = True
        if not hit:
            kept.append(f)
    for i, (ids, _prefix) in enumerate(matchers):
        if ids and not used[i] and ids <= enabled:
            where = f" under {silences[i].path}" if silences[i].path else ""
            extra.append(
                Finding(
                    "silence-unused",
                    ("meta", "silence", i),
                    f"this silence of '{silences[i].rule}'{where} silences nothing",
                    "remove it (the finding it was for is gone), or correct its rule or path",
                )
            )
    return kept + [f for f in extra if f.rule in enabled]


def run_checks(
    report: m.Report,
    source=None,
    style: HouseStyle | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[Diagnostic]:
    """Run the house-style checks on a report; raises :class:`UnknownRule` for a bad selector."""
    style = style or DEFAULT_STYLE
    ctx, found = find(report, style, select, ignore)
    fields = {f.path: f for f in ctx.fields}
    locator = _Locator(source) if source is not None and source.text else None
    out = []
    for f in found:
        out.append(_diagnostic(f, fields.get(tuple(f.path)), style, locator, source))
    if locator is not None:
        out.sort(key=Diagnostic.sort_key)
    return out


def _diagnostic(f: Finding, fld: Field | None, style: HouseStyle, locator, source) -> Diagnostic:
    line = col = end_line = end_col = None
    if locator is not None:
        (line, col), (end_line, end_col) = locator.place(f, fld)
    elif fld is not None and f.start is not None:
        line, col = _relative(fld.text, f.start)
        end_line, end_col = _relative(fld.text, f.end if f.end is not None else f.start)
    return Diagnostic(
        source.path if source is not None else "",
        f.message,
        f.rule,
        severity_of(f.rule, style.severity),
        line,
        col,
        format_path(f.path),
        f.hint,
        end_line,
        end_col,
        loc=tuple(f.path),
    )


def _relative(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


class _Locator:
    """Field offsets -> the file's line and column, each string's layout computed once."""

    def __init__(self, source):
        self.source = source
        self.sm = source.source_map
        self._fast: dict[tuple, int | None] = {}

    def _raw(self, path: tuple):
        value = self.source.data
        try:
            for part in path:
                value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
        return value if isinstance(value, str) else None

    def _content_start(self, path: tuple) -> int | None:
        """Offset of the string's first decoded character when it decodes one-to-one (no escapes, no CR)."""
        if path in self._fast:
            return self._fast[path]
        span = self.sm.values.get(path)
        start = None
        if span is not None and span.kind in _STRING_KINDS:
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

    def _raw_index(self, raw: str, fld: Field, index: int) -> int:
        if not fld.normalised:
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

    def _at(self, path: tuple, fld: Field, raw: str, index: int) -> tuple[int, int]:
        ri = self._raw_index(raw, fld, index)
        start = self._content_start(path)
        if start is not None:
            return self.sm.line_col(start + min(ri, len(raw)))
        pos = self.sm.locate_in_value(path, ri)
        return pos if pos else (1, 1)

    def place(self, f: Finding, fld: Field | None) -> tuple[tuple[int, int], tuple[int | None, int | None]]:
        path = tuple(f.path)
        if fld is not None and f.start is not None:
            raw = self._raw(path)
            if raw is not None:
                begin = self._at(path, fld, raw, f.start)
                end = self._at(path, fld, raw, f.end if f.end is not None else f.start)
                return begin, end
        line, col = self.source.position(path) if path else (1, 1)
        return (line or 1, col or 1), (None, None)
