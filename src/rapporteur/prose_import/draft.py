"""Structuring an old report's blocks into a draft report by the genre's cues, keeping every sentence."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..names import fold
from ..normalise import SCHEMA_VERSION
from ..terms import MONTHS
from .cues import (
    ANSWERS,
    ASKER_DESCRIPTION,
    ASKS,
    CONCLUSION,
    DATE_DMY,
    DATE_ISO,
    DATE_MDY,
    DATE_MY,
    DISCUSSION,
    DISCUSSION_HEADING,
    FORMS,
    HOST,
    IMPLICATIONS,
    MODERATED,
    OBSERVED,
    ORG_WORDS,
    POST_NOMINALS,
    PREPARED,
    PRESENTATION,
    QUOTED,
    SERIES,
    SPEAKERS_AFTER,
    SPOKE,
    YEAR,
    Person,
    Registry,
    affiliation_of,
    designation_before,
    find_mentions,
    first_cue,
    heading_like,
    resplit,
    role_cue,
)
from .readers import Block, ProseProblem, read_blocks, sentences

# -- the draft ---------------------------------------------------------------------------


@dataclass
class ProseDraft:
    """A draft report's data (in the report's field order) and the guesses a person must confirm."""

    data: dict[str, Any]
    guesses: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # headings kept nowhere (not sentences)
    body: list[Block] = field(default_factory=list)  # the paragraphs the draft holds, as they were read


class _Builder:
    def __init__(self, blocks: list[Block], today: dt.date, file_date: dt.date | None) -> None:
        self.blocks = blocks
        self.today = today
        self.file_date = file_date
        self.people = Registry()
        self.acronyms: dict[str, str] = {}
        self.guesses: list[str] = []
        self.unplaced: list[str] = []
        self.event: dict[str, Any] = {}
        self.speakers: list[str] = []
        self.session: dict[str, Any] = {}
        self.lead: str | None = None
        self.summary: list[str] = []
        self.remarks: list[dict[str, Any]] = []
        self.presentations: list[dict[str, Any]] = []
        self.discussion: dict[str, Any] = {}
        self.implications: dict[str, Any] = {}
        self.conclusion: list[str] = []
        self.rapporteur: dict[str, Any] | None = None
        self.front: list[str] = []
        self.body: list[Block] = []

    # the lead ---------------------------------------------------------------------------
    def appositive(self, person: Person, tail: str) -> None:
        """ "(Retd.), Distinguished Fellow, National Maritime Foundation (NMF)": what follows a name in the lead."""
        post = POST_NOMINALS.match(tail)
        if post:
            if not person.post_nominals:
                person.post_nominals = post.group(1)
            tail = tail[post.end() :]
        parts = [re.sub(r"^and\s+", "", p.strip()) for p in tail.lstrip(",").split(",") if p.strip()]
        if parts and not person.designation:
            person.designation = parts[0]
            person.affiliation = affiliation_of(parts[1:], self.acronyms)

    def read_lead(self, text: str) -> None:
        self.lead = text
        lead_sentences = sentences(text)
        first = lead_sentences[0] if lead_sentences else text
        spoke = SPOKE.search(first)
        subject = first[: spoke.start()] if spoke else ""
        if not find_mentions(subject):
            # "The session was addressed by Amb X, ...; Mr Y, ... and Prof Z, ...": the speakers after the verb
            for sent in lead_sentences:
                by = SPEAKERS_AFTER.search(sent)
                if by:
                    rest = sent[by.end() :]
                    stop = re.search(
                        r"\s+(?:for a (?:conversation|discussion)|on the (?:theme|topic|book)\b|on “)", rest
                    )
                    subject = rest[: stop.start()] if stop else re.sub(r"[.;]\s*$", "", rest)
                    break
        mentions = find_mentions(subject)
        for k, mt in enumerate(mentions):
            end = mentions[k + 1].start if k + 1 < len(mentions) else len(subject)
            tail = re.split(r"\s+[–—]\s+", subject[mt.end : end])[0]
            tail = re.sub(r"(?:[,;]?\s*(?:and|&)\s*)$|[,;]\s*$", "", tail.strip().rstrip(" –—-"))
            person = self.people.add(mt.honorific, mt.name)
            self.appositive(person, tail)
            self.speakers.append(person.id)
        for s in lead_sentences:
            mod = MODERATED.search(s)
            if mod:
                after = s[mod.end() :]
                found = find_mentions(after)
                if found and found[0].start == 0:
                    mt = found[0]
                    person = self.people.add(mt.honorific, mt.name)
                    nxt = found[1].start if len(found) > 1 else len(after)
                    self.appositive(person, re.sub(r"[.;]\s*$", "", after[mt.end : nxt].strip()))
                    role = "chair" if mod.group(1).lower() == "chaired" else "moderator"
                    self.session.setdefault("roles", []).append({"role": role, "people": [person.id]})
            elif re.search(r"\battended\b|\bwere present\b|\bparticipated in\b", s) and s is not first:
                self.event["attendance"] = s
        quoted = QUOTED.search(first) or QUOTED.search(text)
        if quoted:
            self.event["title"] = next(g for g in quoted.groups() if g).strip().rstrip(",.").strip()
        series = SERIES.search(first)
        if series:
            self.event["series"] = " ".join((series.group(1) or series.group(2)).split())
        form = first_cue(FORMS, first, *self.front)
        if form:
            self.event["form"] = form

    def read_date(self, texts: list[str], body: str) -> None:
        month = {m.lower()[:3]: i + 1 for i, m in enumerate(MONTHS)}
        for t in texts:
            for pattern in (DATE_ISO, DATE_DMY, DATE_MDY):
                m = pattern.search(t)
                if not m:
                    continue
                mon = int(m.group("m")) if m.group("m").isdigit() else month[m.group("m").lower()[:3]]
                year = int(m.group("y")) if m.group("y") else None
                if year is None:
                    years = [int(y) for y in YEAR.findall(body) if int(y) <= self.today.year]
                    if years:
                        year = max(years)
                        self.guesses.append(
                            f"event.date: the text gives no year for the date ({m.group(0).strip()}); {year}, the "
                            "latest year the text mentions, was assumed"
                        )
                    else:
                        year = (self.file_date or self.today).year
                        self.guesses.append(
                            f"event.date: the text gives no year for the date ({m.group(0).strip()}); {year}, the "
                            "year the file was last modified, was assumed"
                        )
                try:
                    self.event["date"] = dt.date(year, mon, int(m.group("d")))
                    return
                except ValueError:
                    continue
        month_year = next((m for t in texts if (m := DATE_MY.search(t))), None)
        if month_year:
            mon = month[month_year.group("m").lower()[:3]]
            self.event["date"] = dt.date(int(month_year.group("y")), mon, 1)
            self.guesses.append(
                f"event.date: the text gives only the month ({month_year.group(0)}); the first of the month was put "
                "in place of the day"
            )
            return
        when = self.file_date or self.today
        self.event["date"] = when
        self.guesses.append(
            f"event.date: the text gives no date; {when.isoformat()}, the day the file was last modified, was put in "
            "its place"
        )

    # the body ---------------------------------------------------------------------------
    def person_in(self, text: str) -> str | None:
        """The first person a sentence names with an honorific (registered on the way)."""
        found = find_mentions(text)
        if not found:
            return None
        mt = found[0]
        person = self.people.add(mt.honorific, mt.name)
        if not person.designation:
            person.designation = designation_before(text, mt.start)
        return person.id

    def register_all(self, text: str) -> None:
        for mt in find_mentions(text):
            person = self.people.add(mt.honorific, mt.name)
            if not person.designation:
                person.designation = designation_before(text, mt.start)

    def new_presentation(self, first: str) -> None:
        who = self.person_in(first)
        speakers = [who] if who else list(self.speakers[:1])
        if not who and not self.speakers:
            self.guesses.append("a presentation was found whose speaker the text does not name: add the speaker")
        self.presentations.append({"speakers": speakers, "sections": []})

    def discussion_paragraph(self, text: str) -> None:
        d = self.discussion
        questions: list[dict[str, Any]] = d.setdefault("questions", [])
        sents = sentences(text)
        asks = any(ASKS.search(s) for s in sents)
        answers = bool(questions) and bool(ANSWERS.search(sents[0]))
        if (
            d.get("observations")
            or (OBSERVED.search(sents[0]) and not asks)
            or (questions and not asks and not answers)
        ):
            # what was observed of the discussion as a whole; what follows it stays with it, in order
            d["observations"] = "\n\n".join(x for x in (d.get("observations"), text) if x)
            return
        for s in sents:
            self.register_all(s)
            if ASKS.search(s) and not ANSWERS.search(s):
                q: dict[str, Any] = {}
                who = find_mentions(s)
                described = ASKER_DESCRIPTION.search(s)
                if who and (described is None or who[0].start < described.start()):
                    q["asker"] = self.person_in(s)
                elif described:
                    desc = described.group(1)
                    q["asker_description"] = desc[0].upper() + desc[1:]
                else:
                    self.guesses.append(f"a question does not say who asked it: “{_short(s)}”")
                q["text"] = s
                questions.append(q)
            elif questions and ANSWERS.search(s):
                r: dict[str, Any] = {}
                who_id = self.person_in(s)
                if who_id:
                    r["by"] = who_id
                r["text"] = s
                questions[-1].setdefault("responses", []).append(r)
            elif questions:
                last = questions[-1]
                target = last["responses"][-1] if last.get("responses") else last
                target["text"] += " " + s
            else:
                d["intro"] = f"{d['intro']} {s}" if d.get("intro") else s

    def build(self) -> dict[str, Any]:
        blocks = list(self.blocks)
        # headings and short lines before the first paragraph: the title, the series, the date
        while blocks and heading_like(blocks[0]) and len(blocks) > 1:
            self.front.append(blocks.pop(0).text)
        if not blocks:
            raise ProseProblem("no paragraph of prose was found in it")
        blocks = blocks[:1] + [Block("heading", b.text) if heading_like(b) else b for b in blocks[1:]]
        blocks = self.body = resplit(blocks)
        self.read_lead(blocks[0].text)
        body_text = " ".join(b.text for b in blocks)
        self.read_date([*self.front, blocks[0].text], body_text)
        if "title" not in self.event and self.front:
            self.event["title"] = self.front[0]
        elif "title" in self.event and self.front and fold(self.event["title"]) not in fold(self.front[0]):
            self.unplaced.append(self.front[0])
        for extra in self.front[1:]:
            if not (DATE_DMY.search(extra) or DATE_MDY.search(extra) or extra == self.event.get("series")):
                self.unplaced.append(extra)
        self.register_all(blocks[0].text)
        mode = "summary"
        heading: str | None = None
        for b in blocks[1:]:
            text = b.text
            if PREPARED.match(text):
                self.read_rapporteur(text)
                continue
            if heading_like(b):
                implied = IMPLICATIONS.match(text)
                if implied:
                    mode = "implications"
                    self.implications["audience"] = implied.group("who").strip()
                elif CONCLUSION.match(text):
                    mode = "conclusion"
                elif DISCUSSION_HEADING.match(text):
                    mode = "discussion"
                elif mode == "presentation" or (mode == "summary" and self.speakers):
                    if mode != "presentation":
                        self.new_presentation("")
                    mode = "presentation"
                    heading = text
                else:
                    self.unplaced.append(text)
                continue
            first = sentences(text)[0]
            role = role_cue(first)
            self.register_all(text)
            if role and not (mode == "presentation" and role == "concluding" and not find_mentions(first)):
                who = self.person_in(first)
                remark: dict[str, Any] = {"role": role}
                if who:
                    remark["by"] = who
                else:
                    self.guesses.append(f"{ROLE_NAMES[role]} whose speaker the text does not name: add who gave them")
                remark["text"] = text
                self.remarks.append(remark)
                mode = "remark"
            elif PRESENTATION.search(first) and mode != "discussion":
                self.new_presentation(first)
                self.presentations[-1]["sections"].append({"text": text})
                mode = "presentation"
            elif DISCUSSION.search(first) and mode not in ("implications", "conclusion"):
                mode = "discussion"
                self.discussion_paragraph(text)
            elif mode == "summary":
                self.summary.append(text)
            elif mode == "remark":
                self.remarks[-1]["text"] += "\n\n" + text
            elif mode == "presentation":
                section: dict[str, Any] = {"text": text}
                if heading:
                    section = {"heading": heading, "text": text}
                    heading = None
                self.presentations[-1]["sections"].append(section)
            elif mode == "discussion":
                self.discussion_paragraph(text)
            elif mode == "implications":
                self.implications["text"] = "\n\n".join(x for x in (self.implications.get("text"), text) if x)
            else:
                self.conclusion.append(text)
        if heading:
            self.unplaced.append(heading)
        return self.assemble()

    def read_rapporteur(self, text: str) -> None:
        rest = PREPARED.sub("", text, count=1).strip().rstrip(".")
        r: dict[str, Any] = {}
        found = find_mentions(rest)
        if found and found[0].start == 0:
            r["honorific"], r["name"] = found[0].honorific, found[0].name
            rest = rest[found[0].end :]
        else:
            name, _, rest = rest.partition(",")
            r["name"] = name.strip()
            rest = "," + rest if rest else ""
        parts = [p.strip() for p in rest.lstrip(",").split(",") if p.strip()]
        if parts and not ORG_WORDS.search(parts[0]) and parts[0] not in self.acronyms:
            r["designation"] = parts.pop(0)
        if len(parts) >= 2 and not ORG_WORDS.search(parts[-1]) and not re.fullmatch(r"[A-Z][A-Z&.-]+", parts[-1]):
            r["place"] = parts.pop()
        centres = [p for p in parts if re.search(r"\b(?:Centre|Center|Division|Unit|Cluster|Programme|Program)\b", p)]
        if centres and len(parts) > 1:
            r["centre"] = centres[0]
            parts.remove(centres[0])
        if parts:
            r["organisation"] = ", ".join(parts)
        if len(r) > 2:
            self.guesses.append(
                "rapporteur: the “Report prepared by” line was split into "
                + ", ".join(f"{k} “{v}”" for k, v in r.items() if k not in ("honorific", "name"))
                + "; check each part"
            )
        self.rapporteur = r

    def organiser(self) -> dict[str, Any]:
        """The institution that held the event: the lead's subject ("India Foundation ... organised"), else the
        rapporteur's, else the one most people named are from; by its full name when the text gives it."""
        host = HOST.match(self.lead or "")
        counted = Counter(p.affiliation for p in self.people.people if p.affiliation)
        shared = [a for a, n in counted.most_common() if n >= 2]
        for c, why in (
            (host.group(1) if host else None, "the lead says it held the event"),
            ((self.rapporteur or {}).get("organisation"), "the rapporteur's institution"),
            (shared[0] if shared else None, "the institution most people named are from"),
        ):
            if not c:
                continue
            if c in self.acronyms:
                self.guesses.append(f"event.organiser: {self.acronyms[c]} ({c}) was taken for the organiser: {why}")
                return {"name": self.acronyms[c], "short_name": c}
            full = next((f for f, short in ((v, k) for k, v in self.acronyms.items()) if short == c or f == c), None)
            self.guesses.append(f"event.organiser: “{c}” was taken for the organiser ({why}); check its full name")
            return {"name": full or c}
        self.guesses.append("event.organiser: the text does not say who held the event: add the organiser")
        return {"name": ""}

    def assemble(self) -> dict[str, Any]:
        ev = self.event
        if not ev.get("title"):
            self.guesses.append("event.title: no title was found (in quotation marks in the lead, or as a heading)")
        if "form" not in ev:
            self.guesses.append("event.form: the text does not say what kind of event it was; “talk” was assumed")
        elif ev["form"] == "talk":
            self.guesses.append("event.form: “talk” was assumed from the lead (“spoke on ...”)")
        mode = (
            "online"
            if re.search(r"\b(?:webinar|online|virtual(?:ly)?|zoom|webex)\b", self.lead or "", re.IGNORECASE)
            else None
        )
        event: dict[str, Any] = {
            "title": ev.get("title", ""),
            "series": ev.get("series"),
            "form": ev.get("form", "talk"),
            "date": ev["date"],
            "mode": mode or "in-person",
            "organiser": self.organiser(),
            "attendance": ev.get("attendance"),
        }
        if mode is None:
            self.guesses.append("event.mode: “in-person” was assumed (the text does not say it was held online)")
        session: dict[str, Any] = dict(self.session)
        if self.presentations:
            session["presentations"] = self.presentations
        elif self.speakers:
            # each speaker the lead names gets a presentation with nothing in it yet: a to-do in the editor
            session["presentations"] = [{"speakers": [pid]} for pid in self.speakers]
            self.guesses.append(
                "no paragraph reads as a presentation (“in her presentation ...”): the speakers' presentations are "
                "empty, to write or fill from the summary"
            )
        data: dict[str, Any] = {
            "meta": {"schema_version": SCHEMA_VERSION, "status": "draft"},
            "event": event,
            "people": [p.as_data() for p in self.people.people],
        }
        if self.lead:
            data["lead"] = {"text": self.lead}
        if self.summary:
            data["summary"] = {"text": "\n\n".join(self.summary)}
        if self.remarks:
            data["remarks"] = self.remarks
        if session:
            data["sessions"] = [session]
        if self.discussion:
            data["discussion"] = self.discussion
        if self.implications.get("text"):
            data["implications"] = {"audience": self.implications.get("audience") or "India", **self.implications}
        if self.conclusion:
            data["conclusion"] = {"text": "\n\n".join(self.conclusion)}
        if self.rapporteur:
            data["rapporteur"] = self.rapporteur
        else:
            self.guesses.append("rapporteur: no “Report prepared by” line was found: add the rapporteur")
        return data


ROLE_NAMES = {
    "welcome": "welcome remarks",
    "opening": "opening remarks",
    "introductory": "introductory remarks",
    "keynote": "a keynote address",
    "special": "a special address",
    "concluding": "concluding remarks",
    "vote-of-thanks": "a vote of thanks",
}


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def structure(blocks: list[Block], today: dt.date | None = None, file_date: dt.date | None = None) -> ProseDraft:
    """The draft report the paragraphs make, and what had to be guessed."""
    b = _Builder(blocks, today or dt.date.today(), file_date)
    data = b.build()
    return ProseDraft(data, b.guesses, b.unplaced, b.body)


def missing_sentences(blocks: list[Block], report: Any) -> list[str]:
    """The source's sentences that the draft, exported, does not print in the source's order (none, when the
    promise holds). The "Report prepared by" line is compared with the line the export composes from the
    rapporteur's fields."""
    import bisect

    from ..export.document import build

    def plain(text: str) -> str:  # the export prints *italic* and **bold** as marks, not as asterisks
        return " ".join(re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*", lambda m: m.group(1) or m.group(2), text).split())

    source = [x for b in blocks if b.kind == "para" for x in sentences(b.text)]
    plain_source = [plain(x) for x in source]
    printed = [plain(x) for t in build(report, "narrative").texts() for x in sentences(t)]
    if plain_source == printed:
        return []
    # each source sentence at the first place after the previous one's (linear, and it never hides a gap)
    places: dict[str, list[int]] = {}
    for n, x in enumerate(printed):
        places.setdefault(x, []).append(n)
    kept: set[int] = set()
    at = 0
    for n, x in enumerate(plain_source):
        found = places.get(x, [])
        k = bisect.bisect_left(found, at)
        if k < len(found):
            kept.add(n)
            at = found[k] + 1
    return [x for i, x in enumerate(source) if i not in kept]


def notes_text(source_name: str, draft: ProseDraft) -> str:
    """What ``meta.notes`` keeps for the editor: where the draft came from and what to confirm."""
    lines = [
        f"Imported from the prose of {source_name} by rapporteur import. Confirm these guesses, then delete this note:"
    ]
    lines += [f"- {g}" for g in draft.guesses]
    lines += [f"- the heading “{h}” was not kept in any field" for h in draft.unplaced]
    return "\n\n".join(lines)


def import_prose(
    path: str | os.PathLike, target: str | os.PathLike | None = None, shown: str | None = None
) -> tuple[bytes, ProseDraft]:
    """The draft report (canonical TOML bytes, validated) built from a file's prose, and its guesses."""
    from .. import model as m
    from ..tomlwrite import dumps, find_schema_directive

    shown = shown or os.fspath(path)
    blocks = read_blocks(path, shown)
    if not blocks:
        raise ProseProblem("it holds no text to import", shown)
    try:
        file_date: dt.date | None = dt.date.fromtimestamp(os.stat(path).st_mtime)
    except OSError:
        file_date = None
    try:
        draft = structure(blocks, file_date=file_date)
    except ProseProblem as exc:
        raise ProseProblem(exc.reason, shown) from None
    report = m.Report.model_validate(draft.data)
    for sentence in missing_sentences(draft.body, report):
        draft.guesses.append(
            f"this sentence of the source is not where it was in the exported draft: “{_short(sentence)}”"
        )
    if draft.guesses or draft.unplaced:
        draft.data["meta"]["notes"] = notes_text(Path(shown).name, draft)
        report = m.Report.model_validate(draft.data)
    directive = find_schema_directive(target) if target is not None else None
    return dumps(report, directive).encode("utf-8"), draft
