"""One walk over a report: every field of every part, with its path, kind, title and text.

Validation (references, empty texts), the house-style checks (the prose they read),
word counts, the exporters' Chatham House rule and the editor's outline all walk a
report the same way, so the walk is written once, here, driven by the vocabulary
derived from the models (:mod:`rapporteur.vocabulary`): a part added to the model is
seen by every one of them.

It reads whatever holds a report: a :class:`~rapporteur.model.Report`, the fast
path's records (:mod:`rapporteur.fastvalidate`; both satisfy
:class:`~rapporteur.view.ReportView`), or raw TOML data as the editor holds it, which
may be half-typed: a value of the wrong shape is skipped, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .vocabulary import PROSE_KINDS, UNPRINTED, Vocabulary, vocabulary

Loc = tuple[str | int, ...]

_SCALARS = (str, int, float, bool)


@dataclass(frozen=True)
class Leaf:
    """One field's value: ``kind`` as in :mod:`rapporteur.vocabulary`, ``text`` the value if a string."""

    path: Loc
    kind: str
    title: str
    text: str | None
    value: Any

    @property
    def printed(self) -> bool:
        """Whether the exported report prints it (the file's own metadata and room notes are not)."""
        return not self.path or self.path[0] not in UNPRINTED

    @property
    def prose(self) -> bool:
        """Printed prose a reader reads (titles are quoted as given; names and dates are not prose)."""
        return self.kind in PROSE_KINDS and self.printed


@dataclass(frozen=True)
class Part:
    """One table of the report (a part, or one item of a list of them)."""

    path: Loc
    title: str
    model: str
    value: Any


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name)  # a model or a record: every field is there


def _is_table(value: Any) -> bool:
    return value is not None and not isinstance(value, (*_SCALARS, list, tuple))


def _walk(value: Any, model: str, at: Loc, voc: Vocabulary) -> Iterator[Leaf | Part]:
    for slot in voc.slots(model):
        v = _get(value, slot.name)
        if v is None:
            continue
        path = (*at, slot.name)
        if slot.kind == "part":
            if _is_table(v) and slot.model:
                yield Part(path, slot.title, slot.model, v)
                yield from _walk(v, slot.model, path, voc)
        elif slot.kind == "parts":
            if isinstance(v, list) and slot.model:
                for i, item in enumerate(v):
                    if _is_table(item):
                        yield Part((*path, i), slot.title, slot.model, item)
                        yield from _walk(item, slot.model, (*path, i), voc)
        elif slot.many:
            if isinstance(v, list):
                for i, item in enumerate(v):
                    if item is not None:
                        yield Leaf((*path, i), slot.kind, slot.title, item if isinstance(item, str) else None, item)
        else:
            yield Leaf(path, slot.kind, slot.title, v if isinstance(v, str) else None, v)


def _start(value: Any, at: Loc, voc: Vocabulary) -> Iterator[Leaf | Part]:
    """Walk ``value``, the report (``at == ()``) or what it holds at ``at``."""
    if not at:
        if _is_table(value):
            yield from _walk(value, voc.root, (), voc)
        return
    slot = voc.slot_at(at)
    if slot is None:
        return
    if slot.model is not None:
        if isinstance(value, list) and isinstance(at[-1], str):
            for i, item in enumerate(value):
                if _is_table(item):
                    yield Part((*at, i), slot.title, slot.model, item)
                    yield from _walk(item, slot.model, (*at, i), voc)
        elif _is_table(value):
            yield Part(at, slot.title, slot.model, value)
            yield from _walk(value, slot.model, at, voc)
    elif isinstance(value, list) and isinstance(at[-1], str):
        for i, item in enumerate(value):
            if item is not None:
                yield Leaf((*at, i), slot.kind, slot.title, item if isinstance(item, str) else None, item)
    elif value is not None:
        yield Leaf(at, slot.kind, slot.title, value if isinstance(value, str) else None, value)


def fields(report: Any, at: Loc = ()) -> Iterator[Leaf]:
    """Every leaf field with a value, in the report's own order (the models' field order).

    ``at``: the path of ``report`` when it is not a whole report but a part of one.
    """
    voc = vocabulary()
    for x in _start(report, at, voc):
        if isinstance(x, Leaf):
            yield x


def parts(report: Any, at: Loc = ()) -> Iterator[Part]:
    """Every table of the report (parts and list items), in the report's order."""
    voc = vocabulary()
    for x in _start(report, at, voc):
        if isinstance(x, Part):
            yield x


def discussions(report: Any) -> list[tuple[Loc, Any]]:
    """The event's discussion and every session's, with their paths, in reading order."""
    found = [(p.path, p.value) for p in parts(report) if p.model == "Discussion"]
    # the event's discussion is read after the sessions', but listed first by convention
    return sorted(found, key=lambda pv: (pv[0] != ("discussion",), pv[0][1:2]))


def texts(report: Any) -> Iterator[tuple[Loc, str]]:
    """Every printed prose paragraph field (kind ``text``), with its path: what must not be empty."""
    for leaf in fields(report):
        if leaf.kind == "text" and leaf.printed and leaf.text is not None:
            yield leaf.path, leaf.text


def person_refs(report: Any) -> Iterator[tuple[Loc, str]]:
    """Every reference to a person's id, with its path."""
    for leaf in fields(report):
        if leaf.kind == "person" and leaf.text:
            yield leaf.path, leaf.text


# -- words -------------------------------------------------------------------------------------

#: A word as a word processor counts it: a run of non-blank characters holding a letter
#: or digit (a lone dash is not a word).
_WORD = re.compile(r"[^\s]*[^\W_][^\s]*")


def word_count(text: str | None) -> int:
    return len(_WORD.findall(text)) if text else 0


def prose_words(value: Any, at: Loc = (), kinds: frozenset[str] = frozenset({"text"})) -> int:
    """Words of printed prose in ``value`` (the report, or its part at ``at``): by default the
    paragraphs (``text`` fields); never the file's metadata or the notes taken in the room."""
    return sum(word_count(leaf.text) for leaf in fields(value, at) if leaf.kind in kinds and leaf.printed)
