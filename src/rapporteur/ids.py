"""Person ids derived from names: one owner for the rule, used by the editor, notes and importers.

An id is what other parts of a report use to refer to a person, so it must be stable, readable in a
diff and unique in the registry. People are typed by name (in the editor, while taking notes, when
old prose is imported); the id is derived from the name rather than asked for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
MAX_ID_LENGTH = 64

#: The ids a skeleton (or the editor's "add person") gives people before they have a name: a
#: role or a position, replaced by an id derived from the name once the person is named.
PLACEHOLDER_ID = re.compile(
    r"^(speaker|moderator|chair|panellist|welcome|keynote|concluding|vote-of-thanks|head-of-delegation|presiding"
    r"|chief-guest|guest-of-honour|inaugural|valedictory|person)(-\d+)?$"
)


def slug(text: str, fallback: str = "person") -> str:
    """Lower-case ASCII letters, digits and hyphens: "Labonté-Ramdin" -> "labonte-ramdin"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9_-]+", "-", ascii_text.lower()).strip("-_")
    return base[: MAX_ID_LENGTH - 4] or fallback


def unique_id(base: str, taken: Collection[str]) -> str:
    """``base`` made into a valid id that is not in ``taken`` (adding -2, -3 ... when needed)."""
    base = slug(base)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def id_for_name(name: str, taken: Collection[str]) -> str:
    """An id from a person's name: the surname ("M.S. Prathibha" -> "prathibha"), made unique."""
    words = [w for w in re.split(r"[\s.]+", name.strip()) if w]
    return unique_id(words[-1] if words else "person", taken)
