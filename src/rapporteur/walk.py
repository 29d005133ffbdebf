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

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .vocabulary import PROSE_KINDS, UNPRINTED, Slot, Vocabulary, vocabulary

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
        if v is not None:
            yield from _slot(slot, v, (*at, slot.name), slot.many, voc)


def _slot(slot: Slot, v: Any, path: Loc, many: bool, voc: Vocabulary) -> Iterator[Leaf | Part]:
    """What the field ``slot`` holds at ``path``: ``v`` is its list when ``many``, else one value."""
    if many:
        if isinstance(v, list):
            for i, item in enumerate(v):
                if item is not None:
                    yield from _slot(slot, item, (*path, i), False, voc)
    elif slot.model is not None:
        if _is_table(v):
            yield Part(path, slot.title, slot.model, v)
            yield from _walk(v, slot.model, path, voc)
    else:
        yield Leaf(path, slot.kind, slot.title, v if isinstance(v, str) else None, v)


def _start(value: Any, at: Loc, voc: Vocabulary) -> Iterator[Leaf | Part]:
    """Walk ``value``, the report (``at == ()``) or what it holds at ``at``."""
    if not at:
        if _is_table(value):
            yield from _walk(value, voc.root, (), voc)
        return
    slot = voc.slot_at(at)
    if slot is not None and value is not None:
        yield from _slot(slot, value, at, slot.many and isinstance(at[-1], str), voc)


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


# -- narrow walks: only the parts that can hold what is asked for --------------------------------
#
# Validation walks every report it reads, several times; a full walk builds a Leaf per
# field (~15x the cost of validating). These walks are planned once per question from
# the vocabulary and descend only into parts that can hold an answer.


@functools.lru_cache(maxsize=32)
def _plan(voc: Vocabulary, kinds: frozenset[str], target: str | None) -> dict[str, tuple[Slot, ...]]:
    """Per model, the slots worth visiting: leaves of ``kinds``, and parts that are (or
    can hold) ``target`` models or such leaves."""
    memo: dict[str, bool] = {}

    def wanted(model: str) -> bool:
        if model not in memo:
            memo[model] = False  # a cycle holds nothing new
            memo[model] = any(
                (s.model is None and s.kind in kinds)
                or (s.model is not None and (s.model == target or wanted(s.model)))
                for s in voc.slots(model)
            )
        return memo[model]

    return {
        model: tuple(
            s
            for s in voc.slots(model)
            if (s.model is None and s.kind in kinds) or (s.model is not None and (s.model == target or wanted(s.model)))
        )
        for model in voc.models
    }


def _select(
    value: Any,
    model: str,
    at: Loc,
    plan: dict[str, tuple[Slot, ...]],
    target: str | None,
    skip: frozenset[str],
    out: list[tuple[Loc, Slot, Any]],
) -> list[tuple[Loc, Slot, Any]]:
    """Append what the plan asks for, in the report's order (a list: nested generators cost
    more than the walk itself)."""
    for slot in plan[model]:
        if slot.name in skip:
            continue
        v = value.get(slot.name) if type(value) is dict else getattr(value, slot.name)
        if v is None:
            continue
        path = (*at, slot.name)
        sub = slot.model
        if sub is None:
            if not slot.many:
                out.append((path, slot, v))
            elif type(v) is list:
                out.extend(((*path, i), slot, item) for i, item in enumerate(v) if item is not None)
        elif slot.many:
            if type(v) is list:
                for i, item in enumerate(v):
                    if _is_table(item):
                        if sub == target:
                            out.append(((*path, i), slot, item))
                        _select(item, sub, (*path, i), plan, target, _NOTHING, out)
        elif _is_table(v):
            if sub == target:
                out.append((path, slot, v))
            _select(v, sub, path, plan, target, _NOTHING, out)
    return out


_NOTHING: frozenset[str] = frozenset()


def _leaves_of(report: Any, kinds: frozenset[str], printed: bool) -> list[tuple[Loc, Slot, Any]]:
    if not _is_table(report):
        return []
    voc = vocabulary()
    return _select(report, voc.root, (), _plan(voc, kinds, None), None, UNPRINTED if printed else _NOTHING, [])


def parts_of(report: Any, model: str) -> list[tuple[Loc, Any]]:
    """Every part holding a ``model`` (e.g. ``"Discussion"``), with its path, in the report's order."""
    if not _is_table(report):
        return []
    voc = vocabulary()
    plan = _plan(voc, frozenset(), model)
    return [(path, v) for path, _, v in _select(report, voc.root, (), plan, model, _NOTHING, [])]


def discussions(report: Any) -> list[tuple[Loc, Any]]:
    """The event's discussion and every session's, with their paths (the event's first)."""
    found = parts_of(report, "Discussion")
    return [pv for pv in found if pv[0] == ("discussion",)] + [pv for pv in found if pv[0] != ("discussion",)]


def texts(report: Any) -> Iterator[tuple[Loc, str]]:
    """Every printed prose paragraph field (kind ``text``), with its path: what must not be empty."""
    for path, _, v in _leaves_of(report, frozenset({"text"}), printed=True):
        if isinstance(v, str):
            yield path, v


def person_refs(report: Any) -> Iterator[tuple[Loc, str]]:
    """Every reference to a person's id, with its path."""
    for path, _, v in _leaves_of(report, frozenset({"person"}), printed=False):
        if v and isinstance(v, str):
            yield path, v


# -- words -------------------------------------------------------------------------------------

#: A word as a word processor counts it: a run of non-blank characters holding a letter
#: or digit (a lone dash is not a word).
_WORD = re.compile(r"[^\s]*[^\W_][^\s]*")


def word_count(text: str | None) -> int:
    return len(_WORD.findall(text)) if text else 0


def prose_words(value: Any, at: Loc = (), kinds: frozenset[str] = frozenset({"text"})) -> int:
    """Words of printed prose in ``value`` (the report, or its part at ``at``): by default the
    paragraphs (``text`` fields); never the file's metadata or the notes taken in the room."""
    if not at:
        return sum(word_count(v) for _, _, v in _leaves_of(value, kinds, printed=True) if isinstance(v, str))
    return sum(word_count(leaf.text) for leaf in fields(value, at) if leaf.kind in kinds and leaf.printed)
