"""An old report's prose (.docx, .md, .txt, .html) structured into a draft report.

An institution's archive was written in Word long before rapporteur: no TOML travels
inside it. This module reads the words and builds a *draft* the rapporteur confirms,
by the genre's own cues:

* the first paragraph is the lead: the speakers and moderator (or chair) with their
  honorific, name, designation and affiliation, the title in quotation marks, the
  series ("at the Monday Morning Meeting"), the date, the attendance sentence;
* "The session opened with introductory remarks from ..." opens remarks, "... in her
  presentation ..." the presentation (each later paragraph a section), "During the Q&A
  ..." / "followed by a Q&A" the discussion (each asking sentence a question, its asker
  named or described), "Implications for India" the implications, "Conclusion" the
  conclusion, and "Report prepared by ..." the rapporteur;
* paragraphs before the first cue are the summary.

Two promises: every sentence of the source is kept, in order, in a printed field (the
lead and the texts hold the source's own words; nothing is composed), and nothing is
invented: what had to be guessed (a year the text does not give, the form, the
organiser) is returned as :attr:`ProseDraft.guesses`, said on standard error by the
command and kept in ``meta.notes`` (never exported) for the editor. People are found
by the one name scanner's patterns (:mod:`rapporteur.names`) and given ids by
:mod:`rapporteur.ids`; the draft is written by the canonical writer
(:mod:`rapporteur.tomlio`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .ids import id_for_name
from .ioerrors import io_message
from .names import ATOM_RE, HON_RE, fold, tokens
from .terms import MONTHS

#: The suffixes read as prose (a .docx is read as prose only when it carries no report).
PROSE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".docx")
MAX_BYTES = 20 * 1024 * 1024


class ProseProblem(Exception):
    """The file could not be read as prose. ``code``: 1 its content, 2 I/O."""

    def __init__(self, reason: str, file: str = "", code: int = 1) -> None:
        super().__init__(f"{file}: {reason}" if file else reason)
        self.reason = reason
        self.code = code


@dataclass(frozen=True)
class Block:
    """A paragraph or a heading, as the document had it."""

    kind: str  # "para" or "heading"
    text: str


# -- reading the four formats -------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _text_blocks(text: str) -> list[Block]:
    """Plain text: paragraphs separated by blank lines, or one per line when there are none."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    chunks = re.split(r"\n[ \t]*\n", text) if re.search(r"\n[ \t]*\n", text.strip()) else text.split("\n")
    return [Block("para", _squash(c)) for c in chunks if c.strip()]


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!'\"&<>|])")


def _markdown_blocks(text: str) -> list[Block]:
    """Markdown as pandoc and people write it: headings, paragraphs, list items; a YAML block skipped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    front = re.match(r"---\n.*?\n(?:---|\.\.\.)\n", text, re.DOTALL)
    out: list[Block] = []
    if front:
        # pandoc's metadata block (rapporteur's Markdown export writes one): its title, subtitle and date head the
        # document as they would in print
        for key in ("title", "subtitle", "date"):
            m = re.search(
                rf"^{key}:[ \t]*(?:\"((?:[^\"\\]|\\.)*)\"|'([^']*)'|([^\n#]*?))[ \t]*$", front.group(0), re.MULTILINE
            )
            value = next((g for g in m.groups() if g), "") if m else ""
            if value.strip():
                out.append(Block("heading", _squash(value.replace('\\"', '"'))))
        text = text[front.end() :]
    for chunk in re.split(r"\n[ \t]*\n", text):
        lines = [ln.strip() for ln in chunk.split("\n") if ln.strip() and not ln.strip().startswith("<!--")]
        if not lines:
            continue
        if len(lines) == 2 and re.fullmatch(r"=+|-+", lines[1]):
            out.append(Block("heading", _unmark(lines[0])))
            continue
        head = re.match(r"#{1,6}\s+(.*?)\s*#*$", lines[0])
        if head:
            out.append(Block("heading", _unmark(head.group(1))))
            lines = lines[1:]
        items: list[list[str]] = []
        for ln in lines:
            ln = re.sub(r"^>\s?", "", ln)
            bullet = re.match(r"(?:[-*+]|\d+[.)])\s+(.*)", ln)
            if bullet or not items:
                items.append([bullet.group(1) if bullet else ln])
            else:
                items[-1].append(ln)
        out.extend(Block("para", _unmark(" ".join(i))) for i in items if " ".join(i).strip())
    return [b for b in out if b.text]


def _unmark(text: str) -> str:
    """Markdown's escapes and links undone; ``*italic*`` and ``**bold**`` kept (the report's own marks)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return _squash(_MD_ESCAPE.sub(r"\1", text))


class _HTMLText(HTMLParser):
    """The text of an HTML page's blocks (paragraphs, headings, list items); scripts and navigation skipped."""

    BLOCKS = frozenset(
        {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "td", "th", "dd", "dt", "pre"}
    )
    SKIP = frozenset({"script", "style", "noscript", "nav", "template", "svg", "head", "form", "button", "select"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._buf: list[str] = []
        self._kind = "para"
        self._skip = 0
        self._in_title = False

    def _flush(self) -> None:
        text = _squash("".join(self._buf))
        if text:
            self.blocks.append(Block(self._kind, text))
        self._buf = []
        self._kind = "para"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCKS:
            self._flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self._kind = "heading"
        elif tag == "br":
            self._buf.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _html_blocks(text: str) -> list[Block]:
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    return parser.blocks


def _docx_blocks(path: str | os.PathLike) -> list[Block]:
    """A Word document's paragraphs in order, its tables' cells included; Title and Heading styles as headings."""
    import docx  # python-docx: only for this format
    from docx.oxml.ns import qn

    with zipfile.ZipFile(path) as zf:  # python-docx reads every part whole: bound what it may inflate
        if sum(i.file_size for i in zf.infolist()) > 10 * MAX_BYTES:
            raise ValueError("its parts are too large to read")
    document = docx.Document(os.fspath(path))
    out: list[Block] = []
    styles = {p._p: (p.style.name if p.style is not None else "") for p in document.paragraphs}
    boxes = qn("w:txbxContent")
    for el in document.element.body.iter(qn("w:p")):
        if any(a.tag == boxes for a in el.iterancestors()):
            continue  # a text box: Word keeps it twice (the drawing and its fallback), and outside the flow
        wt = qn("w:t")
        text = _squash("".join((t.text or "") if t.tag == wt else " " for t in el.iter(wt, qn("w:tab"), qn("w:br"))))
        if not text:
            continue
        style = styles.get(el, "")
        kind = "heading" if style.startswith(("Heading", "Title", "Subtitle")) else "para"
        out.append(Block(kind, text))
    return out


def read_blocks(path: str | os.PathLike, shown: str | None = None) -> list[Block]:
    """The paragraphs and headings of a .txt, .md, .html or .docx file; :class:`ProseProblem` when unreadable."""
    shown = shown or os.fspath(path)
    suffix = Path(path).suffix.lower()
    try:
        if os.path.getsize(path) > MAX_BYTES:
            raise ProseProblem(f"larger than {MAX_BYTES // (1024 * 1024)} MB: not an event report", shown)
        if suffix == ".docx":
            try:
                return _docx_blocks(path)
            except (KeyError, ValueError, zipfile.BadZipFile) as exc:
                raise ProseProblem(f"not a Word document that can be read ({exc})", shown) from None
            except Exception as exc:  # python-docx raises its own and zipfile's errors for a damaged file
                if isinstance(exc, OSError):
                    raise
                raise ProseProblem(f"not a Word document that can be read ({type(exc).__name__})", shown) from None
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ProseProblem(io_message(exc, path), shown, code=2) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ProseProblem("a binary file, not prose (.txt, .md, .html or .docx)", shown)
    if suffix in (".html", ".htm"):
        return _html_blocks(text)
    if suffix in (".md", ".markdown"):
        return _markdown_blocks(text)
    return _text_blocks(text)


# -- sentences ---------------------------------------------------------------------------

_BOUNDARY = re.compile(r"[.?!][\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9À-Þ])")
_NOT_AN_END = frozenset(
    """
    no nos st vs etc al viz cf approx fig vol ed eds pp jr sr inc ltd co govt dept
    """.split()  # noqa: SIM905 (a word list reads best as words)
)


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph: a stop before a capital, unless it closes an honorific ("Dr.",
    "(Dr.)"), an initial ("M.S.") or a common abbreviation."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        stop = m.start()
        if text[stop] == ".":
            before = text[max(start, stop - 80) : stop]  # the word before the stop (bounded: no rescans)
            token = re.search(r"(\S+)$", before)
            w = token.group(1).lstrip("(") if token else ""
            if (
                re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", w)
                or w.lower().strip(".") in _NOT_AN_END
                or (ATOM_RE.fullmatch(w + ".") is not None and not w.isupper())
            ):
                continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


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
_ORG_WORDS = re.compile(
    r"\b(?:Institute|University|Centre|Center|Ministry|Department|Council|Foundation|Government|Embassy|School|"
    r"College|Academy|Society|Association|Forum|Commission|Agency|Office|Observatory|Programme|Division|Unit)\b"
)
_ACRONYM = re.compile(r"^(?P<full>.+?)\s*\((?P<short>[A-Z][A-Za-z&.\-]*[A-Z])\)$")


@dataclass
class _Person:
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


def _mentions(text: str) -> list[_Mention]:
    """Every honorific-and-name in a text, by the name scanner's pattern."""
    out = []
    for mt in HON_RE.finditer(text):
        hon = " ".join(mt.group("hon").split())
        out.append(_Mention(mt.start(), mt.end("name"), mt.start("name"), hon, " ".join(mt.group("name").split())))
    return out


class _Registry:
    """The people named, one entry each: "Dr Prathibha" and "Dr. M.S. Prathibha" are one person."""

    def __init__(self) -> None:
        self.people: list[_Person] = []

    def find(self, name: str) -> _Person | None:
        words, initials, _ = tokens(name)
        if not words:
            return None
        for p in self.people:
            if all(w in p.words for w in words) and all(c in p.letters() for c in initials):
                return p
        return None

    def add(self, honorific: str | None, name: str) -> _Person:
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
        person = _Person(id_for_name(name, {p.id for p in self.people}), honorific, name, words, initials)
        self.people.append(person)
        return person


def _rank(honorific: str) -> int:
    """How much an honorific says: "Dr." over "Dr" (the dotted form is the house's), a chain over one title."""
    return len(ATOM_RE.findall(honorific)) * 10 + honorific.count(".")


def _affiliation(parts: list[str], acronyms: dict[str, str]) -> str | None:
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


def _designation_before(text: str, start: int) -> str | None:
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

_MONTHS_RE = "|".join(MONTHS) + "|" + "|".join(m[:3] + r"\.?" for m in MONTHS if len(m) > 3)
_DATE_DMY = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTHS_RE})\b,?(?:\s+(?P<y>(?:19|20)\d\d)\b)?")
_DATE_MDY = re.compile(rf"\b(?P<m>{_MONTHS_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?")
_DATE_MY = re.compile(rf"\b(?P<m>{_MONTHS_RE})\s+(?P<y>(?:19|20)\d\d)\b")
_DATE_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_QUOTED = re.compile(r"“([^”]{3,300})”|\"([^\"]{3,300})\"|‘([^’]{3,300})’")
_SERIES = re.compile(
    r"\b(?:at|in|during) the ((?:[A-Z0-9][\w’'&-]*\s+){0,6}?(?:Meeting|Lecture|Series|Dialogue|Forum|Conversation|"
    r"Colloquium|Talk|Seminar|Webinar|Round\s?[Tt]able|Roundtable|Discussion|Conference|Workshop|Symposium))\b"
    r"|\bas part of (?:its|the|their) ((?:[A-Z0-9][\w’'&-]*\s+){1,6}?(?:Series|Lectures?))\b"
)
_FORMS = (
    (re.compile(r"\bpanel discussion\b|\bpanel\b", re.IGNORECASE), "panel-discussion"),
    (re.compile(r"\bround[- ]?table\b", re.IGNORECASE), "round-table"),
    (re.compile(r"\bwebinar\b", re.IGNORECASE), "webinar"),
    (
        re.compile(
            r"\bbook (?:discussion|launch|release)\b|\b(?:on|of) (?:their|his|her|the) (?:new )?book\b", re.IGNORECASE
        ),
        "book-discussion",
    ),
    (re.compile(r"\bworkshop\b", re.IGNORECASE), "workshop"),
    (re.compile(r"\bconference\b", re.IGNORECASE), "conference"),
    (re.compile(r"\bseminar\b", re.IGNORECASE), "seminar"),
    (re.compile(r"\bdelegation\b", re.IGNORECASE), "delegation-interaction"),
    (re.compile(r"\b(?:spoke|delivered|gave|presented|a talk|a lecture|addressed)\b", re.IGNORECASE), "talk"),
)
_SPOKE = re.compile(
    r"\s+(?:spoke|speak|speaks|talked|delivered|gave|presented|made a presentation|addressed|interacted|discussed|"
    r"participated|were the (?:speakers|panellists))\b"
)
_HOST = re.compile(
    r"^((?:[A-Z][\w&.’'-]*\s+){0,8}?[A-Z][\w&.’'-]*)\s+(?:\([A-Z][\w&.-]*\)\s+)?(?:in (?:collaboration|association|"
    r"partnership) with .*?\s+)?(?:organi[sz]ed|hosted|held|convened|had the privilege)\b"
)
_SPEAKERS_AFTER = re.compile(
    r"\b(?:addressed|delivered|given|presented|led) by\s+|\bhosting\s+|\b(?:speakers|panell?ists) (?:were|included)\s+|"
    r"\bfeatured\s+",
    re.IGNORECASE,
)
_MODERATED = re.compile(r"\b(moderated|chaired)\s+by\s+", re.IGNORECASE)
_ROLE_CUES = (
    (re.compile(r"\bwelcome (?:remarks|address|speech)\b|\bwelcomed\b", re.IGNORECASE), "welcome"),
    (re.compile(r"\bopening (?:remarks|address)\b", re.IGNORECASE), "opening"),
    (
        re.compile(r"\bintroductory (?:remarks|address)\b|\bintroduced the (?:speaker|session|theme)\b", re.IGNORECASE),
        "introductory",
    ),
    (re.compile(r"\bkeynote\b", re.IGNORECASE), "keynote"),
    (re.compile(r"\bspecial (?:address|remarks)\b", re.IGNORECASE), "special"),
    (re.compile(r"\bconcluding (?:remarks|address)\b", re.IGNORECASE), "concluding"),
    (re.compile(r"\bvote of thanks\b", re.IGNORECASE), "vote-of-thanks"),
)
_PRESENTATION = re.compile(
    r"\bin (?:his|her|their) (?:presentation|talk|lecture|address)\b|\b(?:began|started|opened) (?:his|her|their) "
    r"(?:presentation|talk|lecture)\b|\bthe (?:speaker|presenter) (?:began|started|opened)\b",
    re.IGNORECASE,
)
_DISCUSSION = re.compile(
    r"\bQ\s?&\s?A\b|\bquestion[- ]and[- ]answer\b|\bquestions? and answers?\b|\binteractive session\b|"
    r"\bopen(?:ed)? (?:to|for) (?:the )?(?:floor|questions|discussion)\b|\bdiscussion that followed\b|"
    r"\bduring the discussion\b|\bfollowed by (?:a |an )?(?:discussion|interaction)\b",
    re.IGNORECASE,
)
_ASKS = re.compile(
    r"\b(?:asked|queried|enquired|inquired|wanted to know|sought (?:to know|clarification)|raised (?:a |the )?"
    r"(?:question|query|issue)s?|posed (?:a )?question|questioned|wondered)\b",
    re.IGNORECASE,
)
_ANSWERS = re.compile(r"^(?:In response|Responding|Replying|In reply|Answering)\b|\b(?:responded|replied|answered)\b")
_OBSERVED = re.compile(
    r"\bit was (?:observed|noted|felt|pointed out|agreed|suggested|emphasi[sz]ed|argued)\b", re.IGNORECASE
)
_ASKER_DESCRIPTION = re.compile(
    r"\b((?:one|some|two|three|several|a few) of the (?:\w+ )?(?:scholars|participants|attendees|members|"
    r"audience|panellists|delegates|students|researchers|officers)|(?:another|an?|the other|one) (?:\w+ )?"
    r"(?:scholar|participant|attendee|member of the audience|delegate|student|researcher|officer|panellist|"
    r"questioner))\b",
    re.IGNORECASE,
)
_PREPARED = re.compile(
    r"^(?:This )?(?:Report|Rapporteur|Written|Compiled)?\s*(?:prepared|written|compiled) by\s+", re.IGNORECASE
)
_IMPLICATIONS = re.compile(r"^(?:the\s+)?implications?\s+(?:for|on)\s+(?:the\s+)?(?P<who>.+?)[.:]?$", re.IGNORECASE)
_CONCLUSION = re.compile(
    r"^(?:conclusions?|concluding (?:remarks|observations)|the way (?:ahead|forward))[.:]?$", re.IGNORECASE
)
_DISCUSSION_HEADING = re.compile(r"^(?:q\s?&\s?a|discussion|questions?(?: and answers?)?|interaction)\b", re.IGNORECASE)


_POST_NOMINALS = re.compile(r"\s*(\((?:Retd|Retired|Rtd)\.?\))", re.IGNORECASE)


def _heading_like(b: Block) -> bool:
    """A line that reads as a heading: the document said so, or it is short and has no closing stop."""
    if b.kind == "heading":
        return True
    return len(b.text.split()) <= 14 and not re.search(r"[.:;,]$", b.text) and not _PREPARED.match(b.text)


_LEAD_MORE = re.compile(
    r"\b(?:moderated|chaired)\s+by\b|\battended\b|\bwere present\b|^The (?:session|event|meeting) was\b"
)


def _resplit(blocks: list[Block]) -> list[Block]:
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
            roles_after[k] = roles_after[k + 1] or bool(_role(sents[k]))
        for k, sent in enumerate(sents):
            opens = bool(_PREPARED.match(sent))
            if joined and current and not opens:
                if in_lead:
                    opens = not _LEAD_MORE.search(sent)
                else:
                    role = _role(sent)
                    opens = bool(
                        (role and re.search(r"\bremarks\b|\baddress\b|\bthanks\b", sent, re.IGNORECASE))
                        or (_DISCUSSION.search(sent) and not discussed)
                        or (_OBSERVED.search(sent) and not _ASKS.search(sent))
                        or (_PRESENTATION.search(sent) and (remark_seen or not roles_after[k + 1]))
                    )
                    remark_seen = remark_seen or bool(role)
                if opens:
                    in_lead = False
            elif joined and not current:
                remark_seen = remark_seen or bool(_role(sent))
            if opens and current:
                out.append(Block("para", " ".join(current)))
                current = []
                discussed = False
            current.append(sent)
            discussed = discussed or bool(_DISCUSSION.search(sent))
        if current:
            out.append(Block("para", " ".join(current)))
    return out


def _role(text: str) -> str | None:
    for pattern, role in _ROLE_CUES:
        if pattern.search(text):
            return role
    return None


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
        self.people = _Registry()
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
    def appositive(self, person: _Person, tail: str) -> None:
        """ "(Retd.), Distinguished Fellow, National Maritime Foundation (NMF)": what follows a name in the lead."""
        post = _POST_NOMINALS.match(tail)
        if post:
            if not person.post_nominals:
                person.post_nominals = post.group(1)
            tail = tail[post.end() :]
        parts = [re.sub(r"^and\s+", "", p.strip()) for p in tail.lstrip(",").split(",") if p.strip()]
        if parts and not person.designation:
            person.designation = parts[0]
            person.affiliation = _affiliation(parts[1:], self.acronyms)

    def read_lead(self, text: str) -> None:
        self.lead = text
        lead_sentences = sentences(text)
        first = lead_sentences[0] if lead_sentences else text
        spoke = _SPOKE.search(first)
        subject = first[: spoke.start()] if spoke else ""
        if not _mentions(subject):
            # "The session was addressed by Amb X, ...; Mr Y, ... and Prof Z, ...": the speakers after the verb
            for sent in lead_sentences:
                by = _SPEAKERS_AFTER.search(sent)
                if by:
                    rest = sent[by.end() :]
                    stop = re.search(
                        r"\s+(?:for a (?:conversation|discussion)|on the (?:theme|topic|book)\b|on “)", rest
                    )
                    subject = rest[: stop.start()] if stop else re.sub(r"[.;]\s*$", "", rest)
                    break
        mentions = _mentions(subject)
        for k, mt in enumerate(mentions):
            end = mentions[k + 1].start if k + 1 < len(mentions) else len(subject)
            tail = re.split(r"\s+[–—]\s+", subject[mt.end : end])[0]
            tail = re.sub(r"(?:[,;]?\s*(?:and|&)\s*)$|[,;]\s*$", "", tail.strip().rstrip(" –—-"))
            person = self.people.add(mt.honorific, mt.name)
            self.appositive(person, tail)
            self.speakers.append(person.id)
        for s in lead_sentences:
            mod = _MODERATED.search(s)
            if mod:
                after = s[mod.end() :]
                found = _mentions(after)
                if found and found[0].start == 0:
                    mt = found[0]
                    person = self.people.add(mt.honorific, mt.name)
                    nxt = found[1].start if len(found) > 1 else len(after)
                    self.appositive(person, re.sub(r"[.;]\s*$", "", after[mt.end : nxt].strip()))
                    self.session["chair" if mod.group(1).lower() == "chaired" else "moderator"] = person.id
            elif re.search(r"\battended\b|\bwere present\b|\bparticipated in\b", s) and s is not first:
                self.event["attendance"] = s
        quoted = _QUOTED.search(first) or _QUOTED.search(text)
        if quoted:
            self.event["title"] = next(g for g in quoted.groups() if g).strip().rstrip(",.").strip()
        series = _SERIES.search(first)
        if series:
            self.event["series"] = " ".join((series.group(1) or series.group(2)).split())
        for pattern, form in _FORMS:
            if pattern.search(first) or any(pattern.search(f) for f in self.front):
                self.event["form"] = form
                break

    def read_date(self, texts: list[str], body: str) -> None:
        month = {m.lower()[:3]: i + 1 for i, m in enumerate(MONTHS)}
        for t in texts:
            for pattern in (_DATE_ISO, _DATE_DMY, _DATE_MDY):
                m = pattern.search(t)
                if not m:
                    continue
                mon = int(m.group("m")) if m.group("m").isdigit() else month[m.group("m").lower()[:3]]
                year = int(m.group("y")) if m.group("y") else None
                if year is None:
                    years = [int(y) for y in _YEAR.findall(body) if int(y) <= self.today.year]
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
        month_year = next((m for t in texts if (m := _DATE_MY.search(t))), None)
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
        found = _mentions(text)
        if not found:
            return None
        mt = found[0]
        person = self.people.add(mt.honorific, mt.name)
        if not person.designation:
            person.designation = _designation_before(text, mt.start)
        return person.id

    def register_all(self, text: str) -> None:
        for mt in _mentions(text):
            person = self.people.add(mt.honorific, mt.name)
            if not person.designation:
                person.designation = _designation_before(text, mt.start)

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
        asks = any(_ASKS.search(s) for s in sents)
        answers = bool(questions) and bool(_ANSWERS.search(sents[0]))
        if (
            d.get("observations")
            or (_OBSERVED.search(sents[0]) and not asks)
            or (questions and not asks and not answers)
        ):
            # what was observed of the discussion as a whole; what follows it stays with it, in order
            d["observations"] = "\n\n".join(x for x in (d.get("observations"), text) if x)
            return
        for s in sents:
            self.register_all(s)
            if _ASKS.search(s) and not _ANSWERS.search(s):
                q: dict[str, Any] = {}
                who = _mentions(s)
                described = _ASKER_DESCRIPTION.search(s)
                if who and (described is None or who[0].start < described.start()):
                    q["asker"] = self.person_in(s)
                elif described:
                    desc = described.group(1)
                    q["asker_description"] = desc[0].upper() + desc[1:]
                else:
                    self.guesses.append(f"a question does not say who asked it: “{_short(s)}”")
                q["text"] = s
                questions.append(q)
            elif questions and _ANSWERS.search(s):
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
        while blocks and _heading_like(blocks[0]) and len(blocks) > 1:
            self.front.append(blocks.pop(0).text)
        if not blocks:
            raise ProseProblem("no paragraph of prose was found in it")
        blocks = blocks[:1] + [Block("heading", b.text) if _heading_like(b) else b for b in blocks[1:]]
        blocks = self.body = _resplit(blocks)
        self.read_lead(blocks[0].text)
        body_text = " ".join(b.text for b in blocks)
        self.read_date([*self.front, blocks[0].text], body_text)
        if "title" not in self.event and self.front:
            self.event["title"] = self.front[0]
        elif "title" in self.event and self.front and fold(self.event["title"]) not in fold(self.front[0]):
            self.unplaced.append(self.front[0])
        for extra in self.front[1:]:
            if not (_DATE_DMY.search(extra) or _DATE_MDY.search(extra) or extra == self.event.get("series")):
                self.unplaced.append(extra)
        self.register_all(blocks[0].text)
        mode = "summary"
        heading: str | None = None
        for b in blocks[1:]:
            text = b.text
            if _PREPARED.match(text):
                self.read_rapporteur(text)
                continue
            if _heading_like(b):
                implied = _IMPLICATIONS.match(text)
                if implied:
                    mode = "implications"
                    self.implications["audience"] = implied.group("who").strip()
                elif _CONCLUSION.match(text):
                    mode = "conclusion"
                elif _DISCUSSION_HEADING.match(text):
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
            role = _role(first)
            self.register_all(text)
            if role and not (mode == "presentation" and role == "concluding" and not _mentions(first)):
                who = self.person_in(first)
                remark: dict[str, Any] = {"role": role}
                if who:
                    remark["by"] = who
                else:
                    self.guesses.append(f"{ROLE_NAMES[role]} whose speaker the text does not name: add who gave them")
                remark["text"] = text
                self.remarks.append(remark)
                mode = "remark"
            elif _PRESENTATION.search(first) and mode != "discussion":
                self.new_presentation(first)
                self.presentations[-1]["sections"].append({"text": text})
                mode = "presentation"
            elif _DISCUSSION.search(first) and mode not in ("implications", "conclusion"):
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
        rest = _PREPARED.sub("", text, count=1).strip().rstrip(".")
        r: dict[str, Any] = {}
        found = _mentions(rest)
        if found and found[0].start == 0:
            r["honorific"], r["name"] = found[0].honorific, found[0].name
            rest = rest[found[0].end :]
        else:
            name, _, rest = rest.partition(",")
            r["name"] = name.strip()
            rest = "," + rest if rest else ""
        parts = [p.strip() for p in rest.lstrip(",").split(",") if p.strip()]
        if parts and not _ORG_WORDS.search(parts[0]) and parts[0] not in self.acronyms:
            r["designation"] = parts.pop(0)
        if len(parts) >= 2 and not _ORG_WORDS.search(parts[-1]) and not re.fullmatch(r"[A-Z][A-Z&.-]+", parts[-1]):
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
        host = _HOST.match(self.lead or "")
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
            "meta": {"schema_version": 1, "status": "draft"},
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

    from .export.document import build

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
    from . import model as m
    from .tomlwrite import dumps, find_schema_directive

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


__all__ = ["Block", "ProseDraft", "ProseProblem", "import_prose", "read_blocks", "sentences", "structure"]
