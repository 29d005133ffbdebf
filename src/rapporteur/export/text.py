"""The wording every export shares: people, the organiser, dates, times, prose.

House style (MP-IDSA and peers):

* a person is written with honorific, name and post-nominals: ``Dr. M.S. Prathibha``,
  ``Maj. Gen. (Dr.) Arvind Thakurdesai (Retd.)``; on first mention with designation,
  centre and affiliation: ``Dr. M.S. Prathibha, Associate Fellow, MP-IDSA``;
* the organiser is named in full with its short name on first mention,
  ``Manohar Parrikar Institute for Defence Studies and Analyses (MP-IDSA)``, and by
  its short name after that (also when it is a person's affiliation);
* dates read ``24 June 2024`` with a no-break space between day and month (a line
  never ends on "24"); times ``1000 hrs`` and ranges ``1000–1130 hrs`` with an en dash;
* an honorific is held to the name by a no-break space (``Dr.`` never ends a line);
* prose fields are paragraphs separated by a blank line; the lines of one paragraph
  are joined with a space; ``*italic*`` and ``**bold**`` are the only inline marks
  (italic may sit inside bold); an unmatched ``*`` stays as typed;
* quotes are kept as typed, with one exception: in a paragraph that already holds
  typographic quotes (a composed title in “...”, or the rapporteur's own), an
  apostrophe between two letters is curled too (``India’s``), so that one paragraph
  never mixes straight and curly marks. Nothing else is "smartened".

Characters that XML (and so Word) cannot hold are handled here, once, for every
format: a vertical tab (``\\x0b``) is a line break, a form feed (``\\x0c``) a page
break, and other control characters are dropped with a warning naming the field.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from ..names import contains_words, people_named_in, plain_surname
from ..terms import MONTHS, find_person

if TYPE_CHECKING:  # the exporters read validated data; they never need the model classes
    from ..view import PersonView, ReportView

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")

FORM_NOUNS = {
    "talk": "talk",
    "panel-discussion": "panel discussion",
    "round-table": "round table",
    "seminar": "seminar",
    "webinar": "webinar",
    "conference": "conference",
    "book-discussion": "book discussion",
    "workshop": "workshop",
    "delegation-interaction": "interaction with a visiting delegation",
    "other": "event",
}


# -- dates and times ---------------------------------------------------------------------


NBSP = "\u00a0"
EN_DASH = "\u2013"


@dataclass(frozen=True)
class PrintStyle:
    """What the house style ([house] in rapporteur.toml) decides about printed words.

    ``date_style`` as ``check`` holds the text to it ("24 June 2024" or "June 24, 2024");
    ``lead_time``: the composed lead gives the time ("from 1030 to 1300 hrs").
    """

    date_style: str = "day-month-year"
    lead_time: bool = False
    lead_verb: str = "spoke on"  # the composed lead's verb for speakers (an event's own lead_verb wins)
    report_number: str = "title"  # where meta.report_number is printed: "title", "header" or "none"

    @classmethod
    def of(cls, house: object) -> PrintStyle:
        """The printing settings of a :class:`~rapporteur.style.HouseStyle`."""
        return cls(
            date_style=str(getattr(house, "date_style", cls.date_style)),
            lead_time=bool(getattr(house, "lead_time", cls.lead_time)),
            lead_verb=str(getattr(house, "lead_verb", cls.lead_verb) or cls.lead_verb),
            report_number=str(getattr(house, "report_number", cls.report_number)),
        )


DEFAULT_PRINT = PrintStyle()


def format_date(day: dt.date, style: str = "day-month-year") -> str:
    """``24 June 2024``, or ``June 24, 2024`` in a month-day-year house (no leading zero, month in full,
    independent of the locale; a no-break space holds day and month together)."""
    if style == "month-day-year":
        return f"{MONTHS[day.month - 1]}{NBSP}{day.day}, {day.year}"
    return f"{day.day}{NBSP}{MONTHS[day.month - 1]} {day.year}"


def format_date_range(start: dt.date, end: dt.date | None, style: str = "day-month-year") -> str:
    """``24–26 March 2021``, ``30 March – 1 April 2021``, ``30 December 2020 – 2 January 2021`` (an en
    dash; no-break spaces inside each date as :func:`format_date`); one date when ``end`` is none or the same day.
    ``March 24–26, 2021`` in a month-day-year house."""
    if end is None or end <= start:
        return format_date(start, style)
    mdy = style == "month-day-year"
    if start.year != end.year:
        return f"{format_date(start, style)} {EN_DASH} {format_date(end, style)}"
    if start.month != end.month:
        if mdy:
            return f"{MONTHS[start.month - 1]}{NBSP}{start.day} {EN_DASH} {MONTHS[end.month - 1]}{NBSP}{end.day}, {end.year}"
        return f"{start.day}{NBSP}{MONTHS[start.month - 1]} {EN_DASH} {end.day}{NBSP}{MONTHS[end.month - 1]} {end.year}"
    if mdy:
        return f"{MONTHS[start.month - 1]}{NBSP}{start.day}{EN_DASH}{end.day}, {end.year}"
    return f"{start.day}{EN_DASH}{end.day}{NBSP}{MONTHS[start.month - 1]} {end.year}"


def format_time(t: dt.time) -> str:
    """``1000 hrs``."""
    return f"{t.hour:02d}{t.minute:02d} hrs"


def format_time_range(start: dt.time | None, end: dt.time | None) -> str | None:
    """``1000 hrs``, ``1000–1130 hrs`` (en dash), or ``None`` without a start time."""
    if start is None:
        return None
    if end is None:
        return format_time(start)
    return f"{start.hour:02d}{start.minute:02d}{EN_DASH}{end.hour:02d}{end.minute:02d} hrs"


def time_phrase(start: dt.time | None, end: dt.time | None) -> str:
    """`` from 1030 to 1300 hrs`` or `` at 1030 hrs`` for a sentence; empty without a start time."""
    if start is None:
        return ""
    if end is None:
        return f" at {format_time(start)}"
    return f" from {start.hour:02d}{start.minute:02d} to {format_time(end)}"


def ordinal(n: int) -> str:
    """``first`` ... ``tenth``, then ``11th``."""
    if 1 <= n <= len(ORDINALS):
        return ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ordinal_number(n: int) -> str:
    """``1st``, ``2nd``, ``10th``, ``23rd``, ``111th`` (a series edition)."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def roman(n: int) -> str:
    """Lower-case Roman numerals: ``i``, ``ii``, ``iv``, ``xii``."""
    out = []
    for value, digits in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def article(noun: str) -> str:
    """``a`` or ``an`` before ``noun`` (by its first letter; good enough for form nouns)."""
    return "an" if noun[:1].lower() in "aeiou" else "a"


def join_list(items: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``; items that hold commas are separated by semicolons
    (``A, Fellow, X; and B, Director, Y``: the reader sees where one item ends). Of two, only a comma in
    the first needs it: ``A and B, Director, Y`` cannot be misread."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return items[0] if items else ""
    if len(items) == 2:
        return f"{items[0]}{'; and ' if ',' in items[0] else ' and '}{items[1]}"
    if any("," in i for i in items):
        return "; ".join(items[:-1]) + "; and " + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


_GENERIC = {
    "institute",
    "centre",
    "center",
    "council",
    "foundation",
    "society",
    "forum",
    "academy",
    "association",
    "ministry",
    "observatory",
    "commission",
    "programme",
    "program",
    "network",
    "trust",
    "office",
    "agency",
    "department",
    "school",
    "college",
    "initiative",
    "secretariat",
}


def with_article(name: str, capital: bool = True) -> str:
    """ "The" before an institution named by a common noun ("the Samudra Institute ..."), not before "Jawaharlal Nehru University"."""
    words = name.split()
    if not words or words[0].lower() == "the":
        return name
    nouns = {w.strip(",()").lower() for w in words}
    if nouns & _GENERIC or ("university" in nouns and " of " in name):
        return ("The " if capital else "the ") + name
    return name


def same_title(a: str | None, b: str | None) -> bool:
    """Two titles that read alike (blanks, case and the kind of apostrophe aside): one is not printed twice."""
    x, y = plain_line(a).replace("\u2019", "'").casefold(), plain_line(b).replace("\u2019", "'").casefold()
    return bool(x) and x == y


def sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop (unless it ends in ., ? or !)."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else text + "."


def quoted(title: str) -> str:
    """A title in typographic double quotes, as the seed prints it (its apostrophes curled to match)."""
    return f"\u201c{curl_apostrophes(title.strip())}\u201d"


CURLY_QUOTES = "\u201c\u201d\u2018\u2019"
_APOSTROPHE = re.compile(r"(?<=[^\W_])'(?=[^\W_])")


def curl_apostrophes(text: str) -> str:
    """``India's`` -> ``India’s``: only an apostrophe between two letters or digits (never a quote mark)."""
    return _APOSTROPHE.sub("\u2019", text) if "'" in text else text


# -- people and the organiser -------------------------------------------------------------


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def display_name(person: PersonView) -> str:
    """``Dr. M.S. Prathibha``; ``Vice Adm. Devendra Salgaonkar (Retd.)``; ``Cdr. Kiran Rao, HSC``.

    A no-break space after the honorific; post-nominals follow a comma unless they are
    parenthesised ("(Retd.)").
    """
    if not _clean(person.name):  # known only by office: "the Director General"
        return by_office(person.designation)
    return with_honorific(person.honorific, with_post_nominals(person.name, person.post_nominals))


def by_office(designation: str | None) -> str:
    """``the Director General`` (a person known only by office, mid-sentence; a sentence start capitalises it)."""
    office = _clean(designation)
    if not office:
        return ""
    return office if office.lower().startswith("the ") else "the " + office


def capitalise(text: str) -> str:
    """``the Director General`` -> ``The Director General``, ``a senior official`` -> ``A senior official``
    (a sentence start)."""
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def with_post_nominals(name: str | None, post_nominals: str | None) -> str:
    """``Kiran Rao, AVSM, VSM``; ``Arvind Thakurdesai (Retd.)``."""
    name, post = _clean(name), _clean(post_nominals)
    if not post or not name:
        return name or post
    if post.startswith(","):
        return f"{name}{post}"
    return f"{name} {post}" if post.startswith("(") else f"{name}, {post}"


def with_honorific(honorific: str | None, rest: str) -> str:
    """``Dr.`` + no-break space + ``rest``, so that a line never ends on the honorific."""
    hon = _clean(honorific)
    if hon and rest:
        return f"{hon}{NBSP}{rest}"
    return hon or rest


def surname(person: PersonView) -> str:
    """The last word of the name: ``Prathibha``, ``Labonté-Ramdin``."""
    return plain_surname(person.name)


_DETERMINERS = re.compile(r"^(?:one of the|one of|another|some of the|some|a|an|the|one)\s+", re.I)


def names_description(text: str, description: str | None) -> bool:
    """Whether ``text`` mentions an asker described as ``description`` ("One of the scholars").

    The whole description, or the description without its determiner, singular or
    plural ("another scholar" matches "Another scholar" and "One of the scholars").
    """
    desc = _clean(description)
    if not desc:
        return False
    if contains_words(text, desc):
        return True
    core = _DETERMINERS.sub("", desc)
    candidates = {core, core[:-1] if core.endswith("s") else core + "s"}
    return any(len(c) >= 3 and contains_words(text, c) for c in candidates)


class Mentions:
    """What the reader has been told so far.

    The organiser is spelled out with its short name on first mention and shortened
    afterwards; a person is introduced with designation and affiliation once, then
    named by honorific and name. Text that the rapporteur wrote counts too
    (:meth:`seen`): a lead that names the organiser in full introduces it.
    """

    def __init__(self, report: ReportView) -> None:
        self.organiser = report.event.organiser
        self.org_introduced = False
        self.introduced: set[str] = set()
        self._report = report

    # The organiser, under any of its names.
    def _is_organiser(self, name: str) -> bool:
        key = _clean(name).casefold()
        org = self.organiser
        return bool(key) and key in {_clean(org.name).casefold(), _clean(org.short_name).casefold()} - {""}

    def organisation(self, name: str | None) -> str:
        """An institution's name as it should read here (the organiser expanded once)."""
        name = _clean(name)
        if not name or not self._is_organiser(name):
            return name
        org = self.organiser
        full, short = _clean(org.name), _clean(org.short_name)
        if not short:
            self.org_introduced = True
            return full or name
        if not self.org_introduced:
            self.org_introduced = True
            return f"{full} ({short})" if full else short
        return short

    def organiser_name(self) -> str:
        """The organiser as the subject of a sentence."""
        org = self.organiser
        return self.organisation(org.short_name or org.name) or _clean(org.name)

    def organiser_subject(self, capital: bool = True) -> str:
        """The organiser in running text, with "The"/"the" where its name needs one."""
        name = self.organiser_name()
        return with_article(name, capital) if name != _clean(self.organiser.short_name) else name

    def organiser_short(self) -> str:
        org = self.organiser
        return _clean(org.short_name) or _clean(org.name)

    def full(self, person: PersonView) -> str:
        """``Dr. M.S. Prathibha, Associate Fellow, MP-IDSA`` (the organiser expanded if new)."""
        nameless = not _clean(person.name)
        parts = [
            display_name(person),
            "" if nameless else _clean(person.designation),
            _clean(person.centre),
            self.organisation(person.affiliation),
        ]
        self.introduced.add(person.id)
        return ", ".join(p for p in parts if p)

    def person(self, person: PersonView) -> str:
        """Full form on first mention, ``Dr. M.S. Prathibha`` after."""
        if person.id in self.introduced:
            return display_name(person)
        return self.full(person)

    def seen(self, text: str) -> None:
        """Take note of what a text the rapporteur wrote has already told the reader."""
        if not text:
            return
        org = self.organiser
        if _clean(org.name) and contains_words(text, _clean(org.name)):
            self.org_introduced = True
        people = self._report.people
        self.introduced.update(people[k].id for k in people_named_in(text, self._report, full=True) if k < len(people))


def prepared_by(report: ReportView) -> str | None:
    """``Report prepared by Ms. Mayuri Banerjee, Research Analyst, East Asia Centre, MP-IDSA, New Delhi.``

    Fields given on ``[rapporteur]`` win over those of the person it points to.
    ``None`` when nobody is named, or the report has no line on purpose (``meta.prepared_by_line = false``).
    """
    r = report.rapporteur
    if r is None or report.meta.prepared_by_line is False:
        return None
    person = find_person(report, r.person)
    if person is not None:
        name = display_name(person)
        designation = _clean(r.designation) or _clean(person.designation)
        centre = _clean(r.centre) or _clean(person.centre)
        organisation = _clean(r.organisation) or _clean(person.affiliation)
        if r.honorific:
            name = with_honorific(r.honorific, with_post_nominals(person.name, person.post_nominals))
    else:
        if not _clean(r.name):
            return None
        name = with_honorific(r.honorific, _clean(r.name))
        designation, centre, organisation = _clean(r.designation), _clean(r.centre), _clean(r.organisation)
    parts = [name, designation, centre, organisation, _clean(r.place)]
    line = "Report prepared by " + ", ".join(p for p in parts if p)
    return line if line.endswith(".") else line + "."


def author_name(report: ReportView) -> str:
    """The rapporteur's plain name (no honorific), for document metadata."""
    r = report.rapporteur
    if r is None:
        return ""
    person = find_person(report, r.person)
    if person is not None:
        return _clean(person.name)
    return _clean(r.name)


# -- prose -------------------------------------------------------------------------------

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str | None) -> list[str]:
    """A prose field's paragraphs, each on one line (a paragraph's lines joined with a space)."""
    if not text or not text.strip():
        return []
    out = []
    for chunk in _PARAGRAPH_BREAK.split(text.strip()):
        line = " ".join(part.strip(" \t\r") for part in chunk.split("\n") if part.strip(" \t\r"))
        if line:
            out.append(line)
    return out


@dataclass(frozen=True)
class Span:
    """A run of text with its marks, or a break (``br`` = ``"line"`` or ``"page"``, no text)."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    br: str = ""


_INLINE = re.compile(
    r"\*\*(?P<b>[^\s*](?:.*?[^\s*])?)\*\*"  # **bold** (may hold *italic*)
    r"|(?<!\*)\*(?P<i>[^\s*](?:[^*]*?[^\s*])?)\*(?!\*)",  # *italic*
    re.S,
)


def parse_inline(text: str, bold: bool = False) -> list[Span]:
    """``*italic*`` and ``**bold**`` (italic inside bold) into spans; anything else as typed."""
    out: list[Span] = []
    pos = 0
    for mt in _INLINE.finditer(text):
        if mt.start() > pos:
            out.append(Span(text[pos : mt.start()], bold=bold))
        if mt.group("b") is not None and not bold:
            out.extend(parse_inline(mt.group("b"), bold=True))
        elif mt.group("b") is not None:
            out.append(Span(mt.group(0), bold=True))
        else:
            out.append(Span(mt.group("i"), bold=bold, italic=True))
        pos = mt.end()
    if pos < len(text):
        out.append(Span(text[pos:], bold=bold))
    return merge_spans(out)


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        if not s.text and not s.br:
            continue
        if out and not s.br and not out[-1].br and (out[-1].bold, out[-1].italic) == (s.bold, s.italic):
            out[-1] = Span(out[-1].text + s.text, s.bold, s.italic)
        else:
            out.append(s)
    return out


def plain(spans: Iterable[Span]) -> str:
    """The text of spans as a reader sees it (breaks as newlines)."""
    return "".join(s.text if not s.br else ("\n" if s.br == "line" else "\f") for s in spans)


def _bad_char(ch: str) -> bool:
    """Characters no XML document (so no DOCX) may hold, and other invisible controls."""
    code = ord(ch)
    if ch in "\t\n":
        return False
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return True
    return 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def plain_line(text: str | None) -> str:
    """A one-line value for metadata and headers: control characters gone, blanks collapsed."""
    if not text:
        return ""
    return " ".join("".join(" " if ch in "\x0b\x0c\r" else ("" if _bad_char(ch) else ch) for ch in text).split())


def clean_spans(spans: list[Span], path: str, warnings: list[Diagnostic]) -> list[Span]:
    """Breaks for ``\\x0b`` and ``\\x0c``; other control characters dropped with one warning."""
    if not any(_CONTROL.search(s.text) for s in spans):
        return spans
    out: list[Span] = []
    dropped: list[str] = []
    for s in spans:
        if s.br or not _CONTROL.search(s.text):
            out.append(s)
            continue
        buf: list[str] = []
        for ch in s.text:
            if ch == "\x0b" or ch == "\x0c":
                if buf:
                    out.append(Span("".join(buf), s.bold, s.italic))
                    buf = []
                out.append(Span(br="line" if ch == "\x0b" else "page"))
            elif ch == "\r":
                buf.append(" ")
            elif _bad_char(ch):
                dropped.append(ch)
            else:
                buf.append(ch)
        if buf:
            out.append(Span("".join(buf), s.bold, s.italic))
    if dropped:
        names = sorted(
            {f"U+{ord(c):04X}" + (f" {unicodedata.name(c)}" if unicodedata.name(c, "") else "") for c in dropped}
        )
        warnings.append(
            Diagnostic(
                "",
                f"{len(dropped)} control character{'s' if len(dropped) != 1 else ''} dropped from the exported text ({', '.join(names)})",
                "control-character",
                severity="warning",
                path=path,
                hint="a vertical tab (\\v) becomes a line break and a form feed (\\f) a page break; other control characters cannot be printed",
            )
        )
    return merge_spans(out)


def spans_of(text: str, path: str, warnings: list[Diagnostic], *, marks: bool = True) -> list[Span]:
    """One paragraph (or name, or title) as clean spans; ``marks`` parses ``*``/``**``."""
    spans = parse_inline(text) if marks else ([Span(text)] if text else [])
    return clean_spans(spans, path, warnings)
