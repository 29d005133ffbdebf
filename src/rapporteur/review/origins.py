"""Where each word of an exported paragraph came from: a field's paragraph, or composed text.

The export is rebuilt from the report (:func:`rapporteur.export.document.build`) with
every call that turns a field's text into printed words recorded. Each block (one
paragraph of the document, bookmarked ``r_<n>`` by the export) is then cut into
segments: the printed text of a field's paragraph (its path, and which paragraph of
the field), a field's whole value (a title, a list item), or composed text (the
composed lead, "Report prepared by", the sentences introducing speakers, headings
made from names), which is not a field and cannot take an edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..export import document as docmod
from ..export.text import DEFAULT_PRINT, PrintStyle, paragraphs, plain, quoted
from ..walk import Loc

COMPOSED_LEAD = "lead"
PROSE_KEYS = ("text", "intro", "introduction", "observations")  # fields of paragraphs (others are one line)


@dataclass(frozen=True)
class Segment:
    """``text`` at ``start`` in the block's text; ``path`` ``None`` for composed text.
    ``para`` the paragraph's index within a prose field (``None``: the whole value)."""

    start: int
    text: str
    path: str | None = None
    para: int | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Origin:
    """One block of the export: its kind, its text (the marker of a list item excluded),
    the field it belongs to, and its segments in order (composed text between them)."""

    index: int
    kind: str
    text: str
    path: str
    marker: str
    segments: list[Segment]

    @property
    def composed_lead(self) -> bool:
        return self.kind == "para" and self.path == COMPOSED_LEAD

    def fields(self) -> list[Segment]:
        return [s for s in self.segments if s.path is not None]


@dataclass
class _Piece:
    path: str
    para: int | None
    raw: str
    printed: str
    quoted: bool = False


def parse_path(path: str) -> Loc:
    """``sessions[0].presentations[1].sections[0].text`` -> ("sessions", 0, "presentations", 1, ...)."""
    out: list[str | int] = []
    for part in path.split("."):
        name, _, rest = part.partition("[")
        if name:
            out.append(name)
        while rest:
            num, _, rest = rest.partition("]")
            out.append(int(num))
            rest = rest.lstrip("[")
    return tuple(out)


def value_at(data: Any, path: str) -> Any:
    cur = data
    for key in parse_path(path):
        try:
            cur = cur[key]
        except (KeyError, IndexError, TypeError):
            return None
    return cur


def _one_line(value: str) -> str:
    return " ".join(value.split())


class _Tracer(docmod.Builder):
    """The export's builder, recording the field text it prints (composed text is not recorded)."""

    def __init__(self, report: Any, data: dict, layout: str, style: PrintStyle) -> None:
        super().__init__(report, layout, style)
        self.data = data
        self.pieces: list[_Piece] = []
        self.used: dict[str, int] = {}
        self.composing = 0
        self.in_lead = False

    def spans(self, text: str, path: str, marks: bool = True) -> list:
        out = super().spans(text, path, marks)
        printed = plain(out).strip()
        if printed and path and not self.in_lead and not path.endswith(".by") and not path.endswith(".asker"):
            self._record(text, path, printed)
        return out

    def _record(self, text: str, path: str, printed: str) -> None:
        value = value_at(self.data, path)
        if isinstance(value, dict) and isinstance(value.get("title"), str) and _one_line(value["title"]) == text:
            path, value = f"{path}.title", value["title"]  # a heading printing a session's or presentation's title
        if not isinstance(value, str):
            return
        if self.composing and text == quoted(_one_line(value)):
            self.pieces.append(_Piece(path, None, text, printed, quoted=True))
            return
        if self.composing:
            return
        if parse_path(path)[-1] in PROSE_KEYS:
            paras = paragraphs(value)
            k = self.used.get(path, 0)
            if k < len(paras) and paras[k] == text:
                self.used[path] = k + 1
                self.pieces.append(_Piece(path, k, text, printed))
        elif text == _one_line(value):
            self.pieces.append(_Piece(path, None, text, printed))

    def frags(self, fragments: list) -> list:
        self.composing += 1
        try:
            return super().frags(fragments)
        finally:
            self.composing -= 1

    def lead(self) -> None:
        r = self.r
        if r.lead is not None and r.lead.text.strip():
            super().lead()
            return
        self.in_lead = True  # the composed lead is made of fields' values, but is no field itself
        try:
            super().lead()
        finally:
            self.in_lead = False

    def heading(self, text: str, level: int, path: str, suffix: str = "") -> None:
        n, k = len(self.blocks), len(self.pieces)
        super().heading(text, level, path, suffix)
        if len(self.blocks) == n:
            del self.pieces[k:]  # a heading not printed (it repeats the title)


def _norm(text: str) -> str:
    """Apostrophes as typed: the export curls some (same length, so offsets hold)."""
    return text.replace("\u2019", "'")


def _block_text(b: docmod.Block) -> str:
    return b.text


def origins(report: Any, data: dict, layout: str, style: PrintStyle = DEFAULT_PRINT) -> list[Origin]:
    """The export's blocks, each cut into field and composed segments."""
    tracer = _Tracer(report, data, layout, style)
    doc = tracer.build()
    pieces = tracer.pieces
    out: list[Origin] = []
    j = 0
    for n, b in enumerate(doc.blocks):
        text = _block_text(b)
        hay = _norm(text)
        segs: list[Segment] = []
        pos = 0
        composed = b.kind == "para" and b.path == COMPOSED_LEAD
        while j < len(pieces) and not composed and b.kind not in ("event", "closing"):
            pc = pieces[j]
            at = hay.find(_norm(pc.printed), pos)
            if at < 0 and not segs:  # a piece printed nowhere (a safety net): look a few further
                ahead = [(k, hay.find(_norm(pieces[k].printed))) for k in range(j + 1, min(j + 4, len(pieces)))]
                found = [(k, a) for k, a in ahead if a >= 0]
                if found:
                    j, at = found[0]
                    pc = pieces[j]
            if at < 0:
                break
            if at > pos:
                segs.append(Segment(pos, text[pos:at]))
            if pc.quoted:  # a title in quotes inside a composed sentence: the words inside are the field's
                segs.append(Segment(at, text[at]))
                segs.append(Segment(at + 1, text[at + 1 : at + len(pc.printed) - 1], pc.path, None))
                segs.append(Segment(at + len(pc.printed) - 1, text[at + len(pc.printed) - 1]))
            else:
                segs.append(Segment(at, text[at : at + len(pc.printed)], pc.path, pc.para))
            pos = at + len(pc.printed)
            j += 1
        if pos < len(text):
            segs.append(Segment(pos, text[pos:]))
        out.append(Origin(n, b.kind, text, b.path, b.marker, segs))
    return out


def try_styles() -> list[PrintStyle]:
    """The ways a house style may print dates and leads (not recorded in the document)."""
    return [PrintStyle(d, t) for t in (False, True) for d in ("day-month-year", "month-day-year")]
