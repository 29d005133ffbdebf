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
import types
import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, diagnostic_at, parse_path, printable, shorten
from .normalise import SCHEMA_VERSION
from .tomlio import Source, read_source

if TYPE_CHECKING:  # the models are imported only where they are needed: see fastvalidate
    from . import model as m


def _close_matches(word: str, possibilities, n: int = 1, cutoff: float = 0.6) -> list:
    """difflib's near misses, imported only when a report has a problem to hint at."""
    import difflib

    return difflib.get_close_matches(word, possibilities, n=n, cutoff=cutoff)


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


def _unwrap(annotation):
    """The model class or item type behind Optional[...] / list[...] / Annotated[...]."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def model_at(loc: tuple):
    """The model class that holds the last key of ``loc`` (``None`` if not a model)."""
    from pydantic import BaseModel

    from .model import Report

    cls: object = Report
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
            return None
        f = cls.model_fields.get(part)
        if f is None:
            return None
        ann = _unwrap(f.annotation)
        if typing.get_origin(ann) is list:
            ann = _unwrap(typing.get_args(ann)[0])
        cls = ann
    return cls if isinstance(cls, type) and issubclass(cls, BaseModel) else None


def field_info(loc: tuple):
    """The pydantic FieldInfo for the field at ``loc`` (list indices skipped), if any."""
    keys = [p for p in loc if not isinstance(p, int)]
    if not keys:
        return None
    cls = model_at(tuple(keys))
    if cls is None:
        return None
    return cls.model_fields.get(keys[-1])


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
            hint = f"did you mean '{close[0]}'?" if close else "valid keys here: " + ", ".join(names)
    elif kind == "literal_error":
        code = "value"
        if loc == ("meta", "schema_version") and not isinstance(value, int):
            msg = f"expected the integer {SCHEMA_VERSION}, found {_toml_kind(value)}"
        elif loc == ("meta", "schema_version"):
            msg = f"schema_version {value!r} is not one this rapporteur reads (it reads {SCHEMA_VERSION})"
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
            return None, _merge_typos([_from_pydantic(e) for e in _dedupe_unions(exc.errors(include_url=False))])
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


def _discussion_refs(d: m.Discussion | None, at: tuple) -> Iterator[tuple[tuple, str]]:
    if d is None:
        return
    for i, q in enumerate(d.questions):
        if q.asker:
            yield (*at, "questions", i, "asker"), q.asker
        for j, r in enumerate(q.responses):
            if r.by:
                yield (*at, "questions", i, "responses", j, "by"), r.by


def person_refs(report: m.Report) -> Iterator[tuple[tuple, str]]:
    """Every person reference in the report, with its field path."""
    for i, pid in enumerate(report.event.attendees):
        yield ("event", "attendees", i), pid
    for i, r in enumerate(report.remarks):
        if r.by:
            yield ("remarks", i, "by"), r.by
    for i, s in enumerate(report.sessions):
        if s.chair:
            yield ("sessions", i, "chair"), s.chair
        if s.moderator:
            yield ("sessions", i, "moderator"), s.moderator
        for j, p in enumerate(s.presentations):
            for k, pid in enumerate(p.speakers):
                yield ("sessions", i, "presentations", j, "speakers", k), pid
        yield from _discussion_refs(s.discussion, ("sessions", i, "discussion"))
    yield from _discussion_refs(report.discussion, ("discussion",))
    if report.rapporteur and report.rapporteur.person:
        yield ("rapporteur", "person"), report.rapporteur.person


def check_structure(report: m.Report) -> list[Diagnostic]:
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
    lists = [(("event", "attendees"), report.event.attendees)] + [
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
    questions = [(("discussion",), report.discussion)] + [
        (("sessions", i, "discussion"), s.discussion) for i, s in enumerate(report.sessions)
    ]
    for at, d in questions:
        for i, q in enumerate(d.questions if d else []):
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
    return out


# -- completeness ----------------------------------------------------------------------


def _incomplete(loc: tuple, message: str, hint: str | None = None) -> Diagnostic:
    return diagnostic_at(loc, message, "incomplete", hint=hint)


def _discussion_texts(d: m.Discussion | None, at: tuple) -> Iterator[tuple[tuple, str | None]]:
    if d is None:
        return
    if d.intro is not None:
        yield (*at, "intro"), d.intro
    for i, q in enumerate(d.questions):
        yield (*at, "questions", i, "text"), q.text
        for j, r in enumerate(q.responses):
            yield (*at, "questions", i, "responses", j, "text"), r.text
    if d.observations is not None:
        yield (*at, "observations"), d.observations


def text_fields(report: m.Report) -> Iterator[tuple[tuple, str | None]]:
    """Every prose block a reader will see, in report order, with its path."""
    if report.lead is not None:
        yield ("lead", "text"), report.lead.text
    if report.summary is not None:
        yield ("summary", "text"), report.summary.text
    for i, r in enumerate(report.remarks):
        yield ("remarks", i, "text"), r.text
    for i, s in enumerate(report.sessions):
        if s.introduction is not None:
            yield ("sessions", i, "introduction"), s.introduction
        for j, p in enumerate(s.presentations):
            for k, sec in enumerate(p.sections):
                yield ("sessions", i, "presentations", j, "sections", k, "text"), sec.text
        yield from _discussion_texts(s.discussion, ("sessions", i, "discussion"))
    yield from _discussion_texts(report.discussion, ("discussion",))
    if report.implications is not None:
        yield ("implications", "text"), report.implications.text
    if report.conclusion is not None and report.conclusion.text is not None:
        yield ("conclusion", "text"), report.conclusion.text


def has_body(report: m.Report) -> bool:
    """At least one part with something said in it: presentation, remarks or discussion."""
    if any(sec.text.strip() for s in report.sessions for p in s.presentations for sec in p.sections):
        return True
    if any(r.text.strip() for r in report.remarks):
        return True
    for d in [report.discussion, *(s.discussion for s in report.sessions)]:
        if d and (any(q.text.strip() for q in d.questions) or (d.observations or "").strip() or d.issues_raised):
            return True
    return False


def check_completeness(report: m.Report) -> list[Diagnostic]:
    """What a final report must have. Returned for drafts too: the editor shows them as to-dos."""
    out: list[Diagnostic] = []
    ev = report.event
    if not ev.title.strip():
        out.append(_incomplete(("event", "title"), "the event has no title"))
    if not ev.organiser.name.strip():
        out.append(_incomplete(("event", "organiser", "name"), "the organiser has no name"))
    for i, p in enumerate(report.people):
        if not p.name.strip():
            out.append(_incomplete(("people", i, "name"), f"person '{p.id}' has no name"))
    if not has_body(report):
        out.append(
            _incomplete(
                ("sessions",),
                "the report has nothing said in it yet",
                "write a presentation, remarks, or the discussion",
            )
        )
    for i, s in enumerate(report.sessions):
        if not s.presentations:
            out.append(_incomplete(("sessions", i, "presentations"), "this session has no presentation"))
        for j, p in enumerate(s.presentations):
            if not p.speakers and not ev.chatham_house:
                out.append(
                    _incomplete(
                        ("sessions", i, "presentations", j, "speakers"),
                        "this presentation has no speaker",
                        "only a report under the Chatham House Rule may leave speakers out",
                    )
                )
            if not p.sections:
                out.append(
                    _incomplete(("sessions", i, "presentations", j, "sections"), "this presentation has no text")
                )
    for i, r in enumerate(report.remarks):
        if not r.by and not ev.chatham_house:
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
    discussions = [(("discussion",), report.discussion)] + [
        (("sessions", i, "discussion"), s.discussion) for i, s in enumerate(report.sessions)
    ]
    for at, d in discussions:
        for i, item in enumerate(d.issues_raised if d else []):
            if not item.strip():
                out.append(_incomplete((*at, "issues_raised", i), "this issue is empty"))
        # A blank optional text reads as absent (text = "  " is no text), so a part can be
        # present with nothing in it at all: an empty block in the published report.
        if d is not None and not (d.intro or d.questions or d.observations or d.issues_raised):
            out.append(_incomplete(at, "this discussion is empty", "write it, or remove the part"))
    c = report.conclusion
    if c is not None and not (c.text or c.takeaways):
        out.append(_incomplete(("conclusion",), "the conclusion is empty", "write it, or remove the part"))
    if report.implications is not None and not report.implications.audience.strip():
        out.append(_incomplete(("implications", "audience"), "say whose implications these are", 'e.g. "India"'))
    r = report.rapporteur
    if r is None:
        out.append(
            _incomplete(
                ("rapporteur",), "nobody is named as rapporteur", 'add [rapporteur] for the "Report prepared by" line'
            )
        )
    elif not r.person and not (r.name or "").strip():
        out.append(_incomplete(("rapporteur",), "the rapporteur has no name", "give person = an id, or name"))
    return out


# -- the whole pipeline ------------------------------------------------------------------


@dataclasses.dataclass
class Result:
    source: Source
    report: m.Report | None
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


def validate_report(report: m.Report, final: bool | None = None) -> list[Diagnostic]:
    """Structure, plus completeness when the report is final (or ``final`` asks for it)."""
    diags = check_structure(report)
    if final or (final is None and report.meta.status == "final"):
        diags += check_completeness(report)
    return diags


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
    if fast:
        from . import fastvalidate

        data = fastvalidate.parse(source.data)
        if data is not None:
            diags = place(validate_report(data, final), source)
            diags.sort(key=Diagnostic.sort_key)
            return Result(source, data, diags)
    report, diags = parse_report(source.data)
    if report is not None:
        diags = validate_report(report, final)
    diags = place(diags, source)
    diags.sort(key=Diagnostic.sort_key)
    return Result(source, report, diags)


def validate_file(path, shown: str | None = None, final: bool | None = None) -> Result:
    """Read, parse and validate one file. Raises :class:`~rapporteur.tomlio.ReportIOError`.

    ``Result.report`` is set whenever the data fits the model, even if references
    are broken: ``fmt`` and the editor can still work with it.
    """
    return validate_source(read_source(path, shown), final)
