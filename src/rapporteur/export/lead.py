"""The lead paragraph, composed from the event details when the report has none.

It follows the seed's form::

    Dr. M.S. Prathibha, Associate Fellow, Manohar Parrikar Institute for Defence
    Studies and Analyses (MP-IDSA) spoke on “China-Russia Relationship: A Greater
    Alignment?” at the Monday Morning Meeting held on 24 June 2024. The session was
    moderated by Dr. Prashant Kumar Singh, Research Fellow, MP-IDSA. MP-IDSA
    scholars attended the meeting.

Rules:

* one session with speakers: "<speakers> spoke on “<title>” at the <series> held on
  <date>", or "... at a <form> organised by <organiser> on <date>" without a series;
  then "The session was moderated by ..." / "chaired by ..." (both when both are
  given) from the session's ``moderator`` and ``chair``; a titled session is
  introduced with its own paragraph instead (see :mod:`.document`);
* several sessions, or nobody presenting: "<organiser> organised a <form> on
  “<title>” on <date>[ as part of the <series>]" (the sessions introduce their chairs);
* under the Chatham House Rule nobody is named: the organiser sentence, then "The
  discussion was held under the Chatham House Rule.";
* then the named attendees ("... was also present.", never under the Rule) and the
  attendance sentence, as written.

A lead written in the report (``[lead]``) is used as it stands: nothing is added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..terms import ROLES, find_person, role_entries
from .text import DEFAULT_PRINT, FORM_NOUNS, Mentions, PrintStyle, article, format_date, quoted, same_title, time_phrase

if TYPE_CHECKING:  # the exporters read validated data; they never need the model classes
    from ..view import PersonView, ReportView


class Fragment(NamedTuple):
    """A piece of composed text; ``path`` names the field it came from, ``marks`` whether to parse ``*``."""

    text: str
    path: str = ""
    marks: bool = False


def _series_phrase(series: str) -> str:
    series = " ".join(series.split())
    return series if series.lower().startswith("the ") else "the " + series


def speakers_of(report: ReportView) -> list[tuple[str, PersonView]]:
    """Everyone who presented, once each, in order, with the path of their first listing."""
    seen: set[str] = set()
    out = []
    for i, s in enumerate(report.sessions):
        for j, p in enumerate(s.presentations):
            for k, pid in enumerate(p.speakers):
                person = find_person(report, pid)
                if person is not None and pid not in seen:
                    seen.add(pid)
                    out.append((f"sessions[{i}].presentations[{j}].speakers[{k}]", person))
    return out


def session_roles(report: ReportView, index: int, mentions: Mentions) -> list[Fragment]:
    """``chaired by X`` / ``moderated by Y`` / ``chaired by X and moderated by Y`` (empty if neither)."""
    s = report.sessions[index]
    groups: list[list[Fragment]] = []
    for role in ("chair", "moderator"):  # chair first, whatever the file's order (as version 1 printed them)
        names = [
            Fragment(mentions.person(person), f"sessions[{index}].roles[{r}].people[{k}]")
            for r, entry in role_entries(s, role)
            for k, pid in enumerate(entry.people)
            if (person := find_person(report, pid)) is not None
        ]
        if names:
            groups.append([Fragment(f"{ROLES[role].by} "), *join_fragments(names)])
    out: list[Fragment] = []
    for n, group in enumerate(groups):
        if n:
            out.append(Fragment(" and "))
        out.extend(group)
    return out


def join_fragments(items: list[Fragment]) -> list[Fragment]:
    """:func:`~.text.join_list` for fragments: ``A and B``, ``A, B and C``, ``A; B; and C``."""
    if len(items) <= 1:
        return list(items)
    semi = any("," in f.text for f in items)
    if len(items) == 2:
        return [items[0], Fragment("; and " if semi else " and "), items[1]]
    out: list[Fragment] = []
    for n, item in enumerate(items):
        if n:
            last = n == len(items) - 1
            out.append(Fragment(("; and " if last else "; ") if semi else (" and " if last else ", ")))
        out.append(item)
    return out


def _when(report: ReportView, style: PrintStyle) -> str:
    """``14 November 2024``, with `` from 1500 to 1700 hrs`` when the house style puts the time in the lead."""
    ev = report.event
    when = format_date(ev.date, style.date_style)
    return when + time_phrase(ev.start_time, ev.end_time) if style.lead_time else when


def _organiser_sentence(report: ReportView, mentions: Mentions, style: PrintStyle) -> list[Fragment]:
    ev = report.event
    noun = FORM_NOUNS[ev.form]
    if ev.mode == "online" and ev.form != "webinar":
        noun = "online " + noun
    frags = [
        Fragment(mentions.organiser_subject(), "event.organiser"),
        Fragment(f" organised {article(noun)} {noun} on "),
        Fragment(quoted(ev.title), "event.title", True),
        Fragment(f" on {_when(report, style)}"),
    ]
    if ev.series and ev.series.strip():
        frags += [Fragment(" as part of "), Fragment(_series_phrase(ev.series), "event.series", True)]
    frags.append(Fragment("."))
    return frags


def lead_fragments(report: ReportView, mentions: Mentions, style: PrintStyle = DEFAULT_PRINT) -> list[Fragment]:
    """The composed lead as fragments (the document builder turns them into spans); ``style``: the
    house style's date style and whether the time is given."""
    ev = report.event
    frags: list[Fragment] = []
    speakers = speakers_of(report)
    if ev.chatham_house:
        frags += _organiser_sentence(report, mentions, style)
        frags.append(Fragment(" The discussion was held under the Chatham House Rule."))
    elif len(report.sessions) <= 1 and speakers:
        frags += join_fragments([Fragment(mentions.person(p), path) for path, p in speakers])
        frags += [Fragment(" spoke on "), Fragment(quoted(ev.title), "event.title", True)]
        held = " held online on " if ev.mode == "online" else " held on "
        if ev.series and ev.series.strip():
            frags += [
                Fragment(" at "),
                Fragment(_series_phrase(ev.series), "event.series", True),
                Fragment(held + _when(report, style) + "."),
            ]
        else:
            noun = FORM_NOUNS[ev.form]
            where = " online" if ev.mode == "online" and ev.form != "webinar" else ""
            frags += [
                Fragment(f" at {article(noun)} {noun} organised{where} by "),
                Fragment(mentions.organiser_subject(capital=False), "event.organiser"),
                Fragment(f" on {_when(report, style)}."),
            ]
        if report.sessions and (
            not (report.sessions[0].title or "").strip() or same_title(report.sessions[0].title, ev.title)
        ):
            roles = session_roles(report, 0, mentions)
            if roles:
                frags.append(Fragment(" The session was "))
                frags += roles
                frags.append(Fragment("."))
    else:
        frags += _organiser_sentence(report, mentions, style)
    if not ev.chatham_house:
        found = [(f"event.attendees[{i}]", find_person(report, pid)) for i, pid in enumerate(ev.attendees)]
        present = [(path, p) for path, p in found if p is not None]
        if present:
            frags.append(Fragment(" "))
            frags += join_fragments([Fragment(mentions.person(p), path) for path, p in present])
            frags.append(Fragment(" was also present." if len(present) == 1 else " were also present."))
    if ev.attendance and ev.attendance.strip():
        frags += [Fragment(" "), Fragment(" ".join(ev.attendance.split()), "event.attendance", True)]
    return frags


def compose_lead(report: ReportView, style: PrintStyle = DEFAULT_PRINT) -> str:
    """The lead paragraph as plain text (inline marks kept as typed): what the editor shows as the default."""
    return "".join(f.text for f in lead_fragments(report, Mentions(report), style)).strip()
