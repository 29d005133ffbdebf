"""The programme's wording: who held which role, what each address was, the days and the sessions' times.

Every role of :data:`rapporteur.terms.ROLES` has one sentence here, made from the
table's words (:func:`role_fragments`); docs/roles.md lists them (:func:`roles_markdown`,
checked by a test). The forms:

* an event role: "X was the Chief Guest.", "Y was the Guest of Honour.", "The
  interaction was presided over by Z.";
* an address: "X delivered the inaugural address." (its ``label`` instead of the
  role's words: "X delivered the welcome address."); one remark with two roles is one
  sentence ("X delivered the concluding remarks and proposed the vote of thanks.");
  an address read for someone absent: "X read out the inaugural address of Y, who
  could not attend."; a guest known by description: "A senior official of the
  Ministry delivered the special address.";
* a session's hosts: "The session was chaired by X and Y.", "co-chaired by",
  "moderated by", "co-moderated by", "facilitated by", "presided over by";
* discussants: "The discussants were X (internal) and Y (external).";
  commentators: "The commentators were X and Y.";
* a role named by a free label (``other``): at the event or in a session "X was the
  Rapporteur."; as a ceremony among the addresses "The <label> was led by X." ("The lamp lighting was led by X."),
  the label printed as written.

Participation: a person who joined by video link or by a recorded message is said so
after the verb of an address ("... delivered the keynote address by video link") and
after the name elsewhere ("X (by video link)").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, NamedTuple

from ..terms import HOSTS, ROLES, find_person
from .text import Mentions, capitalise, format_date, format_time_range, with_article

if TYPE_CHECKING:
    from ..view import PersonView, ReportView

#: How a person's participation is said after a verb ("delivered the address by video link").
PARTICIPATION_VERB = {"video-link": "by video link", "recorded-message": "in a recorded message"}
#: ... and after a name ("X (by video link)").
PARTICIPATION_NAME = {k: f" ({v})" for k, v in PARTICIPATION_VERB.items()}


class Fragment(NamedTuple):
    """A piece of composed text; ``path`` names the field it came from, ``marks`` whether to parse ``*``."""

    text: str
    path: str = ""
    marks: bool = False


def join_fragments(items: list[Fragment]) -> list[Fragment]:
    """:func:`~.text.join_list` for fragments: ``A and B``, ``A, B and C``, ``A; B; and C``."""
    if len(items) <= 1:
        return list(items)
    semi = any("," in f.text for f in items)
    if len(items) == 2:  # of two, only a comma in the first needs the semicolon
        return [items[0], Fragment("; and " if "," in items[0].text else " and "), items[1]]
    out: list[Fragment] = []
    for n, item in enumerate(items):
        if n:
            last = n == len(items) - 1
            out.append(Fragment(("; and " if last else "; ") if semi else (" and " if last else ", ")))
        out.append(item)
    return out


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def _lower_first(label: str) -> str:
    """``Welcome address`` -> ``welcome address`` (an acronym such as ``MoU signing`` kept)."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _plural(label: str) -> str:
    """``Chief Guest`` -> ``Chief Guests``; ``Guest of Honour`` -> ``Guests of Honour``."""
    head, sep, tail = label.partition(" of ")
    return f"{head}s{sep}{tail}" if sep else label + "s"


def address_verb(role: str, label: str | None = None) -> str:
    """``delivered the inaugural address``; with a label, ``delivered the <label>``."""
    label = _clean(label)
    if label and role != "other":
        return f"delivered the {_lower_first(label)}"
    return ROLES[role].verb


def _noun_phrase(label: str) -> str:
    """A label as it reads after "The": "Lamp lighting" -> "lamp lighting"; "NCC parade" stays."""
    first = label.split(" ", 1)[0]
    return label[0].lower() + label[1:] if first[:1].isupper() and first[1:].islower() else label


def role_fragments(
    role: str,
    names: list[Fragment],
    *,
    kind: str | None = None,
    label: str | None = None,
    subject: str | None = None,
    also: str | None = None,
    manner: str = "",
) -> list[Fragment]:
    """The sentence saying that ``names`` held ``role`` (ending with a full stop).

    ``kind``: where the role is held ("event", "address", "session"; the role's own by default),
    which decides how ``other`` reads; ``subject``: what a host presides over ("The session",
    "The interaction"); ``also``: a second address role of the same remarks; ``manner``:
    "by video link" after an address's verb.
    """
    words = ROLES[role]
    kind = kind or words.kind
    subject = subject or ("The event" if kind == "event" else "The session")
    many = len(names) > 1
    who = join_fragments(names)
    label = _clean(label)
    if role == "other":
        text = label or words.label
        if kind == "address":  # a ceremony: "The lamp lighting was led by X."
            return [Fragment(f"The {_noun_phrase(text)} was led by "), *who, Fragment(".")]
        return [*who, Fragment(f" {'were' if many else 'was'} the {_plural(text) if many else text}.")]
    if kind == "address":
        verb = address_verb(role, label)
        if also:
            verb += " and " + address_verb(also)
        return [*who, Fragment(f" {verb}{' ' + manner if manner else ''}.")]
    if role in ("chief-guest", "guest-of-honour"):
        return [*who, Fragment(f" {'were the ' + _plural(words.label) if many else words.verb}.")]
    if words.by:  # chaired by, moderated by, presided over by ...
        return [Fragment(f"{subject} was {words.by} "), *who, Fragment(".")]
    if words.verb.startswith("the "):  # the discussants were
        noun = words.label.lower()
        head = f"The {noun}s were " if many else f"The {noun} was "
        return [Fragment(head), *who, Fragment(".")]
    return [*who, Fragment(f" {words.verb}.")]


def role_sentence(role: str, names: list[str], **kw: str | None) -> str:
    """:func:`role_fragments` as plain text: ``role_sentence("chair", ["X", "Y"])`` ->
    ``The session was chaired by X and Y.``"""
    return "".join(f.text for f in role_fragments(role, [Fragment(n) for n in names], **kw))  # type: ignore[arg-type]


def roles_markdown() -> str:
    """docs/roles.md: every role, where it is held, and the sentence the export prints for it."""
    lines = [
        "# Roles",
        "",
        "Generated from `rapporteur.terms.ROLES` by `rapporteur.export.programme.roles_markdown()`;",
        "a test fails when this file is stale. X and Y stand for the people named.",
        "",
        "| Role | Label | Held at | Printed (one person) | Printed (two) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for role, words in ROLES.items():
        for kind in words.kinds:
            label = {"event": "Special Guest", "session": "Rapporteur", "address": "Lamp lighting"}[kind]
            kw = {"kind": kind, "label": label if role == "other" else None}
            one = role_sentence(role, ["X"], **kw)
            two = role_sentence(role, ["X", "Y"], **kw)
            shown = f"`{role}`" + (f' (label "{label}")' if role == "other" else "")
            lines.append(f"| {shown} | {words.label} | {kind} | {one} | {two} |")
    lines += [
        "",
        "An address read for someone absent: “X read out the inaugural address of Y, who could not attend.”",
        "One remark with two roles (`also`): “X delivered the concluding remarks and proposed the vote of thanks.”",
        "Discussants with a qualifier: “The discussants were X (internal) and Y (external).”",
        "Participation: “X delivered the keynote address by video link.”, elsewhere “X (by video link)”.",
        "",
    ]
    return "\n".join(lines)


# -- people in roles ------------------------------------------------------------------------


def person_fragment(mentions: Mentions, person: PersonView, path: str, participation: bool = True) -> Fragment:
    """A person's mention, with "(by video link)" when they did not come in person."""
    text = mentions.person(person)
    if participation:
        text += PARTICIPATION_NAME.get(person.participation or "", "")
    return Fragment(text, path)


def entry_names(
    report: ReportView, mentions: Mentions, entries: list[tuple[str, object]], *, qualify: bool = False
) -> list[Fragment]:
    """The people of role entries (``(path, entry)``) as fragments, each once, with the qualifier after each
    name when ``qualify`` ("X (internal)")."""
    out: list[Fragment] = []
    seen: set[str] = set()
    for path, entry in entries:
        qualifier = _clean(getattr(entry, "qualifier", None))
        for k, pid in enumerate(getattr(entry, "people", ())):
            person = find_person(report, pid)
            if person is None or pid in seen:
                continue
            seen.add(pid)
            frag = person_fragment(mentions, person, f"{path}.people[{k}]")
            if qualify and qualifier:
                frag = Fragment(f"{frag.text} ({qualifier})", frag.path)
            out.append(frag)
    return out


def host_clause(report: ReportView, mentions: Mentions, at: str, entries: list) -> list[Fragment]:
    """``chaired by X and moderated by Y`` (the hosts in the order of :data:`~rapporteur.terms.HOSTS`,
    whatever the file's order, as version 1 printed chair before moderator); empty without hosts."""
    groups: list[list[Fragment]] = []
    for role in HOSTS:
        held = [(f"{at}.roles[{i}]", e) for i, e in enumerate(entries) if e.role == role]
        names = entry_names(report, mentions, held)
        if names:
            groups.append([Fragment(f"{ROLES[role].by} "), *join_fragments(names)])
    out: list[Fragment] = []
    for n, clause in enumerate(groups):
        if n:
            out.append(Fragment(" and " if n == len(groups) - 1 else ", "))
        out.extend(clause)
    return out


def other_roles(report: ReportView, mentions: Mentions, at: str, entries: list, kind: str) -> list[Fragment]:
    """A sentence per role that is not a host's (discussants, commentators, chief guest, a free label),
    in the file's order; several entries of one role (two discussants, each with a qualifier) make one."""
    order: list[tuple[str, str]] = []
    for e in entries:
        key = (e.role, _clean(e.label) if e.role == "other" else "")
        if e.role not in HOSTS and key not in order:
            order.append(key)
    out: list[Fragment] = []
    for role, label in order:
        group = [
            (f"{at}.roles[{i}]", e)
            for i, e in enumerate(entries)
            if e.role == role and (role != "other" or _clean(e.label) == label)
        ]
        names = entry_names(report, mentions, group, qualify=role == "discussant")
        if names:
            if out:
                out.append(Fragment(" "))
            out += role_fragments(role, names, kind=kind, label=label or None)
    return out


def roles_sentences(
    report: ReportView, mentions: Mentions, at: str, entries: list, subject: str, kind: str
) -> list[Fragment]:
    """Every role held in ``entries`` (a session's or the event's ``roles``): "<subject> was chaired by X
    and moderated by Y." then the other roles' sentences."""
    out: list[Fragment] = []
    hosts = host_clause(report, mentions, at, entries)
    if hosts:
        out += [Fragment(f"{subject} was "), *hosts, Fragment(".")]
    others = other_roles(report, mentions, at, entries, kind)
    if others:
        out += ([Fragment(" ")] if out else []) + others
    return out


def delegation_members(report: ReportView, mentions: Mentions, index: int) -> list[Fragment]:
    """``The delegation from CIIS comprised X (leader), Y and Z.`` (empty when nobody is named)."""
    d = report.event.delegations[index]
    at = f"event.delegations[{index}]"
    names: list[Fragment] = []
    leader = find_person(report, d.leader)
    if leader is not None:
        f = person_fragment(mentions, leader, f"{at}.leader")
        names.append(Fragment(f.text + " (leader)", f.path))
    for k, pid in enumerate(d.members):
        person = find_person(report, pid)
        if person is not None and pid != d.leader:
            names.append(person_fragment(mentions, person, f"{at}.members[{k}]"))
    if not names:
        return []
    noun = {"team": "team", "side": "side"}.get(d.kind, "delegation")
    origin = _clean(d.organisation) or _clean(d.country)
    if d.kind == "side" and origin:
        head = f"The {origin} side comprised "
    else:
        head = f"The {noun}" + (f" from {with_article(origin, capital=False)}" if origin else "") + " comprised "
    return [Fragment(head), *join_fragments(names), Fragment(".")]


#: "Session I: ", "Session 2 - " before a session's own words.
SESSION_PREFIX = re.compile(r"^\s*session\s+(?:[ivxlc]+|\d+)\s*[:.\u2013\u2014-]\s*(?P<rest>\S.*)$", re.I | re.S)


def session_title_words(title: str) -> str:
    """A session's title without its label: "Session I: Ports" -> "Ports" (what the prose prints of it)."""
    m = SESSION_PREFIX.match(title)
    return m.group("rest") if m else title


# -- days -----------------------------------------------------------------------------------


def session_days(report: ReportView) -> list[dt.date | None]:
    """Each session's day (its own date, else the day of the session before it, else the event's)."""
    out: list[dt.date | None] = []
    day: dt.date | None = report.event.date
    for s in report.sessions:
        day = s.date or day
        out.append(day)
    return out


def several_days(report: ReportView) -> bool:
    """Whether the sessions fall on more than one day (they are then grouped under "Day 1: ..." headings)."""
    return len({d for d in session_days(report) if d is not None}) > 1


def day_heading(report: ReportView, number: int, day: dt.date, date_style: str) -> str:
    """``Day 1: 24 March 2021``."""
    return f"Day {number}: {format_date(day, date_style)}"


def session_time(report: ReportView, index: int) -> str:
    """``1000–1130 hrs`` for a session with its own time, else empty."""
    s = report.sessions[index]
    return format_time_range(s.start_time, s.end_time) or ""


def sentence_start(fragments: list[Fragment]) -> list[Fragment]:
    """Fragments whose sentences start with a capital ("the Director General" -> "The Director General",
    "a senior official" -> "A senior official")."""
    out: list[Fragment] = []
    prev = ""
    for f in fragments:
        text = f.text
        # only words from a field (a person by office, a description); composed words are written as they
        # should read, and a name may end in a full stop ("Ltd.") without ending the sentence
        if text and f.path and (not prev.strip() or prev.rstrip().endswith((".", "?", "!"))):
            body = text.lstrip()
            text = text[: len(text) - len(body)] + capitalise(body)
        prev = (prev + text)[-8:]
        out.append(Fragment(text, f.path, f.marks))
    return out
