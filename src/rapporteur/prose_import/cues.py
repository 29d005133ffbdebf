"""The genre's cues in an old report's prose: people named with honorific and affiliation, dates, forms, roles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..ids import id_for_name
from ..names import ATOM_RE, HON_RE, fold, tokens
from ..terms import MONTHS
from .readers import Block, sentences

# -- people --------------------------------------------------------------------------------

_DESIGNATION_WORDS = frozenset(
    """
    fellow director general deputy associate assistant senior junior research analyst professor
    secretary minister chairman chairperson chair president vice head chief editor adviser advisor
    member dean coordinator consultant officer founder governor commissioner distinguished visiting
    former additional joint principal executive managing scholar lecturer researcher ambassador envoy
    spokesperson manager trustee strategist
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
ORG_WORDS = re.compile(
    r"\b(?:Institute|University|Centre|Center|Ministry|Department|Council|Foundation|Government|Embassy|School|"
    r"College|Academy|Society|Association|Forum|Commission|Agency|Office|Observatory|Programme|Division|Unit)\b"
)
_ACRONYM = re.compile(r"^(?P<full>.+?)\s*\((?P<short>[A-Z][A-Za-z&.\-]*[A-Z])\)$")


@dataclass
class Person:
    id: str
    honorific: str | None
    name: str
    words: list[str]
    initials: list[str]
    designation: str | None = None
    affiliation: str | None = None
    post_nominals: str | None = None

    def letters(self) -> set[str]:
        return set(self.initials) | {w[0] for w in self.words if w}

    def as_data(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id}
        if self.honorific:
            d["honorific"] = self.honorific
        d["name"] = self.name
        if self.post_nominals:
            d["post_nominals"] = self.post_nominals
        if self.designation:
            d["designation"] = self.designation
        if self.affiliation:
            d["affiliation"] = self.affiliation
        return d


@dataclass
class _Mention:
    start: int
    end: int
    name_start: int
    honorific: str
    name: str


def find_mentions(text: str) -> list[_Mention]:
    """Every honorific-and-name in a text, by the name scanner's pattern."""
    out = []
    for mt in HON_RE.finditer(text):
        hon = " ".join(mt.group("hon").split())
        out.append(_Mention(mt.start(), mt.end("name"), mt.start("name"), hon, " ".join(mt.group("name").split())))
    return out


class Registry:
    """The people named, one entry each: "Dr Prathibha" and "Dr. M.S. Prathibha" are one person."""

    def __init__(self) -> None:
        self.people: list[Person] = []

    def find(self, name: str) -> Person | None:
        words, initials, _ = tokens(name)
        if not words:
            return None
        for p in self.people:
            if all(w in p.words for w in words) and all(c in p.letters() for c in initials):
                return p
        return None

    def add(self, honorific: str | None, name: str) -> Person:
        """The person of this name, registered if new; a fuller name or honorific seen later completes the entry."""
        found = self.find(name)
        words, initials, _ = tokens(name)
        if found is not None:
            if len(words) + len(initials) > len(found.words) + len(found.initials):
                found.name, found.words, found.initials = name, words, initials
            if honorific and (not found.honorific or _rank(honorific) > _rank(found.honorific)):
                found.honorific = honorific
            return found
        # a fuller entry that this name completes ("Dr. Singh" registered before "Dr. Prashant Kumar Singh")
        for p in self.people:
            if all(w in words for w in p.words) and all(
                c in (set(initials) | {w[0] for w in words}) for c in p.initials
            ):
                p.name, p.words, p.initials = name, words, initials
                if honorific and not p.honorific:
                    p.honorific = honorific
                return p
        person = Person(id_for_name(name, {p.id for p in self.people}), honorific, name, words, initials)
        self.people.append(person)
        return person


def _rank(honorific: str) -> int:
    """How much an honorific says: "Dr." over "Dr" (the dotted form is the house's), a chain over one title."""
    return len(ATOM_RE.findall(honorific)) * 10 + honorific.count(".")


def affiliation_of(parts: list[str], acronyms: dict[str, str]) -> str | None:
    """An institution as the report should name it: its short name when the text gives one."""
    parts = [p for p in parts if p]
    if not parts:
        return None
    m = _ACRONYM.match(parts[-1])
    if m:
        acronyms[m.group("short")] = m.group("full")
        if len(parts) == 1:  # "Manohar Parrikar Institute ... (MP-IDSA)": the short name, as later mentions use
            return m.group("short")
    return ", ".join(parts)  # several parts: as printed (a second post may be among them)


def designation_before(text: str, start: int) -> str | None:
    """ "Deputy Director General Gp. Capt. (Dr.) Ajey Lele": the post written before the honorific."""
    before = text[:start].rstrip()
    m = re.search(r"((?:[A-Z][A-Za-z'’-]*\s+)*[A-Z][A-Za-z'’-]*)$", before)
    if not m:
        return None
    words = m.group(1).split()
    while words and fold(words[0]) not in _DESIGNATION_WORDS:
        words = words[1:]
    return " ".join(words) if words and any(fold(w) in _DESIGNATION_WORDS for w in words) else None


# -- cues -------------------------------------------------------------------------------

Cues = tuple[tuple[re.Pattern[str], str], ...]


def _cues(*pairs: tuple[str, str]) -> Cues:
    """A table of case-insensitive cues and what each names, tried in order."""
    return tuple((re.compile(pattern, re.IGNORECASE), label) for pattern, label in pairs)


def first_cue(cues: Cues, *texts: str) -> str | None:
    """What the first cue found in any of ``texts`` names (the table's order is its priority)."""
    for pattern, label in cues:
        if any(pattern.search(t) for t in texts):
            return label
    return None


_MONTHS_RE = "|".join(MONTHS) + "|" + "|".join(m[:3] + r"\.?" for m in MONTHS if len(m) > 3)
DATE_DMY = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTHS_RE})\b,?(?:\s+(?P<y>(?:19|20)\d\d)\b)?")
DATE_MDY = re.compile(rf"\b(?P<m>{_MONTHS_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?")
DATE_MY = re.compile(rf"\b(?P<m>{_MONTHS_RE})\s+(?P<y>(?:19|20)\d\d)\b")
DATE_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")
YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
QUOTED = re.compile(r"“([^”]{3,300})”|\"([^\"]{3,300})\"|‘([^’]{3,300})’")
SERIES = re.compile(
    r"\b(?:at|in|during) the ((?:[A-Z0-9][\w’'&-]*\s+){0,6}?(?:Meeting|Lecture|Series|Dialogue|Forum|Conversation|"
    r"Colloquium|Talk|Seminar|Webinar|Round\s?[Tt]able|Roundtable|Discussion|Conference|Workshop|Symposium))\b"
    r"|\bas part of (?:its|the|their) ((?:[A-Z0-9][\w’'&-]*\s+){1,6}?(?:Series|Lectures?))\b"
)
FORMS = _cues(
    (r"\bpanel discussion\b|\bpanel\b", "panel-discussion"),
    (r"\bround[- ]?table\b", "round-table"),
    (r"\bwebinar\b", "webinar"),
    (r"\bbook (?:discussion|launch|release)\b|\b(?:on|of) (?:their|his|her|the) (?:new )?book\b", "book-discussion"),
    (r"\bworkshop\b", "workshop"),
    (r"\bconference\b", "conference"),
    (r"\bseminar\b", "seminar"),
    (r"\bdelegation\b", "delegation-interaction"),
    (r"\b(?:spoke|delivered|gave|presented|a talk|a lecture|addressed)\b", "talk"),
)
SPOKE = re.compile(
    r"\s+(?:spoke|speak|speaks|talked|delivered|gave|presented|made a presentation|addressed|interacted|discussed|"
    r"participated|were the (?:speakers|panellists))\b"
)
HOST = re.compile(
    r"^((?:[A-Z][\w&.’'-]*\s+){0,8}?[A-Z][\w&.’'-]*)\s+(?:\([A-Z][\w&.-]*\)\s+)?(?:in (?:collaboration|association|"
    r"partnership) with .*?\s+)?(?:organi[sz]ed|hosted|held|convened|had the privilege)\b"
)
SPEAKERS_AFTER = re.compile(
    r"\b(?:addressed|delivered|given|presented|led) by\s+|\bhosting\s+|\b(?:speakers|panell?ists) (?:were|included)\s+|"
    r"\bfeatured\s+",
    re.IGNORECASE,
)
MODERATED = re.compile(r"\b(moderated|chaired)\s+by\s+", re.IGNORECASE)
_ROLE_CUES = _cues(
    (r"\bwelcome (?:remarks|address|speech)\b|\bwelcomed\b", "welcome"),
    (r"\bopening (?:remarks|address)\b", "opening"),
    (r"\bintroductory (?:remarks|address)\b|\bintroduced the (?:speaker|session|theme)\b", "introductory"),
    (r"\bkeynote\b", "keynote"),
    (r"\bspecial (?:address|remarks)\b", "special"),
    (r"\bconcluding (?:remarks|address)\b", "concluding"),
    (r"\bvote of thanks\b", "vote-of-thanks"),
)
PRESENTATION = re.compile(
    r"\bin (?:his|her|their) (?:presentation|talk|lecture|address)\b|\b(?:began|started|opened) (?:his|her|their) "
    r"(?:presentation|talk|lecture)\b|\bthe (?:speaker|presenter) (?:began|started|opened)\b",
    re.IGNORECASE,
)
DISCUSSION = re.compile(
    r"\bQ\s?&\s?A\b|\bquestion[- ]and[- ]answer\b|\bquestions? and answers?\b|\binteractive session\b|"
    r"\bopen(?:ed)? (?:to|for) (?:the )?(?:floor|questions|discussion)\b|\bdiscussion that followed\b|"
    r"\bduring the discussion\b|\bfollowed by (?:a |an )?(?:discussion|interaction)\b",
    re.IGNORECASE,
)
ASKS = re.compile(
    r"\b(?:asked|queried|enquired|inquired|wanted to know|sought (?:to know|clarification)|raised (?:a |the )?"
    r"(?:question|query|issue)s?|posed (?:a )?question|questioned|wondered)\b",
    re.IGNORECASE,
)
ANSWERS = re.compile(r"^(?:In response|Responding|Replying|In reply|Answering)\b|\b(?:responded|replied|answered)\b")
OBSERVED = re.compile(
    r"\bit was (?:observed|noted|felt|pointed out|agreed|suggested|emphasi[sz]ed|argued)\b", re.IGNORECASE
)
ASKER_DESCRIPTION = re.compile(
    r"\b((?:one|some|two|three|several|a few) of the (?:\w+ )?(?:scholars|participants|attendees|members|"
    r"audience|panellists|delegates|students|researchers|officers)|(?:another|an?|the other|one) (?:\w+ )?"
    r"(?:scholar|participant|attendee|member of the audience|delegate|student|researcher|officer|panellist|"
    r"questioner))\b",
    re.IGNORECASE,
)
PREPARED = re.compile(
    r"^(?:This )?(?:Report|Rapporteur|Written|Compiled)?\s*(?:prepared|written|compiled) by\s+", re.IGNORECASE
)
IMPLICATIONS = re.compile(r"^(?:the\s+)?implications?\s+(?:for|on)\s+(?:the\s+)?(?P<who>.+?)[.:]?$", re.IGNORECASE)
CONCLUSION = re.compile(
    r"^(?:conclusions?|concluding (?:remarks|observations)|the way (?:ahead|forward))[.:]?$", re.IGNORECASE
)
DISCUSSION_HEADING = re.compile(r"^(?:q\s?&\s?a|discussion|questions?(?: and answers?)?|interaction)\b", re.IGNORECASE)


POST_NOMINALS = re.compile(r"\s*(\((?:Retd|Retired|Rtd)\.?\))", re.IGNORECASE)


def heading_like(b: Block) -> bool:
    """A line that reads as a heading: the document said so, or it is short and has no closing stop."""
    if b.kind == "heading":
        return True
    return len(b.text.split()) <= 14 and not re.search(r"[.:;,]$", b.text) and not PREPARED.match(b.text)


_LEAD_MORE = re.compile(
    r"\b(?:moderated|chaired)\s+by\b|\battended\b|\bwere present\b|^The (?:session|event|meeting) was\b"
)


def resplit(blocks: list[Block]) -> list[Block]:
    """Paragraphs as the genre has them, when the document ran them together (a text file of single lines read
    by pandoc as one paragraph): a new one at each sentence that opens a part. A "Report prepared by" sentence
    always stands alone."""
    paras = [b for b in blocks if b.kind == "para"]
    joined = len(paras) <= 2 and sum(len(sentences(b.text)) for b in paras) > 6
    out: list[Block] = []
    for n, b in enumerate(blocks):
        if b.kind != "para":
            out.append(b)
            continue
        sents = sentences(b.text)
        current: list[str] = []
        in_lead = joined and n == blocks.index(paras[0])
        remark_seen = discussed = False
        # whether remarks open anywhere after each sentence (computed once, not per sentence)
        roles_after = [False] * (len(sents) + 1)
        for k in range(len(sents) - 1, -1, -1):
            roles_after[k] = roles_after[k + 1] or bool(role_cue(sents[k]))
        for k, sent in enumerate(sents):
            opens = bool(PREPARED.match(sent))
            if joined and current and not opens:
                if in_lead:
                    opens = not _LEAD_MORE.search(sent)
                else:
                    role = role_cue(sent)
                    opens = bool(
                        (role and re.search(r"\bremarks\b|\baddress\b|\bthanks\b", sent, re.IGNORECASE))
                        or (DISCUSSION.search(sent) and not discussed)
                        or (OBSERVED.search(sent) and not ASKS.search(sent))
                        or (PRESENTATION.search(sent) and (remark_seen or not roles_after[k + 1]))
                    )
                    remark_seen = remark_seen or bool(role)
                if opens:
                    in_lead = False
            elif joined and not current:
                remark_seen = remark_seen or bool(role_cue(sent))
            if opens and current:
                out.append(Block("para", " ".join(current)))
                current = []
                discussed = False
            current.append(sent)
            discussed = discussed or bool(DISCUSSION.search(sent))
        if current:
            out.append(Block("para", " ".join(current)))
    return out


def role_cue(text: str) -> str | None:
    return first_cue(_ROLE_CUES, text)
