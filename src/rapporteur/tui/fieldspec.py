"""One field of a form, as plain data: what the forms file holds and the widgets are built from.

Kept apart from :mod:`.specs` (which reads the committed file when imported) so that
:mod:`.specgen` can write that file, and compare with it, without reading it first.
No pydantic, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: The editor's forms and outline, derived from the models (:mod:`.specgen`), in ``rapporteur/data``.
FORMS_FILE = "forms.json"

#: Parts of a report the editor's outline and forms leave out. Notes taken in the room are raw
#: material, hundreds of lines long: they are typed and corrected on the capture screen (F6,
#: `rapporteur notes`) and turned into parts by `rapporteur draft`, never edited as forms.
HIDDEN_PARTS: frozenset[str] = frozenset({"notes"})


@dataclass(frozen=True)
class FieldSpec:
    """One editable field of a part: what the form shows and how text becomes data."""

    rel: tuple  # path relative to the part
    title: str
    guide: str
    placeholder: str
    kind: str  # str | int | prose | date | time | choice | bool | person | persons | tags | lines
    required: bool
    choices: tuple = ()
    group: str | None = None  # the inlined sub-table's title (Organiser)
    default: Any = None  # the model's default, shown when the data leaves the field out


def specs_of(forms: dict) -> dict[str, list[FieldSpec]]:
    """Every model's form fields, from the forms file's data."""
    return {
        name: [
            FieldSpec(
                tuple(f["rel"]),
                f["title"],
                f["guide"],
                f["placeholder"],
                f["kind"],
                f["required"],
                tuple(f.get("choices", ())),
                f.get("group"),
                f.get("default"),
            )
            for f in fields
        ]
        for name, fields in forms["models"].items()
    }
