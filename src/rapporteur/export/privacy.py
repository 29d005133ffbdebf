"""What an exported file carries besides the words it prints, decided on purpose.

A DOCX can carry the report's TOML (so that ``rapporteur import`` gives it back) and
document properties (author, keywords, company); a Markdown file carries a YAML
block. Whoever receives the file can read all of it. The rules:

* **The source.** Embedded unless the report is under the Chatham House Rule: its
  source names the people, attendees and attributions that the body leaves out, so
  a CH export carries no source at all, only rapporteur's marker (so ``import`` can
  say why, and ``export`` recognises its own file). Not a redacted source: a TOML
  holding "only what is printed" would be a different report, which ``import`` would
  hand back as if it were the one written; the report lives in its TOML file and
  repository. ``--embed-source`` / ``--no-embed-source`` and the house style's
  ``embed_source`` (``auto``, ``always``, ``never``) decide otherwise.
* **Internal notes** (``meta.notes``, and the top-level ``notes`` taken during the
  event) are never embedded unless ``--embed-notes``: the source is embedded
  without them (re-written in the canonical form), and the marker names what was
  left out.
* **Properties.** Under the Chatham House Rule a property whose words the document
  does not print (a rapporteur not named in the body, tags, the organiser's name)
  is left out, in DOCX and Markdown alike.
* **The warning.** Whatever the file carries that the document does not print is
  named on standard error, every time.

"Printed" is judged by words: a value is printed when every word of it appears in
the document's visible text. Identifiers, enumerations, dates and numbers are not
words a reader can be harmed by and are not counted.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from ..diagnostics import Diagnostic
from .document import Document, Meta
from .programme import session_title_words

#: Keys whose values are internal notes: never embedded unless asked.
NOTE_KEYS: tuple[tuple[str, ...], ...] = (("meta", "notes"), ("notes",))

#: Keys whose string values are codes, not words (enumerations, identifiers, references).
_CODE_KEYS = frozenset(
    {
        "schema_version",
        "status",
        "form",
        "mode",
        "id",
        "role",
        "also",
        "rule",
        "kind",
        "relation",
        "participation",
        "person",
        "speaker",
        "type",
        "layout",
    }
)

_WORD = re.compile(r"\w+")

#: Why a DOCX carries no source, as ``import`` says it.
ABSENT_REASONS = {
    "chatham-house": "it was exported under the Chatham House Rule, whose export leaves the source out "
    "(it names the people the document does not)",
    "not-asked": "it was exported with --no-embed-source",
    "house-style": 'the house style says embed_source = "never"',
}


def words(text: str) -> set[str]:
    """The words of a text, compared case- and width-insensitively."""
    return set(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def printed_words(doc: Document) -> frozenset[str]:
    """Every word the document's body shows a reader."""
    out: set[str] = set()
    for b in doc.blocks:
        out |= words(b.text)
    return frozenset(out)


def is_printed(value: str, printed: frozenset[str]) -> bool:
    return words(value) <= printed


@dataclass
class Carried:
    """What the exported file will carry besides its printed words."""

    source: bytes | None  # the bytes to embed; None: none
    omitted: tuple[str, ...] = ()  # keys left out of an embedded source
    reason: str = ""  # why there is no source (a key of ABSENT_REASONS)
    properties: Meta | None = None  # the metadata to write (properties / YAML), unprinted values removed under CH
    unprinted: list[str] = field(default_factory=list)  # what it carries that is not printed, for the warning


def decide_embedding(flag: bool | None, house: str, chatham_house: bool) -> tuple[bool, str]:
    """Whether to embed the source, and if not, why. The flag wins, then the house style, then the rule."""
    if flag is not None:
        return flag, "" if flag else "not-asked"
    if house == "always":
        return True, ""
    if house == "never":
        return False, "house-style"
    return (False, "chatham-house") if chatham_house else (True, "")


def _present(data: dict, key: tuple[str, ...]) -> bool:
    node: Any = data
    for k in key:
        if not isinstance(node, dict) or k not in node:
            return False
        node = node[k]
    return node not in (None, "", [], {})


def without_notes(raw: bytes, data: dict, directive: str | None, newline: str) -> tuple[bytes, tuple[str, ...]]:
    """The source without its internal notes, and the keys removed; ``raw`` itself when it has none.

    A source with notes is re-written in the canonical form (through the model) without them:
    cutting text out of the file by hand would risk leaving a line of a note behind.
    """
    present = tuple(".".join(k) for k in NOTE_KEYS if _present(data, k))
    if not present:
        return raw, ()
    cut = copy.deepcopy(data)
    for key in NOTE_KEYS:
        node: Any = cut
        for k in key[:-1]:
            node = node.get(k) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(key[-1], None)
    from ..tomlwrite import dumps
    from ..validate import parse_report

    report, _ = parse_report(cut)
    if report is None:  # cannot happen for a report that validated; never embed the notes for it
        raise ValueError("the report could not be re-written without its notes")
    text = dumps(report, directive)
    if newline != "\n":
        text = text.replace("\n", newline)
    return text.encode("utf-8"), present


def unprinted_values(data: Any, printed: frozenset[str], people_ids: frozenset[str], path: str = "") -> list[str]:
    """Paths of the text values in ``data`` whose words the document does not print."""
    out: list[str] = []
    if isinstance(data, dict):
        for k, v in data.items():
            if k in _CODE_KEYS and not isinstance(v, (dict, list)):
                continue
            out += unprinted_values(v, printed, people_ids, f"{path}.{k}" if path else str(k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += unprinted_values(v, printed, people_ids, f"{path}[{i}]")
    elif isinstance(data, str) and data not in people_ids and not is_printed(data, printed):
        # a session's title is printed by its words after the label ("Session I: X" as "The first session, on “X”")
        if not (path.endswith(".title") and is_printed(session_title_words(data), printed)):
            out.append(path)
    return out


def _summary(paths: list[str], limit: int = 6) -> str:
    """The first paths, and how many more."""
    more = len(paths) - limit
    return ", ".join(paths[:limit]) + (f" and {more} more" if more > 0 else "")


def properties_for(doc: Document, chatham_house: bool, printed: frozenset[str]) -> tuple[Meta, list[str]]:
    """The metadata to write, and the properties whose words the document does not print.

    Under the Chatham House Rule those are left out; otherwise they are kept (they are
    what a document's properties are for) and only named in the warning.
    """
    meta = doc.meta
    unprinted: list[str] = []
    values = {"author": meta.author, "subject": meta.series, "company": meta.organiser_full, "title": meta.title}
    for name, value in values.items():
        if value and not is_printed(value, printed):
            unprinted.append(name)
    tags = [t for t in meta.keywords if not is_printed(t, printed)]
    if tags:
        unprinted.append("keywords")
    if not chatham_house:
        return meta, unprinted
    blank = {"author": "author", "subject": "series", "company": "organiser_full", "title": "title"}
    changes: dict[str, Any] = {blank[n]: "" for n in unprinted if n in blank}
    changes["keywords"] = [t for t in meta.keywords if t not in tags]
    return replace(meta, **changes), unprinted


def plan(
    doc: Document,
    raw: bytes,
    data: dict,
    *,
    to: str,
    chatham_house: bool,
    embed: bool,
    reason: str,
    embed_notes: bool,
    directive: str | None,
    newline: str,
) -> Carried:
    """What the export of ``doc`` (from ``raw``, parsed as ``data``) carries, decided by the rules above."""
    printed = printed_words(doc)
    meta, unprinted_props = properties_for(doc, chatham_house, printed)
    carried = Carried(None, properties=meta)
    kind = "document properties" if to == "docx" else "YAML metadata"
    if unprinted_props and not chatham_house:
        carried.unprinted.append(f"{kind}: " + ", ".join(unprinted_props))
    if to != "docx":
        return carried
    if not embed:
        carried.reason = reason
        return carried
    if embed_notes:
        carried.source, kept = raw, data
    else:
        carried.source, carried.omitted = without_notes(raw, data, directive, newline)
        kept = copy.deepcopy(data)
        for key in NOTE_KEYS:
            node: Any = kept
            for k in key[:-1]:
                node = node.get(k) if isinstance(node, dict) else None
            if isinstance(node, dict) and ".".join(key) in carried.omitted:
                node.pop(key[-1], None)
    ids = frozenset(
        str(p["id"]) for p in data.get("people", []) if isinstance(p, dict) and isinstance(p.get("id"), str)
    )
    paths = unprinted_values(kept, printed, ids)
    if paths:
        carried.unprinted.append("the embedded report source: " + _summary(paths))
    return carried


def warning(carried: Carried, to: str) -> Diagnostic | None:
    """The one warning that names what the file carries unprinted (``None`` when nothing)."""
    if not carried.unprinted:
        return None
    what = "DOCX" if to == "docx" else "Markdown file"
    hint = (
        "export with --no-embed-source to leave the source out"
        if carried.source is not None
        else "leave these out of the report's metadata, or accept that readers of the file can see them"
    )
    return Diagnostic(
        "",
        f"the {what} carries what the document does not print, readable by anyone who receives it: "
        + "; ".join(carried.unprinted),
        "export-carries",
        severity="warning",
        hint=hint,
    )
