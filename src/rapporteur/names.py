"""Finding people in prose: honorifics, names, and who in the registry they are.

One regular expression finds every run of capitalised name words, with the
honorific chain that may precede it ("Dr.", "Gp. Capt. (Dr.)", "Vice Adm.").
Each run is then resolved against the people registry by its words (accents and
case folded; initials match a name's first letters):

* a run *with* an honorific is a person: resolved, or unregistered;
* a run *without* one is only taken as a mention when its words are a registered
  person's (a mid-sentence capitalised word before them, as in "Manmohan Singh",
  makes it somebody else), or, for the unregistered check, when it is followed by
  a designation ("Rajiv Sharma, Research Fellow"). Sentence-initial words, places
  and organisations are therefore never taken for people on their own.

The people rules, the consistency rules and the Chatham House rule (:mod:`rapporteur.chatham`)
share the result (computed once per run of the checks). A core module: the export's
Chatham House verdict uses it without the house-style checks.

The one owner of "what is a mention of a person": the checks :func:`scan` the prose, and the
export asks :func:`names_person` (is a remark's speaker named in it?) and :func:`people_named_in`
(has the rapporteur's text introduced someone?), which read a text by the same passes
(``tests/test_names_agree.py``). So "Dr. Rajiv" names Rajiv Singhal; "singhal" in lower case
(in a script with cases) and "Manmohan Singhal" do not. The patterns compile on first use, and
the export's questions compile nothing for a text that holds none of the person's words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .name_patterns import (
    ATOM_RE,
    DESIGNATION_RE,
    HON_BEFORE_RE,
    HON_RE,
    INITIAL_LETTER,
    LAST_TOKEN_RE,
    NOT_NAMES,
    NOT_PEOPLE,
    PREFIX_OK,
    PREV_TOKEN_RE,
    RUN_RE,
    SPEECH_RE,
    TOKEN_RE,
    atom_norm,
    fold,
    tokens,
)
from .name_text import (
    contains_words,
    plain_name_forms,
    plain_surname,
    script_words,
    word_spans,
    word_start,
    wordish,
)
from .prose import Field

if TYPE_CHECKING:
    from .view import PersonView, ReportView

__all__ = [  # what other modules import from here: the scanner, and the patterns and plain-word tests it shares
    "ATOM_RE",
    "HON_RE",
    "TOKEN_RE",
    "Mention",
    "Mentions",
    "PersonInfo",
    "contains_words",
    "fold",
    "names_person",
    "people_named_in",
    "plain_name_forms",
    "plain_surname",
    "registry",
    "scan",
    "tokens",
    "word_spans",
    "wordish",
]


@dataclass
class PersonInfo:
    key: int
    id: str | None  # None for a rapporteur given by name rather than id
    honorific: str | None
    name: str
    words: list[str]  # folded name words, in order
    initials: list[str]  # letters given as initials in the registry
    surname: str | None
    atoms: list[tuple[str, str]]  # the registry honorific: (written, norm)

    @property
    def display(self) -> str:
        return f"{self.honorific} {self.name}".strip() if self.honorific else self.name

    @property
    def label(self) -> str:
        return f"{self.display} ({self.id})" if self.id else self.display

    @property
    def letters(self) -> frozenset:
        return frozenset(self.initials) | frozenset(w[0] for w in self.words if w)


@dataclass
class Atom:
    written: str
    norm: str
    start: int  # offsets in the field's text
    end: int


@dataclass
class Mention:
    field: Field
    start: int  # of the honorific, or of the name
    end: int
    name_start: int
    atoms: list[Atom]
    words: list[str]
    initials: list[str]
    persons: tuple[int, ...] = ()  # registry keys it may be
    full: frozenset = frozenset()  # keys for which it gives the full name

    @property
    def text(self) -> str:
        return self.field.text[self.start : self.end]

    @property
    def honorific(self) -> bool:
        return bool(self.atoms)


@dataclass
class Mentions:
    persons: list[PersonInfo]
    found: list[Mention] = field(default_factory=list)  # resolved, in reading order
    unregistered: list[Mention] = field(default_factory=list)

    def of(self, key: int) -> list[Mention]:
        return [mt for mt in self.found if key in mt.persons]

    def by_id(self, person_id: str) -> PersonInfo | None:
        for p in self.persons:
            if p.id == person_id:
                return p
        return None


def _person(key: int, pid: str | None, honorific: str | None, name: str) -> PersonInfo:
    words, initials, _ = tokens(name)
    if not words:  # a name the pattern cannot read (lower case, another script): keep its words
        words = [fold(w) for w in script_words(name)]
    atoms = [(a.group(), atom_norm(a.group())) for a in ATOM_RE.finditer(honorific or "")]
    return PersonInfo(key, pid, honorific, name, words, initials, words[-1] if words else None, atoms)


Entry = tuple[int, str | None, str | None, str]  # key, id, honorific, name: what the scanner reads of a person


def _entries(report: ReportView) -> tuple[Entry, ...]:
    out: list[Entry] = [
        (i, p.id, p.honorific, p.name) for i, p in enumerate(report.people) if p.name and p.name.strip()
    ]
    r = report.rapporteur
    if r is not None and not r.person and (r.name or "").strip():
        out.append((len(report.people), None, r.honorific, r.name or ""))
    return tuple(out)


def registry(report: ReportView) -> list[PersonInfo]:
    return [_person(*e) for e in _entries(report)]


class _Resolver:
    def __init__(self, persons: list[PersonInfo]):
        self.persons = persons
        self.index: dict[str, set[int]] = {}
        for p in persons:
            for w in p.words:
                self.index.setdefault(w, set()).add(p.key)
                if "-" in w:
                    for part in w.split("-"):
                        self.index.setdefault(part, set()).add(p.key)
        self.by_key = {p.key: p for p in persons}

    def known(self, word: str) -> bool:
        return word in self.index

    def resolve(self, words: list[str], initials: list[str]) -> list[int]:
        if not words:
            return []
        cands: set[int] | None = None
        for w in words:
            s = self.index.get(w)
            if not s:
                return []
            cands = set(s) if cands is None else cands & s
            if not cands:
                return []
        return sorted(k for k in cands or () if all(c in self.by_key[k].letters for c in initials))

    def full(self, key: int, words: list[str], initials: list[str]) -> bool:
        p = self.by_key[key]
        given = set(words)
        letters = set(initials) | {w[0] for w in words if w}
        for w in p.words:
            if w not in given and w[0] not in initials:
                return False
        return all(c in letters for c in p.initials)


def _organisation_names(r: ReportView, extra: Iterable[str]) -> list[str]:
    names = set(extra)
    names.add(r.event.organiser.name)
    for p in r.people:
        names.update(x for x in (p.affiliation, p.centre, p.designation) if x)
    if r.rapporteur:
        names.update(x for x in (r.rapporteur.organisation, r.rapporteur.centre) if x)
    if r.event.venue:
        names.add(r.event.venue)
    return sorted((n.strip() for n in names if n and len(n.strip()) > 3), key=len, reverse=True)


def _known_words_re(persons: list[PersonInfo]) -> re.Pattern | None:
    """One pattern for every registered name word, as written and without accents."""
    return _known_words_pattern(tuple(p.name for p in persons))


@lru_cache(maxsize=32)
def _known_words_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    """Compiled once per registry (the editor's checks scan the same people on every keystroke's pause)."""
    words: set[str] = set()
    for name in names:
        for t in TOKEN_RE.finditer(name):
            if t.group("word"):
                w = t.group("word")
                words.add(w)
                words.add("".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c)))
    words.discard("")
    if not words:
        return None
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # no look-behind in front: a pattern opening with literals is scanned for fast; the
    # character before a hit is checked by the caller (word_start)
    return re.compile(rf"(?:{alternation})(?![\w])")


def _run_start(text: str, pos: int, touching: bool = False) -> int:
    """Where the run of name words that reaches ``pos`` begins (that ends at ``pos``, if ``touching``)."""
    start = pos
    if touching:
        m = LAST_TOKEN_RE.search(text, max(0, pos - 48), pos)
        if m is None:
            return pos
        start = m.start()
    while True:
        m = PREV_TOKEN_RE.search(text, max(0, start - 48), start)
        if m is None:
            return start
        start = m.start()


def _inside(covered: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of the spans an earlier pass took."""
    return any(a <= pos < b for a, b in covered)


class _Reader:
    """What the scanner knows of one registry: who a word may be, every registered name word in one pattern, and
    the names its patterns cannot read (another script) to be found as plain words."""

    def __init__(self, persons: list[PersonInfo]) -> None:
        self.persons = persons
        self.res = _Resolver(persons)
        self.known_re = _known_words_re(persons)
        self.unreadable = [p for p in persons if p.words and not tokens(p.name)[0]]

    def read(self, f: Field) -> tuple[list[Mention], list[Mention], list[tuple[int, int]], set[int]]:
        """The registered people ``f`` mentions, in reading order; the honorific runs that are nobody registered;
        and what those cover (spans, starts of runs) for the passes that look for unregistered names."""
        text, res = f.text, self.res
        found: list[Mention] = []
        unknown: list[Mention] = []
        covered: list[tuple[int, int]] = []
        # 1. an honorific and the name after it: a person, registered or not
        for mt in HON_RE.finditer(text):
            covered.append((mt.start(), mt.end()))
            words, initials, _ = tokens(mt.group("name"))
            hon_at = mt.start("hon")
            atoms = [
                Atom(a.group(), atom_norm(a.group()), hon_at + a.start(), hon_at + a.end())
                for a in ATOM_RE.finditer(mt.group("hon"))
            ]
            keys = res.resolve(words, initials)
            if len(words) == 1 and not initials:  # "Dr. Rajiv" or "Dr. Singhal", never a middle name ("Mr. Kumar")
                keys = [k for k in keys if words[0] in (res.by_key[k].surname, res.by_key[k].words[0])]
            mention = Mention(f, mt.start(), mt.end("name"), mt.start("name"), atoms, words, initials)
            if keys:
                mention.persons = tuple(keys)
                mention.full = frozenset(k for k in keys if res.full(k, words, initials))
                found.append(mention)
            elif words and not all(w in NOT_NAMES for w in words):
                unknown.append(mention)

        # 2. registered name words without an honorific: the run they stand in
        runs_done: set[int] = set()
        for k in self.known_re.finditer(text) if self.known_re is not None else ():
            if _inside(covered, k.start()) or not word_start(text, k.start()):
                continue
            start = _run_start(text, k.start())
            if start in runs_done:
                continue
            run = RUN_RE.match(text, start)
            if run is None or run.end() <= k.start():
                continue
            words, initials, spans = tokens(run.group("name"))
            hit = _bare(res, f, start, words, initials, spans)
            if hit is not None:
                runs_done.add(start)
                found.append(hit)
        # 3. a name in another script, as written (lower case is no name where the script has cases): in full; by
        # the surname, unless a capitalised word before it makes it someone else's ("Анна Петрова"); or by the first
        # name after an honorific ("Dr. Ирина")
        for p in self.unreadable:
            for kind, form in _other_script_forms(p.name):
                for a, b in word_spans(text, form):
                    if _inside(covered, a) or any(x.start <= a < x.end for x in found):
                        continue
                    titled = HON_BEFORE_RE.search(text, max(0, a - 48), a) is not None
                    if (kind == "given" and not titled) or (kind == "surname" and not titled and _namesake(text, a, p)):
                        continue
                    words = p.words if kind == "full" else p.words[-1:] if kind == "surname" else p.words[:1]
                    mention = Mention(f, a, b, a, [], words, [], (p.key,))
                    mention.full = frozenset({p.key}) if kind == "full" else frozenset()
                    found.append(mention)
        found.sort(key=lambda x: x.start)
        return found, unknown, covered, runs_done


def _other_script_forms(name: str) -> list[tuple[str, str]]:
    """How a text may name someone whose name the patterns cannot read: (kind, form), full name first."""
    forms = plain_name_forms(name)
    out = [("full" if i == 0 else "surname", form) for i, form in enumerate(forms)]
    words = script_words(name)
    return out + [("given", words[0])] if len(words) > 1 else out


def _namesake(text: str, at: int, person: PersonInfo) -> bool:
    """Whether the capitalised word just before ``at`` makes the surname there another person's, as a run of name
    words does for the patterns ("Manmohan Singhal"): not a sentence's first word ("Later"), nor the person's own."""
    before = text[:at].rstrip(" \u00a0")
    if len(before) == at:
        return False  # no space between: not a word before the name
    start = len(before)
    while start > 0 and wordish(before[start - 1]):
        start -= 1
    word = before[start:]
    return bool(word) and word[0].isupper() and fold(word) not in PREFIX_OK and fold(word) not in person.words


def scan(report: ReportView, prose: list[Field], organisation_names: Iterable[str] = ()) -> Mentions:
    """Every mention of a person in the prose (passes, none over every capitalised word: honorifics, registered
    name words, names in another script, designations after a comma, subjects of reported speech)."""
    persons = registry(report)
    reader = _Reader(persons)
    out = Mentions(persons)
    org_re = None
    org_spans: dict[int, list[tuple[int, int]]] = {}

    def in_organisation(f: Field, start: int, end: int) -> bool:
        nonlocal org_re
        if org_re is None:
            names = _organisation_names(report, organisation_names)
            org_re = re.compile("|".join(re.escape(n) for n in names)) if names else re.compile(r"(?!x)x")
        spans = org_spans.get(f.order)
        if spans is None:
            spans = org_spans[f.order] = [(o.start(), o.end()) for o in org_re.finditer(f.text)]
        return any(s < end and start < e for s, e in spans)

    for f in prose:
        text = f.text
        found, unknown, covered, runs_done = reader.read(f)
        out.found.extend(found)
        out.unregistered.extend(u for u in unknown if not in_organisation(f, u.start, u.end))

        # 4. "Rajiv Sharma, Research Fellow": a name by its designation
        for d in DESIGNATION_RE.finditer(text):
            if d.start() == 0 or not text[d.start() - 1].isalpha():
                continue
            start = _run_start(text, d.start(), touching=True)
            if start == d.start() or start in runs_done or _inside(covered, start):
                continue
            mt = RUN_RE.match(text, start)
            if mt is None or mt.end() != d.start():
                continue
            words, initials, _ = tokens(mt.group("name"))
            if len(words) >= 2 and not any(w in NOT_NAMES for w in words) and not in_organisation(f, start, mt.end()):
                out.unregistered.append(Mention(f, start, mt.end(), start, [], words, initials))
        # 5. "Rajiv Sharma observed that": a full name as the subject of reported speech
        for v in SPEECH_RE.finditer(text):
            at = v.start("verb")
            last = text[v.start() : at].strip()
            if fold(last) in NOT_NAMES or _inside(covered, v.start()):
                continue  # "She noted", "The speaker observed": the common case, decided cheaply
            start = _run_start(text, v.start())
            if start == v.start() or start in runs_done or _inside(covered, start):
                continue
            mt = RUN_RE.match(text, start)
            if mt is None or not text[mt.end() : at].isspace():
                continue
            words, initials, _ = tokens(mt.group("name"))
            if (
                len(words) >= 2
                and not any(w in NOT_NAMES or w in NOT_PEOPLE for w in words)
                and not any(u.field is f and u.start == start for u in out.unregistered)
                and not in_organisation(f, start, mt.end())
            ):
                out.unregistered.append(Mention(f, start, mt.end(), start, [], words, initials))
    out.unregistered.sort(key=lambda x: (x.field.order, x.start))
    return out


@lru_cache(maxsize=256)
def _folded(text: str) -> str:
    """Folded as :func:`fold` folds a word (for a quick test that a text holds a name's word at all); the export
    asks of one text more than once."""
    if text.isascii():
        return text.lower()
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return plain.casefold().replace("‐", "-").replace("’", "'")


@lru_cache(maxsize=1024)
def _name_words(name: str) -> frozenset[str]:
    """The folded words (and hyphenated parts) of a name, one of which a text must hold to mention its bearer;
    single letters ("M.S.", the "O" of "O'Brien") only when the name has nothing longer ("王 伟")."""
    parts = {part for word in script_words(_folded(name)) for part in word.split("-") if part}
    return frozenset({w for w in parts if len(w) > 1} or parts)


@lru_cache(maxsize=32)
def _reader_of(entries: tuple[Entry, ...]) -> _Reader:
    """One reader per registry: the export asks about the same people for every remark and question."""
    return _Reader([_person(*e) for e in entries])


def names_person(text: str, person: PersonView | None, report: ReportView) -> bool:
    """Whether ``text`` mentions ``person`` as :func:`scan` reads it, against the report's whole registry: the
    export's test (is a remark's speaker named in it?) and the checks' (does the printed report name a speaker?)."""
    if person is None or not (person.name or "").strip():
        return False
    entries = _entries(report)
    key = next((e[0] for e in entries if e[1] == person.id), None)
    return key is not None and key in people_named(text, entries, only=key)


def people_named(text: str, entries: tuple[Entry, ...], only: int | None = None, full: bool = False) -> set[int]:
    """The keys of the people (of ``entries``, or only ``only``) that ``text`` mentions (by their full name, if
    ``full``). A text holding none of their words is not scanned: nothing compiles for it."""
    hay = _folded(text)
    if not any(w in hay for key, _, _, name in entries if only is None or key == only for w in _name_words(name)):
        return set()
    named, in_full = _read(entries, text)
    return {k for k in (in_full if full else named) if only is None or k == only}


@lru_cache(maxsize=256)
def _read(entries: tuple[Entry, ...], text: str) -> tuple[frozenset[int], frozenset[int]]:
    """Who ``text`` mentions, and who by their full name (the export asks of one text more than once)."""
    found = _reader_of(entries).read(Field((), text, "text", True))[0]
    return frozenset(k for mt in found for k in mt.persons), frozenset(k for mt in found for k in mt.full)


def people_named_in(text: str, report: ReportView, full: bool = False) -> set[int]:
    """:func:`people_named` over a report's registry."""
    return people_named(text, _entries(report), full=full)


def _bare(
    res: _Resolver,
    f: Field,
    name_start: int,
    words: list[str],
    initials: list[str],
    spans: list[tuple[int, int, bool]],
) -> Mention | None:
    """The longest tail of a run that is one registered person, if what precedes it allows."""
    # walk the tokens from the left; a tail starting at token k
    word_pos = []  # index in `words` where each token's words begin
    wi = ii = 0
    for s, e, is_ini in spans:
        word_pos.append((wi, ii))
        if is_ini:
            ii += len(INITIAL_LETTER.findall(f.text[name_start + s : name_start + e]))
        else:
            wi += 1
    for k in range(len(spans)):
        tail_words = words[word_pos[k][0] :]
        tail_initials = initials[word_pos[k][1] :]
        if not tail_words:
            return None
        keys = res.resolve(tail_words, tail_initials)
        keys = [key for key in keys if len(tail_words) >= 2 or res.by_key[key].surname in tail_words]
        if not keys:
            continue
        if k > 0:
            prev = words[word_pos[k - 1][0]] if not spans[k - 1][2] else ""
            in_full = any(res.full(key, tail_words, tail_initials) for key in keys)
            if not in_full and prev not in PREFIX_OK:
                return None  # "Manmohan Singh": another person with a registered surname
        start = name_start + s
        mention = Mention(f, start, name_start + spans[-1][1], start, [], tail_words, tail_initials, tuple(keys))
        mention.full = frozenset(key for key in keys if res.full(key, tail_words, tail_initials))
        return mention
    return None
