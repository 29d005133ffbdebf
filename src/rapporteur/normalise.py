"""The few value rules the schema applies besides types, as plain functions.

They live apart from the pydantic models so that the fast validator
(:mod:`rapporteur.fastvalidate`) can run the very same functions without
importing pydantic's model machinery.
"""

from __future__ import annotations

from typing import Any

SCHEMA_VERSION = 2


def normalise_text(value: str) -> str:
    """Canonical prose: LF line ends, no outer blank space, one final newline.

    The final newline makes every non-empty prose field a TOML multi-line string,
    so a report reads (and diffs) as paragraphs. Inner text is never touched.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return value + "\n" if value else ""


def blank_to_none(value: Any) -> Any:
    """An optional one-line field left blank means "not given"."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def empty_to_none(value: Any) -> Any:
    """An empty id means "nobody"; a blank one (" ") is a mistake and stays an error."""
    return None if value == "" else value


def exact_int(value: Any) -> Any:
    """TOML ``true`` and ``1.0`` are not the integer 1, even though Python says they are equal."""
    if isinstance(value, (bool, float)):
        raise ValueError(f"expected the integer {SCHEMA_VERSION}, found {str(value).lower()}")
    return value


FUNCTIONS = {f.__name__: f for f in (normalise_text, blank_to_none, empty_to_none, exact_int)}
