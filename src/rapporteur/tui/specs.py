"""What the forms show: fields, their kinds, titles, guides and item lists, read from ``data/forms.json``.

The model (``rapporteur.model``) is the one owner of the report's vocabulary; :mod:`.specgen`
reads the forms and the outline's lists from it into the committed ``data/forms.json``, and
a test fails when the file is stale. The editor reads the file, so its first screen never
imports pydantic or the models (~250 ms of a new process). Models are known here by their
class names ("Person"). No Textual, no pydantic.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from typing import Any

from .fieldspec import FORMS_FILE, HIDDEN_PARTS, FieldSpec, specs_of

Path = tuple  # of str | int


def read_forms() -> dict:
    """The committed forms file (as :func:`.specgen.derive` wrote it)."""
    try:
        with open(os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", FORMS_FILE), encoding="utf-8") as fh:
            return json.load(fh)
    except OSError:  # a zipped install: read through importlib
        from importlib import resources

        return json.loads(resources.files("rapporteur").joinpath("data", FORMS_FILE).read_text(encoding="utf-8"))


_FORMS = read_forms()
_SPECS: dict[str, list[FieldSpec]] = specs_of(_FORMS)


def field_specs(model: str) -> list[FieldSpec]:
    """The form fields of a part of ``model`` (by name; sub-tables inlined, item lists left out)."""
    return _SPECS[model]


@functools.cache
def person_keys() -> frozenset[str]:
    """The names of every field that refers to people (``by``, ``chair``, ``speakers`` ...)."""
    names = {*ITEM_LISTS.values(), *(part_model(k) for k in PART_TITLES)}
    return frozenset(
        str(spec.rel[-1])
        for name in names
        if name is not None
        for spec in field_specs(name)
        if spec.kind in ("person", "persons")
    )


# -- item lists and titles ----------------------------------------------------------------------------

#: Every list of items in a report, by the keys that reach it (``("sessions", "presentations")``): its items' model.
ITEM_LISTS: dict[tuple, str] = {tuple(entry["keys"]): entry["model"] for entry in _FORMS["item_lists"]}

#: What one item of each list is called ("Add presentation"): the model names lists, not items.
ITEM_NOUNS: dict[str, str] = {
    "Person": "person",
    "Remark": "remarks",
    "Session": "session",
    "Presentation": "presentation",
    "Section": "section",
    "Question": "question",
    "Response": "response",
    "Silence": "silenced finding",
    "Partner": "partner",
    "EventAppearance": "role",
    "Appearance": "role",
    "Delegation": "delegation",
}


def item_noun(model: str) -> str:
    return ITEM_NOUNS.get(model) or re.sub(r"(?<!^)(?=[A-Z])", " ", model).lower()


_PARTS: list[dict] = _FORMS["parts"]
#: The top-level parts in the outline: the report's fields in order, with meta (the review step) last.
TOP_PARTS: tuple[str, ...] = (
    *(p["key"] for p in _PARTS if p["key"] != "meta" and p["key"] not in HIDDEN_PARTS),
    "meta",
)
#: Parts that a report may leave out (Optional in the model).
OPTIONAL_PARTS: tuple[str, ...] = tuple(p["key"] for p in _PARTS if not p["required"] and not p["list"])
#: Parts that are lists of items.
LIST_PARTS: tuple[str, ...] = tuple(p["key"] for p in _PARTS if p["list"] and p["key"] not in HIDDEN_PARTS)
#: Part titles from the model; the file's metadata is the last step of the guided path, Review.
PART_TITLES: dict[str, str] = {p["key"]: ("Review" if p["key"] == "meta" else p["title"]) for p in _PARTS}
_PART_MODELS: dict[str, str | None] = {p["key"]: p["model"] for p in _PARTS}


def part_model(key: str) -> str | None:
    """The model of a top-level table part (None for a list part)."""
    return _PART_MODELS.get(key)


# -- text <-> data ----------------------------------------------------------------------------------

_TIME = re.compile(r"^\s*(\d{1,2}):?(\d{2})(?::(\d{2}))?\s*(?:hrs?|h)?\s*$", re.IGNORECASE)


def parse_value(kind: str, text: str, required: bool) -> Any:
    """What a form's text means as data. Unparseable text is kept as it is (validation says why)."""
    if kind in ("str", "person", "prose"):
        return text if (text.strip() or required) else None
    if kind == "date":
        s = text.strip()
        if not s:
            return "" if required else None
        try:
            return dt.date.fromisoformat(s)
        except ValueError:
            return text
    if kind == "time":
        s = text.strip()
        if not s:
            return None
        mt = _TIME.match(s)
        if mt:
            try:
                return dt.time(int(mt.group(1)), int(mt.group(2)), int(mt.group(3) or 0))
            except ValueError:
                pass
        return text
    if kind == "int":  # an edition, a delegation's size: a number, or the text kept for validation to name
        s = text.strip()
        if not s:
            return None
        return int(s) if s.isdigit() else text
    if kind in ("persons", "tags"):
        items = [t.strip() for t in re.split(r"[,;]" if kind == "tags" else r"[,;\s]+", text) if t.strip()]
        return items or None
    if kind == "lines":
        items = [t.strip() for t in text.splitlines() if t.strip()]
        return items or None
    return text


def display_value(kind: str, value: Any) -> str:
    """The text a form shows for a value (the inverse of :func:`parse_value` for valid data)."""
    if value is None:
        return ""
    if kind == "time" and isinstance(value, dt.time):
        return value.strftime("%H:%M") if not value.second else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if kind in ("persons", "tags") and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if kind == "lines" and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if kind == "prose" and isinstance(value, str):
        return value[:-1] if value.endswith("\n") and not value.endswith("\n\n") else value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def own_examples(config: Any) -> dict[tuple, str]:
    """Examples from the user's config ([organiser], [rapporteur]) instead of the model's MP-IDSA ones."""
    if config is None or not hasattr(config, "table"):
        return {}
    out: dict[tuple, str] = {}
    for key, value in config.table("organiser").items():
        if isinstance(value, str) and value.strip():
            out[("event", "organiser", key)] = value.strip()
    for key, value in config.table("rapporteur").items():
        if isinstance(value, str) and value.strip():
            out[("rapporteur", key)] = value.strip()
    return out
