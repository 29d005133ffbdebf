"""A reviewed document's words put back into the fields they were printed from.

Each body paragraph's text goes to the export's block whose bookmark (``r_<n>``) it
sits in, or, outside any, to the block before it (a paragraph added after another
belongs to the same field). A block's new text is compared with its old one word by
word; each change lands in the field segment it falls in (:mod:`.origins`). What
falls in composed text cannot be mapped and is listed, never dropped; an edited
composed lead becomes a written one.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..export.text import paragraphs
from .origins import PROSE_KEYS, Origin, Segment, parse_path, value_at
from .wordxml import Body

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass
class Unmapped:
    """An edit that no field can take: where (a block's path, or the header), what was there, what is now."""

    where: str
    old: str
    new: str

    def describe(self) -> str:
        old, new = _short(self.old), _short(self.new)
        if not self.old.strip():
            return f"{self.where}: text added: “{new}”"
        if not self.new.strip():
            return f"{self.where}: composed text deleted: “{old}” (it is printed from other fields and comes back)"
        return f"{self.where}: composed text “{old}” -> “{new}”"


@dataclass
class Mapped:
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (old value, new value)
    unmapped: list[Unmapped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# -- the document's text, per block -------------------------------------------------------


@dataclass
class _Found:
    text: str = ""  # paragraphs joined by "\n"
    first: int = -1  # the first and last body paragraphs it is in
    last: int = -1
    marked: bool = False


def _spaces(text: str) -> str:
    """Blanks collapsed as the export writes them (a no-break space is a character of its own, kept)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def _similar(a: str, b: str) -> bool:
    """At least 60 % alike, character by character (blanks collapsed)."""
    a, b = " ".join(a.split()), " ".join(b.split())
    if not a or not b:
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.6


def per_block(body: Body, blocks: list[Origin]) -> tuple[dict[int, _Found], str]:
    """Each block's text as the document now reads (``""`` when deleted), and text before the first block."""
    chunks: dict[int, list[tuple[int, str]]] = {}
    marked: set[int] = set()
    before: list[str] = []
    last = -1
    open_: list[int] = []
    present = {p.n for pieces in body.paragraphs for p in pieces if p.kind == "start"}
    next_start = [len(blocks)] * (len(body.paragraphs) + 1)  # the first block marked after paragraph i
    for i in range(len(body.paragraphs) - 1, -1, -1):
        starts = [p.n for p in body.paragraphs[i] if p.kind == "start" and 0 <= p.n < len(blocks)]
        next_start[i] = starts[0] if starts else next_start[i + 1]
    for i, pieces in enumerate(body.paragraphs):
        marks = [p for p in pieces if p.kind in ("start", "end")]
        text = "".join(p.text for p in pieces if p.kind == "text")
        if not marks and not open_ and text.strip():
            # No origin mark: a paragraph added, or one whose bookmark went (retyped whole, or a tool dropped
            # it). Where a block is missing, the paragraph in its place is that block, retyped.
            gap = [m for m in range(last + 1, min(next_start[i + 1], last + 4)) if m not in present and m not in marked]
            guess = next((m for m in gap if _similar(text, blocks[m].text)), gap[0] if gap else None)
            if guess is not None:
                last = guess
                marked.add(guess)
                chunks.setdefault(guess, []).append((i, text))
                continue
        # Words typed at a paragraph's start may sit before its bookmark: they belong to that paragraph.
        first = marks[0] if marks and not open_ and marks[0].kind == "start" and 0 <= marks[0].n < len(blocks) else None
        for p in pieces:
            if p is first:
                first = None
            if p.kind == "start":
                if 0 <= p.n < len(blocks):
                    open_.append(p.n)
                    marked.add(p.n)
                    last = p.n
            elif p.kind == "end":
                if p.n in open_:
                    open_.remove(p.n)
                if 0 <= p.n < len(blocks):
                    last = max(last, p.n)
            elif p.kind == "text":
                target = open_[-1] if open_ else first.n if first is not None else last
                if target < 0:
                    before.append(p.text)
                else:
                    chunks.setdefault(target, []).append((i, p.text))
    out: dict[int, _Found] = {}
    for n in range(len(blocks)):
        got = chunks.get(n, [])
        paras: dict[int, list[str]] = {}
        for i, t in got:
            paras.setdefault(i, []).append(t)
        lines = [_spaces("".join(v)) for _, v in sorted(paras.items())]
        lines = [x for x in lines if x]
        f = _Found("\n".join(lines), min(paras) if paras else -1, max(paras) if paras else -1, n in marked)
        if blocks[n].marker:  # a list item: its marker is printed before a tab, not part of the field
            f.text = re.sub(rf"^{re.escape(blocks[n].marker)}\s*", "", f.text)
        out[n] = f
    return out, " ".join("".join(before).split())


# -- a block's change, segment by segment ---------------------------------------------------


def _tokens(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _TOKEN.finditer(text)]


def _opcodes(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """Word-level differences, in character offsets."""
    a, b = _tokens(old), _tokens(new)
    sm = difflib.SequenceMatcher(None, [t for _, t in a], [t for _, t in b], autojunk=False)

    def at(toks: list[tuple[int, str]], k: int, text: str) -> int:
        return toks[k][0] if k < len(toks) else len(text)

    return [
        (tag, at(a, i1, old), at(a, i2, old), at(b, j1, new), at(b, j2, new))
        for tag, i1, i2, j1, j2 in sm.get_opcodes()
    ]


def _owner(segs: list[Segment], i1: int, i2: int) -> int | None:
    """The field segment an edit of old[i1:i2] belongs to, or None when it touches composed text."""
    if i1 < i2:
        hit = [
            k
            for k, s in enumerate(segs)
            if s.start < i2 and i1 < s.end and s.text[max(0, i1 - s.start) : i2 - s.start].strip()
        ]
        if not hit:
            hit = [k for k, s in enumerate(segs) if s.start < i2 and i1 < s.end]
        if len(hit) == 1 and segs[hit[0]].path is not None:
            return hit[0]
        fields = [k for k in hit if segs[k].path is not None]
        if len(fields) == 1 and all(not segs[k].text.strip() for k in hit if k != fields[0]):
            return fields[0]
        return None
    inside = [k for k, s in enumerate(segs) if s.start < i1 < s.end]
    if inside:
        return inside[0] if segs[inside[0]].path is not None else None
    ending = [k for k, s in enumerate(segs) if s.end == i1 and s.path is not None]
    if ending:
        return ending[-1]
    starting = [k for k, s in enumerate(segs) if s.start == i1 and s.path is not None]
    return starting[0] if starting else None


def split_block(o: Origin, new: str, unmapped: list[Unmapped]) -> list[str]:
    """The new printed text of each of ``o``'s segments (composed ones kept as they were)."""
    segs = o.segments
    out = [""] * len(segs)
    for tag, i1, i2, j1, j2 in _opcodes(o.text, new):
        if tag == "equal":
            for k, s in enumerate(segs):
                lo, hi = max(i1, s.start), min(i2, s.end)
                if lo < hi:
                    out[k] += new[j1 + lo - i1 : j1 + hi - i1]
            continue
        owner = _owner(segs, i1, i2)
        if owner is not None:
            out[owner] += new[j1:j2]
            continue
        if tag == "delete":  # across segments: the fields lose their words; composed words come back
            gone = "".join(
                s.text[max(i1, s.start) - s.start : min(i2, s.end) - s.start] for s in segs if s.path is None
            )
            if re.search(r"\w", gone):
                unmapped.append(Unmapped(o.path or f"paragraph {o.index + 1}", gone, ""))
            continue
        if not re.search(r"\w", o.text[i1:i2] + new[j1:j2]):
            continue  # blanks and punctuation between segments
        before, after = o.text[max(0, i1 - 25) : i1], o.text[i2 : i2 + 25]
        unmapped.append(
            Unmapped(o.path or f"paragraph {o.index + 1}", before + o.text[i1:i2] + after, before + new[j1:j2] + after)
        )
        for m, s in enumerate(segs):  # the fields' words in the span stay as they were
            lo, hi = max(i1, s.start), min(i2, s.end)
            if lo < hi:
                out[m] += o.text[lo:hi]
    return out


# -- field values ----------------------------------------------------------------------------


def transfer(raw: str, old: str, new: str) -> str:
    """``raw`` (a field's paragraph as written, with ``*marks*``) changed as ``old`` (as printed) became ``new``."""
    if raw == old:
        return new
    sm = difflib.SequenceMatcher(None, old, raw, autojunk=False)
    pos = [0] * (len(old) + 1)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        for k in range(i1, i2):
            pos[k] = j1 + (k - i1 if op == "equal" or i2 - i1 == j2 - j1 else 0)
    pos[len(old)] = len(raw)
    out = raw
    for tag, i1, i2, j1, j2 in reversed(_opcodes(old, new)):
        if tag == "equal":
            continue
        a = pos[i1]
        b = pos[i2 - 1] + 1 if i2 > i1 else a
        if i1 == len(old):
            a = b = len(raw)
        out = out[:a] + new[j1:j2] + out[b:]
    return out


@dataclass
class _Part:
    order: tuple[int, int]
    text: str  # raw text, paragraphs split by "\n"
    first: int  # body paragraph (for merges)
    last: int


def _raw_paragraph(value: str, para: int | None) -> str:
    if para is None:
        return " ".join(value.split())
    paras = paragraphs(value)
    return paras[para] if para < len(paras) else ""


def _assemble(parts: list[_Part], prose: bool) -> str:
    paras: list[str] = []
    prev_last = -2
    for p in sorted(parts, key=lambda x: x.order):
        lines = p.text.split("\n")
        if paras and p.first == prev_last and p.first >= 0 and lines:  # merged with the paragraph before
            paras[-1] = (paras[-1] + " " + lines[0].strip()).strip()
            lines = lines[1:]
        paras += [x.strip() for x in lines]
        if p.last >= 0:
            prev_last = p.last
    paras = [x for x in paras if x]
    return "\n\n".join(paras) if prose else " ".join(paras)


_HOME = {"summary": "text", "remarks": "text", "implications": "text", "conclusion": "text"}


def _home_of(o: Origin, data: dict) -> str | None:
    """The prose field a paragraph added after composed-only block ``o`` goes to, if any."""
    loc = parse_path(o.path) if o.path else ()
    if not loc:
        return None
    value = value_at(data, o.path)
    if isinstance(value, str) and loc[-1] in PROSE_KEYS:
        return o.path
    head = next((k for k in reversed(loc) if isinstance(k, str)), "")
    if head in _HOME:
        return f"{o.path}.{_HOME[head]}"
    if head == "sessions":
        return f"{o.path}.introduction"
    if head == "discussion":
        return f"{o.path}.intro"
    return None


def map_edits(blocks: list[Origin], found: dict[int, _Found], data: dict) -> Mapped:
    """The new value of every field the document's edits touch, and what cannot be mapped."""
    result = Mapped()
    parts: dict[str, list[_Part]] = {}
    touched: set[str] = set()
    for o in blocks:
        f = found[o.index]
        new = f.text
        same = _spaces(new) == _spaces(o.text) and "\n" not in new
        if o.composed_lead:
            if not same:
                _lead(o, new, result, parts, touched, f)
            continue
        if same:
            pieces = [s.text for s in o.segments]
        else:
            pieces = split_block(o, new, result.unmapped)
            if not o.fields() and new.strip() and o.kind in ("para", "heading"):
                home = _home_of(o, data)
                extra = _added_after_composed(o, new)
                if extra and home:
                    parts.setdefault(home, []).append(_Part((o.index, 99), extra, f.first, f.last))
                    touched.add(home)
                    result.unmapped[:] = [
                        u for u in result.unmapped if not (u.where == (o.path or "") and u.new.strip() == extra.strip())
                    ]
        for k, s in enumerate(o.segments):
            if s.path is None:
                continue
            value = value_at(data, s.path) or ""
            raw = _raw_paragraph(value, s.para)
            text = raw if pieces[k] == s.text else transfer(raw, s.text, pieces[k])
            first = f.first if k == _first_field(o) else -1
            last = f.last if k == _last_field(o) else -1
            parts.setdefault(s.path, []).append(_Part((o.index, k), text, first, last))
    prev: Origin | None = None
    for o in blocks:  # paragraphs of two fields joined in the document: each field keeps its own words
        f = found[o.index]
        if prev is not None and o.fields() and prev.fields() and f.first >= 0 and f.first == found[prev.index].last:
            a, b = prev.fields()[-1].path, o.fields()[0].path
            if a != b:
                result.notes.append(f"the paragraphs of {a} and {b} were joined; each field keeps its own words")
        if o.fields():
            prev = o
    for path in sorted(set(parts) | touched):  # a merge changes a field without changing a word
        old = value_at(data, path)
        prose = parse_path(path)[-1] in PROSE_KEYS
        new_value = _assemble(parts.get(path, []), prose)
        if not isinstance(old, str) or _norm_value(old, prose) != new_value:
            result.changes[path] = (old if isinstance(old, str) else "", new_value)
    return result


def _norm_value(value: str, prose: bool) -> str:
    return "\n\n".join(paragraphs(value)) if prose else " ".join(value.split())


def _first_field(o: Origin) -> int:
    return next(k for k, s in enumerate(o.segments) if s.path is not None)


def _last_field(o: Origin) -> int:
    return max(k for k, s in enumerate(o.segments) if s.path is not None)


def _added_after_composed(o: Origin, new: str) -> str:
    """Paragraphs added after a composed-only block (its own text unchanged): their text, else ``""``."""
    lines = new.split("\n")
    if len(lines) > 1 and " ".join(lines[0].split()) == " ".join(o.text.split()):
        return "\n".join(lines[1:])
    return ""


def _lead(o: Origin, new: str, result: Mapped, parts: dict[str, list[_Part]], touched: set[str], f: _Found) -> None:
    """An edited composed lead becomes a written lead, unless a paragraph was put in its middle."""
    lines = [x for x in new.split("\n") if x.strip()]
    if len(lines) > 1 and " ".join(lines[0].split()) != " ".join(o.text.split()):
        flat = _spaces(o.text)
        added = [x for x in lines if _spaces(x) not in flat]
        result.unmapped.append(Unmapped("the composed lead (a paragraph put inside it)", "", "\n".join(added) or new))
        return
    if not lines:
        result.unmapped.append(Unmapped("the composed lead", o.text, ""))
        return
    parts.setdefault("lead.text", []).append(_Part((o.index, 0), "\n".join(lines), f.first, f.last))
    touched.add("lead.text")
