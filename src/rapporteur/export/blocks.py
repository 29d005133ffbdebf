"""The blocks of an exported document and what a writer needs besides them (see :mod:`.document`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from .text import Span, plain

LAYOUTS = ("narrative", "sectioned")

TITLE, SUBTITLE = "Title", "Subtitle"
FIRST, BODY, COMPACT = "First Paragraph", "Body Text", "Compact"
SIGNATURE = "Signature"
LANGUAGE = "en-IN"


def heading_style(level: int) -> str:
    return f"Heading {level}"


@dataclass(frozen=True)
class Block:
    """One paragraph of the exported document.

    ``kind`` is ``title``, ``number`` (the report number under the title), ``event``, ``heading``, ``para``, ``item`` or ``closing``;
    ``style`` the pandoc style name; ``level`` a heading's level (1-3); ``marker``
    a list item's marker ("(i)" or "•"); ``path`` the field it came from.
    """

    kind: str
    spans: tuple[Span, ...]
    style: str
    level: int = 0
    marker: str = ""
    path: str = ""

    @property
    def text(self) -> str:
        return plain(self.spans)


@dataclass
class Meta:
    """What a writer needs besides the blocks: metadata and header fields."""

    title: str
    series: str
    date: object  # datetime.date
    date_text: str
    time_text: str
    place_text: str
    author: str
    keywords: list[str]
    status: str
    organiser: str  # as in the page header: short name, else name
    organiser_full: str
    form: str
    language: str = LANGUAGE
    report_number: str = ""  # meta.report_number, printed where the house style says

    @property
    def draft(self) -> bool:
        return self.status != "final"

    @property
    def event_line(self) -> str:
        """``Monday Morning Meeting | 24 June 2024 | 1000-1130 hrs | Conference Room, New Delhi``."""
        return " | ".join(p for p in (self.series, self.date_text, self.time_text, self.place_text) if p)


@dataclass
class Document:
    blocks: list[Block]
    meta: Meta
    layout: str
    warnings: list[Diagnostic] = field(default_factory=list)
    number_in_header: bool = False  # the house style prints meta.report_number in the page header

    def texts(self, kinds: tuple[str, ...] = ("para", "item", "closing")) -> list[str]:
        return [b.text for b in self.blocks if b.kind in kinds]
