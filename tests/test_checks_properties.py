"""Properties of the checks on any valid report (hypothesis): they never fail, their ids and
severities are the registry's, and each finding's file position holds the same words as its
field position, whatever escapes the canonical TOML needed."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapporteur.checks import RULES, run_checks
from rapporteur.diagnostics import parse_path
from rapporteur.style import HouseStyle
from rapporteur.tomlio import parse_source
from rapporteur.tomlwrite import dumps
from rapporteur.validate import parse_report

from conftest import examples
from strategies import reports

_ESC = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}


def unescape(raw: str) -> str:
    return re.sub(
        r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)",
        lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] in "uU" else _ESC.get(m.group(1), m.group(1)),
        raw,
    )


def value_at(report, path: str):
    value = report
    for part in parse_path(path):
        value = value[part] if isinstance(part, int) else getattr(value, part)
    return value


STYLES = st.sampled_from(
    [
        HouseStyle(),
        HouseStyle(spelling="american", date_style="month-day-year", quotes="curly"),
        HouseStyle(words=(("report", 10, 20), ("section", 1, 3), ("summary", 0, 5))),
    ]
)


@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(), style=STYLES)
def test_any_report_positions_agree(report, style):
    text = dumps(report)
    source = parse_source(text.encode("utf-8"), "r.toml")
    again, problems = parse_report(source.data)
    assert again is not None, problems
    in_field = run_checks(again, style=style)
    in_file = run_checks(again, source=source, style=style)
    assert sorted((d.code, d.path, d.message) for d in in_field) == sorted((d.code, d.path, d.message) for d in in_file)
    lines = text.split("\n")
    # the same finding twice in one field (two tabs) pairs up in reading order
    key = lambda d: (d.code, d.path, d.message, d.line or 0, d.col or 0)  # noqa: E731
    for d, f in zip(sorted(in_file, key=key), sorted(in_field, key=key), strict=True):
        assert (d.code, d.path, d.message) == (f.code, f.path, f.message)
        assert d.code in RULES and d.severity in ("error", "warning", "info")
        assert d.file == "r.toml" and d.line is not None and d.line >= 1 and d.col >= 1
        if f.line is None or f.line != f.end_line or d.line != d.end_line:
            continue
        words = value_at(again, d.path).split("\n")[f.line - 1][f.col - 1 : f.end_col - 1]
        assert unescape(lines[d.line - 1][d.col - 1 : d.end_col - 1]) == words, d


# Prose made of the genre's hard cases: honorific chains, registered and unregistered names,
# acronyms and their expansions, dates, quotes, doubled spaces, spelling variants, role phrases.
FRAGMENTS = [
    "Dr.",
    "Dr",
    "Prof.",
    "Ms.",
    "Gp. Capt. (Dr.)",
    "Gp Capt",
    "Lt. Gen. (Retd.)",
    "Vice Adm.",
    "Ambassador",
    "(Dr.)",
    "M.S. Prathibha",
    "Prathibha",
    "Prashant Kumar Singh",
    "Singh",
    "Ajey Lele",
    "Lele",
    "Rajiv Sharma",
    "Manmohan Singh",
    "van der",
    "D’Souza",
    "Deputy Director General",
    "Research Fellow,",
    "Senior Fellow",
    ",",
    "SCO",
    "(SCO)",
    "Shanghai Cooperation Organisation (SCO)",
    "BRI",
    "Belt and Road Initiative (BRI)",
    "US-led",
    "Q&A",
    "24 June",
    "24 July 2024",
    "June 24, 2024",
    "Monday, 24 June 2024",
    "Tuesday, 24 June",
    "31 June",
    "24/06/2024",
    "held on",
    "organised a round table on “A: B?” on",
    "moderated by",
    "chaired by",
    "keynote",
    "vote of thanks",
    "“",
    "”",
    "‘",
    "’",
    "'",
    '"',
    "  ",
    "\t",
    "organize",
    "Organised",
    "behavior",
    "Center",
    "centre",
    ".",
    ";",
    ":",
    "(",
    ")",
    "\n",
    "\n\n",
    "the",
    "noted that",
    "India",
    "Russia",
    "May",
]
prose_parts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40).map(" ".join)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lead=prose_parts, body=st.lists(prose_parts, min_size=1, max_size=3), chatham=st.booleans(), style=STYLES)
def test_genre_prose_never_breaks_the_checks(lead, body, chatham, style):
    from test_checks_support import make

    report = make(*body, lead=lead, summary=body[0], event={"chatham_house": chatham}, questions=[])
    text = dumps(report)
    source = parse_source(text.encode("utf-8"), "r.toml")
    again, problems = parse_report(source.data)
    assert again is not None, problems
    in_field = run_checks(again, style=style)
    in_file = run_checks(again, source=source, style=style)
    assert len(in_field) == len(in_file)
    lines = text.split("\n")
    key = lambda d: (d.code, d.path, d.message, d.line or 0, d.col or 0)  # noqa: E731
    for d, f in zip(sorted(in_file, key=key), sorted(in_field, key=key), strict=True):
        assert (d.code, d.path, d.message) == (f.code, f.path, f.message)
        if f.line is None or f.line != f.end_line or d.line != d.end_line:
            continue
        words = value_at(again, d.path).split("\n")[f.line - 1][f.col - 1 : f.end_col - 1]
        assert unescape(lines[d.line - 1][d.col - 1 : d.end_col - 1]) == words, d
