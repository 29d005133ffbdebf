"""The event-report schema.

A report is what a rapporteur fills in after a talk, panel or round table. The
models only check *shape* (types, unknown keys, required keys): cross-references
between parts (person ids) and completeness of a final report are checked in
:mod:`rapporteur.validate`, so that an editor can hold a half-written draft.

Field descriptions double as the editor's one-line guides and the JSON Schema's
descriptions; ``examples[0]`` is the editor's placeholder.

Text fields hold prose: paragraphs separated by a blank line. Inline emphasis is
written ``*italic*`` and ``**bold**``; nothing else is interpreted.
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated, Literal

from pydantic import BeforeValidator, ConfigDict, Field

from .model_base import (  # noqa: F401 (re-exported: the schema's names are read from model)
    EVENT_ROLES,
    FORMS,
    PARTICIPATIONS,
    REMARK_ROLES,
    SESSION_ROLES,
    DelegationKind,
    EventRole,
    Form,
    Mode,
    Model,
    OptPersonId,
    OptStr,
    OptText,
    Participation,
    PartnerRelation,
    PersonId,
    RemarkRole,
    SessionRole,
    Status,
    Text,
)
from .model_programme import (  # noqa: F401 (re-exported)
    Appearance,
    Delegation,
    Discussion,
    EventAppearance,
    Presentation,
    Question,
    Remark,
    Response,
    Section,
    Session,
)
from .normalise import SCHEMA_VERSION, exact_int, normalise_text  # noqa: F401 (SCHEMA_VERSION, normalise_text: re-exported)
from .terms import CLOSING_ROLES, OPENING_ROLES, ROLE_LABELS, find_person  # noqa: F401 (re-exported)


class Silence(Model):
    """A house-style finding the editor has accepted, with the reason kept."""

    rule: str = Field(
        title="Rule", description="The id of the house-style rule to silence.", examples=["acronym-expansion"]
    )
    reason: str = Field(
        title="Reason",
        description="Why the finding does not apply here.",
        examples=["SCO is spelled out in the series' style guide."],
    )
    path: OptStr = Field(
        None,
        title="Field",
        description="Only silence findings at this field path (e.g. sessions[0].presentations[0]); all of the report if absent.",
    )


class Meta(Model):
    schema_version: Annotated[Literal[2], BeforeValidator(exact_int)] = Field(
        title="Schema version",
        description="Version of the report format; this rapporteur writes 2 (and reads 1, upgraded by `rapporteur fmt`).",
        examples=[2],
    )
    status: Status = Field(
        "draft",
        title="Status",
        description="draft and review may be incomplete; final must be complete.",
        examples=["draft"],
    )
    tags: list[str] = Field(
        default_factory=list,
        title="Tags",
        description="Subjects of the event, used as document keywords.",
        examples=[["China", "Russia"]],
    )
    notes: OptText = Field(
        None,
        title="Notes",
        description="Notes for the editors; never exported.",
    )
    silence: list[Silence] = Field(
        default_factory=list,
        title="Silenced findings",
        description="House-style findings accepted for this report, each with its reason.",
    )
    report_number: OptStr = Field(
        None,
        title="Report number",
        description="The organisation's number for this report, printed where the house style says (under the title by default).",
        examples=["IB-2024-17"],
    )
    prepared_by_line: bool | None = Field(
        None,
        title='"Report prepared by" line',
        description=(
            'false: this report has no "Report prepared by" line, on purpose (the organisation does not'
            " publish one): the export prints none and a final report needs no [rapporteur]."
            " Unset: the line is printed, and required as the house style says."
        ),
        examples=[False],
    )


class Organiser(Model):
    name: str = Field(
        title="Organiser",
        description="The organising institution's full name.",
        examples=["Manohar Parrikar Institute for Defence Studies and Analyses"],
    )
    short_name: OptStr = Field(
        None,
        title="Short name",
        description="The name used after first mention and in the page header.",
        examples=["MP-IDSA"],
    )
    place: OptStr = Field(
        None,
        title="Place",
        description="The organiser's city.",
        examples=["New Delhi"],
    )


class Partner(Model):
    """Another institution that organised the event, or supported it."""

    name: str = Field(
        title="Partner",
        description="The partner institution's full name.",
        examples=["Observer Research Foundation"],
    )
    short_name: OptStr = Field(
        None,
        title="Short name",
        description="The name used after first mention.",
        examples=["ORF"],
    )
    place: OptStr = Field(None, title="Place", description="The partner's city.", examples=["New Delhi"])
    relation: PartnerRelation = Field(
        "joint",
        title="Relation",
        description=(
            'joint ("X and Y jointly organised"), collaboration ("organised by X in collaboration with Y")'
            ' or support ("with the support of Y").'
        ),
        examples=["joint"],
    )


class Event(Model):
    model_config = ConfigDict(json_schema_extra={"dependencies": {"end_time": ["start_time"]}})

    title: str = Field(
        title="Title",
        description="The title of the talk or event, as announced (without quotation marks).",
        examples=["China-Russia Relationship: A Greater Alignment?"],
    )
    series: OptStr = Field(
        None,
        title="Series",
        description="The recurring series the event belongs to, if any.",
        examples=["Monday Morning Meeting"],
    )
    form: Form = Field(
        title="Form",
        description="What kind of event it was; it decides the report's skeleton and wording.",
        examples=["talk"],
    )
    date: dt.date = Field(
        title="Date",
        description="The day of the event, as a TOML date (no quotes).",
        examples=["2024-06-24"],
    )
    end_date: dt.date | None = Field(
        None,
        title="Last day",
        description="The last day of an event of several days (a TOML date, no quotes); on or after the date.",
        examples=["2024-06-26"],
    )
    start_time: dt.time | None = Field(
        None,
        title="Start time",
        description="When it began, as a TOML local time (10:00:00); rendered as 1000 hrs.",
        examples=["10:00:00"],
    )
    end_time: dt.time | None = Field(
        None,
        title="End time",
        description="When it ended, if a time range is to be shown.",
        examples=["11:30:00"],
    )
    venue: OptStr = Field(
        None,
        title="Venue",
        description="Where it was held (for an online event, the platform).",
        examples=["Conference Room, MP-IDSA, New Delhi"],
    )
    mode: Mode = Field(
        "in-person",
        title="Mode",
        description="in-person, online or hybrid.",
        examples=["in-person"],
    )
    organiser: Organiser = Field(
        title="Organiser",
        description="The institution that held the event.",
    )
    partners: list[Partner] = Field(
        default_factory=list,
        title="Partners",
        description="Other institutions that organised or supported the event, in the order to print them.",
    )
    roles: list[EventAppearance] = Field(
        default_factory=list,
        title="Roles",
        description="Who appeared at the event as a whole: chief guest, guest of honour, presided over.",
    )
    delegations: list[Delegation] = Field(
        default_factory=list,
        title="Delegations",
        description="A visiting delegation or team, or each side of a dialogue.",
    )
    form_label: OptStr = Field(
        None,
        title="Form as printed",
        description='The form as the lead says it, when the form\'s own word is not enough ("international webinar").',
        examples=["international webinar"],
    )
    edition: int | None = Field(
        None,
        ge=1,
        title="Edition",
        description='The edition of the series ("10th"), printed with the series.',
        examples=[10],
    )
    lead_verb: OptStr = Field(
        None,
        title="Lead verb",
        description='How the lead introduces the speakers\' talks: "spoke on" unless given (or set by the house style).',
        examples=["made a presentation on"],
    )
    attendance: OptStr = Field(
        None,
        title="Attendance",
        description="A sentence on who attended, closing the lead paragraph.",
        examples=["MP-IDSA scholars attended the meeting."],
    )
    attendees: list[PersonId] = Field(
        default_factory=list,
        title="Named attendees",
        description="People named as present who did not speak (ids from the registry).",
        examples=[["director-general"]],
    )
    chatham_house: bool = Field(
        False,
        title="Chatham House Rule",
        description="If true, nothing said may be attributed: the body names no speaker.",
        examples=[False],
    )


class Person(Model):
    id: PersonId = Field(
        title="Id",
        description="A short stable id (lower case, digits, - or _) used to refer to this person.",
        examples=["prathibha"],
    )
    honorific: OptStr = Field(
        None,
        title="Honorific",
        description='Title or rank as written before the name: "Dr.", "Ambassador", "Maj. Gen. (Dr.)".',
        examples=["Dr."],
    )
    name: OptStr = Field(
        None,
        title="Name",
        description="The full name without honorific (may be left out for someone known only by office: give the designation).",
        examples=["M.S. Prathibha"],
    )
    post_nominals: OptStr = Field(
        None,
        title="Post-nominals",
        description='Written after the name, e.g. "(Retd.)".',
        examples=["(Retd.)"],
    )
    designation: OptStr = Field(
        None,
        title="Designation",
        description="Post held, as printed after the name.",
        examples=["Associate Fellow"],
    )
    affiliation: OptStr = Field(
        None,
        title="Affiliation",
        description="Institution, as printed after the designation.",
        examples=["MP-IDSA"],
    )
    centre: OptStr = Field(
        None,
        title="Centre or unit",
        description="The centre, unit or division within the institution.",
        examples=["East Asia Centre"],
    )
    participation: Participation | None = Field(
        None,
        title="Participation",
        description="in-person, video-link, recorded-message, or absent (invited but could not come); as the event's mode if unset.",
        examples=["video-link"],
    )


class Lead(Model):
    text: Text = Field(
        title="Lead paragraph",
        description="Who spoke on what, when, moderated by whom, and who attended. Leave the part out to have it composed from the event details.",
        examples=[
            'Dr. M.S. Prathibha, Associate Fellow, MP-IDSA spoke on "..." at the Monday Morning Meeting held on 24 June 2024.'
        ],
    )


class Summary(Model):
    text: Text = Field(
        title="Executive summary",
        description="What the event was about and the speaker's main line of argument, in a paragraph or two.",
        examples=["The growing cooperation between China and Russia ..."],
    )


class Implications(Model):
    audience: str = Field(
        "India",
        title="Implications for",
        description="Whose implications these are: a country, a region or an audience.",
        examples=["India"],
    )
    text: Text = Field(
        title="Implications",
        description="What the discussion means for them.",
        examples=["It is in India's interest to ..."],
    )


class Conclusion(Model):
    text: OptText = Field(
        None,
        title="Conclusion",
        description="The report's closing paragraph.",
    )
    takeaways: list[str] = Field(
        default_factory=list,
        title="Key takeaways",
        description="The main points, one sentence each.",
    )


class Headings(Model):
    """Headings of the report's parts, instead of the house style's own."""

    summary: OptStr = Field(None, title="Summary", description="The summary's heading.", examples=["Overview"])
    remarks: OptStr = Field(None, title="Remarks", description="The remarks' heading.", examples=["Inaugural Session"])
    sessions: OptStr = Field(None, title="Sessions", description="The sessions' heading.", examples=["Detailed Report"])
    discussion: OptStr = Field(
        None, title="Discussion", description="The discussion's heading.", examples=["Questions Discussed"]
    )
    implications: OptStr = Field(
        None, title="Implications", description="The implications' heading.", examples=["Implications for India"]
    )
    conclusion: OptStr = Field(
        None, title="Conclusion", description="The conclusion's heading.", examples=["Way Forward"]
    )
    takeaways: OptStr = Field(
        None, title="Key takeaways", description="The key takeaways' heading.", examples=["Key Takeaways"]
    )
    attendance: OptStr = Field(
        None, title="Attendance", description="The attendance section's heading.", examples=["Participants"]
    )
    purpose: OptStr = Field(
        None, title="Purpose", description="The heading over what the event was for.", examples=["Objective"]
    )


class Attendance(Model):
    text: Text = Field(
        title="Attendance",
        description="Who attended, and the delegations' members: its own section, or the narrative's last paragraph.",
        examples=["The meeting was attended by scholars of MP-IDSA and members of the visiting delegation."],
    )


class Rapporteur(Model):
    model_config = ConfigDict(json_schema_extra={"not": {"required": ["person", "name"]}})

    person: OptPersonId = Field(
        None,
        title="Person",
        description="The rapporteur's id in the people registry (or fill in the fields below instead).",
    )
    honorific: OptStr = Field(None, title="Honorific", description="Ms., Mr., Dr. ...", examples=["Ms."])
    name: OptStr = Field(None, title="Name", description="The rapporteur's full name.", examples=["Mayuri Banerjee"])
    designation: OptStr = Field(None, title="Designation", description="Post held.", examples=["Research Analyst"])
    centre: OptStr = Field(None, title="Centre", description="Centre or unit.", examples=["East Asia Centre"])
    organisation: OptStr = Field(None, title="Organisation", description="Institution.", examples=["MP-IDSA"])
    place: OptStr = Field(None, title="Place", description="City, closing the line.", examples=["New Delhi"])


NoteKind = Literal["point", "question", "answer", "implication", "quote", "topic", "takeaway"]
NOTE_KINDS: tuple[str, ...] = typing.get_args(NoteKind)
Phase = Literal["opening", "presentations", "qa", "closing"]
PHASES: tuple[str, ...] = typing.get_args(Phase)


class Note(Model):
    """A line typed during the event: raw material, never exported, never counted toward completeness."""

    model_config = ConfigDict(json_schema_extra={"not": {"required": ["speaker", "speaker_description"]}})

    time: dt.time = Field(
        title="Time", description="The time of day the note was taken (a TOML local time).", examples=["10:42:13"]
    )
    phase: Phase = Field(
        "presentations",
        title="Phase",
        description="Part of the event: opening, presentations, qa or closing.",
        examples=["presentations"],
    )
    speaker: OptPersonId = Field(
        None, title="Speaker", description="Who was speaking (an id from the registry).", examples=["prathibha"]
    )
    speaker_description: OptStr = Field(
        None,
        title="Speaker (description)",
        description='Who was speaking, if not in the registry: "a participant".',
        examples=["a participant"],
    )
    kind: NoteKind = Field(
        "point",
        title="Kind",
        description="point, question, answer, implication, quote, topic (a new section) or takeaway.",
        examples=["point"],
    )
    text: str = Field(title="Text", description="The note as typed, without its leading mark.")
    important: bool = Field(False, title="Important", description="Marked important while taking notes.")
    used_in: list[str] = Field(
        default_factory=list,
        title="Used in",
        description="The report parts drafted from this note (field paths).",
        examples=[["sessions[0].presentations[0].sections[0].text"]],
    )


class Report(Model):
    """An event report: what happened, who said what, prepared by whom."""

    model_config = ConfigDict(
        title="Event report",
        json_schema_extra={"description": "A think-tank event report written with rapporteur."},
    )

    meta: Meta = Field(title="About this file", description="Format version, status and tags.")
    event: Event = Field(title="Event", description="What, when, where and by whom the event was held.")
    people: list[Person] = Field(
        default_factory=list,
        title="People",
        description="Everyone named in the report; other parts refer to them by id.",
    )
    lead: Lead | None = Field(
        None,
        title="Lead",
        description="The opening paragraph; composed from the event details when absent.",
    )
    summary: Summary | None = Field(None, title="Executive summary", description="What the event was about.")
    remarks: list[Remark] = Field(
        default_factory=list,
        title="Remarks",
        description="Welcome, introductory, keynote, concluding remarks and vote of thanks.",
    )
    sessions: list[Session] = Field(
        default_factory=list,
        title="Sessions",
        description="A talk is one session with one presentation; conferences have several.",
    )
    discussion: Discussion | None = Field(
        None, title="Discussion (Q&A)", description="Questions, answers and observations."
    )
    implications: Implications | None = Field(
        None,
        title="Implications",
        description="What it means for India (or whoever is named).",
    )
    conclusion: Conclusion | None = Field(None, title="Conclusion", description="Closing paragraph and key takeaways.")
    attendance: Attendance | None = Field(
        None, title="Attendance", description="Who attended: a section of its own in the sectioned layout."
    )
    headings: Headings | None = Field(
        None, title="Headings", description="Headings for the report's parts, instead of the house style's."
    )
    rapporteur: Rapporteur | None = Field(
        None, title="Rapporteur", description='Who prepared the report ("Report prepared by ...").'
    )
    notes: list[Note] = Field(
        default_factory=list,
        title="Notes",
        description="Notes taken during the event (rapporteur notes); never exported, never counted toward completeness.",
    )

    # -- lookups used by exporters, checks and the editor ----------------------------
    def person(self, person_id: str | None) -> Person | None:
        found = find_person(self, person_id)
        return found if isinstance(found, Person) else None
