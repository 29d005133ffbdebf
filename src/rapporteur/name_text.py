"""Words in any script, as plain text: whole-word search (descriptions, designations, organisations), and the
scanner's reading of names its patterns cannot read (another script), as written, accents optional."""

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


def _starts(hay: str, needle: str, joiners: str) -> Iterator[int]:
    """Where ``needle`` stands in ``hay`` with no word character (nor one of ``joiners``) on either side."""
    start = hay.find(needle) if needle else -1
    while start >= 0:
        end = start + len(needle)
        before = hay[start - 1] if start else " "
        after = hay[end] if end < len(hay) else " "
        if not (wordish(before) or before in joiners) and not (wordish(after) or after in joiners):
            yield start
        start = hay.find(needle, start + 1)


def contains_words(text: str, phrase: str) -> bool:
    """Whether ``phrase`` stands in ``text`` as whole words, case-insensitive, in any script (a description,
    a designation, an organisation: not a person's name, which :func:`rapporteur.names.scan` reads).

    A search, not a pattern: the phrases are many and compiling each would cost more than the scan.
    """
    return next(_starts(text.casefold(), phrase.casefold(), ""), None) is not None


#: The accents of Latin, Greek and Cyrillic letters (combining diacritical marks): a name written without them is
#: the same name ("Labonte" for "Labonté"). Marks of other scripts (a Devanagari vowel sign) are letters' own.
_ACCENT = range(0x300, 0x370)
#: Characters that join a name to a word after or before it: "the Singhal-like view" does not name Singhal.
_JOINERS = "-\u2010"


def _unaccented(text: str) -> tuple[str, list[int]]:
    """``text`` without its accents, and where each of its characters (and its end) was in ``text``."""
    out: list[str] = []
    at: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFD", ch):
            if ord(c) not in _ACCENT:
                out.append(c)
                at.append(i)
    at.append(len(text))
    return "".join(out), at


def word_spans(text: str, phrase: str) -> Iterator[tuple[int, int]]:
    """Where ``phrase`` stands in ``text`` as whole words, written in its case (lower case is not a name in a
    script that has cases), accents optional; a hyphen joins words ("Singhal-like" is not Singhal)."""
    hay, at = _unaccented(text)
    needle = _unaccented(phrase)[0]
    for start in _starts(hay, needle, _JOINERS):
        yield at[start], at[start + len(needle)]


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
