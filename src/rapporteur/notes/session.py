"""A capture session: the report's notes, the current speaker and phase, and every change journalled.

What the capture screen drives, with no knowledge of the terminal: each method that
changes a note writes its journal line (fsynced) *before* the change is made in
memory, so nothing is shown as taken that a kill could lose.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

from .. import ids, tomlio, tomlwrite
from ..model import PHASES, Note, Person, Report
from ..terms import HOSTS, session_people
from . import journal as j
from .kinds import PARTICIPANT, parse_line


def split_honorific(typed: str) -> tuple[str | None, str]:
    """``"Dr. Leela Das"`` -> ``("Dr.", "Leela Das")``: the honorific goes where the registry keeps it.

    Honorifics are recognised as the house-style checks recognise them, so the two never disagree.
    """
    from ..names import HON_RE

    m = HON_RE.match(typed)
    if m is None or m.end() != len(typed):
        return None, typed
    return m.group("hon").strip(), m.group("name")


class NotesError(Exception):
    """The session cannot go on as asked (the file changed on disk, a write failed): one message."""


def now() -> dt.time:
    return dt.datetime.now().time().replace(microsecond=0)


def programme(report: Report) -> list[str]:
    """The people of the programme in the order they are likely to speak: chairs and moderators,
    opening remarks, speakers by session, closing remarks; then everyone else added while taking notes."""
    order: list[str] = []

    def add(pid: str | None) -> None:
        if pid and pid not in order:
            order.append(pid)

    for r in report.remarks:
        if r.role in ("welcome", "opening", "introductory"):
            add(r.by)
    for s in report.sessions:
        for pid in session_people(s, *HOSTS):
            add(pid)
        for p in s.presentations:
            for pid in p.speakers:
                add(pid)
    for r in report.remarks:
        add(r.by)
    for n in report.notes:
        add(n.speaker)
    known = {p.id for p in report.people}
    return [pid for pid in order if pid in known]


def short_name(report: Report, pid: str | None) -> str:
    """How the log and the status line name a speaker: the surname, or the description."""
    person = report.person(pid)
    if person is None:
        return pid or ""
    words = (person.name or "").split()
    return words[-1] if words else person.id


class NotesSession:
    """One report open for notes. Use :meth:`open`; call :meth:`close` at the end (it folds)."""

    def __init__(
        self,
        path: str,
        source: tomlio.Source,
        report: Report,
        disk: bytes,
        clock: Callable[[], dt.time] = now,
    ) -> None:
        self.path = path
        self.shown = source.path
        self.directive = source.schema_directive
        self.newline = source.newline
        self.report = report
        self.clock = clock
        self.disk_sha = j.digest(disk)
        self.messages: list[str] = []  # what opening did (recovered, set aside), for the status line
        self.unfolded = 0  # changes journalled since the last fold
        self.added: list[str] = []  # people added by name in this session
        try:
            self._lock = j.take_lock(path)
        except j.Busy:
            raise NotesError(
                f"notes are already being taken for {self.shown} (in another window or terminal); "
                "take them there, or quit that one first"
            ) from None
        last = report.notes[-1] if report.notes else None
        self.phase: str = last.phase if last else "opening"
        self.speaker: str | None = last.speaker if last else None
        self.journal = self._recover()

    # -- opening -------------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str, shown: str | None = None, clock: Callable[[], dt.time] = now) -> NotesSession:
        """Read the report (raises :class:`~rapporteur.tomlio.ReportIOError`), or :class:`NotesError`
        naming its first problem when it does not fit the schema."""
        from ..validate import validate_source

        shown = shown or path
        disk = tomlio.read_bytes(path, shown)
        source = tomlio.parse_source(disk, shown)
        result = validate_source(source, final=False)
        if not isinstance(result.report, Report):
            first = result.diagnostics[0] if result.diagnostics else None
            where = f"{first.file}:{first.line}:{first.col}: {first.message}" if first else "it does not fit the schema"
            raise NotesError(f"{shown} cannot take notes until it is fixed ({where}); run: rapporteur validate {path}")
        return cls(path, source, result.report, disk, clock)

    def _recover(self) -> j.Journal:
        path = j.journal_path(self.path)
        pending = j.read_journal(path)
        if pending is not None:
            if pending.base == self.disk_sha and pending.ops:
                applied = 0
                for entry in pending.ops:
                    try:
                        self._apply(entry)
                    except (KeyError, IndexError, TypeError, ValueError):
                        kept = j.set_aside(path)
                        self.messages.append(
                            f"the notes journal could not be replayed past change {applied + 1}; it is kept as {kept}"
                        )
                        break
                    applied += 1
                self.unfolded = applied
                if applied:
                    self.messages.append(f"recovered {applied} change{'s' if applied != 1 else ''} from the journal")
                if pending.torn:
                    self.messages.append("the line being committed when rapporteur stopped was incomplete: dropped")
            elif pending.base != self.disk_sha and pending.folded != self.disk_sha and pending.ops:
                kept = j.set_aside(path)
                self.messages.append(
                    f"{self.shown} changed since notes were last taken; their journal is kept as {kept}, not merged"
                )
        if self.unfolded:  # fold the replayed changes while their journal is still there to replay
            self.journal = j.Journal(path, self.disk_sha, resume=True)
            self.fold()
            return self.journal
        return j.Journal(path, self.disk_sha)

    # -- journalled changes --------------------------------------------------------------------------
    def _apply(self, entry: dict[str, Any]) -> None:
        op = entry["op"]
        notes = self.report.notes
        if op == "add":
            notes.append(Note.model_validate(j.note_from_json(entry["note"])))
        elif op == "set":
            i = entry["i"]
            notes[i]  # an index out of range raises before anything changes
            notes[i] = Note.model_validate(j.note_from_json(entry["note"]))
        elif op == "del":
            notes.pop(entry["i"])
        elif op == "person":
            self.report.people.append(Person.model_validate(entry["person"]))
        else:
            raise ValueError(f"unknown journal operation {op!r}")

    def _do(self, entry: dict[str, Any]) -> None:
        """Journal (durably), then change the report: a failed write changes nothing."""
        try:
            self.journal.append(entry)
        except OSError as exc:
            raise NotesError(f"the note could not be saved: {exc.strerror or exc}") from None
        self._apply(entry)
        self.unfolded += 1

    @staticmethod
    def _dump(note: Note) -> dict[str, Any]:
        return j.note_to_json(note.model_dump(exclude_none=True, exclude_defaults=True) | {"time": note.time})

    def commit(self, line: str) -> Note | None:
        """The typed line as a note stamped with the time, the speaker and the phase (None if blank)."""
        kind, text = parse_line(line)
        if not text:
            return None
        asker = PARTICIPANT if kind == "question" and self.speaker is None else None
        note = Note(
            time=self.clock(),
            phase=self.phase,  # type: ignore[arg-type]
            speaker=self.speaker,
            speaker_description=asker,
            kind=kind,  # type: ignore[arg-type]
            text=text,
            important=False,
        )
        self._do({"op": "add", "note": self._dump(note)})
        return note

    def replace(self, index: int, line: str) -> Note | None:
        """Correct a note's kind and text (its time, speaker and phase stay); a blank line changes nothing."""
        kind, text = parse_line(line)
        old = self.report.notes[index]
        if not text or (kind, text) == (old.kind, old.text):
            return None
        note = old.model_copy(update={"kind": kind, "text": text})
        if kind == "question" and not note.speaker and not note.speaker_description:
            note = note.model_copy(update={"speaker_description": PARTICIPANT})
        self._do({"op": "set", "i": index, "note": self._dump(note)})
        return note

    def undo(self) -> Note | None:
        """Take back the last note."""
        if not self.report.notes:
            return None
        last = self.report.notes[-1]
        self._do({"op": "del", "i": len(self.report.notes) - 1})
        return last

    def toggle_important(self, index: int | None = None) -> Note | None:
        notes = self.report.notes
        if not notes:
            return None
        i = len(notes) - 1 if index is None else index
        note = notes[i].model_copy(update={"important": not notes[i].important})
        self._do({"op": "set", "i": i, "note": self._dump(note)})
        return note

    # -- speaker and phase ---------------------------------------------------------------------------
    def match_person(self, typed: str) -> str | None:
        """The registry id a typed name means: an id, a full name, a surname or a unique prefix of one."""
        t = " ".join(typed.split()).casefold()
        if not t:
            return None
        people = self.report.people
        for test in (
            lambda p: p.id.casefold() == t,
            lambda p: (p.name or "").casefold() == t,
            lambda p: ((p.name or "").split() or [""])[-1].casefold() == t,
        ):
            found = [p.id for p in people if test(p)]
            if len(found) == 1:
                return found[0]
        found = [p.id for p in people if (p.name or "").casefold().startswith(t) or p.id.startswith(t)]
        return found[0] if len(found) == 1 else None

    def speak(self, typed: str) -> tuple[str | None, bool]:
        """Switch speaker to a typed name (``@name``): ``(id, added)``; a new name joins the registry."""
        typed = " ".join(typed.split())
        if not typed:
            self.speaker = None
            return None, False
        honorific, name = split_honorific(typed)
        pid = self.match_person(typed) or (self.match_person(name) if honorific else None)
        if pid is not None:
            self.speaker = pid
            return pid, False
        pid = ids.id_for_name(name, {p.id for p in self.report.people})
        person = {"id": pid, "name": name} | ({"honorific": honorific} if honorific else {})
        self._do({"op": "person", "person": person})
        self.added.append(pid)
        self.speaker = pid
        return pid, True

    def speaker_keys(self) -> list[str]:
        """Who the speaker keys pick, in order: the programme, then people added by name in this session."""
        order = programme(self.report)
        return order + [pid for pid in self.added if pid not in order]

    def set_phase(self, step: int) -> str:
        i = PHASES.index(self.phase)
        self.phase = PHASES[max(0, min(len(PHASES) - 1, i + step))]
        return self.phase

    # -- folding -------------------------------------------------------------------------------------
    def fold(self) -> None:
        """Write the report with every journalled change (canonical TOML, atomic) and start a fresh journal.

        Refused, keeping the journal, when the file changed on disk since it was read or last folded.
        """
        try:
            disk = tomlio.read_bytes(self.path, self.shown)
        except tomlio.ReportIOError as exc:
            raise NotesError(f"could not fold the notes into {self.shown}: {exc.message}") from None
        if j.digest(disk) != self.disk_sha:
            raise NotesError(
                f"{self.shown} was changed by another program; the notes stay in {os.path.basename(self.journal.path)}"
            )
        text = tomlwrite.canonical_text(self.report, self.path, self.directive, self.newline).encode("utf-8")
        sha = j.digest(text)
        try:
            self.journal.append({"op": "folded", "sha": sha})
            tomlwrite.atomic_write(self.path, text, self.shown)
            self.journal.start(sha)
        except tomlio.ReportIOError as exc:
            raise NotesError(f"could not fold the notes into {self.shown}: {exc.message}") from None
        except OSError as exc:
            raise NotesError(f"could not fold the notes into {self.shown}: {exc.strerror or exc}") from None
        self.disk_sha = sha
        self.unfolded = 0

    def close(self) -> None:
        """Fold what is left and remove the journal (kept if the fold fails: nothing is lost)."""
        try:
            if self.unfolded:
                self.fold()
            self.journal.remove()
        finally:
            self.release()

    def release(self) -> None:
        """Let another session take notes on this report (the journal, if any, stays)."""
        if self._lock >= 0:
            j.release_lock(self.path, self._lock)
            self._lock = -1
