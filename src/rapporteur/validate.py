"""Structural and completeness validation, as diagnostics a person can act on.

Two levels:

* **structure** (always): types, unknown and missing keys (pydantic), unique ids,
  every person reference resolves, times in order;
* **completeness** (``status = "final"`` or ``--final``): what a publishable report
  must have. A draft may be incomplete and still valid.

Functions here return diagnostics with field paths; :func:`place` gives them the
file's line and column when there is a file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from . import validate_programme, walk
from .diagnostics import Diagnostic, diagnostic_at, parse_path, printable, shorten
from .introspect import Loc, field_info, model_at
from .normalise import SCHEMA_VERSION
from .tomlio import Source, read_source

if TYPE_CHECKING:  # the models are imported only where they are needed: see fastvalidate
    from . import model as m
    from .judgement import Judgement
    from .view import DiscussionView, ReportView


def _close_matches(word: str, possibilities: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """difflib's near misses, imported only when a report has a problem to hint at."""
    import difflib

    return difflib.get_close_matches(word, list(possibilities), n=n, cutoff=cutoff)


# -- pydantic errors -> diagnostics -----------------------------------------------------


def _toml_kind(value: object) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'the string "{printable(shown)}"'
    if isinstance(value, dt.datetime):
        return f"the date-time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"the time {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


_TYPE_NAMES = {
    "string_type": "text (a quoted string)",
    "int_type": "an integer",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a table",
    "dict_type": "a table",
    "model_attributes_type": "a table",
    "time_type": "a TOML time such as 10:00:00 (no quotes)",
    "float_type": "a number",
}


def _from_pydantic(err: dict) -> Diagnostic:
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    key = printable(shorten(str(loc[-1]))) if loc else ""
    hint = None
    code = "type"
    if kind == "missing":
        code = "missing-key"
        msg = f"missing required key '{key}'"
        info = field_info(loc)
        if info is not None and info.description:
            hint = info.description.rstrip(".")
    elif kind == "extra_forbidden":
        code = "unknown-key"
        msg = f"unknown key '{key}'"
        owner = model_at(loc)
        if owner is not None:
            names = list(owner.model_fields)
            close = _close_matches(str(key), names, n=1, cutoff=0.6)
            shown = ", ".join(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "")
            hint = f"did you mean '{close[0]}'?" if close else "valid keys here: " + shown
            if owner.__name__ == "Session" and key in ("chair", "moderator"):
                hint = f'schema version 2 writes a session\'s {key} as a role: [[sessions.roles]] role = "{key}", people = [ids]'
    elif kind == "literal_error":
        code = "value"
        if loc == ("meta", "schema_version") and not isinstance(value, int):
            msg = f"expected the integer {SCHEMA_VERSION}, found {_toml_kind(value)}"
        elif loc == ("meta", "schema_version"):
            msg = f"schema_version {value!r} is not one this rapporteur reads (it reads 1 and {SCHEMA_VERSION})"
            hint = "upgrade rapporteur" if isinstance(value, int) and value > SCHEMA_VERSION else None
        else:
            expected = err.get("ctx", {}).get("expected", "")
            msg = f"{_toml_kind(value)} is not allowed here; expected {expected}"
            choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
            close = _close_matches(str(value), choices, n=1, cutoff=0.5) if isinstance(value, str) else []
            if close:
                hint = f"did you mean '{close[0]}'?"
    elif kind in ("date_type", "date_parsing", "date_from_datetime_inexact", "date_from_datetime_parsing"):
        msg = f"expected a TOML date such as 2024-06-24, found {_toml_kind(value)}"
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value.strip())
                hint = "remove the quotes: TOML dates are written without them"
            except ValueError:
                hint = "write the date as YYYY-MM-DD without quotes"
        elif isinstance(value, dt.datetime):
            hint = "give the day only, without a time"
    elif kind == "string_pattern_mismatch":
        code = "value"
        msg = f"{_toml_kind(value)} is not a valid id"
        hint = "ids use lower-case letters, digits, - and _ and start with a letter or digit"
    elif kind == "string_too_long":
        code = "value"
        msg = f"{_toml_kind(value)} is too long (at most {err.get('ctx', {}).get('max_length')} characters)"
    elif kind == "value_error":
        code = "value"
        msg = err["msg"].removeprefix("Value error, ")
    elif kind in _TYPE_NAMES:
        msg = f"expected {_TYPE_NAMES[kind]}, found {_toml_kind(value)}"
        header = ".".join(str(p) for p in loc if not isinstance(p, int))
        if kind == "model_type":
            msg = f"expected a table, found {_toml_kind(value)}"
            if isinstance(value, list):
                hint = f"write [{header}] with single brackets: it is one table, not a list of them"
        if kind == "list_type" and isinstance(value, dict):
            hint = f"write [[{header}]] with double brackets, once for each entry"
        if kind == "string_type" and isinstance(value, (int, float, dt.date, dt.time)):
            hint = "put the value in quotes"
    else:
        msg = err["msg"]
    return diagnostic_at(loc, msg, code, hint=hint)


def _dedupe_unions(errors: list[dict]) -> list[dict]:
    """Pydantic reports one error per union member; keep the first per location."""
    seen, out = set(), []
    for e in errors:
        loc = tuple(p for p in e["loc"] if not (isinstance(p, str) and p.startswith(("function-", "nullable"))))
        e = {**e, "loc": loc}
        if (loc, e["type"]) in seen:
            continue
        seen.add((loc, e["type"]))
        out.append(e)
    return out


def parse_report(data: dict) -> tuple[m.Report | None, list[Diagnostic]]:
    """Data -> Report, or the structural problems (without positions)."""
    if not data:
        return None, [
            Diagnostic(
                "",
                "the file is empty: a report needs at least a [meta] and an [event] table",
                "empty",
                hint="start from `rapporteur new FILE` or a file in examples/",
            )
        ]
    from pydantic import ValidationError

    from .model import Report

    try:
        return Report.model_validate(data), []
    except ValidationError as exc:
        try:
            return None, _merge_typos(
                [_from_pydantic(e) for e in _dedupe_unions([dict(e) for e in exc.errors(include_url=False)])]
            )
        except RecursionError:
            pass
    except RecursionError:
        pass
    return None, [
        diagnostic_at(_too_deep(data) or (), "this value is nested far too deeply to be part of a report", "type")
    ]


MAX_DEPTH = 24  # a report nests about 8 deep; anything near the interpreter's stack is an attack or an accident


def _too_deep(data: dict) -> tuple | None:
    """The path of the first value nested beyond MAX_DEPTH (checked without recursion)."""
    stack: list[tuple[tuple, object]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        if len(loc) > MAX_DEPTH:
            return loc[: MAX_DEPTH + 1]
        if isinstance(value, dict):
            stack.extend(((*loc, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*loc, i), v) for i, v in enumerate(value))
    return None


def _merge_typos(diags: list[Diagnostic]) -> list[Diagnostic]:
    """``titel = ...`` is one mistake, not a missing ``title`` plus an unknown ``titel``."""
    unknown = {(d.loc[:-1], d.loc[-1]): d for d in diags if d.code == "unknown-key" and d.loc}
    out, merged = [], set()
    for d in diags:
        if d.code == "missing-key" and d.loc:
            parent, want = d.loc[:-1], d.loc[-1]
            typos = [k for (p, k) in unknown if p == parent and isinstance(k, str)]
            close = _close_matches(str(want), typos, n=1, cutoff=0.6)
            if close:
                typo = unknown[(parent, close[0])]
                merged.add(id(typo))
                out.append(dataclasses.replace(typo, hint=f"did you mean '{want}'? ('{want}' is required)"))
                continue
        out.append(d)
    return [d for d in out if id(d) not in merged]


# -- references and other cross-field rules ---------------------------------------------


def person_refs(report: ReportView) -> Iterator[tuple[Loc, str]]:
    """Every person reference in the report, with its field path."""
    return walk.person_refs(report)


def check_structure(report: ReportView) -> list[Diagnostic]:
    """Rules that pydantic's per-field checks cannot see."""
    out: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for i, p in enumerate(report.people):
        if p.id in seen:
            out.append(
                diagnostic_at(
                    ("people", i, "id"),
                    f"duplicate person id '{p.id}' (also people[{seen[p.id]}])",
                    "duplicate-id",
                    hint="give each person a different id",
                )
            )
        else:
            seen[p.id] = i
    ids = list(seen)
    for loc, pid in person_refs(report):
        if pid in seen:
            continue
        close = _close_matches(pid, ids, n=1, cutoff=0.6)
        known = ", ".join(ids[:12]) + (f" and {len(ids) - 12} more" if len(ids) > 12 else "")
        if not ids:
            hint = "the people registry is empty: add a [[people]] entry with this id"
        elif close:
            hint = f"did you mean '{close[0]}'? known ids: {known}"
        else:
            hint = f"known ids: {known}"
        out.append(diagnostic_at(loc, f"unknown person '{pid}'", "reference", hint=hint))
    lists: list[tuple[Loc, Sequence[str]]] = [(("event", "attendees"), report.event.attendees)] + [
        (("sessions", i, "presentations", j, "speakers"), p.speakers)
        for i, s in enumerate(report.sessions)
        for j, p in enumerate(s.presentations)
    ]
    for at, ids_ in lists:
        for k, pid in enumerate(ids_):
            if pid in ids_[:k]:
                out.append(
                    diagnostic_at((*at, k), f"'{pid}' is listed twice", "duplicate-id", hint="remove the repeat")
                )
    for at, d in walk.discussions(report):
        for i, q in enumerate(d.questions):
            if q.asker and q.asker_description:
                out.append(
                    diagnostic_at(
                        (*at, "questions", i),
                        "give either asker (a person id) or asker_description, not both",
                        "value",
                    )
                )
    if report.rapporteur and report.rapporteur.person and report.rapporteur.name:
        out.append(diagnostic_at(("rapporteur",), "give either person (an id) or name, not both", "value"))
    ev = report.event
    if ev.start_time and ev.end_time and ev.end_time <= ev.start_time:
        out.append(
            diagnostic_at(
                ("event", "end_time"),
                f"the event ends ({ev.end_time.isoformat()}) before it starts ({ev.start_time.isoformat()})",
                "value",
            )
        )
    if ev.end_time and not ev.start_time:
        out.append(diagnostic_at(("event", "end_time"), "an end time needs a start time", "value"))
    return out + validate_programme.structure(report)


# -- completeness ----------------------------------------------------------------------


#: The completeness message a house style with ``prepared_by = "optional"`` lets pass.
NO_RAPPORTEUR = "nobody is named as rapporteur"


def _incomplete(loc: tuple, message: str, hint: str | None = None) -> Diagnostic:
    return diagnostic_at(loc, message, "incomplete", hint=hint)


def text_fields(report: ReportView) -> Iterator[tuple[Loc, str]]:
    """Every prose block a reader will see, in report order, with its path."""
    return walk.texts(report)


def has_body(report: ReportView, discussions: list[tuple[Loc, DiscussionView]] | None = None) -> bool:
    """At least one part with something said in it: presentation, remarks or discussion."""
    if any(sec.text.strip() for s in report.sessions for p in s.presentations for sec in p.sections):
        return True
    if any((r.text or "").strip() for r in report.remarks):
        return True
    roles = [*report.event.roles, *(x for s in report.sessions for x in s.roles)]
    if any((x.text or "").strip() for x in roles):  # what a discussant or a chief guest said
        return True
    for _, d in walk.discussions(report) if discussions is None else discussions:
        if any(q.text.strip() for q in d.questions) or (d.observations or "").strip() or d.issues_raised:
            return True
    return False


def check_completeness(report: ReportView) -> list[Diagnostic]:
    """What a final report must have. Returned for drafts too: the editor shows them as to-dos."""
    out: list[Diagnostic] = []
    discussions = walk.discussions(report)
    ev = report.event
    if not ev.title.strip():
        out.append(_incomplete(("event", "title"), "the event has no title"))
    if not ev.organiser.name.strip():
        out.append(_incomplete(("event", "organiser", "name"), "the organiser has no name"))
    for i, p in enumerate(report.people):
        if not (p.name or "").strip() and not (p.designation or "").strip():
            out.append(
                _incomplete(
                    ("people", i, "name"),
                    f"person '{p.id}' has no name: a person needs a name or a designation",
                    'someone known only by office may have a designation alone ("Director General")',
                )
            )
    if not has_body(report, discussions):
        out.append(
            validate_programme.slim(report)
            or _incomplete(
                ("sessions",),
                "the report has nothing said in it yet",
                "write a presentation, remarks, or the discussion",
            )
        )
    for i, s in enumerate(report.sessions):
        if not s.presentations and not s.roles:  # roles alone: a discussion chaired or presided over
            out.append(_incomplete(("sessions", i, "presentations"), "this session has no presentation"))
        for j, pres in enumerate(s.presentations):
            if not pres.speakers and not ev.chatham_house:
                out.append(
                    _incomplete(
                        ("sessions", i, "presentations", j, "speakers"),
                        "this presentation has no speaker",
                        "only a report under the Chatham House Rule may leave speakers out",
                    )
                )
            if not pres.sections:
                out.append(
                    _incomplete(("sessions", i, "presentations", j, "sections"), "this presentation has no text")
                )
    for i, r in enumerate(report.remarks):
        if not r.by and not r.by_description and r.role != "other" and not ev.chatham_house:
            out.append(
                _incomplete(
                    ("remarks", i, "by"),
                    "these remarks say nobody gave them",
                    "only a report under the Chatham House Rule may leave remarks unattributed",
                )
            )
    for loc, text in text_fields(report):
        if not (text or "").strip():
            out.append(_incomplete(loc, "this text is empty", "write it, or remove the part"))
    for i, item in enumerate(report.conclusion.takeaways if report.conclusion else []):
        if not item.strip():
            out.append(_incomplete(("conclusion", "takeaways", i), "this key takeaway is empty"))
    for at, d in discussions:
        for i, item in enumerate(d.issues_raised):
            if not item.strip():
                out.append(_incomplete((*at, "issues_raised", i), "this issue is empty"))
        # A blank optional text reads as absent (text = "  " is no text), so a part can be
        # present with nothing in it at all: an empty block in the published report.
        if not (d.intro or d.questions or d.observations or d.issues_raised):
            out.append(_incomplete(at, "this discussion is empty", "write it, or remove the part"))
    out += validate_programme.completeness(report)
    c = report.conclusion
    if c is not None and not (c.text or c.takeaways):
        out.append(_incomplete(("conclusion",), "the conclusion is empty", "write it, or remove the part"))
    if report.implications is not None and not report.implications.audience.strip():
        out.append(_incomplete(("implications", "audience"), "say whose implications these are", 'e.g. "India"'))
    rap = report.rapporteur
    if report.meta.prepared_by_line is False:
        return out  # no line on purpose: nobody need be named
    if rap is None:
        out.append(
            _incomplete(
                ("rapporteur",),
                NO_RAPPORTEUR,
                'add [rapporteur] for the "Report prepared by" line, or set meta.prepared_by_line = false'
                " if the organisation publishes none",
            )
        )
    elif not rap.person and not (rap.name or "").strip():
        out.append(_incomplete(("rapporteur",), "the rapporteur has no name", "give person = an id, or name"))
    return out


# -- the whole pipeline ------------------------------------------------------------------


@dataclasses.dataclass
class Result:
    source: Source
    report: ReportView | None  # a Report, or the fast path's records: read-only either way
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


def place(diags: list[Diagnostic], source: Source | None) -> list[Diagnostic]:
    """Give each diagnostic its file, line and column from the source."""
    if source is None:
        return diags
    out = []
    for d in diags:
        if d.line is None and source.text:
            line, col = source.position(d.loc or parse_path(d.path))
            d = dataclasses.replace(d, line=line, col=col)
        out.append(dataclasses.replace(d, file=source.path))
    return out


def validate_report(report: ReportView, final: bool | None = None) -> list[Diagnostic]:
    """Structure, plus completeness when the report is final (or ``final`` asks for it)."""
    diags = check_structure(report)
    if final or (final is None and report.meta.status == "final"):
        diags += check_completeness(report)
    return diags


def _independent_of_structure(data: dict, final: bool | None) -> list[Diagnostic]:
    """What a final report that does not fit the model still lacks (see :mod:`rapporteur.judgement`)."""
    from .judgement import independent, salvage

    salvaged, set_aside = salvage(data)
    if salvaged is None or not (final or (final is None and salvaged.meta.status == "final")):
        return []
    return independent(check_completeness(salvaged), set_aside)


def judge(data: dict) -> Judgement:
    """Judge raw report data: structural problems always, completeness whatever the status."""
    from .judgement import Judgement, independent, salvage

    parts = [p.path for p in walk.parts(data)]
    report, structure = parse_report(data)
    if report is not None:
        return Judgement(report, check_structure(report), check_completeness(report), parts)
    if not data:
        return Judgement(None, structure, [], parts)
    salvaged, set_aside = salvage(data)
    if salvaged is None:
        return Judgement(None, structure, [], parts)
    return Judgement(None, structure, independent(check_completeness(salvaged), set_aside), parts)


def validate_source(source: Source, final: bool | None = None, fast: bool = False) -> Result:
    """Validate a parsed file.

    ``fast`` (what ``validate`` and ``export`` use) checks with the committed core
    schema and never builds the models unless something is wrong; ``Result.report``
    is then not a :class:`~rapporteur.model.Report` but the same validated data as
    records with the same attributes: enough for the rules and the exporters, which
    only read. Code that changes a report or writes TOML asks for the model.
    """
    if source.data is None:
        return Result(source, None, place(source.diagnostics, source))
    read = source.diagnostics  # what reading said of a file that parsed: a version 1 file read as 2
    if fast:
        from . import fastvalidate

        data = fastvalidate.parse(source.data)
        if data is not None:
            diags = place(read + validate_report(data, final), source)
            diags.sort(key=Diagnostic.sort_key)
            return Result(source, data, diags)
    report, diags = parse_report(source.data)
    if report is not None:
        diags = validate_report(report, final)
    elif source.data:
        diags = diags + _independent_of_structure(source.data, final)
    diags = place(read + diags, source)
    diags.sort(key=Diagnostic.sort_key)
    return Result(source, report, diags)


def validate_file(path: str | os.PathLike[str], shown: str | None = None, final: bool | None = None) -> Result:
    """Read, parse and validate one file. Raises :class:`~rapporteur.tomlio.ReportIOError`.

    ``Result.report`` is set whenever the data fits the model, even if references
    are broken: ``fmt`` and the editor can still work with it.
    """
    return validate_source(read_source(path, shown), final)
