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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, format_path
from ..terms import OPENING_ROLES, ROLE_LABELS, ROLES, find_person
from .lead import Fragment, join_fragments, lead_fragments, session_roles
from .text import (
    CURLY_QUOTES,
    DEFAULT_PRINT,
    FORM_NOUNS,
    Mentions,
    PrintStyle,
    Span,
    author_name,
    curl_apostrophes,
    display_name,
    format_date,
    format_time_range,
    join_list,
    merge_spans,
    names_description,
    names_person,
    ordinal,
    paragraphs,
    plain,
    plain_line,
    prepared_by,
    quoted,
    roman,
    same_title,
    spans_of,
)

if TYPE_CHECKING:  # the exporters read validated data; they never need the model classes
    from ..view import DiscussionView, QuestionView, ReportView

LAYOUTS = ("narrative", "sectioned")

TITLE, SUBTITLE = "Title", "Subtitle"
FIRST, BODY, COMPACT = "First Paragraph", "Body Text", "Compact"
SIGNATURE = "Signature"
LANGUAGE = "en-IN"


def heading_style(level: int) -> str:
    return f"Heading {level}"


@dataclass(frozen=True)
class Block:
    """One paragraph of the exported document.

    ``kind`` is ``title``, ``event``, ``heading``, ``para``, ``item`` or ``closing``;
    ``style`` the pandoc style name; ``level`` a heading's level (1-3); ``marker``
    a list item's marker ("(i)" or "•"); ``path`` the field it came from.
    """

    kind: str
    spans: tuple[Span, ...]
    style: str
    level: int = 0
    marker: str = ""
    path: str = ""

    @property
    def text(self) -> str:
        return plain(self.spans)


@dataclass
class Meta:
    """What a writer needs besides the blocks: metadata and header fields."""

    title: str
    series: str
    date: object  # datetime.date
    date_text: str
    time_text: str
    place_text: str
    author: str
    keywords: list[str]
    status: str
    organiser: str  # as in the page header: short name, else name
    organiser_full: str
    form: str
    language: str = LANGUAGE

    @property
    def draft(self) -> bool:
        return self.status != "final"

    @property
    def event_line(self) -> str:
        """``Monday Morning Meeting | 24 June 2024 | 1000-1130 hrs | Conference Room, New Delhi``."""
        return " | ".join(p for p in (self.series, self.date_text, self.time_text, self.place_text) if p)


@dataclass
class Document:
    blocks: list[Block]
    meta: Meta
    layout: str
    warnings: list[Diagnostic] = field(default_factory=list)

    def texts(self, kinds: tuple[str, ...] = ("para", "item", "closing")) -> list[str]:
        return [b.text for b in self.blocks if b.kind in kinds]


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


_SESSION_PREFIX = re.compile(r"^\s*session\s+(?:[ivxlc]+|\d+)\s*[:.\u2013\u2014-]\s*(?P<rest>\S.*)$", re.I)


def _remark_intro_verb(role: str) -> str:
    return ROLES[role].verb or f"delivered the {ROLE_LABELS[role].lower()}"


def _lower_start(text: str) -> bool:
    """Whether prose starts with a lower-case letter ("about ...", "whether ...")."""
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if not ch.isspace() and ch not in "\"'\u201c\u2018(":
            return False
    return False


class _Builder:
    def __init__(self, report: ReportView, layout: str, style: PrintStyle = DEFAULT_PRINT) -> None:
        if layout not in LAYOUTS:
            raise ValueError(f"unknown layout {layout!r} (choose from {', '.join(LAYOUTS)})")
        self.r = report
        self.sectioned = layout == "sectioned"
        self.layout = layout
        self.style = style
        self.ch = report.event.chatham_house
        self.mentions = Mentions(report)
        self.blocks: list[Block] = []
        self.warnings: list[Diagnostic] = []
        self._first = True  # the next paragraph opens a part ("First Paragraph")

    # -- spans ---------------------------------------------------------------------------
    def spans(self, text: str, path: str, marks: bool = True) -> list[Span]:
        return spans_of(text, path, self.warnings, marks=marks)

    def frags(self, fragments: list[Fragment]) -> list[Span]:
        out: list[Span] = []
        for f in fragments:
            if f.text:
                out.extend(self.spans(f.text, f.path, f.marks))
        return merge_spans(out)

    # -- blocks --------------------------------------------------------------------------
    def para(self, spans: list[Span], path: str) -> None:
        spans = _strip(spans)
        if not spans:
            return
        self.blocks.append(Block("para", tuple(spans), FIRST if self._first else BODY, path=path))
        self._first = False

    def heading(self, text: str, level: int, path: str) -> None:
        """A heading, unless it repeats the title or the heading right above it (a one-section talk)."""
        last = self.blocks[-1] if self.blocks else None
        if same_title(text, self.r.event.title) or (
            last is not None and last.kind == "heading" and same_title(text, last.text)
        ):
            return
        spans = self.spans(" ".join(text.split()), path)
        if not spans:
            return
        self.blocks.append(Block("heading", tuple(spans), heading_style(level), level=level, path=path))
        self._first = True

    def item(self, text: str, marker: str, path: str) -> None:
        spans = self.spans(" ".join(text.split()), path)
        self.blocks.append(Block("item", tuple(spans), COMPACT, marker=marker, path=path))
        self._first = False

    def prose(self, text: str | None, path: str, prefix: list[Span] | None = None) -> None:
        """Each paragraph of a prose field; ``prefix`` (an introducing sentence) opens the first."""
        self.mentions.seen(text or "")
        paras = paragraphs(text)
        if prefix and not paras:
            self.para(prefix, path)
            return
        for n, p in enumerate(paras):
            spans = self.spans(p, path)
            if n == 0 and prefix:
                spans = _join(prefix, spans)
            self.para(spans, path)

    # -- parts ---------------------------------------------------------------------------
    def build(self) -> Document:
        r = self.r
        ev = r.event
        title = _clean(ev.title)
        if title:
            self.blocks.append(Block("title", tuple(self.spans(title, "event.title")), TITLE, path="event.title"))
        meta = self.meta()
        if meta.event_line:
            self.blocks.append(
                Block("event", tuple(self.spans(meta.event_line, "event", marks=False)), SUBTITLE, path="event")
            )
        self.lead()
        if r.summary is not None and r.summary.text.strip():
            if self.sectioned:
                self.heading("Executive summary", 1, "summary")
            self.prose(r.summary.text, "summary.text")
        for i, remark in enumerate(r.remarks):
            if remark.role in OPENING_ROLES:
                self.remark(i)
        for i in range(len(r.sessions)):
            self.session(i)
        if r.discussion is not None:
            self.discussion(r.discussion, "discussion", level=1)
        for i, remark in enumerate(r.remarks):
            if remark.role not in OPENING_ROLES:
                self.remark(i)
        self.implications()
        self.conclusion()
        line = prepared_by(r)
        if line:
            spans = self.spans(line, "rapporteur", marks=False)
            if spans:
                self.blocks.append(Block("closing", tuple(spans), SIGNATURE, path="rapporteur"))
        if self.ch:
            self.chatham_house_warnings()
        return Document([_curled(b) for b in self.blocks], meta, self.layout, self.warnings)

    def meta(self) -> Meta:
        ev = self.r.event
        venue = _clean(ev.venue)
        if ev.mode == "online":
            place = f"{venue} (online)" if venue else "Online"
        elif ev.mode == "hybrid":
            place = f"{venue} (hybrid)" if venue else "Hybrid (in person and online)"
        else:
            place = venue
        org = ev.organiser
        tags = [t for t in (plain_line(t) for t in self.r.meta.tags) if t]
        return Meta(
            title=plain_line(ev.title),
            series=plain_line(ev.series),
            date=ev.date,
            date_text=format_date(ev.date, self.style.date_style),
            time_text=format_time_range(ev.start_time, ev.end_time) or "",
            place_text=plain_line(place),
            author=plain_line(author_name(self.r)),
            keywords=tags,
            status=self.r.meta.status,
            organiser=plain_line(org.short_name) or plain_line(org.name),
            organiser_full=plain_line(org.name),
            form=ev.form,
        )

    def lead(self) -> None:
        r = self.r
        if r.lead is not None and r.lead.text.strip():
            self.prose(r.lead.text, "lead.text")
            return
        spans = self.frags(lead_fragments(r, self.mentions, self.style))
        self.para(spans, "lead")

    def remark(self, i: int) -> None:
        remark = self.r.remarks[i]
        path = f"remarks[{i}]"
        label = ROLE_LABELS[remark.role]
        if self.sectioned:
            self.heading(label, 1, path)
        person = find_person(self.r, remark.by)
        title = _clean(remark.title)
        noun = label.lower()
        verb = "were" if noun.endswith("remarks") else "was"
        intro: list[Fragment] = []
        if not self.ch and person is not None and not names_person(remark.text or "", person):
            intro = [
                Fragment(self.mentions.person(person), f"{path}.by"),
                Fragment(f" {_remark_intro_verb(remark.role)}"),
            ]
            if title:
                intro += [Fragment(", titled "), Fragment(quoted(title), f"{path}.title", True)]
            intro.append(Fragment("."))
        elif title:
            intro = [
                Fragment(f"The {noun} {verb} titled "),
                Fragment(quoted(title), f"{path}.title", True),
                Fragment("."),
            ]
        self.prose(remark.text, f"{path}.text", self.frags(intro) if intro else None)

    def session(self, i: int) -> None:
        r = self.r
        s = r.sessions[i]
        path = f"sessions[{i}]"
        n = len(r.sessions)
        title = "" if same_title(s.title, r.event.title) and len(r.sessions) == 1 else _clean(s.title)
        if self.sectioned:
            if title:
                text = title
            elif n > 1:
                text = f"Session {i + 1}"
            else:
                text = "Presentation" if len(s.presentations) == 1 else "Presentations"
            self.heading(text, 1, path)
        intro = self.frags(self.session_intro(i)) if (n > 1 or title) else []
        if (s.introduction or "").strip():
            self.prose(s.introduction, f"{path}.introduction", intro or None)
        else:
            self.para(intro, path)
        total = sum(len(x.presentations) for x in r.sessions)
        for j in range(len(s.presentations)):
            self.presentation(i, j, total)
        if s.discussion is not None:
            self.discussion(s.discussion, f"{path}.discussion", level=2)

    def session_intro(self, i: int) -> list[Fragment]:
        r = self.r
        s = r.sessions[i]
        path = f"sessions[{i}]"
        title = "" if same_title(s.title, r.event.title) and len(r.sessions) == 1 else _clean(s.title)
        shown_title = title and not self.sectioned
        inner = title
        mt = _SESSION_PREFIX.match(title)
        if mt:
            inner = mt.group("rest")
        subject = f"The {ordinal(i + 1)} session" if len(r.sessions) > 1 else "The session"
        roles = [] if self.ch else session_roles(r, i, self.mentions)
        if roles:
            out = [Fragment(subject)]
            if shown_title:
                out += [Fragment(", on "), Fragment(quoted(inner), f"{path}.title", True), Fragment(",")]
            return out + [Fragment(" was ")] + roles + [Fragment(".")]
        if shown_title:
            return [Fragment(f"{subject} was on "), Fragment(quoted(inner), f"{path}.title", True), Fragment(".")]
        return []

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
        level = 2
        names_shown = False  # a heading naming the speakers: no "X spoke first." under it
        if self.sectioned and (np > 1 or title):
            if title:
                text = title
            elif speakers and not self.ch:
                text = join_list([display_name(sp) for _, sp in speakers])
                names_shown = True
            else:
                text = f"Presentation {j + 1}"
            self.heading(text, 2, path)
            level = 3
        title_shown = bool(title) and self.sectioned  # the heading says it
        all_text = "\n".join(sec.text for sec in p.sections)
        named = any(names_person(all_text, sp) for _, sp in speakers)
        which = f"The {ordinal(j + 1)} presentation" if np > 1 else "The presentation"
        intro: list[Fragment] = []
        if title and not title_shown and (self.ch or named or not speakers):
            intro = [Fragment(f"{which} was titled "), Fragment(quoted(title), f"{path}.title", True), Fragment(".")]
        elif not self.ch and speakers and not named and not names_shown:
            names = join_fragments([Fragment(self.mentions.person(sp), sp_path) for sp_path, sp in speakers])
            if title and not title_shown:
                intro = names + [Fragment(" spoke on "), Fragment(quoted(title), f"{path}.title", True), Fragment(".")]
            elif total > 1:
                if np == 1:
                    tail = " was the speaker." if len(speakers) == 1 else " were the speakers."
                else:
                    tail = " spoke first." if j == 0 else " spoke next."
                intro = names + [Fragment(tail)]
        prefix = self.frags(intro) if intro else None
        if not p.sections and prefix:
            self.para(prefix, path)
        for k, sec in enumerate(p.sections):
            sec_path = f"{path}.sections[{k}]"
            if self.sectioned and _clean(sec.heading):
                self.heading(sec.heading or "", level, f"{sec_path}.heading")
            self.prose(sec.text, f"{sec_path}.text", prefix if k == 0 else None)

    def _asker(self, q: QuestionView, path: str) -> list[Fragment] | None:
        """The asker as the subject of "asked", or None if the text names them (or nobody is given)."""
        if q.asker:
            person = find_person(self.r, q.asker)
            if person is None:
                return None
            if self.ch:
                return [Fragment("A participant")]
            if names_person(q.text, person):
                return None
            return [Fragment(self.mentions.person(person), f"{path}.asker")]
        desc = _clean(q.asker_description)
        if not desc or names_description(q.text, desc):
            return None
        return [Fragment(desc[0].upper() + desc[1:], f"{path}.asker_description", True)]

    def _introduced(self, who: list[Fragment] | None, verb: str, text: str, path: str) -> list[list[Span]]:
        """The paragraphs of ``text``, the first introduced by "<who> <verb>: " when ``who`` is given."""
        self.mentions.seen(text)
        paras = [self.spans(p, path) for p in paragraphs(text)]
        if who and paras:
            colon = "" if _lower_start(plain(paras[0])) else ":"
            paras[0] = _join(self.frags(who + [Fragment(f" {verb}{colon}")]), paras[0])
        return paras

    def discussion(self, d: DiscussionView, at: str, level: int) -> None:
        """Introduction, issues raised, questions (joined or with their responses), observations."""
        has = (
            (d.intro or "").strip()
            or d.questions
            or (d.observations or "").strip()
            or any(i.strip() for i in d.issues_raised)
        )
        if not has:
            return
        if self.sectioned:
            self.heading("Discussion", level, at)
        pending: tuple[list[Span], str] | None = None  # a paragraph the next question may continue

        def flush() -> None:
            nonlocal pending
            if pending is not None:
                self.para(*pending)
                pending = None

        self.mentions.seen(d.intro or "")
        intro = [self.spans(p, f"{at}.intro") for p in paragraphs(d.intro)]
        for spans in intro[:-1]:
            self.para(spans, f"{at}.intro")
        if intro:
            pending = (intro[-1], f"{at}.intro")
        issues = [(n, i) for n, i in enumerate(d.issues_raised) if i.strip()]
        if issues:
            flush()
            if not intro:
                self.para(self.spans("The following issues were raised:", f"{at}.issues_raised"), f"{at}.issues_raised")
            for number, (n, issue) in enumerate(issues, 1):
                self.item(issue, f"({roman(number)})", f"{at}.issues_raised[{n}]")
        responses = any(q.responses for q in d.questions)
        for i, q in enumerate(d.questions):
            path = f"{at}.questions[{i}]"
            paras = self._introduced(self._asker(q, path), "asked", q.text, f"{path}.text")
            for j, resp in enumerate(q.responses):
                rpath = f"{path}.responses[{j}]"
                who = None
                person = find_person(self.r, resp.by)
                if person is not None and not self.ch and not names_person(resp.text, person):
                    who = [Fragment(self.mentions.person(person), f"{rpath}.by")]
                rparas = self._introduced(who, "responded", resp.text, f"{rpath}.text")
                if rparas and paras:
                    paras[-1] = _join(paras[-1], rparas[0])
                    paras += rparas[1:]
                else:
                    paras += rparas
            if not paras:
                continue
            if responses:
                flush()
            if pending is not None:
                pending = (_join(pending[0], paras[0]), pending[1])
            else:
                pending = (paras[0], f"{path}.text")
            for spans in paras[1:]:
                flush()
                pending = (spans, f"{path}.text")
        flush()
        self.prose(d.observations, f"{at}.observations")

    def implications(self) -> None:
        imp = self.r.implications
        if imp is None or not imp.text.strip():
            return
        if self.sectioned:
            self.heading(f"Implications for {_clean(imp.audience) or 'India'}", 1, "implications")
        self.prose(imp.text, "implications.text")

    def conclusion(self) -> None:
        c = self.r.conclusion
        if c is None:
            return
        takeaways = [(n, t) for n, t in enumerate(c.takeaways) if t.strip()]
        text = (c.text or "").strip()
        if self.sectioned and text:
            self.heading("Conclusion", 1, "conclusion")
        self.prose(c.text, "conclusion.text")
        if takeaways:
            if self.sectioned:
                self.heading("Key takeaways", 2 if text else 1, "conclusion.takeaways")
            else:
                noun = FORM_NOUNS[self.r.event.form]
                self.para(
                    self.spans(f"The key takeaways from the {noun} were:", "conclusion.takeaways"),
                    "conclusion.takeaways",
                )
            for n, t in takeaways:
                self.item(t, "\u2022", f"conclusion.takeaways[{n}]")

    def chatham_house_warnings(self) -> None:
        """The one Chatham House verdict (:mod:`rapporteur.chatham`), as the export's notices."""
        from ..chatham import HINT, RULE, SEVERITY, find_namings

        for n in find_namings(self.r):
            self.warnings.append(
                Diagnostic("", n.message, RULE, severity=SEVERITY, path=format_path(n.path), hint=HINT, loc=n.path)
            )


def _curled(block: Block) -> Block:
    """A block whose text holds typographic quotes gets curly apostrophes too (one style of mark per paragraph)."""
    if not any(ch in CURLY_QUOTES for ch in block.text) or "'" not in block.text:
        return block
    spans = tuple(Span(curl_apostrophes(s.text), s.bold, s.italic, s.br) for s in block.spans)
    return Block(block.kind, spans, block.style, block.level, block.marker, block.path)


def _strip(spans: list[Span]) -> list[Span]:
    """No blank space at either end of a paragraph."""
    spans = list(spans)
    while spans and not spans[0].br and not spans[0].text.strip():
        spans.pop(0)
    while spans and not spans[-1].br and not spans[-1].text.strip():
        spans.pop()
    if spans and not spans[0].br:
        s = spans[0]
        spans[0] = Span(s.text.lstrip(), s.bold, s.italic)
    if spans and not spans[-1].br:
        s = spans[-1]
        spans[-1] = Span(s.text.rstrip(), s.bold, s.italic)
    return spans


def _join(a: list[Span], b: list[Span]) -> list[Span]:
    """Two runs of prose as one paragraph, a single space between them."""
    a, b = _strip(a), _strip(b)
    if not a:
        return b
    if not b:
        return a
    return merge_spans([*a, Span(" "), *b])


def build(report: ReportView, layout: str = "narrative", style: PrintStyle = DEFAULT_PRINT) -> Document:
    """The document to export. Never raises for a draft's gaps (unknown ids are skipped).

    ``style``: what the house style decides about printed words (:class:`~.text.PrintStyle`).
    """
    return _Builder(report, layout, style).build()
