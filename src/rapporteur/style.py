"""House style: what ``rapporteur check`` and the editor hold a report to.

Where it comes from, for a report (the first found is used whole; settings are
never merged, so a repository's CI does not depend on anyone's personal config):

1. the file given with ``--config``;
2. ``rapporteur.toml`` in the report's folder or the nearest folder above it,
   up to the repository root (the folder holding ``.git``) or the file-system root;
3. the ``[house]`` table of the user's config (:mod:`rapporteur.config`);
4. the defaults below.

A ``rapporteur.toml`` keeps its settings in a ``[house]`` table (other tables are
left to other commands)::

    [house]
    spelling = "british"            # british (organise, colour, centre), american, or off
    date_style = "day-month-year"   # 24 June 2024; or month-day-year (June 24, 2024)
    quotes = "consistent"           # consistent, curly or straight
    acronyms = ["SCO", "IOR"]       # need no expansion, besides the defaults
    default_acronyms = true         # false: only the acronyms listed here
    organisations = [               # names that are not people; short names need no expansion
        "Observer Research Foundation",
        { name = "Manohar Parrikar Institute for Defence Studies and Analyses", short_name = "MP-IDSA" },
    ]
    select = ["all"]                # rules to run: ids, prefixes or families
    ignore = ["length"]             # rules not to run
    fail_on = "warning"             # lowest severity that makes `check` exit 1
    embed_source = "auto"           # the report's TOML inside exported DOCX files: auto (not under the
                                    # Chatham House Rule), always or never; --[no-]embed-source wins
    prepared_by = "required"        # a final report names its rapporteur ("Report prepared by ...");
                                    # optional: for organisations that publish no such line
    lead_time = false               # true: the composed lead gives the time ("from 1030 to 1300 hrs")
    lead_verb = "spoke on"          # how the composed lead introduces talks; an event's lead_verb wins
    report_number = "title"         # where meta.report_number is printed: title (under it), header or none
    slim = []                       # final reports allowed with only a "summary", or only "takeaways"
    designations = "first-mention"  # a person's designation is given at first mention; off: not checked

    [house.severity]                # change a rule's (or a family's) severity
    people-unmentioned = "info"

    [house.words]                   # word ranges: [min, max] or { min = .., max = .. }; 0 = no bound
    report = [800, 3000]
    summary = { max = 250 }

``date_style`` applies to exports too: the event line and the composed lead print the
event date in it.

A broken ``rapporteur.toml`` (or ``--config`` file) is a :class:`StyleError` with
the file's line and column: the command stops with exit code 2 rather than check
against a style nobody meant. A broken ``[house]`` table in the user's config is
reported once and ignored, as for the rest of that file.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic
from .tomlio import read_regular

STYLE_FILENAME = "rapporteur.toml"

#: Acronyms readers of the genre know without expansion.
DEFAULT_ACRONYMS = frozenset(
    {
        "US",
        "USA",
        "UK",
        "UN",
        "EU",
        "UAE",
        "USSR",
        "BRICS",
        "NATO",
        "ASEAN",
        "G7",
        "G20",
        "COVID-19",
        "AI",
        "GDP",
        "CEO",
        "NGO",
        "Q&A",
        "R&D",
        "PhD",
        "TV",
        "AM",
        "PM",
        "ID",
        "IT",
    }
)

SPELLINGS = ("british", "american", "off")
DATE_STYLES = ("day-month-year", "month-day-year")
QUOTE_STYLES = ("consistent", "curly", "straight")
SEVERITIES = ("error", "warning", "info")
#: Parts whose length can be bounded in ``[house.words]``.
WORD_PARTS = (
    "report",
    "lead",
    "summary",
    "remarks",
    "introduction",
    "presentation",
    "section",
    "discussion",
    "question",
    "implications",
    "conclusion",
)
KNOWN_KEYS = (
    "spelling",
    "date_style",
    "quotes",
    "acronyms",
    "default_acronyms",
    "organisations",
    "select",
    "ignore",
    "fail_on",
    "severity",
    "words",
    "embed_source",
    "prepared_by",
    "lead_time",
    "lead_verb",
    "report_number",
    "slim",
    "designations",
)
#: Whether a final report must name its rapporteur (``validate --final``, ``export``).
PREPARED_BY = ("required", "optional")
#: Whether ``export`` embeds the report's TOML in a DOCX (see :mod:`rapporteur.export.privacy`).
EMBED_SOURCE = ("auto", "always", "never")
#: Where ``export`` prints meta.report_number.
REPORT_NUMBER = ("title", "header", "none")
#: Which slim final reports ``validate --final`` lets pass (see :mod:`rapporteur.validate_programme`).
SLIM = ("summary", "takeaways")
#: Whether a person's designation must come with their first mention (a check, issue 17.8).
DESIGNATIONS = ("first-mention", "off")


class StyleError(Exception):
    """A house-style file that cannot be used, with where and why."""

    def __init__(
        self,
        file: str,
        message: str,
        line: int | None = None,
        col: int | None = None,
        key: str = "",
        hint: str | None = None,
    ):
        self.file, self.message, self.line, self.col, self.key, self.hint = file, message, line, col, key, hint
        where = file if line is None else f"{file}:{line}:{col}"
        super().__init__(f"{where}: {key + ': ' if key else ''}{message}" + (f" ({hint})" if hint else ""))

    def diagnostic(self) -> Diagnostic:
        return Diagnostic(self.file, self.message, "style-config", "error", self.line, self.col, self.key, self.hint)


@dataclass(frozen=True)
class HouseStyle:
    """The settings the checks read. Immutable and hashable (rules cache on it)."""

    spelling: str = "british"
    date_style: str = "day-month-year"
    quotes: str = "consistent"
    acronyms: frozenset = DEFAULT_ACRONYMS
    organisations: tuple = ()  # ((name, short_name or None), ...)
    select: tuple | None = None  # None: every rule
    ignore: tuple = ()
    severity: tuple = ()  # ((selector, severity), ...)
    words: tuple = ()  # ((part, min or None, max or None), ...)
    fail_on: str = "warning"
    embed_source: str = "auto"  # export: "auto" (not under the Chatham House Rule), "always", "never"
    prepared_by: str = "required"  # "optional": a final report may have no "Report prepared by" line
    lead_time: bool = False  # export: the composed lead gives the event's time
    lead_verb: str = "spoke on"  # export: the composed lead's verb for talks (an event's lead_verb wins)
    report_number: str = "title"  # export: where meta.report_number is printed ("title", "header", "none")
    slim: tuple[str, ...] = ()  # validate: the slim final reports allowed ("summary", "takeaways")
    designations: str = "first-mention"  # checks: designation at first mention, or "off"
    source: str | None = None  # the file it came from; None for the defaults
    problems: tuple = field(default=(), compare=False)  # non-fatal notes for the user

    def word_range(self, part: str) -> tuple[int | None, int | None] | None:
        for name, lo, hi in self.words:
            if name == part:
                return lo, hi
        return None

    @property
    def organisation_names(self) -> tuple[str, ...]:
        return tuple(n for n, _ in self.organisations)

    @property
    def organisation_short_names(self) -> tuple[str, ...]:
        return tuple(s for _, s in self.organisations if s)


DEFAULT_STYLE = HouseStyle()


# -- parsing ---------------------------------------------------------------------------------


class _Where:
    """Positions of keys in a style file, for errors (built only when there is an error)."""

    def __init__(self, file: str, text: str | None, prefix: tuple = ("house",)):
        self.file, self.text, self.prefix = file, text, prefix

    def error(self, key: tuple, message: str, hint: str | None = None, at_key: bool = False) -> StyleError:
        """A positioned error: at the value (a wrong value) or at the key (an unknown setting)."""
        line = col = None
        if self.text:
            from . import sourcemap

            sm = sourcemap.build(self.text)
            path = self.prefix + tuple(key)
            span = None if at_key else sm.values.get(path)
            pos = sm.line_col(span.start) if span is not None else sm.find(path)
            if pos:
                line, col = pos
        shown = ".".join(str(k) for k in (*self.prefix, *key) if not isinstance(k, int))
        if key and isinstance(key[-1], int):
            shown += f"[{key[-1]}]"
        return StyleError(self.file, message, line, col, shown, hint)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _choice(table: dict, key: str, choices: tuple, default: str, where: _Where) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or value not in choices:
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else None
        raise where.error((key,), f"{value!r} is not allowed; expected one of {', '.join(choices)}", hint)
    return value


def _string_list(table: dict, key: str, where: _Where) -> tuple[str, ...] | None:
    if key not in table:
        return None
    value = table[key]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise where.error((key,), f"expected a list of strings, found {_kind(value)}")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise where.error((key, i), f"expected a non-empty string, found {_kind(item)}")
    return tuple(v.strip() for v in value)


def _lead_verb(table: dict, where: _Where) -> str:
    value = table.get("lead_verb", "spoke on")
    if not isinstance(value, str) or not value.strip():
        raise where.error(("lead_verb",), f'expected a verb phrase such as "spoke on", found {_kind(value)}')
    return " ".join(value.split())


def _slim(table: dict, where: _Where) -> tuple[str, ...]:
    values = _string_list(table, "slim", where) or ()
    for i, v in enumerate(values):
        if v not in SLIM:
            close = difflib.get_close_matches(v, SLIM, n=1, cutoff=0.5)
            raise where.error(
                ("slim", i),
                f"{v!r} is not allowed; expected one of {', '.join(SLIM)}",
                f"did you mean '{close[0]}'?" if close else None,
            )
    return values


def _selectors(table: dict, key: str, where: _Where) -> tuple[str, ...] | None:
    values = _string_list(table, key, where)
    if values is None:
        return None
    from .rules import UnknownRule, expand

    out = []
    for i, v in enumerate(values):
        for part in (p.strip() for p in v.split(",")):
            if not part:
                continue
            try:
                expand(part)
            except UnknownRule as exc:
                raise where.error((key, i), str(exc), exc.hint) from None
            out.append(part)
    return tuple(out)


def _bound(value: Any, where: _Where, key: tuple) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise where.error(key, f"expected a whole number of words (0 for no bound), found {_kind(value)} {value!r}")
    return value or None


def _words(table: dict, where: _Where) -> tuple:
    value = table.get("words", {})
    if not isinstance(value, dict):
        raise where.error(
            ("words",),
            f"expected a table of word ranges, found {_kind(value)}",
            "write [house.words] with e.g. report = [800, 3000]",
        )
    out = []
    for part, spec in value.items():
        if part not in WORD_PARTS:
            close = difflib.get_close_matches(part, WORD_PARTS, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "parts: " + ", ".join(WORD_PARTS)
            raise where.error(("words", part), f"unknown part '{part}'", hint, at_key=True)
        if isinstance(spec, list):
            if len(spec) != 2:
                raise where.error(("words", part), f"expected [min, max], found a list of {len(spec)}")
            lo, hi = _bound(spec[0], where, ("words", part)), _bound(spec[1], where, ("words", part))
        elif isinstance(spec, dict):
            extra = [k for k in spec if k not in ("min", "max")]
            if extra:
                raise where.error(
                    ("words", part, extra[0]), f"unknown key '{extra[0]}'", "a range has min and max", at_key=True
                )
            lo = _bound(spec.get("min", 0), where, ("words", part, "min"))
            hi = _bound(spec.get("max", 0), where, ("words", part, "max"))
        else:
            raise where.error(("words", part), f"expected [min, max] or {{ min = .., max = .. }}, found {_kind(spec)}")
        if lo is not None and hi is not None and hi < lo:
            raise where.error(("words", part), f"the maximum ({hi}) is below the minimum ({lo})")
        out.append((part, lo, hi))
    return tuple(out)


def _organisations(table: dict, where: _Where) -> tuple:
    value = table.get("organisations", [])
    if not isinstance(value, list):
        raise where.error(("organisations",), f"expected a list, found {_kind(value)}")
    out: list[tuple[str, str | None]] = []
    for i, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            out.append((item.strip(), None))
        elif isinstance(item, dict):
            extra = [k for k in item if k not in ("name", "short_name")]
            if extra:
                raise where.error(
                    ("organisations", i), f"unknown key '{extra[0]}'", "an organisation has name and short_name"
                )
            name, short = item.get("name"), item.get("short_name")
            if not isinstance(name, str) or not name.strip():
                raise where.error(("organisations", i), "an organisation needs a name")
            if short is not None and (not isinstance(short, str) or not short.strip()):
                raise where.error(("organisations", i), "short_name must be a non-empty string")
            out.append((name.strip(), short.strip() if short else None))
        else:
            raise where.error(
                ("organisations", i), f"expected a name or {{ name = .., short_name = .. }}, found {_kind(item)}"
            )
    return tuple(out)


def _severity(table: dict, where: _Where) -> tuple:
    value = table.get("severity", {})
    if not isinstance(value, dict):
        raise where.error(("severity",), f"expected a table of rule = severity, found {_kind(value)}")
    from .rules import UnknownRule, expand

    out = []
    for selector, sev in value.items():
        try:
            expand(selector)
        except UnknownRule as exc:
            raise where.error(("severity", selector), str(exc), exc.hint) from None
        if sev not in SEVERITIES:
            raise where.error(("severity", selector), f"{sev!r} is not a severity; expected error, warning or info")
        out.append((selector, sev))
    return tuple(out)


def parse_house(
    table: Any, file: str = "<house style>", text: str | None = None, prefix: tuple = ("house",)
) -> HouseStyle:
    """A ``[house]`` table -> :class:`HouseStyle`. Raises :class:`StyleError` (positioned when ``text`` is given)."""
    where = _Where(file, text, prefix)
    if not isinstance(table, dict):
        raise where.error((), f"expected a table, found {_kind(table)}")
    for key in table:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "known settings: " + ", ".join(KNOWN_KEYS)
            raise where.error((key,), f"unknown setting '{key}'", hint, at_key=True)
    lead_time = table.get("lead_time", False)
    if not isinstance(lead_time, bool):
        raise where.error(("lead_time",), f"expected true or false, found {_kind(lead_time)}")
    default_acronyms = table.get("default_acronyms", True)
    if not isinstance(default_acronyms, bool):
        raise where.error(("default_acronyms",), f"expected true or false, found {_kind(default_acronyms)}")
    extra = _string_list(table, "acronyms", where) or ()
    acronyms = (DEFAULT_ACRONYMS if default_acronyms else frozenset()) | frozenset(extra)
    select = _selectors(table, "select", where)
    return HouseStyle(
        spelling=_choice(table, "spelling", SPELLINGS, "british", where),
        date_style=_choice(table, "date_style", DATE_STYLES, "day-month-year", where),
        quotes=_choice(table, "quotes", QUOTE_STYLES, "consistent", where),
        acronyms=acronyms,
        organisations=_organisations(table, where),
        select=select,
        ignore=_selectors(table, "ignore", where) or (),
        severity=_severity(table, where),
        words=_words(table, where),
        fail_on=_choice(table, "fail_on", SEVERITIES, "warning", where),
        embed_source=_choice(table, "embed_source", EMBED_SOURCE, "auto", where),
        prepared_by=_choice(table, "prepared_by", PREPARED_BY, "required", where),
        lead_time=lead_time,
        lead_verb=_lead_verb(table, where),
        report_number=_choice(table, "report_number", REPORT_NUMBER, "title", where),
        slim=_slim(table, where),
        designations=_choice(table, "designations", DESIGNATIONS, "first-mention", where),
        source=file,
    )


def parse_style_text(text: str, file: str) -> HouseStyle:
    """The text of a ``rapporteur.toml`` -> :class:`HouseStyle` (its ``[house]`` table; defaults if none)."""
    from .tomlio import parse_text

    data, diags = parse_text(text, file)
    if data is None:
        d = diags[0]
        raise StyleError(file, d.message, d.line, d.col, hint=d.hint)
    stray = [k for k, v in data.items() if not isinstance(v, dict)]
    if stray:
        from . import sourcemap

        pos = sourcemap.build(text).find((stray[0],))
        line, col = pos if pos else (None, None)
        raise StyleError(
            file, f"'{stray[0]}' is outside any table", line, col, hint="house-style settings go under [house]"
        )
    if "house" not in data:
        return replace(DEFAULT_STYLE, source=file)
    return parse_house(data["house"], file, text)


_CACHE: dict = {}


def load_style_file(path: str | os.PathLike, shown: str | None = None) -> HouseStyle:
    """Read a house-style file. Raises :class:`StyleError` (missing, unreadable or invalid)."""
    shown = shown or os.fspath(path)
    try:
        st = os.stat(path)
        key = (os.path.realpath(path), st.st_mtime_ns, st.st_size)
        if key in _CACHE:
            return _CACHE[key]
        raw = read_regular(path)  # a FIFO named rapporteur.toml must not hang `check`
    except FileNotFoundError:
        raise StyleError(shown, "no such house-style file") from None
    except IsADirectoryError:
        raise StyleError(shown, "is a directory, not a house-style file") from None
    except OSError as exc:
        raise StyleError(shown, f"cannot read the house-style file ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StyleError(shown, "not valid UTF-8", hint="save the file as UTF-8") from None
    style = parse_style_text(text, shown)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[key] = style
    return style


def find_style_file(report_path: str | os.PathLike) -> Path | None:
    """The nearest ``rapporteur.toml`` upward from a report, not beyond its repository's root."""
    start = Path(os.path.abspath(report_path))
    if not start.is_dir():
        start = start.parent
    for folder in (start, *start.parents):
        candidate = folder / STYLE_FILENAME
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def _from_user_config() -> HouseStyle:
    from .config import load_user_config

    uc = load_user_config()
    problems = (uc.problem,) if uc.problem else ()
    if "house" not in uc.data:
        return replace(DEFAULT_STYLE, problems=problems)
    try:
        style = parse_house(uc.data["house"], str(uc.path))
    except StyleError as exc:
        return replace(DEFAULT_STYLE, problems=problems + (f"{exc}; the [house] table of your config is ignored",))
    return replace(style, problems=problems)


def load_style(report_path: str | os.PathLike | None = None, *, config: str | os.PathLike | None = None) -> HouseStyle:
    """The house style for a report: ``config`` if given, else found upward, else the user's, else defaults.

    Raises :class:`StyleError` for a broken style file (not for a broken user config,
    which is reported in ``problems`` and ignored).
    """
    if config is not None:
        return load_style_file(config, os.fspath(config))
    if report_path is not None:
        found = find_style_file(report_path)
        if found is not None:
            return load_style_file(found, _shown(found))
    return _from_user_config()


def _shown(path: Path) -> str:
    from .diagnostics import display_path

    return display_path(path)


def waive(diagnostics: list[Diagnostic], report_path: str | os.PathLike) -> list[Diagnostic]:
    """``diagnostics`` less what the report's house style lets pass: "nobody is named as rapporteur"
    under ``prepared_by = "optional"``, and a slim report's "has only a summary" (or key takeaways)
    under ``slim``. The style is looked up only when such a diagnostic is there.

    A broken style file keeps the stricter default: ``check`` reports the file itself.
    """
    from .validate import NO_RAPPORTEUR
    from .validate_programme import SLIM_MESSAGES

    if not any(d.message == NO_RAPPORTEUR or d.message in SLIM_MESSAGES for d in diagnostics):
        return diagnostics
    try:
        style = load_style(report_path)
    except StyleError:
        return diagnostics
    optional = style.prepared_by == "optional"
    return [
        d
        for d in diagnostics
        if not (d.message == NO_RAPPORTEUR and optional)
        and not (d.message in SLIM_MESSAGES and SLIM_MESSAGES[d.message] & set(style.slim))
    ]


waive_rapporteur = waive  # the name before slim reports (schema version 2)
