"""People: honorifics written consistently, everyone named is registered, every
speaker is named, and a person's first mention gives the full name."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator

from ..diagnostics import format_path
from ..names import Mention, Mentions, contains_words, names_person
from ..terms import HOSTS, ROLES, find_person, role_entries, session_people
from .context import Context, Finding

FAMILY = "people"


def check(ctx: Context) -> Iterator[Finding]:
    ms = ctx.mentions
    if ctx.on("people-honorific"):
        yield from _honorifics(ms)
    if ctx.on("people-unregistered"):
        yield from _unregistered(ms)
    if ctx.on("people-unmentioned") and not ctx.report.event.chatham_house:
        yield from _unmentioned(ctx, ms)
    if ctx.on("people-first-mention") and not ctx.report.event.chatham_house:
        yield from _first_mentions(ctx, ms)
    if ctx.on("people-designation") and ctx.style.designations != "off" and not ctx.report.event.chatham_house:
        yield from _designations(ctx, ms)


def _rewrite(mt: Mention, fixes: dict[int, str], first: int | None = None, last: int | None = None) -> str:
    """The mention (or its honorific atoms ``first``..``last``) with some atoms rewritten."""
    text = mt.field.text
    lo = 0 if first is None else first
    hi = len(mt.atoms) - 1 if last is None else last
    pos = mt.start if first is None else mt.atoms[lo].start
    out = []
    for i in range(lo, hi + 1):
        a = mt.atoms[i]
        out.append(text[pos : a.start])
        out.append(fixes.get(i, a.written))
        pos = a.end
    if last is None:
        out.append(text[pos : mt.end])
    return "".join(out)


def _honorifics(ms: Mentions) -> Iterator[Finding]:
    for p in ms.persons:
        mine = [mt for mt in ms.found if mt.persons == (p.key,) and mt.atoms]
        if not mine:
            continue
        registry = {norm: written for written, norm in p.atoms}
        # the written form each honorific is held to: the registry's, else the most common
        counts: dict[str, Counter] = {}
        for mt in mine:
            for a in mt.atoms:
                counts.setdefault(a.norm, Counter())[a.written] += 1
        reference = {norm: registry.get(norm) or c.most_common(1)[0][0] for norm, c in counts.items()}
        for mt in mine:
            foreign = [a for a in mt.atoms if p.atoms and a.norm not in registry]
            if foreign:
                a = foreign[0]
                yield Finding(
                    "people-honorific",
                    mt.field.path,
                    f"'{mt.text}' gives {p.name} the honorific '{a.written}', but the people registry has '{p.honorific}'",
                    f"write '{p.honorific}' as in the registry; if this is another person, add them to the registry",
                    a.start,
                    a.end,
                )
                continue
            bad = {i: reference[a.norm] for i, a in enumerate(mt.atoms) if a.written != reference[a.norm]}
            if not bad:
                continue
            first, last = mt.atoms[min(bad)], mt.atoms[max(bad)]
            written = mt.field.text[first.start : last.end]
            wanted = _rewrite(mt, bad, min(bad), max(bad))
            others = sum(n for w, n in counts[mt.atoms[min(bad)].norm].items() if w != mt.atoms[min(bad)].written)
            where = []
            if all(mt.atoms[i].norm in registry for i in bad):
                where.append("in the people registry")
            if others:
                where.append(f"in {others} other mention" + ("s" if others != 1 else ""))
            yield Finding(
                "people-honorific",
                mt.field.path,
                f"'{mt.text}' writes '{written}', but {p.name} is '{wanted}' " + " and ".join(where),
                f"write '{_rewrite(mt, bad)}'",
                first.start,
                last.end,
            )


def _unregistered(ms: Mentions) -> Iterator[Finding]:
    surnames = {p.surname: p for p in ms.persons if p.surname}
    seen: set[str] = set()
    for mt in ms.unregistered:
        key = " ".join(mt.words)
        first = key not in seen
        seen.add(key)
        if not first:
            continue  # one finding per name: the first place it appears
        hint = "add a [[people]] entry (honorific, name, designation, affiliation), or correct the name"
        close = difflib.get_close_matches(mt.words[-1], list(surnames), n=1, cutoff=0.8) if mt.words else []
        if close:
            hint = f"did you mean {surnames[close[0]].display}? Otherwise " + hint
        yield Finding(
            "people-unregistered",
            mt.field.path,
            f"'{mt.text}' is named here but is not in the people registry",
            hint,
            mt.start,
            mt.end,
        )


def _unmentioned(ctx: Context, ms: Mentions) -> Iterator[Finding]:
    """Speakers must be named somewhere a reader sees (their talk is reported speech); so must
    the moderator or chair of a lone untitled session when the lead is written out. A name the
    export prints counts as a mention: a composed lead names the speakers and the moderator, a
    titled session or one of several opens with its chair, several speakers are introduced
    ("... spoke first."), remarks and questions with who gave them."""
    r = ctx.report
    lone = len(r.sessions) == 1 and not (r.sessions[0].title or "").strip()
    roles: list[tuple[tuple[str | int, ...], str, str]] = []
    for i, s in enumerate(r.sessions):
        if ctx.has_lead_text and lone:
            for r_, entry in role_entries(s, *HOSTS):
                for k, pid in enumerate(entry.people):
                    roles.append((("sessions", i, "roles", r_, "people", k), pid, entry.role))
        for j, pres in enumerate(s.presentations):
            for k, pid in enumerate(pres.speakers):
                roles.append((("sessions", i, "presentations", j, "speakers", k), pid, "speaker"))
    named = {k for mt in ms.found for k in mt.persons}
    reported: set[str] = set()
    printed: str | None = None
    for loc, pid, kind in roles:
        p = ms.by_id(pid)
        if p is None or p.key in named or pid in reported:
            continue
        if printed is None:  # built only when someone is not named in the prose (rare, and a few ms)
            printed = _printed_text(ctx)
        person = find_person(r, pid)
        if names_person(printed, person, r):
            continue  # the export names them ("... spoke first.", a composed lead): the reader meets them
        reported.add(pid)
        where = "where they speak" if kind == "speaker" else "in the lead"
        by = ROLES[kind].by if kind in ROLES else ""
        example = f"{p.display} noted that ..." if kind == "speaker" else f"{by or 'with'} {p.display}"
        yield Finding(
            "people-unmentioned",
            loc,
            f"{p.label} is the {kind} ({format_path(loc)}) but is never named in the text",
            f"name them {where}, e.g. '{example}', or correct the id",
        )


def _printed_text(ctx: Context, kinds: tuple[str, ...] = ("para", "item", "heading")) -> str:
    """What the default (narrative) export prints besides the closing line: a name printed there is a mention."""
    from ..export.document import build

    doc = build(ctx.report)
    return "\n".join(doc.texts(kinds))


def _composed_lead_people(ctx: Context) -> set[str]:
    """Who the export introduces (in full, with designation) before the rapporteur's prose
    when there is no written lead: as export.lead and export.document compose it."""
    r = ctx.report
    if r.event.chatham_house:
        return set()
    out = set(r.event.attendees)
    speakers = [pid for s in r.sessions for pres in s.presentations for pid in pres.speakers]
    if len(r.sessions) <= 1 and speakers:
        out.update(speakers)
    for i, s in enumerate(r.sessions):
        if i == 0 or len(r.sessions) > 1 or (s.title or "").strip():
            out.update(session_people(s, *HOSTS))
    return out


def _first_mentions(ctx: Context, ms: Mentions) -> Iterator[Finding]:
    introduced = set() if ctx.has_lead_text else _composed_lead_people(ctx)
    done: set[int] = set()
    for mt in ms.found:
        if len(mt.persons) != 1:
            continue  # "Dr. Singh" with two registered Singhs: cannot tell whose first mention
        key = mt.persons[0]
        if key in done:
            continue
        done.add(key)
        p = ms.persons[key]
        if p.id in introduced or key in mt.full:
            continue
        yield Finding(
            "people-first-mention",
            mt.field.path,
            f"the first mention of {p.name} is '{mt.text}', without the full name",
            f"write '{p.display}' here; the short form is for later mentions",
            mt.start,
            mt.end,
        )


def _designations(ctx: Context, ms: Mentions) -> Iterator[Finding]:
    """A person named in the prose whose designation is printed nowhere (neither in the prose nor in what
    the export composes: the lead, speakers' headings), flagged at their first mention. Someone whose
    registry entry has no designation is not: there is nothing to print."""
    printed: str | None = None
    done: set[int] = set()
    for mt in ms.found:
        if len(mt.persons) != 1 or mt.persons[0] in done:
            continue
        key = mt.persons[0]
        done.add(key)
        p = ms.persons[key]
        person = find_person(ctx.report, p.id)
        designation = " ".join((person.designation or "").split()) if person is not None else ""
        if not designation or any(contains_words(f.text, designation) for f in ctx.prose):
            continue
        if printed is None:  # built only when the prose does not give someone's designation
            printed = _printed_text(ctx, ("para", "item", "heading", "closing", "event"))
        if contains_words(printed, designation):
            continue
        yield Finding(
            "people-designation",
            mt.field.path,
            f"{p.name} is named here, but their designation ('{designation}') is printed nowhere in the report",
            f"write '{p.display}, {designation}' at this first mention, or set [house] designations = \"off\"",
            mt.start,
            mt.end,
        )
