"""The lead paragraph, composed from the event details when the report has none.

It follows the seed's form::

    Dr. M.S. Prathibha, Associate Fellow, Manohar Parrikar Institute for Defence
    Studies and Analyses (MP-IDSA) spoke on “China-Russia Relationship: A Greater
    Alignment?” at the Monday Morning Meeting held on 24 June 2024. The session was
    moderated by Dr. Prashant Kumar Singh, Research Fellow, MP-IDSA. MP-IDSA
    scholars attended the meeting.

Rules:

* one session with speakers (a talk): "<speakers> <lead_verb> “<title>” at the <series> held on
  <date>", or "... at a <form> organised by <organisers> on <date>" without a series; the verb is
  the event's ``lead_verb``, else the house style's (default "spoke on"); the form is said by
  ``form_label`` when given; a series with an edition reads "the 10th edition of the <series>"
  (one form that reads right for any series' name);
* an interaction with a visiting delegation: "A delegation of <n> members from <organisation>,
  <country>, led by <leader>, visited <organiser> on <date> for an interaction on “<title>”.";
* otherwise (several sessions, nobody presenting, a round table with a visiting team or a title
  naming the form, a panel whose speakers had their own titles, the Chatham House Rule):
  "<organisers> organised a <form> on “<title>” on <date>[ as part of the <series>]";
* organisers: "X and Y jointly organised", "X, in collaboration with Y, organised", "... with the
  support of Y" ("organised jointly by X and Y" / "organised by X in collaboration with Y" after a
  speaker); a multi-day event is dated by its range ("24–26 March 2021");
* then the other delegations ("A team of ... took part.", "The X side was led by Y."), the event's
  roles ("X was the Chief Guest.", "The interaction was presided over by Y."; under the Chatham
  House Rule only those known by office), and the hosts of a single untitled session ("The session
  was chaired by X and moderated by Y.");
* under the Chatham House Rule nobody is named: "The discussion was held under the Chatham House Rule.";
* then the named attendees who took no other part ("... was also present."; "... was invited but
  could not attend." for those marked absent; never under the Rule) and the attendance sentence.

A lead written in the report (``[lead]``) is used as it stands: nothing is added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..terms import find_person, role_entries
from .programme import (
    Fragment,
    host_clause,
    join_fragments,
    person_fragment,
    roles_sentences,
    sentence_start,
)
from .text import (
    DEFAULT_PRINT,
    FORM_NOUNS,
    Mentions,
    PrintStyle,
    article,
    format_date_range,
    ordinal_number,
    quoted,
    same_title,
    time_phrase,
    with_article,
)

if TYPE_CHECKING:  # the exporters read validated data; they never need the model classes
    from ..view import EventView, PartnerView, PersonView, ReportView

__all__ = ["Fragment", "compose_lead", "join_fragments", "lead_fragments", "session_roles", "speakers_of"]


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def series_phrase(series: str, edition: int | None = None) -> str:
    """``the Monday Morning Meeting``; with an edition, ``the 10th edition of the Monday Morning Meeting``
    (the one form that reads right for any series' name)."""
    series = " ".join(series.split())
    if edition:
        bare = series[4:] if series.lower().startswith("the ") else series
        return f"the {ordinal_number(edition)} edition of the {bare}"
    return series if series.lower().startswith("the ") else "the " + series


def form_noun(ev: EventView) -> str:
    """The form as the lead says it: ``form_label`` as written, else the form's noun ("online" before it
    for an online event that is not a webinar)."""
    label = _clean(ev.form_label)
    if label:
        return label
    noun = FORM_NOUNS[ev.form]
    return "online " + noun if ev.mode == "online" and ev.form != "webinar" else noun


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
    """``chaired by X`` / ``moderated by Y`` / ``chaired by X and moderated by Y`` (empty if no host)."""
    s = report.sessions[index]
    return host_clause(report, mentions, f"sessions[{index}]", [e for _, e in role_entries(s)])


def _when(report: ReportView, style: PrintStyle) -> str:
    """``14 November 2024`` (``24–26 March 2021`` over several days), with `` from 1500 to 1700 hrs`` when
    the house style puts the time in the lead."""
    ev = report.event
    when = format_date_range(ev.date, ev.end_date, style.date_style)
    return when + time_phrase(ev.start_time, ev.end_time) if style.lead_time else when


def _partner(p: PartnerView, path: str) -> Fragment:
    name = with_article(_clean(p.name), capital=False)
    short = _clean(p.short_name)
    return Fragment(f"{name} ({short})" if short and short != name else name, path)


def _partners(report: ReportView, relation: str) -> list[Fragment]:
    return [_partner(p, f"event.partners[{i}]") for i, p in enumerate(report.event.partners) if p.relation == relation]


def _support(report: ReportView) -> list[Fragment]:
    support = _partners(report, "support")
    return [Fragment(" with the support of "), *join_fragments(support)] if support else []


def _organisers_active(report: ReportView, mentions: Mentions) -> list[Fragment]:
    """``X organised`` / ``X and Y jointly organised`` / ``X, in collaboration with Y, organised``."""
    joint, collab = _partners(report, "joint"), _partners(report, "collaboration")
    org = Fragment(mentions.organiser_subject(), "event.organiser")
    out = join_fragments([org, *joint])
    if collab:
        out += [Fragment(", in collaboration with "), *join_fragments(collab), Fragment(",")]
    return out + [Fragment(" jointly organised" if joint else " organised")]


def _organisers_passive(report: ReportView, mentions: Mentions) -> list[Fragment]:
    """``organised by X`` / ``organised jointly by X and Y`` / ``organised by X in collaboration with Y``."""
    joint, collab = _partners(report, "joint"), _partners(report, "collaboration")
    org = Fragment(mentions.organiser_subject(capital=False), "event.organiser")
    out = [Fragment("jointly by " if joint else "by "), *join_fragments([org, *joint])]
    if collab:
        out += [Fragment(" in collaboration with "), *join_fragments(collab)]
    return out


def _series(report: ReportView) -> list[Fragment]:
    ev = report.event
    if ev.series and ev.series.strip():
        return [Fragment(" as part of "), Fragment(series_phrase(ev.series, ev.edition), "event.series", True)]
    return []


def _organiser_sentence(report: ReportView, mentions: Mentions, style: PrintStyle) -> list[Fragment]:
    ev = report.event
    noun = form_noun(ev)
    return [
        *_organisers_active(report, mentions),
        Fragment(f" {article(noun)} {noun} on "),
        Fragment(quoted(ev.title), "event.title", True),
        Fragment(f" on {_when(report, style)}"),
        *_series(report),
        *_support(report),
        Fragment("."),
    ]


def delegation_phrase(report: ReportView, index: int, mentions: Mentions, named: bool = True) -> list[Fragment]:
    """``a delegation of ten members from the China Institute of International Studies, China, led by X``
    (its ``description`` instead of the composed noun phrase when given); ``named``: the leader may be named."""
    d = report.event.delegations[index]
    path = f"event.delegations[{index}]"
    desc = _clean(d.description)
    if desc:
        out = [Fragment(desc, f"{path}.description", True)]
    else:
        noun = "team" if d.kind == "team" else "delegation"
        text = f"a {noun}" + (f" of {_count(d.size)} members" if d.size else "")
        where = ", ".join(x for x in (_clean(d.organisation), _clean(d.country)) if x)
        if where:
            text += " from " + with_article(where, capital=False)
        out = [Fragment(text, path)]  # a path: a sentence starting with it is capitalised
    leader = find_person(report, d.leader)
    if leader is not None and named:
        out += [Fragment(", led by "), person_fragment(mentions, leader, f"{path}.leader"), Fragment(",")]
    elif not desc and _clean(d.organisation) and _clean(d.country):
        out.append(Fragment(","))  # "from the Tallinn Centre, Estonia, visited": the country is in apposition
    return out


_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count(n: int) -> str:
    """Numbers up to ten in words, as the genre prints them ("a delegation of six members"); figures above."""
    return _NUMBER_WORDS[n - 1] if 1 <= n <= len(_NUMBER_WORDS) else str(n)


def _delegations(report: ReportView, mentions: Mentions, skip: int | None) -> list[Fragment]:
    """A sentence for each delegation the lead has not yet named: "A team of five members from X took part."
    / "The X side was led by Y."."""
    out: list[Fragment] = []
    named = not report.event.chatham_house
    for i, d in enumerate(report.event.delegations):
        if i == skip:
            continue
        if d.kind == "side":
            leader = find_person(report, d.leader)
            side = _clean(d.organisation) or _clean(d.country)
            if leader is None or not named or not side:
                continue
            out += [
                Fragment(f" The {side} side was led by "),
                person_fragment(mentions, leader, f"event.delegations[{i}].leader"),
                Fragment("."),
            ]
            continue
        phrase = delegation_phrase(report, i, mentions, named)
        out += [Fragment(" "), *phrase, Fragment(" took part.")]
    return out


def _visit_sentence(report: ReportView, index: int, mentions: Mentions, style: PrintStyle) -> list[Fragment]:
    """``A delegation of ... visited MP-IDSA on 24 June 2024 for an interaction on “title”.``"""
    ev = report.event
    phrase = delegation_phrase(report, index, mentions, not ev.chatham_house)
    return [
        *phrase,
        Fragment(" visited "),
        Fragment(mentions.organiser_subject(capital=False), "event.organiser"),
        Fragment(f" on {_when(report, style)} for an interaction on "),
        Fragment(quoted(ev.title), "event.title", True),
        *_series(report),
        *_support(report),
        Fragment("."),
    ]


def took_part(report: ReportView) -> set[str]:
    """Everyone who held a part: speakers, addresses, roles, delegations' leaders and members."""
    ids: set[str] = set()
    ev = report.event
    for e in ev.roles:
        ids.update(e.people)
    for d in ev.delegations:
        ids.update(x for x in (d.leader, *d.members) if x)
    for r in report.remarks:
        ids.update(x for x in (r.by, r.on_behalf_of) if x)
    for s in report.sessions:
        for e in s.roles:
            ids.update(e.people)
        for p in s.presentations:
            ids.update(p.speakers)
    return ids


def _own_titles(report: ReportView) -> bool:
    """A panel whose speakers each had their own title: the lead does not make them all speak on the event's."""
    s = report.sessions[0]
    return len(s.presentations) > 1 and any(
        _clean(p.title) and not same_title(p.title, report.event.title) for p in s.presentations
    )


def _names_form(ev: EventView) -> bool:
    """A title that names the form ("Round table with a visiting team ..."): nobody "spoke on" it."""
    noun = FORM_NOUNS[ev.form].casefold()
    return " ".join(ev.title.split()).casefold().replace("-", " ").startswith(noun)


def _event_subject(ev: EventView) -> str:
    return "The interaction" if ev.form == "delegation-interaction" else f"The {FORM_NOUNS[ev.form]}"


def _event_roles(report: ReportView, mentions: Mentions) -> list[Fragment]:
    """The chief guest, guest of honour, who presided (under the Chatham House Rule only those known by office)."""
    ev = report.event
    entries = list(ev.roles)
    if ev.chatham_house:
        nameless = {p.id for p in report.people if not _clean(p.name)}
        entries = [e for e in entries if e.people and all(pid in nameless for pid in e.people)]
        if len(entries) != len(ev.roles):
            return []  # the paths would not match; a named role is not printed under the Rule
    frags = roles_sentences(report, mentions, "event", entries, _event_subject(ev), "event")
    return [Fragment(" "), *frags] if frags else []


def _visiting(report: ReportView) -> int | None:
    """The delegation whose visit the lead of an interaction tells (the first that is not a side)."""
    ev = report.event
    if ev.form != "delegation-interaction":
        return None
    return next((i for i, d in enumerate(ev.delegations) if d.kind != "side"), None)


def lead_names_speakers(report: ReportView) -> bool:
    """Whether the composed lead says who spoke on what ("X spoke on “title” at ..."): a talk, not a
    round table that names its form or has a visiting team, a panel whose speakers had their own titles,
    an interaction with a delegation, several sessions, or the Chatham House Rule."""
    ev = report.event
    return (
        not ev.chatham_house
        and len(report.sessions) <= 1
        and bool(speakers_of(report))
        and not (ev.form == "round-table" and (bool(ev.delegations) or _names_form(ev)))
        and _visiting(report) is None
        and not _own_titles(report)
    )


def lead_fragments(report: ReportView, mentions: Mentions, style: PrintStyle = DEFAULT_PRINT) -> list[Fragment]:
    """The composed lead as fragments (the document builder turns them into spans); ``style``: the
    house style's date style, whether the time is given, the verb for speakers."""
    ev = report.event
    frags: list[Fragment] = []
    speakers = speakers_of(report)
    visiting = _visiting(report)
    talk = lead_names_speakers(report)
    if visiting is not None:
        frags += _visit_sentence(report, visiting, mentions, style)
    elif talk:
        verb = _clean(ev.lead_verb) or _clean(style.lead_verb) or "spoke on"
        frags += join_fragments([person_fragment(mentions, p, path) for path, p in speakers])
        frags += [Fragment(f" {verb} "), Fragment(quoted(ev.title), "event.title", True)]
        held = " held online on " if ev.mode == "online" else " held on "
        if ev.series and ev.series.strip():
            frags += [
                Fragment(" at "),
                Fragment(series_phrase(ev.series, ev.edition), "event.series", True),
                Fragment(held + _when(report, style)),
                *_support(report),
                Fragment("."),
            ]
        else:
            noun = _clean(ev.form_label) or FORM_NOUNS[ev.form]
            where = " online" if ev.mode == "online" and ev.form != "webinar" and not _clean(ev.form_label) else ""
            frags += [
                Fragment(f" at {article(noun)} {noun} organised{where} "),
                *_organisers_passive(report, mentions),
                Fragment(f" on {_when(report, style)}"),
                *_support(report),
                Fragment("."),
            ]
    else:
        frags += _organiser_sentence(report, mentions, style)
    frags += _delegations(report, mentions, visiting)
    frags += _event_roles(report, mentions)
    if (
        not ev.chatham_house
        and len(report.sessions) == 1
        and (not (report.sessions[0].title or "").strip() or same_title(report.sessions[0].title, ev.title))
    ):
        roles = session_roles(report, 0, mentions)
        if roles:
            frags.append(Fragment(" The session was "))
            frags += roles
            frags.append(Fragment("."))
    if ev.chatham_house:
        frags.append(Fragment(" The discussion was held under the Chatham House Rule."))
    else:
        part = took_part(report)
        found = [(f"event.attendees[{i}]", find_person(report, pid)) for i, pid in enumerate(ev.attendees)]
        present = [(path, p) for path, p in found if p is not None and p.id not in part]
        absent = [(path, p) for path, p in present if p.participation == "absent"]
        present = [(path, p) for path, p in present if p.participation != "absent"]
        if present:
            frags.append(Fragment(" "))
            frags += join_fragments([Fragment(mentions.person(p), path) for path, p in present])
            frags.append(Fragment(" was also present." if len(present) == 1 else " were also present."))
        if absent:  # invited, but could not come
            frags.append(Fragment(" "))
            frags += join_fragments([Fragment(mentions.person(p), path) for path, p in absent])
            frags.append(
                Fragment(
                    " was invited but could not attend." if len(absent) == 1 else " were invited but could not attend."
                )
            )
    if ev.attendance and ev.attendance.strip():
        frags += [Fragment(" "), Fragment(" ".join(ev.attendance.split()), "event.attendance", True)]
    return sentence_start(frags)


def compose_lead(report: ReportView, style: PrintStyle = DEFAULT_PRINT) -> str:
    """The lead paragraph as plain text (inline marks kept as typed): what the editor shows as the default."""
    return "".join(f.text for f in lead_fragments(report, Mentions(report), style)).strip()
