"""The exported report as one list of blocks, built once and written by every format.

:func:`build` turns a :class:`~rapporteur.model.Report` into a :class:`Document`:
a title, an event line, then paragraphs, headings and list items, each with the
pandoc reference-doc style name it is written in (Title, Subtitle, Heading 1-3,
First Paragraph, Body Text, Compact) and the field path it came from. The DOCX and
Markdown writers only *render* these blocks, so the two formats cannot drift apart.

The order is the genre's: lead, executive summary, the remarks given before the
sessions (welcome, opening, introductory, keynote, special), the sessions and their
presentations, the discussion, the closing remarks (concluding, vote of thanks),
implications, conclusion and key takeaways, and the "Report prepared by" line.

Two layouts:

* ``narrative`` reads as continuous prose like the seed: no headings in the body;
  what the headings would have said is woven into sentences (a session's chair, a
  presentation's or address's title, who gave remarks the text does not name);
* ``sectioned`` puts headings over the parts (and the presentations' section
  headings, which only this layout shows); the prose is the same, less what the
  headings already say.

A session opens with a sentence on its chair or moderator (when there are several
sessions, or it has a title), continued by the chair's introduction as written; its
own discussion, if any, follows its presentations.

A discussion (Q&A), the event's or a session's: the introduction, then the issues raised as (i), (ii) ...,
then the questions, then the observations. When no question has a response, the
questions are joined to the end of the introduction as one paragraph (as in the
seed); otherwise each question starts a paragraph that its responses continue. A
question that does not name its asker (the person's name or surname, or the
description, e.g. "another scholar") is introduced: "Gp. Capt. (Dr.) Ajey Lele
asked: ..." (or "... asked whether ..." when the question starts in lower case).
Responses likewise ("... responded: ...").

Under the Chatham House Rule no person is named in composed text (lead, intros,
askers, headings); names found in the rapporteur's own text are reported with the
verdict and severity ``rapporteur check`` gives them (:mod:`rapporteur.chatham`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..names import names_person
from ..terms import OPENING_ROLES, ROLE_LABELS, find_person, role_entries
from .blocks import (
    BODY,
    COMPACT,
    FIRST,
    LANGUAGE,
    LAYOUTS,
    SIGNATURE,
    SUBTITLE,
    TITLE,
    Block,
    Document,
    Meta,
    heading_style,
)
from .lead import Fragment, join_fragments, lead_fragments, lead_names_speakers, series_phrase
from .parts import BlockWriter, curled
from .programme import (
    PARTICIPATION_VERB,
    day_heading,
    host_clause,
    other_roles,
    person_fragment,
    role_fragments,
    session_days,
    session_time,
    session_title_words,
    several_days,
)
from .text import (
    DEFAULT_PRINT,
    PrintStyle,
    author_name,
    capitalise,
    display_name,
    format_date_range,
    format_time_range,
    join_list,
    names_description,
    ordinal,
    plain_line,
    prepared_by,
    quoted,
    same_title,
)

if TYPE_CHECKING:  # the exporters read validated data; they never need the model classes
    from ..view import ReportView

__all__ = [
    "BODY",
    "COMPACT",
    "FIRST",
    "LANGUAGE",
    "LAYOUTS",
    "SIGNATURE",
    "SUBTITLE",
    "TITLE",
    "Block",
    "Builder",
    "Document",
    "Meta",
    "build",
    "heading_style",
]


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


_SESSION_LABEL = re.compile(r"^\s*session\s+(?:[ivxlc]+|\d+)\s*$", re.I)


class Builder(BlockWriter):
    """Builds the :class:`Document` of a report (:func:`build`): the title, the event line, the lead,
    the addresses and the sessions here, the closing parts in :class:`~.parts.BlockWriter`.

    A public base class: a subclass may override ``spans`` (every piece of text turned into printed
    words, with the field path it came from), ``frags`` (composed sentences), :meth:`lead` and
    ``heading`` to learn which words come from which field (:mod:`rapporteur.review.origins` does),
    and must call the base method.
    """

    def build(self) -> Document:
        r = self.r
        written = r.lead is not None and bool(r.lead.text.strip())
        self.lead_named = written or self.ch or lead_names_speakers(r)  # the lead said who spoke
        ev = r.event
        title = _clean(ev.title)
        if title:
            self.blocks.append(Block("title", tuple(self.spans(title, "event.title")), TITLE, path="event.title"))
        meta = self.meta()
        if meta.report_number and self.style.report_number == "title":
            spans = self.spans(meta.report_number, "meta.report_number", marks=False)
            self.blocks.append(Block("number", tuple(spans), SUBTITLE, path="meta.report_number"))
        if meta.event_line:
            self.blocks.append(
                Block("event", tuple(self.spans(meta.event_line, "event", marks=False)), SUBTITLE, path="event")
            )
        self.lead()
        if r.summary is not None and r.summary.text.strip():
            self.part_heading("summary", "Executive summary")
            self.prose(r.summary.text, "summary.text")
        opening = [i for i, remark in enumerate(r.remarks) if remark.role in OPENING_ROLES]
        if opening:
            self.part_heading("remarks", None)
        for i in opening:
            self.remark(i)
        if r.sessions:
            self.part_heading("sessions", None)
        self.sessions()
        if r.discussion is not None:
            self.discussion(r.discussion, "discussion", level=1)
        for i, remark in enumerate(r.remarks):
            if remark.role not in OPENING_ROLES:
                self.remark(i)
        self.implications()
        self.conclusion()
        self.attendance()
        line = prepared_by(r)
        if line:
            spans = self.spans(line, "rapporteur", marks=False)
            if spans:
                self.blocks.append(Block("closing", tuple(spans), SIGNATURE, path="rapporteur"))
        if self.ch:
            self.chatham_house_warnings()
        header = bool(meta.report_number) and self.style.report_number == "header"
        return Document([curled(b) for b in self.blocks], meta, self.layout, self.warnings, header)

    def meta(self) -> Meta:
        ev = self.r.event
        venue = _clean(ev.venue) or _clean(ev.organiser.place)
        said = set(venue.casefold().replace(",", " ").split())  # "Online", "Zoom (online)": the mode is said
        if ev.mode == "online":
            place = venue if "online" in said or "(online)" in said else f"{venue} (online)" if venue else "Online"
        elif ev.mode == "hybrid":
            place = (
                venue
                if "hybrid" in said or "(hybrid)" in said
                else f"{venue} (hybrid)"
                if venue
                else "Hybrid (in person and online)"
            )
        else:
            place = venue
        org = ev.organiser
        tags = [t for t in (plain_line(t) for t in self.r.meta.tags) if t]
        series = plain_line(ev.series)
        if series and ev.edition:
            series = plain_line(series_phrase(series, ev.edition)).removeprefix("the ")  # "10th edition of the ..."
        return Meta(
            title=plain_line(ev.title),
            series=series,
            date=ev.date,
            date_text=format_date_range(ev.date, ev.end_date, self.style.date_style),
            time_text=format_time_range(ev.start_time, ev.end_time) or "",
            place_text=plain_line(place),
            author=plain_line(author_name(self.r)),
            keywords=tags,
            status=self.r.meta.status,
            organiser=plain_line(org.short_name) or plain_line(org.name),
            organiser_full=plain_line(org.name),
            form=ev.form,
            report_number=plain_line(self.r.meta.report_number),
        )

    def lead(self) -> None:
        r = self.r
        if r.lead is not None and r.lead.text.strip():
            self.prose(r.lead.text, "lead.text")
            return
        spans = self.frags(lead_fragments(r, self.mentions, self.style))
        self.para(spans, "lead")

    def remark_label(self, i: int) -> str:
        """``Welcome remarks``, its label as written, or ``Concluding remarks and vote of thanks``."""
        remark = self.r.remarks[i]
        label = _clean(remark.label) or ROLE_LABELS[remark.role]
        if remark.also:
            label += " and " + ROLE_LABELS[remark.also][:1].lower() + ROLE_LABELS[remark.also][1:]
        return label

    def remark_intro(self, i: int) -> list[Fragment]:
        """The sentence introducing an address: who gave it, for whom, how (see :mod:`.programme`)."""
        remark = self.r.remarks[i]
        path = f"remarks[{i}]"
        person = find_person(self.r, remark.by)
        absent = find_person(self.r, remark.on_behalf_of)
        desc = _clean(remark.by_description)
        title = _clean(remark.title)
        text = remark.text or ""
        titled = [Fragment(", titled "), Fragment(quoted(title), f"{path}.title", True)] if title else []
        if absent is not None and not self.ch:
            what = "the " + (_clean(remark.label) or ROLE_LABELS[remark.role]).lower()
            whose = [Fragment(f"{what} of "), person_fragment(self.mentions, absent, f"{path}.on_behalf_of", False)]
            tail = [*titled, Fragment(", who could not attend.")]
            if person is not None:
                who = person_fragment(self.mentions, person, f"{path}.by", False)
                return [who, Fragment(" read out "), *whose, *tail]
            return [Fragment(capitalise(whose[0].text)), whose[1], Fragment(", who could not attend, was read out.")]
        who_frag: Fragment | None = None
        if not self.ch and person is not None and not names_person(text, person, self.r):
            who_frag = person_fragment(self.mentions, person, f"{path}.by", False)
        elif desc and not names_description(text, desc):
            who_frag = Fragment(desc, f"{path}.by_description", True)
        if who_frag is not None:
            manner = PARTICIPATION_VERB.get((person.participation if person is not None else "") or "", "")
            sentence = role_fragments(
                remark.role, [who_frag], kind="address", label=remark.label, also=remark.also, manner=manner
            )
            if titled and sentence[-1].text.endswith("."):
                sentence = [*sentence[:-1], Fragment(sentence[-1].text[:-1]), *titled, Fragment(".")]
            return sentence
        if remark.role == "other" and _clean(remark.label) and not text.strip() and not title:
            return [Fragment(f"The {_clean(remark.label)[:1].lower()}{_clean(remark.label)[1:]} was held.")]
        if title:
            noun = self.remark_label(i).lower()
            verb = "were" if noun.endswith("remarks") else "was"
            return [
                Fragment(f"The {noun} {verb} titled "),
                Fragment(quoted(title), f"{path}.title", True),
                Fragment("."),
            ]
        return []

    def remark(self, i: int) -> None:
        remark = self.r.remarks[i]
        path = f"remarks[{i}]"
        if self.sectioned:
            self.heading(self.remark_label(i), 1, path)
        intro = self.remark_intro(i)
        self.prose(remark.text, f"{path}.text", self.frags(intro) if intro else None)

    def sessions(self) -> None:
        """The sessions, under a heading per day ("Day 1: 24 March 2021") when they fall on several days."""
        r = self.r
        days = session_days(r) if several_days(r) else []
        # under the report's own heading for the sessions ("Detailed Report") the days and sessions sit a level lower
        self.sessions_level = 2 if r.headings is not None and _clean(r.headings.sessions) else 1
        number, last = 0, None
        for i in range(len(r.sessions)):
            day = days[i] if days else None
            if day is not None and day != last:
                number += 1
                last = day
                self.heading(
                    day_heading(r, number, day, self.style.date_style), self.sessions_level, f"sessions[{i}].date"
                )
            self.session(i)

    def session(self, i: int) -> None:
        r = self.r
        s = r.sessions[i]
        path = f"sessions[{i}]"
        n = len(r.sessions)
        title = "" if same_title(s.title, r.event.title) and len(r.sessions) == 1 else _clean(s.title)
        shift = (1 if several_days(r) else 0) + self.sessions_level - 1
        if self.sectioned:
            if title:
                text = title
            elif n > 1:
                text = f"Session {i + 1}"
            else:
                text = "Presentation" if len(s.presentations) == 1 else "Presentations"
            when = session_time(r, i)
            custom = r.headings is not None and bool(_clean(r.headings.sessions))
            if title or n > 1 or when or not custom:  # a custom "Detailed Report" already heads a lone session
                self.heading(text, 1 + shift, path, f" ({when})" if when else "")
        intro = self.frags(self.session_intro(i)) if (n > 1 or title or self.session_others(i)) else []
        if (s.introduction or "").strip():
            self.prose(s.introduction, f"{path}.introduction", intro or None)
        else:
            self.para(intro, path)
        total = sum(len(x.presentations) for x in r.sessions)
        for j in range(len(s.presentations)):
            self.presentation(i, j, total)
        for k, entry in role_entries(s):
            if not self.ch:
                self.prose(entry.text, f"{path}.roles[{k}].text")
        if s.discussion is not None:
            self.discussion(s.discussion, f"{path}.discussion", level=2 + shift)

    def session_others(self, i: int) -> list[Fragment]:
        """The session's roles other than its hosts' (discussants, commentators, a free label)."""
        if self.ch:
            return []
        s = self.r.sessions[i]
        return other_roles(self.r, self.mentions, f"sessions[{i}]", [e for _, e in role_entries(s)], "session")

    def session_intro(self, i: int) -> list[Fragment]:
        r = self.r
        s = r.sessions[i]
        path = f"sessions[{i}]"
        title = "" if same_title(s.title, r.event.title) and len(r.sessions) == 1 else _clean(s.title)
        shown_title = title and not self.sectioned and not _SESSION_LABEL.match(title)  # "Session I" says nothing
        inner = session_title_words(title)
        when = session_time(r, i) if not self.sectioned else ""
        subject = f"The {ordinal(i + 1)} session" if len(r.sessions) > 1 else "The session"
        entries = [e for _, e in role_entries(s)]
        hosts = [] if self.ch else host_clause(r, self.mentions, path, entries)
        out: list[Fragment] = []
        timed = [Fragment(f" ({when})")] if when else []
        titled = [Fragment(", on "), Fragment(quoted(inner), f"{path}.title", True)] if shown_title else []
        if hosts:
            comma = [Fragment(",")] if shown_title else []
            out = [Fragment(subject), *titled, *timed, *comma, Fragment(" was "), *hosts, Fragment(".")]
        elif shown_title:
            out = [
                Fragment(f"{subject} was on "),
                Fragment(quoted(inner), f"{path}.title", True),
                *timed,
                Fragment("."),
            ]
        elif when:
            out = [Fragment(f"{subject} was held"), *timed, Fragment(".")]
        others = self.session_others(i)
        if others:
            out += ([Fragment(" ")] if out else []) + others
        return out

    def presentation(self, i: int, j: int, total: int) -> None:
        r = self.r
        s = r.sessions[i]
        p = s.presentations[j]
        path = f"sessions[{i}].presentations[{j}]"
        found = [(f"{path}.speakers[{k}]", find_person(r, pid)) for k, pid in enumerate(p.speakers)]
        speakers = [(sp_path, sp) for sp_path, sp in found if sp is not None]
        title = _clean(p.title)
        if same_title(title, r.event.title):
            title = ""  # the title and the lead already say it
        np = len(s.presentations)
        shift = (1 if several_days(r) else 0) + self.sessions_level - 1
        level = 2 + shift
        names_shown = False  # a heading naming the speakers: no "X spoke first." under it
        if self.sectioned and (np > 1 or title):
            names = join_list([capitalise(display_name(sp)) for _, sp in speakers]) if not self.ch else ""
            suffix = ""
            if title:
                text = title
                if names:  # a presentation's heading names its speaker: "Title — Dr. X"
                    suffix, names_shown = f" \u2014 {names}", True
            elif names:
                text = names
                names_shown = True
            else:
                text = f"Presentation {j + 1}"
            self.heading(text, level, path, suffix)
            level += 1
        title_shown = bool(title) and self.sectioned  # the heading says it
        all_text = "\n".join(sec.text for sec in p.sections)
        named = any(names_person(all_text, sp, self.r) for _, sp in speakers)
        which = f"The {ordinal(j + 1)} presentation" if np > 1 else "The presentation"
        intro: list[Fragment] = []
        if title and not title_shown and (self.ch or named or not speakers):
            intro = [Fragment(f"{which} was titled "), Fragment(quoted(title), f"{path}.title", True), Fragment(".")]
        elif not self.ch and speakers and not named and not names_shown:
            who = join_fragments([person_fragment(self.mentions, sp, sp_path) for sp_path, sp in speakers])
            if title and not title_shown:
                intro = who + [Fragment(" spoke on "), Fragment(quoted(title), f"{path}.title", True), Fragment(".")]
            elif total > 1 or not self.lead_named:
                if np == 1:
                    tail = " was the speaker." if len(speakers) == 1 else " were the speakers."
                else:
                    tail = " spoke first." if j == 0 else " spoke next."
                intro = who + [Fragment(tail)]
        prefix = self.frags(intro) if intro else None
        if not p.sections and prefix:
            self.para(prefix, path)
        for k, sec in enumerate(p.sections):
            sec_path = f"{path}.sections[{k}]"
            if self.sectioned and _clean(sec.heading):
                self.heading(sec.heading or "", level, f"{sec_path}.heading")
            self.prose(sec.text, f"{sec_path}.text", prefix if k == 0 else None)


def build(report: ReportView, layout: str = "narrative", style: PrintStyle = DEFAULT_PRINT) -> Document:
    """The document to export. Never raises for a draft's gaps (unknown ids are skipped).

    ``style``: what the house style decides about printed words (:class:`~.text.PrintStyle`).
    """
    return Builder(report, layout, style).build()
