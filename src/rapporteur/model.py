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

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from .normalise import SCHEMA_VERSION, blank_to_none, empty_to_none, exact_int, normalise_text  # noqa: F401 (SCHEMA_VERSION, normalise_text: re-exported)

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
    "keynote",
    "special",
    "concluding",
    "vote-of-thanks",
]
from .terms import CLOSING_ROLES, OPENING_ROLES, ROLE_LABELS, find_person  # noqa: E402,F401 (re-exported)

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
    schema_version: Annotated[Literal[1], BeforeValidator(exact_int)] = Field(
        title="Schema version",
        description="Version of the report format; this rapporteur writes 1.",
        examples=[1],
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
    name: str = Field(
        title="Name",
        description="The full name without honorific.",
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


class Remark(Model):
    role: RemarkRole = Field(
        title="Role",
        description="welcome, opening, introductory, keynote, special, concluding or vote-of-thanks.",
        examples=["introductory"],
    )
    by: OptPersonId = Field(
        None,
        title="By",
        description="Who gave the remarks (may be left out only under the Chatham House Rule).",
        examples=["singh"],
    )
    title: OptStr = Field(
        None,
        title="Title",
        description="The title of an address, if it had one.",
    )
    text: Text = Field(
        title="Remarks",
        description="What they said, in reported speech.",
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
    title: OptStr = Field(
        None,
        title="Title",
        description='The session\'s title, for events with several ("Session I: Maritime Security").',
    )
    chair: OptPersonId = Field(
        None,
        title="Chair",
        description='Who chaired the session ("chaired by").',
    )
    moderator: OptPersonId = Field(
        None,
        title="Moderator",
        description='Who moderated the session ("moderated by").',
        examples=["singh"],
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
