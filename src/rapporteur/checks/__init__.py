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
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, format_path, parse_path
from ..positions import Locator, relative
from ..rules import FAMILIES, RULES, Rule, UnknownRule, enabled_rules, expand, severity_of, split_selectors
from ..style import DEFAULT_STYLE, HouseStyle
from . import acronyms, consistency, dates, length, notes, people, typography
from .context import Context, Field, Finding, reading_key

if TYPE_CHECKING:
    from ..tomlio import Source
    from ..view import ReportView

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

FAMILY_MODULES = (people, acronyms, dates, consistency, typography, length, notes)


def _as_tuple(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def rules_for(
    style: HouseStyle | None = None, select: str | Iterable[str] = (), ignore: str | Iterable[str] = ()
) -> frozenset[str]:
    """The ids of the rules that run with this style and these command-line selections."""
    style = style or DEFAULT_STYLE
    return enabled_rules(style.select, style.ignore, _as_tuple(select), _as_tuple(ignore))


def find(
    report: ReportView,
    style: HouseStyle | None = None,
    select: str | Iterable[str] = (),
    ignore: str | Iterable[str] = (),
) -> tuple[Context, list[Finding]]:
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


def _silence(report: ReportView, found: list[Finding], enabled: frozenset[str]) -> list[Finding]:
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
    report: ReportView,
    source: Source | None = None,
    style: HouseStyle | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[Diagnostic]:
    """Run the house-style checks on a report; raises :class:`UnknownRule` for a bad selector."""
    style = style or DEFAULT_STYLE
    ctx, found = find(report, style, select, ignore)
    fields = {f.path: f for f in ctx.fields}
    locator = Locator(source) if source is not None and source.text else None
    out = []
    for f in found:
        out.append(_diagnostic(f, fields.get(tuple(f.path)), style, locator, source))
    if locator is not None:
        out.sort(key=Diagnostic.sort_key)
    return out


def _diagnostic(
    f: Finding, fld: Field | None, style: HouseStyle, locator: Locator | None, source: Source | None
) -> Diagnostic:
    line = col = end_line = end_col = None
    if locator is not None:
        start = f.start if fld is not None else None
        (line, col), (end_line, end_col) = locator.place(
            tuple(f.path), start, f.end, fld is not None and fld.normalised
        )
    elif fld is not None and f.start is not None:
        line, col = relative(fld.text, f.start)
        end_line, end_col = relative(fld.text, f.end if f.end is not None else f.start)
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
