"""The house-style rules: stable ids, families, default severities; and choosing which run.

A core module (not under :mod:`rapporteur.checks`): the house style's configuration
(:mod:`rapporteur.style`) validates rule ids against it, and the checks read
the style, so neither imports the other through it.

Ids are kebab-case and start with their family (``people-honorific``), so a
family name or any leading part of an id is a prefix that selects several rules,
as in ruff (``--select people``, ``--ignore acronym``). ``all`` selects every rule.
Ids never change meaning once published: a rule that is withdrawn keeps its id
reserved.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from .diagnostics import Severity

#: Families in the order they are listed; aliases accepted on the command line and in config.
FAMILIES = ("people", "acronym", "date", "consistency", "typography", "length", "notes", "silence")
FAMILY_ALIASES = {
    "acronyms": "acronym",
    "dates": "date",
    "spelling": "typography-spelling",
    "quotes": "typography-quotes",
}


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    severity: Severity
    summary: str  # what it catches, one line
    fix: str  # how to fix it, in general


_RULES = [
    Rule(
        "people-honorific",
        "people",
        "warning",
        'the same person is written with different honorific forms ("Dr" and "Dr."), or not as in the registry',
        "write the honorific as the people registry does",
    ),
    Rule(
        "people-unregistered",
        "people",
        "warning",
        "a person is named in the text (honorific + name, or name + designation) but is not in the people registry",
        "add a [[people]] entry, or correct the name",
    ),
    Rule(
        "people-unmentioned",
        "people",
        "warning",
        "a registered speaker, moderator or chair is never named in the text",
        "name them where they speak (or are introduced), or correct the person id",
    ),
    Rule(
        "people-first-mention",
        "people",
        "warning",
        "the first mention of a person does not give their full name",
        "give honorific and full name at first mention; the surname alone afterwards",
    ),
    Rule(
        "people-designation",
        "people",
        "warning",
        "a person is named in the text, but their designation is printed nowhere in the report",
        'give the designation at first mention ("Dr. X, Senior Fellow, ..."), or set [house] designations = "off"',
    ),
    Rule(
        "acronym-expansion",
        "acronym",
        "warning",
        "an acronym is never spelled out",
        'spell it out at first use, as "Full Name (ACR)", or list it in [house] acronyms',
    ),
    Rule(
        "acronym-before-expansion",
        "acronym",
        "warning",
        "an acronym is used before the place where it is spelled out",
        "move the expansion to the first use",
    ),
    Rule(
        "date-mismatch",
        "date",
        "error",
        "a date in the text contradicts the event date (or its weekday, or does not exist)",
        "correct the text or event.date",
    ),
    Rule(
        "date-style",
        "date",
        "warning",
        "a date is not written in the house style (24 June 2024, or June 24, 2024)",
        "write dates as the house style does",
    ),
    Rule(
        "consistency-role",
        "consistency",
        "warning",
        "the text mentions a role (moderated by, chaired by, keynote, vote of thanks ...) that nobody holds, or names someone else for it",
        "set the role in the report (sessions[].roles, remarks with that role ...) or correct the text",
    ),
    Rule(
        "consistency-questions",
        "consistency",
        "warning",
        "a discussion (or a mention of a Q&A) without any question",
        "add the questions (asker_description for anonymous askers), list issues_raised, or remove the discussion",
    ),
    Rule(
        "consistency-chatham-house",
        "consistency",
        "error",
        "a report under the Chatham House Rule names a person in the body's prose",
        'describe speakers without names ("one participant"), or set event.chatham_house = false',
    ),
    Rule(
        "typography-quotes",
        "typography",
        "warning",
        "straight and curly quotes or apostrophes are mixed in one report",
        "use one kind throughout (the house style's, or the report's majority)",
    ),
    Rule(
        "typography-spaces",
        "typography",
        "warning",
        "two or more spaces (or a tab) between words",
        "use a single space",
    ),
    Rule(
        "typography-spelling",
        "typography",
        "warning",
        "a word is spelled in the other variant than the house style's (organize / organise)",
        "use the house spelling",
    ),
    Rule(
        "length-part",
        "length",
        "warning",
        "a part of the report is shorter or longer than the house style's word range",
        "shorten or expand it, or change [house.words]",
    ),
    Rule(
        "length-report",
        "length",
        "warning",
        "the whole report is shorter or longer than the house style's word range",
        "shorten or expand it, or change [house.words] report",
    ),
    Rule(
        "silence-unknown-rule",
        "silence",
        "warning",
        "a meta.silence entry names a rule that does not exist",
        "correct the rule id (rapporteur check --list-rules)",
    ),
    Rule(
        "notes-important-unused",
        "notes",
        "warning",
        "a final report leaves out a note marked important while taking notes",
        "draft it into the report, or unmark it",
    ),
    Rule("silence-unused", "silence", "info", "a meta.silence entry silences nothing", "remove it"),
]

RULES: dict[str, Rule] = {r.id: r for r in _RULES}


class UnknownRule(ValueError):
    def __init__(self, selector: str):
        self.selector = selector
        names = list(RULES) + list(FAMILIES) + list(FAMILY_ALIASES)
        close = difflib.get_close_matches(selector.lower(), names, n=1, cutoff=0.6)
        self.hint = f"did you mean '{close[0]}'?" if close else "see rapporteur check --list-rules"
        super().__init__(f"no rule or rule prefix '{selector}'")


def expand(selector: str) -> frozenset[str]:
    """The rule ids a selector stands for: ``all``, a family, an id or a leading part of ids."""
    sel = selector.strip().lower()
    if sel in ("all", "*"):
        return frozenset(RULES)
    sel = FAMILY_ALIASES.get(sel, sel)
    found = frozenset(rid for rid in RULES if rid == sel or rid.startswith(sel))
    if not found or not sel:
        raise UnknownRule(selector)
    return found


def split_selectors(values: Iterable[str]) -> list[str]:
    """``["people,acronym", "date"]`` -> ``["people", "acronym", "date"]`` (comma lists allowed)."""
    out: list[str] = []
    for v in values:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


def enabled_rules(
    style_select: Iterable[str] | None,
    style_ignore: Iterable[str] | None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> frozenset[str]:
    """Which rules run.

    Command-line ``select`` replaces the house style's ``select`` *and* ``ignore``
    (asking for a rule by name runs it); command-line ``ignore`` is always applied.
    """
    select, ignore = split_selectors(select), split_selectors(ignore)
    if select:
        chosen: set[str] = set()
        for s in select:
            chosen |= expand(s)
    else:
        chosen = set(RULES)
        if style_select:
            chosen = set()
            for s in style_select:
                chosen |= expand(s)
        for s in style_ignore or ():
            chosen -= expand(s)
    for s in ignore:
        chosen -= expand(s)
    return frozenset(chosen)


def severity_of(rule_id: str, overrides: Iterable[tuple[str, Severity]]) -> Severity:
    """The rule's severity after ``[house.severity]``: the most specific selector wins."""
    best, best_len = RULES[rule_id].severity, -1
    for selector, sev in overrides:
        sel = FAMILY_ALIASES.get(selector.strip().lower(), selector.strip().lower())
        if sel in ("all", "*"):
            length = 0
        elif rule_id == sel or rule_id.startswith(sel):
            length = len(sel)
        else:
            continue
        if length > best_len:
            best, best_len = sev, length
    return best
