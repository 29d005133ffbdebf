"""The schema's building blocks: the base model, the value types and the closed vocabularies.

Kept apart from :mod:`rapporteur.model` (the report's parts) and
:mod:`rapporteur.model_programme` (what happened: remarks, sessions, roles), which
both build on them; :mod:`rapporteur.model` re-exports every name here.
"""

from __future__ import annotations

import typing
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from .normalise import blank_to_none, empty_to_none, normalise_text

Form = Literal[
    "talk",
    "panel-discussion",
    "round-table",
    "seminar",
    "webinar",
    "conference",
    "book-discussion",
    "workshop",
    "delegation-interaction",
    "other",
]
FORMS: tuple[str, ...] = typing.get_args(Form)
Mode = Literal["in-person", "online", "hybrid"]
Status = Literal["draft", "review", "final"]
RemarkRole = Literal[
    "welcome",
    "opening",
    "introductory",
    "inaugural",
    "theme",
    "special",
    "keynote",
    "valedictory",
    "concluding",
    "vote-of-thanks",
    "other",
]
REMARK_ROLES: tuple[str, ...] = typing.get_args(RemarkRole)
#: Who appeared at the event as a whole (not a speaker: they are in presentations).
EventRole = Literal["chief-guest", "guest-of-honour", "presided-over", "other"]
EVENT_ROLES: tuple[str, ...] = typing.get_args(EventRole)
#: Who ran or answered a session (speakers and panellists stay in presentations[].speakers).
SessionRole = Literal[
    "chair",
    "co-chair",
    "moderator",
    "co-moderator",
    "facilitator",
    "presided-over",
    "discussant",
    "commentator",
    "other",
]
SESSION_ROLES: tuple[str, ...] = typing.get_args(SessionRole)
Participation = Literal["in-person", "video-link", "recorded-message", "absent"]
PARTICIPATIONS: tuple[str, ...] = typing.get_args(Participation)
PartnerRelation = Literal["joint", "collaboration", "support"]
DelegationKind = Literal["delegation", "team", "side"]

Text = Annotated[str, AfterValidator(normalise_text)]
OptText = Annotated[Text | None, BeforeValidator(blank_to_none)]
OptStr = Annotated[str | None, BeforeValidator(blank_to_none)]
PersonId = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        max_length=64,
        description="A person's id from the people registry.",
        examples=["prathibha"],
    ),
]
OptPersonId = Annotated[PersonId | None, BeforeValidator(empty_to_none)]


class Model(BaseModel):
    """Strict and closed: a TOML string is never silently taken for a date."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_assignment=False)
