"""Consistency between the prose and the report's structure: roles the text
mentions exist (and are held by the person it names), discussions have
questions, and a report under the Chatham House Rule attributes nothing."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from .. import chatham
from ..names import Mention
from ..terms import session_people
from .context import Context, Field, Finding

FAMILY = "consistency"

#: (word that must be in the text, pattern, role, what to add when nobody holds it); the word
#: is looked for first (a substring test is far cheaper than a case-insensitive pattern)
_ROLES = (
    ("moderat", re.compile(r"\bmoderated\s+by\b", re.I), "moderator", 'add to sessions[].roles: role = "moderator"'),
    ("moderat", re.compile(r"\bmoderator\b", re.I), "moderator", 'add to sessions[].roles: role = "moderator"'),
    (
        "chair",
        re.compile(r"\bchaired\s+by\b|\bin\s+the\s+chair\b", re.I),
        "chair",
        'add to sessions[].roles: role = "chair"',
    ),
    ("keynote", re.compile(r"\bkeynote\b", re.I), "keynote", 'add [[remarks]] with role = "keynote"'),
    ("special", re.compile(r"\bspecial\s+address\b", re.I), "special", 'add [[remarks]] with role = "special"'),
    (
        "welcome",
        re.compile(r"\bwelcome\s+(?:remarks|address|speech)\b", re.I),
        "welcome",
        'add [[remarks]] with role = "welcome"',
    ),
    (
        "thanks",
        re.compile(r"\bvote\s+of\s+thanks\b", re.I),
        "vote-of-thanks",
        'add [[remarks]] with role = "vote-of-thanks"',
    ),
)
_ROLE_WORDS = {
    "moderator": "a moderator",
    "chair": "a chair",
    "keynote": "a keynote address",
    "special": "a special address",
    "welcome": "welcome remarks",
    "vote-of-thanks": "a vote of thanks",
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
    """role -> (somebody holds it, the ids of those named)."""
    r = ctx.report
    out: dict[str, tuple[bool, set[str]]] = {}
    for role, roles in (("moderator", ("moderator", "co-moderator")), ("chair", ("chair", "co-chair"))):
        ids = {pid for s in r.sessions for pid in session_people(s, *roles)}
        out[role] = (bool(ids), ids)
    for role in ("keynote", "special", "welcome", "vote-of-thanks"):
        rem = [x for x in r.remarks if x.role == role]
        held = bool(rem) or (role == "keynote" and any("keynote" in (s.title or "").lower() for s in r.sessions))
        out[role] = (held, {x.by for x in rem if x.by})
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
        for word, pattern, role, fix in _ROLES:
            if word not in low:
                continue
            for mt in pattern.finditer(f.text):
                held, ids = holders[role]
                named = None
                if role in ("moderator", "chair") and mt.group().lower().endswith("by"):
                    named = _mention_after(ctx, f, mt.end() + 1)
                if named is not None and not set(_ids(ctx, named)) & ids:
                    other = "chair" if role == "moderator" else "moderator"
                    who = ctx.mentions.persons[named.persons[0]]
                    if set(_ids(ctx, named)) & holders[other][1]:
                        verb = "chaired" if other == "chair" else "moderated"
                        hint = f"{who.id} is recorded as {other}: write '{verb} by', or make them {role} (sessions[].roles)"
                    elif held:
                        hint = f"the {role} is {', '.join(sorted(ids))}: correct the text or sessions[].roles"
                    else:
                        hint = f'{fix}, people = ["{who.id}"], or correct the text'
                    yield Finding(
                        "consistency-role",
                        f.path,
                        f"the text says '{mt.group()} {named.text}', but {who.name} is not the {role} in the report",
                        hint,
                        mt.start(),
                        named.end,
                    )
                    continue
                if held or role in reported or (chatham and role in ("moderator", "chair")):
                    continue  # held; already reported; or an unnamed chair under the Chatham House Rule
                reported.add(role)
                yield Finding(
                    "consistency-role",
                    f.path,
                    f"the text mentions {_ROLE_WORDS[role]} ('{mt.group()}'), but the report has none",
                    f"{fix}, or correct the text",
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
