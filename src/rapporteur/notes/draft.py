"""Turn the notes into the report's parts, inventing no words and overwriting nothing.

Where a note goes:

* a speaker's notes during the presentations go, in order, into that speaker's
  presentation (a ``#`` note starts a new section with that heading);
* the opening phase, and the moderator's or chair's notes before the first
  presentation, go into remarks by whoever spoke (introductory remarks for a
  moderator or chair, opening remarks for anyone else); later, the chair's or
  moderator's notes before a session they hold go into its introduction;
* questions (``?``) open a question of the discussion (of the session last presented,
  when there are several sessions), asked by the note's speaker or
  description; answers (``>``) attach to the latest question as a response by
  whoever answered; plain notes in the Q&A continue the latest answer by the same
  person, or the question when its asker goes on, or become observations;
* implications (``!``) go into the implications, key takeaways (``*``) into the key
  takeaways, closing-phase notes into concluding remarks by the speaker (into the
  conclusion when nobody is set).

A note becomes a sentence (first letter capitalised, a full stop added when it has
no final punctuation, a quotation put in quotation marks); sentences drafted into
one part in one run make one paragraph. A part with text keeps it: the new paragraph
is appended after it. Each note used records where (``used_in``), and notes already
used are not drafted again. A report that was not a draft becomes one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import format_path, parse_path
from ..model import (
    Conclusion,
    Discussion,
    Implications,
    Note,
    Presentation,
    Question,
    Remark,
    Report,
    Response,
    Section,
)
from ..terms import HOSTS, session_people
from .kinds import PARTICIPANT

Loc = tuple[str | int, ...]
_FINAL = (".", "?", "!", '"', "\u201d", "'", "\u2019", "…", ":", ";", ")")


def sentence(note: Note) -> str:
    """The note as a sentence, with no word added."""
    text = " ".join(note.text.split()).strip('"' if note.kind == "quote" else "")
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    if not text.endswith(_FINAL):
        text += "?" if note.kind == "question" else "."
    return f'"{text}"' if note.kind == "quote" else text


@dataclass
class Change:
    path: str
    action: str  # "filled" (was empty), "appended" (after the text there), "added" (a new part or item)
    notes: int = 0


@dataclass
class Outcome:
    report: Report
    changes: list[Change] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)  # why notes were left out, for the user
    added: list[str] = field(default_factory=list)  # parts created to hold notes
    status_changed: bool = False

    @property
    def used(self) -> int:
        return sum(c.notes for c in self.changes)


class _Drafter:
    def __init__(self, report: Report) -> None:
        self.r = report
        self.changes: dict[Loc, Change] = {}
        self.used_in: dict[int, list[str]] = {}
        self.started: set[Loc] = set()  # parts given a paragraph in this run: more sentences join it
        self.unused: dict[str, int] = {}
        self.added: list[str] = []  # parts created to hold notes (said to the user)
        self.presenters: dict[str, tuple[int, int]] = {}
        for i, s in enumerate(report.sessions):
            for k, p in enumerate(s.presentations):
                for pid in p.speakers:
                    self.presenters.setdefault(pid, (i, k))
        self.hosts = {pid for s in report.sessions for pid in session_people(s, *HOSTS)}
        self.current_section: dict[tuple[int, int], int] = {}
        self.presented = False
        self.session_at: int | None = None  # the session whose presentations were last drafted
        self.question: Loc | None = None  # the latest question's path
        self.response: Loc | None = None  # its latest response's path

    # -- writing into parts -------------------------------------------------------------------------
    def _record(self, loc: Loc, action: str, index: int) -> None:
        change = self.changes.setdefault(loc, Change(format_path(loc), action))
        change.notes += 1
        self.used_in.setdefault(index, []).append(format_path(loc))

    def _text(self, obj: object, attr: str, loc: Loc, text: str, index: int) -> None:
        """Add a sentence to a prose field: the paragraph begun in this run, else a new paragraph after the text."""
        old = (getattr(obj, attr) or "").rstrip()
        if loc in self.started:
            new = f"{old} {text}"
            action = self.changes[loc].action
        elif old:
            new = f"{old}\n\n{text}"
            action = "appended"
        else:
            new = text
            action = "filled"
        setattr(obj, attr, new + "\n")
        self.started.add(loc)
        self._record(loc, action, index)

    def _skip(self, why: str) -> None:
        self.unused[why] = self.unused.get(why, 0) + 1

    def _name(self, pid: str | None) -> str:
        person = self.r.person(pid)
        return (person.name or person.designation or person.id) if person is not None else (pid or "nobody")

    # -- the rules -------------------------------------------------------------------------------------
    def note(self, i: int, n: Note) -> None:
        if n.kind == "takeaway":
            c = self.r.conclusion = self.r.conclusion or Conclusion(text=None)
            c.takeaways.append(sentence(n))
            self._record(("conclusion", "takeaways", len(c.takeaways) - 1), "added", i)
        elif n.kind == "implication":
            if self.r.implications is None:
                self.r.implications = Implications(audience="India", text=sentence(n))
                self.started.add(("implications", "text"))
                self._record(("implications", "text"), "filled", i)
            else:
                self._text(self.r.implications, "text", ("implications", "text"), sentence(n), i)
        elif n.phase == "qa" or n.kind in ("question", "answer"):
            self.discussion(i, n)
        elif n.phase == "closing":
            if n.speaker:
                self.remark(i, n, "concluding")
            else:
                c = self.r.conclusion = self.r.conclusion or Conclusion(text=None)
                self._text(c, "text", ("conclusion", "text"), sentence(n), i)
        elif n.speaker in self.presenters and n.phase == "presentations":
            self.presented = True
            self.presentation(i, n, self.presenters[n.speaker])
        elif n.phase == "opening" or (n.speaker in self.hosts and not self.presented):
            if n.speaker:
                self.remark(i, n, "introductory" if n.speaker in self.hosts else "opening")
            else:
                self._skip("with no speaker in the opening")
        elif n.speaker and n.speaker not in self.hosts and self.r.sessions:
            # someone not in the programme presented: they get a presentation of their own
            s = len(self.r.sessions) - 1
            self.r.sessions[s].presentations.append(Presentation(speakers=[n.speaker], title=None))
            self.presenters[n.speaker] = (s, len(self.r.sessions[s].presentations) - 1)
            self.added.append(f"a presentation by {self._name(n.speaker)} in sessions[{s}]")
            self.presentation(i, n, self.presenters[n.speaker])
        elif (j := self._next_session_hosted(n.speaker)) is not None:
            # the chair or moderator of a later session opening it
            self._text(self.r.sessions[j], "introduction", ("sessions", j, "introduction"), sentence(n), i)
        else:
            who = self._name(n.speaker)
            self._skip(f"by {who} during the presentations, after the first one")

    def _next_session_hosted(self, pid: str | None) -> int | None:
        """The first session after the one being presented that ``pid`` chairs or moderates."""
        after = -1 if self.session_at is None else self.session_at
        for j, s in enumerate(self.r.sessions):
            if j > after and pid and pid in session_people(s, *HOSTS):
                return j
        return None

    def seen(self, n: Note) -> None:
        """A note drafted by an earlier run: it still says where the event was (a presentation begun, a question open)."""
        if n.speaker in self.presenters and n.phase == "presentations" and n.kind not in ("question", "answer"):
            self.presented = True
            self.session_at = self.presenters[n.speaker][0]
        try:
            where = parse_path(n.used_in[0])
        except ValueError:
            return
        if "questions" in where:
            k = where.index("questions")
            if n.kind == "question" and len(where) > k + 1:
                self.question, self.response = where[: k + 2], None
            elif len(where) > k + 3 and where[k + 2] == "responses":
                self.question, self.response = where[: k + 2], where[: k + 4]

    def presentation(self, i: int, n: Note, at: tuple[int, int]) -> None:
        s, k = at
        self.session_at = s
        p = self.r.sessions[s].presentations[k]
        base: Loc = ("sessions", s, "presentations", k, "sections")
        if n.kind == "topic":
            p.sections.append(Section(heading=" ".join(n.text.split()).rstrip("."), text=""))
            j = len(p.sections) - 1
            self.current_section[at] = j
            self._record((*base, j, "heading"), "added", i)
            return
        found = self.current_section.get(at)
        if found is None:
            if not p.sections:
                p.sections.append(Section(heading=None, text=""))
            found = self.current_section[at] = len(p.sections) - 1
        j = found
        self._text(p.sections[j], "text", (*base, j, "text"), sentence(n), i)

    def remark(self, i: int, n: Note, role: str) -> None:
        for k, r in enumerate(self.r.remarks):
            if r.role == role and r.by == n.speaker:
                self._text(r, "text", ("remarks", k, "text"), sentence(n), i)
                return
        self.r.remarks.append(Remark(role=role, by=n.speaker, title=None, text=sentence(n)))  # type: ignore[arg-type]
        loc: Loc = ("remarks", len(self.r.remarks) - 1, "text")
        self.started.add(loc)
        self._record(loc, "added", i)

    def discussion(self, i: int, n: Note) -> None:
        """Into the discussion of the session being presented when there are several, else the event's."""
        if len(self.r.sessions) > 1 and self.session_at is not None:
            session = self.r.sessions[self.session_at]
            d = session.discussion = session.discussion or Discussion(intro=None, observations=None)
            base: Loc = ("sessions", self.session_at, "discussion")
        else:
            d = self.r.discussion = self.r.discussion or Discussion(intro=None, observations=None)
            base = ("discussion",)
        if self.question is not None and self.question[: len(base)] != base:
            self.question = self.response = None  # a new session: its questions start afresh
        if n.kind == "question":
            asker, description = (n.speaker, None) if n.speaker else (None, n.speaker_description or PARTICIPANT)
            d.questions.append(Question(asker=asker, asker_description=description, text=sentence(n)))
            self.question = (*base, "questions", len(d.questions) - 1)
            self.response = None
            self.started.add((*self.question, "text"))
            self._record((*self.question, "text"), "added", i)
            return
        q = d.questions[int(self.question[-1])] if self.question is not None else None
        last = q.responses[int(self.response[-1])] if q is not None and self.response is not None else None
        if last is not None and last.by == n.speaker and self.response is not None:
            self._text(last, "text", (*self.response, "text"), sentence(n), i)
        elif q is not None and self.question is not None and n.kind == "answer":
            q.responses.append(Response(by=n.speaker, text=sentence(n)))
            self.response = (*self.question, "responses", len(q.responses) - 1)
            self.started.add((*self.response, "text"))
            self._record((*self.response, "text"), "added", i)
        elif q is not None and self.question is not None and not q.responses and q.asker == n.speaker:
            self._text(q, "text", (*self.question, "text"), sentence(n), i)
        else:
            self._text(d, "observations", (*base, "observations"), sentence(n), i)


def draft(report: Report) -> Outcome:
    """A copy of ``report`` with its unused notes drafted into its parts (``report`` is not changed)."""
    new = report.model_copy(deep=True)
    d = _Drafter(new)
    for i, n in enumerate(new.notes):
        if n.used_in:
            d.seen(n)
            continue
        if not n.text.strip():
            continue
        d.note(i, n)
    for i, places in d.used_in.items():
        if places:
            new.notes[i] = new.notes[i].model_copy(update={"used_in": places})
    out = Outcome(
        new,
        list(d.changes.values()),
        [f"{n} note{'s' if n != 1 else ''} {why}" for why, n in d.unused.items()],
        d.added,
    )
    if out.changes and new.meta.status != "draft":
        new.meta.status = "draft"
        out.status_changed = True
    return out
