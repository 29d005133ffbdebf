"""The patterns of names in prose: honorifics and ranks, name words, initials and particles, and the
words that are not names. :mod:`rapporteur.names` reads prose with them; the note-taking and prose import
read honorifics with them too. The patterns compile on first use (:class:`LazyPattern`)."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

_U = "A-ZÀ-ÖØ-Þ"
_L = "a-zß-öø-ÿ\u0100-\u024f"

#: Honorifics and ranks as written before a name (without their dots).
_HON_MULTI = (
    "Air Chief Marshal",
    "Air Vice Marshal",
    "Air Marshal",
    "Air Commodore",
    "Air Cmde",
    "Group Captain",
    "Wing Commander",
    "Squadron Leader",
    "Flight Lieutenant",
    "Lieutenant General",
    "Lieutenant Colonel",
    "Lieutenant Commander",
    "Major General",
    "Brigadier General",
    "Rear Admiral",
    "Vice Admiral",
    "Rear Adm",
    "Vice Adm",
    "His Excellency",
    "Her Excellency",
)
_HON_SINGLE = (
    "Ambassador",
    "Professor",
    "Admiral",
    "Commodore",
    "Brigadier",
    "Colonel",
    "Captain",
    "Shrimati",
    "Shri",
    "Smt",
    "Sushri",
    "Mrs",
    "Mr",
    "Ms",
    "Mx",
    "Dr",
    "Prof",
    "Amb",
    "Gp",
    "Grp",
    "Capt",
    "Cmde",
    "Cdr",
    "Lt",
    "Col",
    "Gen",
    "Maj",
    "Brig",
    "Adm",
    "Wg",
    "Sqn",
    "Ldr",
    "Flt",
    "AVM",
    "ACM",
)
#: Written differently, meaning the same (compared after removing dots and spaces).
_HON_SAME = {
    "professor": "prof",
    "ambassador": "amb",
    "admiral": "adm",
    "captain": "capt",
    "colonel": "col",
    "commodore": "cmde",
    "brigadier": "brig",
    "shrimati": "smt",
    "doctor": "dr",
    "viceadmiral": "viceadm",
    "rearadmiral": "rearadm",
    "aircommodore": "aircmde",
    "grp": "gp",
    "sh": "shri",
}

_ATOM = (
    "(?:"
    + "|".join(p.replace(" ", r"[ \u00a0]+") for p in _HON_MULTI)
    + "|"
    + "|".join(_HON_SINGLE)
    + r")\b\.?"
    + r"|H\.[ \u00a0]?E\.|Sh\."
)
_ATOM_OR_RETD = rf"(?:{_ATOM}|[Rr]etd\b\.?)"
_CHAIN = (
    rf"(?:{_ATOM})(?:[ \u00a0]*(?:\([ \u00a0]*{_ATOM_OR_RETD}(?:[ \u00a0]*{_ATOM_OR_RETD})*[ \u00a0]*\)|(?:{_ATOM})))*"
)
_INITIALS = rf"[{_U}]\.(?:[ \u00a0]?[{_U}]\.)*"
_WORD = rf"(?:[{_U}]['’][{_U}][{_L}]+|[{_U}][{_L}]*[{_U}]?[{_L}]+)(?:[-‐][{_U}]?[{_L}]+)*"
_NAME_TOKEN = rf"(?!(?:{_ATOM})(?![\w]))(?:{_INITIALS}|{_WORD})"
_SEP = r"(?:[ \u00a0]+|[ \u00a0]*\n[ \u00a0]*)"
_PARTICLE = r"(?:de|del|della|van|von|der|den|da|das|dos|du|di|al|el|bin|ibn|bint|la|le|ter|ten)"
PARTICLES = frozenset(_PARTICLE[3:-1].split("|"))
_RUN = rf"{_NAME_TOKEN}(?:{_SEP}(?:{_PARTICLE}{_SEP}){{0,2}}{_NAME_TOKEN})*"

_START = r"(?<![\w’'\-.&])"


class LazyPattern:
    """A pattern compiled on first use: the scanner's patterns cost ~20 ms to compile (HON_RE about half), and a run
    that never reads a name (an export whose texts hold no registered name's word) should not pay for them."""

    __slots__ = ("pattern", "_compiled")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)


HON_RE = LazyPattern(
    rf"(?=[A-Z]){_START}(?P<hon>{_CHAIN})[ \u00a0]*(?:{_PARTICLE}{_SEP}){{0,2}}(?=[{_U}])(?P<name>{_RUN})"
)
RUN_RE = LazyPattern(rf"{_START}(?P<name>{_RUN})")
#: An honorific chain ending where a name begins (a name in another script, "Dr. Ирина"; searched up to the name).
HON_BEFORE_RE = LazyPattern(rf"{_START}(?:{_CHAIN})[ \u00a0]*$")
LAST_TOKEN_RE = LazyPattern(rf"{_START}(?:{_NAME_TOKEN})$")
PREV_TOKEN_RE = LazyPattern(rf"{_START}(?:{_NAME_TOKEN}){_SEP}(?:{_PARTICLE}{_SEP}){{0,2}}$")
TOKEN_RE = LazyPattern(rf"(?P<ini>{_INITIALS})|(?P<word>{_WORD})")
ATOM_RE = LazyPattern(_ATOM_OR_RETD)
INITIAL_LETTER = LazyPattern(rf"[{_U}]")

#: Capitalised words that are not names: designations, function words, places and
#: institutions. A run holding one is not taken for an unregistered person.
NOT_NAMES = frozenset(
    """
    fellow director general deputy associate assistant senior junior research analyst professor secretary
    minister chairman chairperson chair president vice head chief editor adviser advisor member dean
    coordinator consultant officer founder governor commissioner distinguished visiting former additional
    joint principal executive managing scholar lecturer researcher ambassador envoy spokesperson
    the a an in on at of for and but or with from by to as this that these those his her their its our
    however moreover further furthermore additionally also similarly thus hence therefore meanwhile
    later earlier first second third finally both while during after before since although though
    new north south east west central eastern western northern southern ocean sea asia europe africa
    america region institute university centre center ministry department council foundation government
    republic kingdom united states union nations committee commission organisation organization forum
    programme program school college academy society association bank fund agency office embassy
    high court army navy air force command service services corps india china russia pakistan
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday session report meeting conference
    he she it they we you i who which what there here one another someone participants speaker speakers
    scholar scholars panellist panellists participant delegation delegate delegates audience chairperson
    """.split()
)
#: Words that may stand before a registered name without making it someone else's: besides those above, a
#: sentence's usual openers and the titles that stand before a surname ("Then Singhal noted", "Justice Rao").
PREFIX_OK = NOT_NAMES | frozenset(
    """
    then next thereafter subsequently afterwards afterward yesterday today tomorrow now still yet again
    so consequently accordingly instead indeed notably likewise nevertheless nonetheless otherwise
    meanwhile overall lastly firstly secondly thirdly even only when where if because whereas unlike
    like per according responding speaking concluding turning referring replying reacting commenting
    summing adding agreeing disagreeing answering highlighting noting pointing elaborating explaining
    opening closing welcoming introducing thanking chairing moderating asked pressed
    justice judge senator sir lord lady dame shri smt sri moderator admiral brigadier colonel commodore
    captain major lieutenant marshal mayor prime lt col gen
    recently eventually ultimately particularly specifically importantly interestingly unfortunately
    fortunately finally lastly firstly notably clearly separately briefly initially previously currently
    historically essentially broadly generally personally officially reportedly apparently subsequently
    """.split()
)

#: Words of two-word places, institutions and publications that may be the subject of "said".
NOT_PEOPLE = frozenset(
    """
    lanka arabia kong rica zealand africa korea guinea leone salvador emirates kingdom states nations
    house office times post daily herald express tribune journal gazette review monitor news agency
    parliament congress senate assembly administration party forces bank fund group summit court
    strait straits gulf island islands basin valley pacific atlantic indian arctic baltic caspian
    """.split()
)
#: Verbs of reported speech that follow a speaker's name.
#: (it opens with the capitalised word before the verb: upper-case letters are rare, so the scan is fast)
SPEECH_RE = LazyPattern(
    rf"[{_U}][{_L}'’-]+[ \u00a0]+(?P<verb>observed|noted|argued|said|stated|explained|emphasi[sz]ed|highlighted|asked|queried|"
    r"remarked|pointed\s+out|added|opined|suggested|stressed|underlined|underscored|contended|maintained|"
    r"responded|replied|concluded|cautioned|warned|recalled|mentioned|welcomed|thanked|elaborated|spoke)\b"
)
DESIGNATION_RE = LazyPattern(
    r",[ \u00a0]+(?:(?:Senior|Junior|Deputy|Associate|Assistant|Additional|Joint|Principal|Distinguished|"
    r"Visiting|Adjunct|Honorary|Research|Executive|Managing|Former|Chief|Vice|Programme|Program)[ \u00a0]+){0,3}"
    r"(?:Fellow|Director|Professor|Analyst|Researcher|Scholar|Consultant|Adviser|Advisor|Editor|Dean|"
    r"Lecturer|Secretary|Ambassador|Chairman|Chairperson|President|Head|Coordinator|Officer|Minister|"
    r"Founder|Manager)\b"
)


@lru_cache(maxsize=8192)
def fold(word: str) -> str:
    """Case- and accent-insensitive form of a word (``Labonté`` -> ``labonte``)."""
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return (stripped or word).casefold().replace("‐", "-").replace("’", "'")


@lru_cache(maxsize=1024)
def atom_norm(atom: str) -> str:
    n = fold(re.sub(r"[.\s()\u00a0]", "", atom))
    return _HON_SAME.get(n, n)


def tokens(name: str) -> tuple[list[str], list[str], list[tuple[int, int, bool]]]:
    """Folded words, initial letters, and (start, end, is_initials) spans of a name run."""
    words: list[str] = []
    initials: list[str] = []
    spans = []
    for t in TOKEN_RE.finditer(name):
        if t.group("ini"):
            initials.extend(c.lower() for c in INITIAL_LETTER.findall(t.group("ini")))
            spans.append((t.start(), t.end(), True))
        else:
            w = fold(t.group("word"))
            if w in PARTICLES:
                continue  # "Van der Berg" at the start of a sentence: the particle is not a name word
            words.append(w)
            spans.append((t.start(), t.end(), False))
    return words, initials, spans
