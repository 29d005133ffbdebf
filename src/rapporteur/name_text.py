"""Whether a text names a person, as plain words: the test the export makes (is a remark's speaker named
in it? has the lead introduced someone?) and the scanner's fallback for names its patterns cannot read
(another script, lower case). Whole words, any case, any script."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator


def script_words(name: str) -> list[str]:
    """A name's words in any script: letters with their combining marks (a Devanagari vowel sign is a mark),
    hyphenated parts kept together."""
    words: list[str] = []
    cur: list[str] = []
    for i, ch in enumerate(name):
        if (ch.isalpha() or unicodedata.category(ch)[0] == "M") or (
            ch == "-" and cur and i + 1 < len(name) and name[i + 1].isalpha()
        ):
            cur.append(ch)
        elif cur:
            words.append("".join(cur))
            cur = []
    if cur:
        words.append("".join(cur))
    return words


def wordish(ch: str) -> bool:
    """Part of a word in any script: letters, digits, _ and combining marks (Devanagari vowel signs are marks)."""
    return ch.isalnum() or ch == "_" or unicodedata.category(ch)[0] == "M"


def word_start(text: str, pos: int) -> bool:
    return pos == 0 or not (wordish(text[pos - 1]) or text[pos - 1] in "’'-.&")


def _found(hay: str, needle: str, joiners: str = "") -> bool:
    """Whether ``needle`` stands in ``hay`` with no word character (nor one of ``joiners``) on either side."""
    start = hay.find(needle)
    while start >= 0:
        end = start + len(needle)
        before = hay[start - 1] if start else " "
        after = hay[end] if end < len(hay) else " "
        if not (wordish(before) or before in joiners) and not (wordish(after) or after in joiners):
            return True
        start = hay.find(needle, start + 1)
    return False


def contains_words(text: str, phrase: str) -> bool:
    """Whether ``phrase`` stands in ``text`` as whole words, case-insensitive, in any script.

    A search, not a pattern: the phrases are many (every registered name) and compiling each would cost more than
    the scan.
    """
    return bool(phrase) and _found(text.casefold(), phrase.casefold())


#: The accents of Latin, Greek and Cyrillic letters (combining diacritical marks): a name written without them is
#: the same name ("Labonte" for "Labonté"). Marks of other scripts (a Devanagari vowel sign) are letters' own.
_ACCENTS = dict.fromkeys(range(0x300, 0x370))
#: Characters that join a name to a word after or before it: "the Singhal-like view" does not name Singhal.
_JOINERS = "-\u2010"


def _unaccented(text: str) -> str:
    return unicodedata.normalize("NFD", text).translate(_ACCENTS).casefold()


def word_spans(text: str, phrase: str) -> Iterator[tuple[int, int]]:
    """Where ``phrase`` stands in ``text`` as whole words (case-insensitive, any script; a hyphen joins words, as
    for :func:`names_name`): (start, end) offsets."""
    if not phrase:
        return
    hay, needle = text.casefold(), phrase.casefold()
    exact = len(hay) == len(text)  # casefolding may change lengths ("ß" -> "ss"): then offsets are approximate
    start = hay.find(needle)
    while start >= 0:
        end = start + len(needle)
        before = hay[start - 1] if start else " "
        after = hay[end] if end < len(hay) else " "
        if not (wordish(before) or before in _JOINERS) and not (wordish(after) or after in _JOINERS):
            yield (start, end) if exact else (min(start, len(text)), min(end, len(text)))
        start = hay.find(needle, start + 1)


def plain_surname(name: str | None) -> str:
    """The last word of a name: ``Prathibha``, ``Labonté-Ramdin``."""
    words = " ".join((name or "").split()).split(" ")
    return words[-1].strip(".,") if words else ""


def plain_name_forms(name: str | None) -> list[str]:
    """The ways a text may name a person: full name, surname (3+ letters)."""
    forms = []
    full = " ".join((name or "").split())
    if full:
        forms.append(full)
    last = plain_surname(full)
    if last and last != full and len(last) >= 3:
        forms.append(last)
    return forms


def names_name(text: str, name: str | None) -> bool:
    """Whether ``text`` names the person called ``name`` (full name or surname), in any script.

    The export's test (is a remark's speaker already named in it?): any case, any script, with or without accents,
    whole words only (a hyphen joins words: "Singhal-like" is not Singhal).
    """
    if not script_words(name or ""):
        return False  # no letters ("—", ":"): nothing a text could name, and nothing the scanner would find
    # as the scanner reads names: accents optional, a hyphen part of the word (:mod:`rapporteur.names`)
    hay = _unaccented(text)
    return any(_found(hay, _unaccented(form), _JOINERS) for form in plain_name_forms(name))
