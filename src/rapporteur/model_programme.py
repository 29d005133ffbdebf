"""What happened at the event: addresses, sessions, presentations, questions, and who held which role.

Re-exported by :mod:`rapporteur.model`; see there for how the models are read.
"""

from __future__ import annotations

import datetime as dt

from pydantic import ConfigDict, Field

from .model_base import (
    DelegationKind,
    EventRole,
    Model,
    OptPersonId,
    OptStr,
    OptText,
    PersonId,
    RemarkRole,
    SessionRole,
    Text,
)

_PEOPLE = "Who held the role (ids from the registry); several may share it."
_LABEL = 'The role as printed, instead of its own word ("Panel chair"); required for role "other".'
_QUALIFIER = 'A word printed after the name ("internal", "external": "X (internal) and Y (external)").'
_TEXT = "What they said, in reported speech (a discussant's or commentator's remarks)."


class _Appearance(Model):
    """What an appearance holds wherever it is held; the subclasses say which roles may be held there."""

    role: str = Field(title="Role")
    people: list[PersonId] = Field(default_factory=list, title="People", description=_PEOPLE, examples=[["singh"]])
    label: OptStr = Field(None, title="Label", description=_LABEL, examples=["Panel chair"])
    qualifier: OptStr = Field(None, title="Qualifier", description=_QUALIFIER, examples=["external"])
    text: OptText = Field(None, title="What they said", description=_TEXT)


class Appearance(_Appearance):
    """One role held in a session: chair, moderator, presided over, discussant ..."""

    role: SessionRole = Field(
        title="Role",
        description=(
            "chair, co-chair, moderator, co-moderator, facilitator, presided-over, discussant, commentator,"
            " or other (named by its label)."
        ),
        examples=["chair"],
    )


class EventAppearance(_Appearance):
    """One role held at the event as a whole: chief guest, guest of honour, presided over ..."""

    role: EventRole = Field(
        title="Role",
        description="chief-guest, guest-of-honour, presided-over (the whole event), or other (named by its label).",
        examples=["chief-guest"],
    )
    people: list[PersonId] = Field(
        default_factory=list, title="People", description=_PEOPLE, examples=[["director-general"]]
    )
    label: OptStr = Field(None, title="Label", description=_LABEL, examples=["Special Guest"])


class Delegation(Model):
    """A visiting delegation or team, or one side of a dialogue."""

    kind: DelegationKind = Field(
        "delegation",
        title="Kind",
        description="delegation, team, or side (one side of a dialogue).",
        examples=["delegation"],
    )
    organisation: OptStr = Field(
        None,
        title="From",
        description="The organisation they came from.",
        examples=["China Institute of International Studies"],
    )
    country: OptStr = Field(None, title="Country", description="The country they came from.", examples=["China"])
    size: int | None = Field(
        None, ge=1, title="Size", description='How many came ("a ten-member delegation").', examples=[10]
    )
    leader: OptPersonId = Field(
        None, title="Led by", description="Who led it (an id from the registry).", examples=["wang"]
    )
    members: list[PersonId] = Field(
        default_factory=list,
        title="Members",
        description="Its other members named in the report (ids from the registry).",
        examples=[["li", "zhang"]],
    )
    description: OptStr = Field(
        None,
        title="Description",
        description="Printed instead of the composed phrase when given.",
        examples=["a ten-member delegation of senior editors"],
    )


class Remark(Model):
    """An address or a ceremony outside the sessions: welcome, inaugural, valedictory, vote of thanks, a lamp lighting."""

    model_config = ConfigDict(json_schema_extra={"not": {"required": ["by", "by_description"]}})

    role: RemarkRole = Field(
        title="Role",
        description=(
            "welcome, opening, introductory, inaugural, theme, special, keynote, valedictory, concluding,"
            " vote-of-thanks, or other (a ceremony or address named by its label)."
        ),
        examples=["introductory"],
    )
    also: RemarkRole | None = Field(
        None,
        title="Also",
        description=(
            "A second role the same remarks served, printed in one sentence"
            ' ("delivered the concluding remarks and proposed the vote of thanks").'
        ),
        examples=["vote-of-thanks"],
    )
    label: OptStr = Field(
        None,
        title="Label",
        description='The wording printed instead of the role\'s own ("Welcome address", "Lamp lighting"); required for role "other".',
        examples=["Welcome address"],
    )
    by: OptPersonId = Field(
        None,
        title="By",
        description="Who gave the remarks (may be left out only under the Chatham House Rule, or with a description).",
        examples=["singh"],
    )
    by_description: OptStr = Field(
        None,
        title="By (description)",
        description='Who gave them, if not named: "a senior official of the Ministry" (not with by).',
        examples=["a senior official of the Ministry"],
    )
    on_behalf_of: OptPersonId = Field(
        None,
        title="On behalf of",
        description="Whose message was read out, when the one giving it could not come (an id from the registry).",
        examples=["director-general"],
    )
    title: OptStr = Field(
        None,
        title="Title",
        description="The title of an address, if it had one.",
    )
    text: OptText = Field(
        None,
        title="Remarks",
        description="What they said, in reported speech (a ceremony may have none; a final report needs it for every other role).",
        examples=["The session opened with introductory remarks from ..."],
    )


class Section(Model):
    heading: OptStr = Field(
        None,
        title="Heading",
        description="A theme of the presentation; shown only in the sectioned layout.",
        examples=["Factors underpinning cooperation"],
    )
    text: Text = Field(
        title="Text",
        description="What the speaker said on this theme, in reported speech.",
        examples=["Dr. Prathibha noted that ..."],
    )


class Presentation(Model):
    speakers: list[PersonId] = Field(
        default_factory=list,
        title="Speakers",
        description="Who presented (ids from the registry; may be left empty only under the Chatham House Rule).",
        examples=[["prathibha"]],
    )
    title: OptStr = Field(
        None,
        title="Title",
        description="The title of this presentation, if not the event's.",
    )
    sections: list[Section] = Field(
        default_factory=list,
        title="Sections",
        description="The presentation's themes in the order they were taken up.",
    )


class Response(Model):
    by: OptPersonId = Field(
        None,
        title="By",
        description="Who answered (leave empty when unattributed).",
        examples=["prathibha"],
    )
    text: Text = Field(
        title="Response",
        description="The answer, in reported speech.",
        examples=["Dr. Prathibha responded that ..."],
    )


class Question(Model):
    model_config = ConfigDict(json_schema_extra={"not": {"required": ["asker", "asker_description"]}})

    asker: OptPersonId = Field(
        None,
        title="Asked by",
        description="Who asked, if named (an id from the registry).",
        examples=["lele"],
    )
    asker_description: OptStr = Field(
        None,
        title="Asker (description)",
        description='Who asked, if not named: "One of the scholars".',
        examples=["One of the scholars"],
    )
    text: Text = Field(
        title="Question",
        description="The question in reported speech; if it does not name the asker, the export introduces it.",
        examples=["Deputy Director General Gp. Capt. (Dr.) Ajey Lele queried about ..."],
    )
    responses: list[Response] = Field(
        default_factory=list,
        title="Responses",
        description="The answers given, in order.",
    )


class Discussion(Model):
    intro: OptText = Field(
        None,
        title="Introduction",
        description="How the discussion began.",
        examples=["The presentation was followed by a Q&A Session."],
    )
    questions: list[Question] = Field(
        default_factory=list,
        title="Questions",
        description="Questions in the order they were asked, each with its answers.",
    )
    observations: OptText = Field(
        None,
        title="Observations",
        description="What was observed in the discussion as a whole.",
        examples=["During the Q&A session it was observed that ..."],
    )
    issues_raised: list[str] = Field(
        default_factory=list,
        title="Issues raised",
        description="For unattributed formats: the issues raised, listed as (i), (ii) ...",
        examples=[["Maritime domain awareness in the Indian Ocean"]],
    )


class Session(Model):
    model_config = ConfigDict(json_schema_extra={"dependencies": {"end_time": ["start_time"]}})

    title: OptStr = Field(
        None,
        title="Title",
        description='The session\'s title, for events with several ("Session I: Maritime Security").',
    )
    roles: list[Appearance] = Field(
        default_factory=list,
        title="Roles",
        description="Who chaired, moderated, presided over or answered the session, in the order to print them.",
    )
    date: dt.date | None = Field(
        None,
        title="Date",
        description="The session's own day, for an event of several days (a TOML date, no quotes).",
        examples=["2024-06-25"],
    )
    start_time: dt.time | None = Field(
        None,
        title="Start time",
        description="When the session began, as a TOML local time (10:00:00).",
        examples=["10:00:00"],
    )
    end_time: dt.time | None = Field(
        None,
        title="End time",
        description="When the session ended.",
        examples=["11:30:00"],
    )
    introduction: OptText = Field(
        None,
        title="Chair's introduction",
        description="How the chair or moderator opened this session.",
    )
    presentations: list[Presentation] = Field(
        default_factory=list,
        title="Presentations",
        description="The talks given in this session, in order.",
    )
    discussion: Discussion | None = Field(
        None,
        title="Session discussion",
        description="Questions and answers held within this session (the report-level discussion is for the event as a whole).",
    )
