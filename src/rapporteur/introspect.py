"""Reading the models' own metadata: the one place that looks inside type annotations.

Validation (which model owns a key, what a missing key is for), the field walker's
vocabulary and the salvage of a broken report all ask the same questions of the
models: what type stands behind ``Optional[...]``, ``Annotated[...]`` or ``list[...]``,
and which model class holds a key. They ask here, so the answer is written once.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where used: validation's fast path never loads pydantic's models
    from pydantic import BaseModel
    from pydantic.fields import FieldInfo

Loc = tuple[str | int, ...]


def layers(annotation: Any) -> list[Any]:
    """Every annotation met on the way down ``Annotated`` and ``Optional``, outermost first.

    The forms look for markers (``PersonId``, ``Text``) on any layer; ``unwrap`` wants the last.
    A union of several types stops the descent.
    """
    out = [annotation]
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return out
            annotation = args[0]
        else:
            return out
        out.append(annotation)


def unwrap(annotation: Any) -> Any:
    """The type behind ``Annotated[...]`` and ``Optional[...]`` (a union of several types is kept)."""
    annotation = layers(annotation)[-1]
    if isinstance(annotation, (str, typing.ForwardRef)):
        from . import model

        name = annotation if isinstance(annotation, str) else annotation.__forward_arg__
        return getattr(model, name, annotation)
    return annotation


def item_type(annotation: Any) -> Any:
    """What a field holds, looking through ``list[...]`` as well: ``list[Remark]`` -> ``Remark``."""
    ann = unwrap(annotation)
    if typing.get_origin(ann) is list:
        return unwrap(typing.get_args(ann)[0])
    return ann


def is_list(annotation: Any) -> bool:
    return typing.get_origin(unwrap(annotation)) is list


def is_model(cls: Any) -> bool:
    from pydantic import BaseModel

    return isinstance(cls, type) and issubclass(cls, BaseModel)


def model_at(loc: Loc, root: type[BaseModel] | None = None) -> type[BaseModel] | None:
    """The model class that holds the last key of ``loc`` (``None`` if no model does)."""
    if root is None:
        from .model import Report

        root = Report
    cls: Any = root
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not is_model(cls):
            return None
        info = cls.model_fields.get(part)
        if info is None:
            return None
        cls = item_type(info.annotation)
    return cls if is_model(cls) else None


def field_info(loc: Loc, root: type[BaseModel] | None = None) -> FieldInfo | None:
    """The pydantic field at ``loc`` (list indices skipped), if there is one."""
    keys = tuple(p for p in loc if not isinstance(p, int))
    if not keys:
        return None
    cls = model_at(keys, root)
    if cls is None:
        return None
    return cls.model_fields.get(str(keys[-1]))


def metadata(annotation: Any, info: FieldInfo | None = None) -> list[Any]:
    """Every ``Annotated`` metadata item on a field, outer and nested (validators, constraints)."""
    out: list[Any] = list(info.metadata) if info is not None else []
    stack = [annotation]
    while stack:
        ann = stack.pop()
        origin = typing.get_origin(ann)
        if origin is typing.Annotated:
            args = typing.get_args(ann)
            out.extend(args[1:])
            stack.append(args[0])
        elif origin in (typing.Union, types.UnionType, list):
            stack.extend(typing.get_args(ann))
    return out


def placeholder(annotation: Any) -> Any:
    """Some valid value of a type: what a broken required value is replaced by while the
    rest of a report is judged (never shown, never saved)."""
    ann = unwrap(annotation)
    origin = typing.get_origin(ann)
    if origin is list:
        return []
    if origin is typing.Literal:
        return typing.get_args(ann)[0]
    if is_model(ann):
        return {name: placeholder(f.annotation) for name, f in ann.model_fields.items() if f.is_required()}
    if ann is bool:
        return False
    if ann is int:
        return 1  # valid where a count starts at one (a delegation's size, an edition)
    if ann is float:
        return 0.0
    if ann is dt.date:
        return dt.date(2000, 1, 1)
    if ann is dt.time:
        return dt.time(0, 0)
    return "x"  # a string that is a valid id as well as non-empty text
