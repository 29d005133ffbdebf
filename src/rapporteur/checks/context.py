"""What every rule reads: the report's prose in reading order, and findings.

Rules never touch the file. They report a :class:`Finding`: a field path and,
for text, character offsets into the field's text *as the model holds it*
(normalised: stripped, one final newline). :mod:`rapporteur.checks` turns those
into diagnostics with the file's line and column.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from functools import cached_property

from pydantic import BaseModel

from .. import model as m
from ..style import HouseStyle
from ..validate import person_refs, text_fields

#: Kinds of prose: ``text`` (paragraphs), ``heading`` (section headings), ``item``
#: (issues raised, key takeaways), ``line`` (the attendance sentence), ``title``
#: (titles of the event, sessions, talks and addresses: quoted as given, so only
#: typography applies to them).
PROSE_KINDS = ("text", "heading", "item", "line")


@dataclass(frozen=True)
class Field:
    path: tuple
    text: str
    kind: str
    normalised: bool  # held as model.normalise_text made it (Text fields)
    order: int = 0

    @property
    def is_lead(self) -> bool:
        return self.path[:1] == ("lead",)


@dataclass
class Finding:
    rule: str
    path: tuple
    message: str
    hint: str | None = None
    start: int | None = None  # offset in the field's text, when the finding is about words in it
    end: int | None = None


def _unwrap(ann):
    while True:
        origin = typing.get_origin(ann)
        if origin is typing.Annotated:
            ann = typing.get_args(ann)[0]
        elif origin is typing.Union or (origin is not None and getattr(origin, "__name__", "") == "UnionType"):
            args = [a for a in typing.get_args(ann) if a is not type(None)]
            ann = args[0]
        elif origin is list:
            ann = typing.get_args(ann)[0]
        else:
            return ann


_ORDER_CACHE: dict = {}


def order_key(path: tuple) -> tuple:
    """A key that sorts field paths in the report's own order (the models' field order)."""
    hit = _ORDER_CACHE.get(path)
    if hit is not None:
        return hit
    cls: object = m.Report
    out: list = []
    for part in path:
        if isinstance(part, int):
            out.append(part)
            continue
        if isinstance(cls, type) and issubclass(cls, BaseModel) and part in cls.model_fields:
            names = list(cls.model_fields)
            out.append(names.index(part))
            ann = _unwrap(cls.model_fields[part].annotation)
            if isinstance(ann, str):  # a forward reference such as "Discussion"
                ann = getattr(m, ann, None)
            cls = ann
        else:
            out.append(999)
            cls = None
    if path == ("event", "attendance"):
        # the attendance sentence closes the lead paragraph
        out = order_key(("lead", "text")) + (1,)  # type: ignore[assignment]
    key = tuple(out)
    _ORDER_CACHE[path] = key
    return key


def _extra_fields(report: m.Report):
    """Prose outside validate.text_fields: headings, list items, attendance, titles."""
    ev = report.event
    yield ("event", "title"), ev.title, "title", False
    if ev.attendance:
        yield ("event", "attendance"), ev.attendance, "line", False
    for i, r in enumerate(report.remarks):
        if r.title:
            yield ("remarks", i, "title"), r.title, "title", False
    discussions = [(("discussion",), report.discussion)]
    for i, s in enumerate(report.sessions):
        if s.title:
            yield ("sessions", i, "title"), s.title, "title", False
        for j, p in enumerate(s.presentations):
            if p.title:
                yield ("sessions", i, "presentations", j, "title"), p.title, "title", False
            for k, sec in enumerate(p.sections):
                if sec.heading:
                    yield ("sessions", i, "presentations", j, "sections", k, "heading"), sec.heading, "heading", False
        discussions.append((("sessions", i, "discussion"), getattr(s, "discussion", None)))
    for at, d in discussions:
        for i, item in enumerate(d.issues_raised if d else []):
            yield (*at, "issues_raised", i), item, "item", False
    if report.conclusion:
        for i, item in enumerate(report.conclusion.takeaways):
            yield ("conclusion", "takeaways", i), item, "item", False


#: A discussion as the export prints it: introduction, issues raised (i), (ii) ..., questions, observations.
_DISCUSSION_ORDER = {"intro": 0, "issues_raised": 1, "questions": 2, "observations": 3}


def reading_key(report: m.Report, path: tuple) -> tuple:
    """The order a reader meets a field in the exported report: as :func:`order_key`, except
    that closing remarks (concluding, vote of thanks) come after the discussion, and a
    discussion's issues raised come before its questions."""
    if len(path) > 1 and path[0] == "remarks" and isinstance(path[1], int) and path[1] < len(report.remarks):
        if report.remarks[path[1]].role in m.CLOSING_ROLES:
            return order_key(("discussion",)) + (10**6,) + tuple(order_key(path)[1:])
    key = order_key(path)
    if "discussion" in path:
        at = len(path) - 1 - path[::-1].index("discussion")
        if at + 1 < len(path) and path[at + 1] in _DISCUSSION_ORDER:
            key = key[: at + 1] + (_DISCUSSION_ORDER[path[at + 1]],) + key[at + 2 :]
    return key


def collect_fields(report: m.Report) -> list[Field]:
    raw = [(path, text, "text", True) for path, text in text_fields(report) if text]
    raw += [(path, text, kind, norm) for path, text, kind, norm in _extra_fields(report) if text]
    raw.sort(key=lambda r: reading_key(report, r[0]))
    return [Field(path, text, kind, norm, i) for i, (path, text, kind, norm) in enumerate(raw)]


class Context:
    """One run of the checks over one report: shared, lazily computed facts."""

    def __init__(self, report: m.Report, style: HouseStyle, enabled: frozenset[str]):
        self.report = report
        self.style = style
        self.enabled = enabled
        self.fields = collect_fields(report)

    def on(self, *rule_ids: str) -> bool:
        return any(r in self.enabled for r in rule_ids)

    @cached_property
    def prose(self) -> list[Field]:
        """Fields a reader reads as prose (titles excluded)."""
        return [f for f in self.fields if f.kind in PROSE_KINDS]

    @cached_property
    def has_lead_text(self) -> bool:
        return self.report.lead is not None and bool(self.report.lead.text.strip())

    @cached_property
    def person_refs(self) -> list[tuple[tuple, str]]:
        return list(person_refs(self.report))

    @cached_property
    def mentions(self):
        from .mentions import scan

        return scan(self)

    @cached_property
    def discussions(self) -> list[tuple[tuple, m.Discussion]]:
        out = []
        if self.report.discussion is not None:
            out.append((("discussion",), self.report.discussion))
        for i, s in enumerate(self.report.sessions):
            d = getattr(s, "discussion", None)
            if d is not None:
                out.append((("sessions", i, "discussion"), d))
        return out


_SENTENCE_END = re.compile(r"[.!?:;]\s*$")


def sentence_initial(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence (or paragraph): the start of the text, or after . ! ? : ;"""
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0\"'“‘*([":
        i -= 1
    if i < 0 or text[i] == "\n":
        return True
    return text[i] in ".!?:;"
