"""Validation without building the pydantic models: what keeps ``rapporteur validate`` quick to start.

Importing pydantic's model machinery and building the report's twenty models
costs ~110 ms per process, more than reading and checking a report. CI runs
``validate`` once per commit or per file (pre-commit), so that start-up is
most of its time.

The models' *core schema* (what pydantic-core, in Rust, actually validates
with) is derived once from the models and committed as
``data/core-schema.json``, with models turned into typed dicts and the value
rules (:mod:`rapporteur.normalise`) named rather than embedded. At run time it
is loaded into a ``pydantic_core.SchemaValidator``: same validator, same value
rules, no model classes. A test fails when the committed schema is stale.

Only the verdict and the validated data come from here. When the fast path
finds a problem, the full models run again to word the diagnostics, so people
always see the same messages whichever path ran.
"""

from __future__ import annotations

import functools
import json
import os
from typing import TYPE_CHECKING, Any, cast

from .normalise import FUNCTIONS

if TYPE_CHECKING:
    from pydantic_core import SchemaValidator

    from .view import ReportView

SCHEMA_FILE = "core-schema.json"
_DROP = {
    "metadata",
    "ref",
    "serialization",
    "cls",
    "custom_init",
    "root_model",
    "config",
    "computed_fields",
    "model_name",
    "post_init",
}


# -- deriving (development time; imports the models) -------------------------------------


def _convert(node: Any) -> Any:
    if isinstance(node, list):
        return [_convert(v) for v in node]
    if not isinstance(node, dict):
        return node
    kind = node.get("type")
    if kind == "model":
        inner = node["schema"]
        assert inner["type"] == "model-fields", inner["type"]
        return {
            "type": "typed-dict",
            "fields": {
                name: {
                    "type": "typed-dict-field",
                    "schema": _convert(f["schema"]),
                    "required": f["schema"]["type"] != "default",
                }
                for name, f in inner["fields"].items()
            },
            "extra_behavior": "forbid",
        }
    out = {}
    for key, value in node.items():
        if key in _DROP:
            continue
        if key == "function" and isinstance(value, dict):
            fn = value["function"]
            name = getattr(fn, "__name__", "")
            if FUNCTIONS.get(name) is not fn:
                raise ValueError(f"the schema uses {fn!r}: value rules must live in rapporteur.normalise")
            out[key] = {"type": value["type"], "function": {"$fn": name}}
        elif key == "default_factory":
            if value is not list:
                raise ValueError(f"unsupported default factory {value!r}")
            out[key] = {"$factory": "list"}
        elif key == "default_factory_takes_data":
            out[key] = value
        else:
            out[key] = _convert(value)
    return out


def derive() -> dict:
    """The report's core schema as JSON-able data (needs pydantic and the models)."""
    from .model import Report

    return _convert(Report.__pydantic_core_schema__)


def derive_text() -> str:
    return json.dumps(derive(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


# -- using (run time; pydantic-core only) ----------------------------------------------------


def _revive(node: Any) -> Any:
    if isinstance(node, list):
        return [_revive(v) for v in node]
    if not isinstance(node, dict):
        return node
    if set(node) == {"$fn"}:
        return FUNCTIONS[node["$fn"]]
    if set(node) == {"$factory"}:
        return list
    return {k: _revive(v) for k, v in node.items()}


@functools.lru_cache(maxsize=1)
def validator() -> SchemaValidator:
    from pydantic_core import SchemaValidator

    try:  # a plain file beside the module (importlib.resources' readers cost ~10 ms to import)
        with open(os.path.join(os.path.dirname(__file__), "data", SCHEMA_FILE), encoding="utf-8") as fh:
            text = fh.read()
    except OSError:  # installed in a zip: the resource API knows how to read it
        from importlib import resources

        text = resources.files("rapporteur").joinpath("data", SCHEMA_FILE).read_text(encoding="utf-8")
    return SchemaValidator(_revive(json.loads(text)))


class _Record:
    """A validated table with attribute access: its ``__dict__`` *is* the table."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Record) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"_Record({self.__dict__!r})"


def _records(value: Any) -> Any:
    """Tables become records in place (the validator's output is ours to change).

    Building a namespace per table, with a copy of every value, cost more than
    validating; handing each table over as the record's ``__dict__`` costs a type
    check per value, and reading a field is then a plain attribute read.
    """
    if type(value) is dict:
        for key, item in value.items():
            kind = type(item)
            if kind is dict or (kind is list and item and type(item[0]) is dict):
                value[key] = _records(item)  # same keys: changing values while iterating is safe
        record = _Record()
        record.__dict__ = value
        return record
    return [_records(item) if type(item) is dict else item for item in value]


def parse(data: dict) -> ReportView | None:
    """The validated report as attribute-access data, or None if anything is wrong with it.

    The records hold exactly the fields the models do (same core schema), so they are a
    :class:`~rapporteur.view.ReportView`; ``tests/test_walk.py`` keeps the view and the models in step.
    """
    from pydantic_core import ValidationError

    try:
        # strict as the models are: a TOML string is never taken for a date or a boolean
        return cast("ReportView", _records(validator().validate_python(data, strict=True)))
    except (ValidationError, RecursionError):
        return None
