"""The report's vocabulary, shared by the models, the exporters and the checks.

Kept apart from the pydantic models so that code which only *reads* a report
(the exporters, validate's fast path) works on validated data without
building the models: see :mod:`rapporteur.fastvalidate`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .view import AppearanceView, PersonView, ReportView, SessionView

#: Remarks given before the sessions; the others close the report.
OPENING_ROLES = ("welcome", "opening", "introductory", "inaugural", "theme", "keynote", "special", "other")
CLOSING_ROLES = ("valedictory", "concluding", "vote-of-thanks")


@dataclass(frozen=True)
class RoleWords:
    """A role's words: its label, where it may be held, and how the report says someone held it."""

    label: str  # as a heading or a list label: "Chief Guest", "Inaugural address", "Chair"
    kinds: tuple[str, ...]  # "event" (event.roles), "address" (remarks), "session" (sessions[].roles)
    verb: str  # the verb phrase after the name: "was the Chief Guest", "delivered the inaugural address", "chaired"
    by: str = ""  # the phrase before the name: "chaired by"; empty where the role is not said that way

    @property
    def kind(self) -> str:
        """The first place the role is held (``presided-over`` is an event's and a session's)."""
        return self.kinds[0]


#: One vocabulary of roles: what the exporter prints, what the checks look for, what the editor offers.
#: ``other`` is printed by the label given with it.
ROLES: dict[str, RoleWords] = {
    # the event as a whole
    "chief-guest": RoleWords("Chief Guest", ("event",), "was the Chief Guest"),
    "guest-of-honour": RoleWords("Guest of Honour", ("event",), "was the Guest of Honour"),
    "presided-over": RoleWords("Presided over", ("event", "session"), "presided over", "presided over by"),
    # addresses (remarks)
    "welcome": RoleWords("Welcome remarks", ("address",), "delivered the welcome remarks"),
    "opening": RoleWords("Opening remarks", ("address",), "delivered the opening remarks"),
    "introductory": RoleWords("Introductory remarks", ("address",), "delivered the introductory remarks"),
    "inaugural": RoleWords("Inaugural address", ("address",), "delivered the inaugural address"),
    "theme": RoleWords("Theme address", ("address",), "delivered the theme address"),
    "special": RoleWords("Special address", ("address",), "delivered a special address"),
    "keynote": RoleWords("Keynote address", ("address",), "delivered the keynote address"),
    "valedictory": RoleWords("Valedictory address", ("address",), "delivered the valedictory address"),
    "concluding": RoleWords("Concluding remarks", ("address",), "delivered the concluding remarks"),
    "vote-of-thanks": RoleWords("Vote of thanks", ("address",), "proposed the vote of thanks"),
    # sessions
    "chair": RoleWords("Chair", ("session",), "chaired", "chaired by"),
    "co-chair": RoleWords("Co-chair", ("session",), "co-chaired", "co-chaired by"),
    "moderator": RoleWords("Moderator", ("session",), "moderated", "moderated by"),
    "co-moderator": RoleWords("Co-moderator", ("session",), "co-moderated", "co-moderated by"),
    "facilitator": RoleWords("Facilitator", ("session",), "facilitated", "facilitated by"),
    "discussant": RoleWords("Discussant", ("session",), "the discussants were"),
    "commentator": RoleWords("Commentator", ("session",), "the commentators were"),
    "other": RoleWords("Other", ("event", "address", "session"), ""),
}

#: The session roles of those who run a session (as against discussants and commentators, who answer it).
HOSTS = ("chair", "co-chair", "moderator", "co-moderator", "facilitator", "presided-over")

#: The label of each address (remarks) role, as headings print it.
ROLE_LABELS = {role: words.label for role, words in ROLES.items() if "address" in words.kinds and role != "other"}
ROLE_LABELS["other"] = "Remarks"


#: Month names, as dates are written ("24 June 2024") and read back by the date checks.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def find_person(report: ReportView, person_id: str | None) -> PersonView | None:
    """The registry entry with this id (a model or a validated record), or None."""
    if not person_id:
        return None
    for p in report.people:
        if p.id == person_id:
            return p
    return None


def role_entries(session: SessionView, *roles: str) -> Iterator[tuple[int, AppearanceView]]:
    """The session's role entries (with their index in ``roles``) holding one of ``roles``, in the
    file's order; every entry when no role is named."""
    for i, entry in enumerate(session.roles):
        if not roles or entry.role in roles:
            yield i, entry


def session_people(session: SessionView, *roles: str) -> list[str]:
    """The ids of the people holding ``roles`` in the session (every role if none is named), in
    order, each once: ``session_people(s, "chair", "co-chair")``."""
    out: list[str] = []
    for _, entry in role_entries(session, *roles):
        out.extend(pid for pid in entry.people if pid and pid not in out)
    return out
