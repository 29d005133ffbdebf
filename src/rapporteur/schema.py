"""The published JSON Schema, generated from the models.

Editors (taplo / Even Better TOML, via the ``#:schema`` first line) and CI tools
(check-jsonschema) validate and complete reports with it. It is written as
draft-07 with ``definitions``, the dialect every one of those tools reads.

TOML has no null: optional fields are simply left out, so the schema says so
(``anyOf [X, null]`` from pydantic is reduced to ``X``). Dates and times arrive
as TOML values; the schema describes them as the strings those tools turn them into.
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "urn:rapporteur:schema:event-report:1"
ID_PATTERN = "^[a-z0-9][a-z0-9_-]*$"
OPTIONAL_ID_PATTERN = "^(?:[a-z0-9][a-z0-9_-]*)?$"
DIALECT = "http://json-schema.org/draft-07/schema#"


def _simplify(node: Any) -> Any:
    if isinstance(node, dict):
        node = {k: _simplify(v) for k, v in node.items()}
        any_of = node.get("anyOf")
        if isinstance(any_of, list):
            kept = [s for s in any_of if s != {"type": "null"}]
            if len(kept) != len(any_of):
                rest = {k: v for k, v in node.items() if k != "anyOf"}
                if len(kept) == 1:
                    node = {**kept[0], **rest}
                    if node.get("pattern") == ID_PATTERN:
                        # an optional id may be written empty: it means nobody
                        node["pattern"] = OPTIONAL_ID_PATTERN
                else:
                    node = {**rest, "anyOf": kept}
                if node.get("default", 0) is None:
                    node.pop("default")
        if "$ref" in node and isinstance(node["$ref"], str):
            node["$ref"] = node["$ref"].replace("#/$defs/", "#/definitions/")
            if len(node) > 1:
                # draft-07 ignores siblings of $ref: wrap it so titles and descriptions still show.
                ref = node.pop("$ref")
                node = {**node, "allOf": [{"$ref": ref}]}
        if node.get("format") == "time":
            node.pop("format")
            # check-jsonschema hands TOML local times over as "10:00:00Z"
            node["pattern"] = r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$"
        return node
    if isinstance(node, list):
        return [_simplify(v) for v in node]
    return node


def build_schema() -> dict:
    from .model import Report

    raw = Report.model_json_schema(mode="validation")
    defs = raw.pop("$defs", {})
    body = _simplify(raw)
    definitions = {name: _simplify(d) for name, d in sorted(defs.items())}
    for holder in [body, *definitions.values()]:
        for spec in holder.get("properties", {}).values():
            ref = (spec.get("allOf") or [{}])[0].get("$ref", "")
            if ref and "title" not in spec:
                spec["title"] = definitions[ref.rsplit("/", 1)[-1]].get("title", "")
    out: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        **body,
        "definitions": definitions,
    }
    return out


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
