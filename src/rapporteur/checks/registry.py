"""The rule registry lives in :mod:`rapporteur.rules` (the style reads it without importing the checks)."""

from ..rules import (  # noqa: F401 (re-exported)
    FAMILIES,
    FAMILY_ALIASES,
    RULES,
    Rule,
    UnknownRule,
    enabled_rules,
    expand,
    severity_of,
    split_selectors,
)
