"""The rules of the programme that pydantic's per-field checks cannot see (schema version 2).

Days (an event of several days, a session's own day and time), roles (``other`` needs a
label; a role names somebody), addresses (``by`` or ``by_description``; text where something
was said) and slim reports. :mod:`rapporteur.validate` calls them with the rest of its
structure and completeness rules; they are apart only to keep each module readable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from .diagnostics import Diagnostic, diagnostic_at
from .view import ReportView

#: The completeness messages of a final report with only a summary, only key takeaways, or both,
#: and nothing else said, with the ``[house] slim`` kinds that let each pass (see :mod:`rapporteur.style`).
SLIM_MESSAGES: dict[str, frozenset[str]] = {
    "the report has only a summary": frozenset({"summary"}),
    "the report has only key takeaways": frozenset({"takeaways"}),
    "the report has only a summary and key takeaways": frozenset({"summary", "takeaways"}),
}
SLIM_KINDS = ("summary", "takeaways")


def _value(loc: tuple, message: str, hint: str | None = None) -> Diagnostic:
    return diagnostic_at(loc, message, "value", hint=hint)


def _times(at: tuple, start: dt.time | None, end: dt.time | None, what: str) -> Iterator[Diagnostic]:
    if start and end and end <= start:
        yield _value((*at, "end_time"), f"{what} ends ({end.isoformat()}) before it starts ({start.isoformat()})")
    if end and not start:
        yield _value((*at, "end_time"), "an end time needs a start time")


def _roles(at: tuple, roles: Sequence) -> Iterator[Diagnostic]:
    for i, entry in enumerate(roles):
        if entry.role == "other" and not (entry.label or "").strip():
            yield _value(
                (*at, i, "label"),
                'a role "other" needs a label: the words printed for it',
                'e.g. label = "Special Guest"',
            )
        for k, pid in enumerate(entry.people):
            if pid in entry.people[:k]:
                yield diagnostic_at((*at, i, "people", k), f"'{pid}' is listed twice", "duplicate-id")


def structure(report: ReportView) -> list[Diagnostic]:
    """Days, times, roles and addresses that contradict themselves (drafts too)."""
    out: list[Diagnostic] = []
    ev = report.event
    first, last = ev.date, ev.end_date or ev.date
    if ev.end_date is not None and ev.end_date < ev.date:
        out.append(
            _value(
                ("event", "end_date"),
                f"the event's last day ({ev.end_date.isoformat()}) is before its first ({ev.date.isoformat()})",
                "end_date is the last day of an event of several days; leave it out for one day",
            )
        )
        last = ev.date
    out += _roles(("event", "roles"), ev.roles)
    for i, s in enumerate(report.sessions):
        if s.date is not None and not first <= s.date <= last:
            days = first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
            out.append(
                _value(
                    ("sessions", i, "date"),
                    f"the session's day ({s.date.isoformat()}) is not a day of the event ({days})",
                    "correct the date, or the event's date and end_date",
                )
            )
        out += _times(("sessions", i), s.start_time, s.end_time, "the session")
        out += _roles(("sessions", i, "roles"), s.roles)
    for i, r in enumerate(report.remarks):
        if r.by and r.by_description:
            out.append(_value(("remarks", i), "give either by (a person id) or by_description, not both"))
        if r.role == "other" and not (r.label or "").strip():
            out.append(
                _value(
                    ("remarks", i, "label"),
                    'remarks with role "other" need a label: the words printed for them',
                    'e.g. label = "Lamp lighting"',
                )
            )
        if r.also is not None and r.also == r.role:
            out.append(_value(("remarks", i, "also"), f"also repeats the role ('{r.role}')", "leave it out"))
    for i, d in enumerate(ev.delegations):
        if d.leader and d.leader in d.members:
            out.append(
                diagnostic_at(
                    ("event", "delegations", i, "members"),
                    f"'{d.leader}' leads the delegation and is also listed as a member",
                    "duplicate-id",
                    hint="list the leader only as leader",
                )
            )
    return out


def _incomplete(loc: tuple, message: str, hint: str | None = None) -> Diagnostic:
    return diagnostic_at(loc, message, "incomplete", hint=hint)


def completeness(report: ReportView) -> list[Diagnostic]:
    """What a final report's programme must have, besides :func:`rapporteur.validate.check_completeness`."""
    out: list[Diagnostic] = []
    ev = report.event
    for i, r in enumerate(report.remarks):
        if r.role != "other" and r.text is None:
            out.append(
                _incomplete(
                    ("remarks", i, "text"),
                    "these remarks have no text",
                    'write what was said; a ceremony with nothing said is role = "other" with a label',
                )
            )
    for at, roles in [(("event", "roles"), ev.roles)] + [
        (("sessions", i, "roles"), s.roles) for i, s in enumerate(report.sessions)
    ]:
        for i, entry in enumerate(roles):
            if not entry.people and not ev.chatham_house:
                out.append(
                    _incomplete(
                        (*at, i, "people"),
                        "this role names nobody",
                        "give the people who held it, or remove the role (only the Chatham House Rule leaves them out)",
                    )
                )
    for i, p in enumerate(ev.partners):
        if not p.name.strip():
            out.append(_incomplete(("event", "partners", i, "name"), "this partner has no name"))
    return out


def slim_message(report: ReportView) -> str | None:
    """The completeness message of a report with nothing said but a summary or key takeaways (a "slim"
    report, allowed by ``[house] slim``), or None when it has neither."""
    summary = report.summary is not None and bool(report.summary.text.strip())
    takeaways = report.conclusion is not None and any(t.strip() for t in report.conclusion.takeaways)
    if report.sessions or not (summary or takeaways):
        return None
    kinds = frozenset(k for k, has in (("summary", summary), ("takeaways", takeaways)) if has)
    return next(msg for msg, want in SLIM_MESSAGES.items() if want == kinds)


def slim(report: ReportView) -> Diagnostic | None:
    """The completeness problem of a slim report, worded so that ``[house] slim`` can let it pass."""
    message = slim_message(report)
    if message is None:
        return None
    kinds = " or ".join(f'"{k}"' for k in SLIM_KINDS if k in SLIM_MESSAGES[message])
    return _incomplete(
        ("sessions",),
        message,
        f"write a presentation, remarks or the discussion; or, if the organisation publishes such reports,"
        f" allow them in the house style: [house] slim = [{kinds}]",
    )
