"""Consistency between the prose and the report's structure: roles the text
mentions exist (and are held by the person it names), discussions have
questions, and a report under the Chatham House Rule attributes nothing."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import chatham
from ..names import Mention
from ..terms import ROLES, session_people
from .context import Context, Field, Finding

FAMILY = "consistency"


@dataclass(frozen=True)
class _RoleText:
    """Words in the prose that say a role was held: ``word`` is looked for first (a substring test is
    far cheaper than a case-insensitive pattern); ``holds`` are the roles (:data:`rapporteur.terms.ROLES`)
    whose holders the words may name (a "chaired by" names a chair or a co-chair)."""

    word: str
    pattern: re.Pattern[str]
    role: str  # the role the words say, as the message and hint name it
    holds: tuple[str, ...]
    what: str  # "a moderator"
    fix: str


def _session(word: str, pattern: str, role: str, holds: tuple[str, ...], what: str) -> _RoleText:
    return _RoleText(word, re.compile(pattern, re.I), role, holds, what, f'add to sessions[].roles: role = "{role}"')


def _address(word: str, pattern: str, role: str, what: str) -> _RoleText:
    return _RoleText(word, re.compile(pattern, re.I), role, (role,), what, f'add [[remarks]] with role = "{role}"')


def _event(word: str, pattern: str, role: str, what: str) -> _RoleText:
    return _RoleText(word, re.compile(pattern, re.I), role, (role,), what, f'add to event.roles: role = "{role}"')


_MODERATORS = ("moderator", "co-moderator")
_CHAIRS = ("chair", "co-chair")
_ROLES = (
    _session("moderat", r"\b(?:co-?)?moderated\s+by\b", "moderator", _MODERATORS, "a moderator"),
    _session("moderat", r"\b(?:co-?)?moderators?\b", "moderator", _MODERATORS, "a moderator"),
    _session("chair", r"\b(?:co-?)?chaired\s+by\b|\bin\s+the\s+chair\b", "chair", _CHAIRS, "a chair"),
    _session("presided", r"\bpresided\s+over\s+by\b", "presided-over", ("presided-over",), "a presiding person"),
    _session("facilitat", r"\bfacilitated\s+by\b", "facilitator", ("facilitator",), "a facilitator"),
    _address("keynote", r"\bkeynote\b", "keynote", "a keynote address"),
    _address("special", r"\bspecial\s+address\b", "special", "a special address"),
    _address("welcome", r"\bwelcome\s+(?:remarks|address|speech)\b", "welcome", "welcome remarks"),
    _address("inaugural", r"\binaugural\s+address\b", "inaugural", "an inaugural address"),
    _address("valedictory", r"\bvaledictory\s+address\b", "valedictory", "a valedictory address"),
    _address("thanks", r"\bvote\s+of\s+thanks\b", "vote-of-thanks", "a vote of thanks"),
    _event("chief", r"\bchief\s+guest\b", "chief-guest", "a chief guest"),
    _event("honour", r"\bguests?\s+of\s+honou?r\b", "guest-of-honour", "a guest of honour"),
)
#: The roles of those who run a session: "moderated by X" of a chair says which field to change.
_HOSTS = {
    "moderator": _MODERATORS,
    "chair": _CHAIRS,
    "presided-over": ("presided-over",),
    "facilitator": ("facilitator",),
}
_QA_RE = re.compile(
    r"\bQ\s?&\s?A\b|\bquestion[- ]and[- ]answer\b|\bquestions\s+from\s+the\s+(?:audience|floor|participants)\b", re.I
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.on("consistency-role"):
        yield from _roles(ctx)
    if ctx.on("consistency-questions"):
        yield from _questions(ctx)
    if ctx.on("consistency-chatham-house") and ctx.report.event.chatham_house:
        yield from _chatham_house(ctx)


def _holders(ctx: Context) -> dict[str, tuple[bool, set[str]]]:
    """role -> (somebody holds it, the ids of those named): in a session, at the event as a whole, or as
    the remarks' role or their second role (``also``: the concluding remarks that were the vote of thanks)."""
    r = ctx.report
    out: dict[str, tuple[bool, set[str]]] = {}
    for rt in _ROLES:
        if rt.role in out:
            continue
        ids = {pid for s in r.sessions for pid in session_people(s, *rt.holds)}
        ids.update(pid for e in r.event.roles if e.role in rt.holds for pid in e.people)
        rem = [x for x in r.remarks if x.role in rt.holds or x.also in rt.holds]
        ids.update(x.by for x in rem if x.by)
        held = bool(ids) or bool(rem)
        if rt.role == "keynote":
            held = held or any("keynote" in (s.title or "").lower() for s in r.sessions)
        held = held or any(e.role in rt.holds for s in r.sessions for e in s.roles)  # held by nobody named
        held = held or any(e.role in rt.holds for e in r.event.roles)
        out[rt.role] = (held, ids)
    return out


def _mention_after(ctx: Context, f: Field, pos: int) -> Mention | None:
    """The person mention starting just after ``pos`` in the same field (within a few characters)."""
    found = [mt for mt in ctx.mentions.found if mt.field is f]
    starts = [mt.start for mt in found]
    i = bisect.bisect_left(starts, pos)
    if i < len(found) and found[i].start - pos <= 4:
        return found[i]
    return None


def _roles(ctx: Context) -> Iterator[Finding]:
    holders = _holders(ctx)
    chatham = ctx.report.event.chatham_house
    reported: set[str] = set()
    for f in ctx.prose:
        low = f.text.lower()
        for rt in _ROLES:
            if rt.word not in low:
                continue
            role = rt.role
            for mt in rt.pattern.finditer(f.text):
                held, ids = holders[role]
                named = None
                if role in _HOSTS and mt.group().lower().endswith("by"):
                    named = _mention_after(ctx, f, mt.end() + 1)
                if named is not None and not set(_ids(ctx, named)) & ids:
                    who = ctx.mentions.persons[named.persons[0]]
                    other = next((o for o in _HOSTS if o != role and set(_ids(ctx, named)) & holders[o][1]), None)
                    if other is not None:
                        verb = ROLES[other].by
                        hint = (
                            f"{who.id} is recorded as {other}: write '{verb}', or make them {role} (sessions[].roles)"
                        )
                    elif held:
                        hint = f"the {role} is {', '.join(sorted(ids))}: correct the text or sessions[].roles"
                    else:
                        hint = f'{rt.fix}, people = ["{who.id}"], or correct the text'
                    yield Finding(
                        "consistency-role",
                        f.path,
                        f"the text says '{mt.group()} {named.text}', but {who.name} is not the {role} in the report",
                        hint,
                        mt.start(),
                        named.end,
                    )
                    continue
                if held or role in reported or (chatham and role in _HOSTS):
                    continue  # held; already reported; or an unnamed host under the Chatham House Rule
                reported.add(role)
                yield Finding(
                    "consistency-role",
                    f.path,
                    f"the text mentions {rt.what} ('{mt.group()}'), but the report has none",
                    f"{rt.fix}, or correct the text",
                    mt.start(),
                    mt.end(),
                )


def _ids(ctx: Context, mention: Mention) -> list[str]:
    return [pid for k in mention.persons if (pid := ctx.mentions.persons[k].id)]


def _questions(ctx: Context) -> Iterator[Finding]:
    discussions = ctx.discussions
    for at, d in discussions:
        if not d.questions and not d.issues_raised:
            yield Finding(
                "consistency-questions",
                at,
                "this discussion records no question",
                "add the questions asked (asker_description for unnamed askers), list issues_raised, or remove the discussion",
            )
    if not discussions:
        for f in ctx.prose:
            low = f.text.lower()
            if "q" not in low or ("&" not in low and "question" not in low):
                continue
            mt = _QA_RE.search(f.text)
            if mt:
                yield Finding(
                    "consistency-questions",
                    f.path,
                    f"the text mentions a {mt.group()}, but the report has no discussion",
                    "add a [discussion] with the questions asked, or correct the text",
                    mt.start(),
                    mt.end(),
                )
                return


def _chatham_house(ctx: Context) -> Iterator[Finding]:
    """The one verdict of :mod:`rapporteur.chatham`, as findings."""
    for n in chatham.namings(ctx.report, ctx.mentions):
        yield Finding(chatham.RULE, n.path, n.message, chatham.HINT, n.start, n.end)
