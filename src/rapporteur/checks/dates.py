"""Dates: the text agrees with the event date, and dates are written in the house style.

Only dates the text ties to the event are compared with ``event.date`` ("held on
24 June", "took place on ...", and any date in the lead that an event verb
follows or precedes): a report names many other dates. A date without a year
("held on 24 June") agrees with any year. A weekday beside a date must be that
date's weekday.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from ..terms import MONTHS
from .context import Context, Field, Finding

FAMILY = "date"

_ABBR = {
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Sept": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}
_MONTH_NO = {name: i + 1 for i, name in enumerate(MONTHS)} | _ABBR
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_M = "(?:(?:" + "|".join(MONTHS) + r")\b|(?:Sept|" + "|".join(k for k in _ABBR if k != "Sept") + r")\b\.?)"
_ORD = r"(?:st|nd|rd|th)"
_RANGE = r"\s*(?:[-–—]|to|and)\s*"
DATE_RE = re.compile(
    rf"(?=[\dJFMASONDTW])(?<![\w/.])(?:(?P<wd>{'|'.join(WEEKDAYS)}),?\s+(?:the\s+)?)?"
    rf"(?:"
    rf"(?:(?P<d0>\d{{1,2}}){_ORD}?{_RANGE})?(?P<d>\d{{1,2}})(?P<o>{_ORD})?(?P<of>\s+of)?\s+(?P<m>{_M})(?:(?P<c>,)?\s+(?P<y>\d{{4}}))?"
    rf"|(?P<mb>{_M})\s+(?:(?P<d0b>\d{{1,2}}){_ORD}?{_RANGE})?(?P<db>\d{{1,2}})(?P<ob>{_ORD})?(?:(?P<cb>,)?\s+(?P<yb>\d{{4}}))?"
    rf"|(?P<n1>\d{{1,2}})/(?P<n2>\d{{1,2}})/(?P<n3>\d{{4}})"
    rf")(?![\w/])"
)
_EVENT_VERB = r"(?:held|organi[sz]ed|hosted|convened|conducted|took\s+place|taking\s+place|scheduled)"
_BEFORE = re.compile(rf"\b{_EVENT_VERB}\s+(?:on\s+)?(?:the\s+)?$")
_BEFORE_GAP = re.compile(rf"\b{_EVENT_VERB}\b(?:[^.;!?“”\"\n]|“[^”]*”|\"[^\"]*\"){{0,200}}?\bon\s+(?:the\s+)?$")
_EVENT_NOUN = re.compile(
    r"\b(?:meeting|session|webinar|seminar|conference|round[ -]?table|lecture|talk|event|workshop|dialogue|interaction|panel|discussion|symposium)\b",
    re.I,
)
_DATE_LEAD_IN = re.compile(r"\b(?:on|from|until|till|since|by|before|after)\s+(?:the\s+)?$")
_MDY_FOLLOWERS = frozenset("and to at in on till until through when while with from".split())


def _month_name(token: str) -> str:
    return MONTHS[_MONTH_NO[token.rstrip(".")] - 1]


def _about_event(f: Field, text: str, start: int, end: int, event_names: list[str]) -> bool:
    """Whether the date at text[start:end] is the event's own: an event verb just before it
    ("held on"); in the lead also a verb a little further back ("organised a round table on
    “...” on"); in the body only when the sentence is about an event ("the seminar was held on")."""
    before = text[max(0, start - 240) : start]
    mb = _BEFORE.search(before)
    if mb:
        if f.is_lead:
            return True
        context = before[: mb.start()][-60:]
        return bool(_EVENT_NOUN.search(context)) or any(n and n in context for n in event_names)
    return bool(f.is_lead and _BEFORE_GAP.search(before))


def check(ctx: Context) -> Iterator[Finding]:
    if not ctx.on("date-mismatch", "date-style"):
        return
    ev = ctx.report.event
    event_date = ev.date
    dmy_house = ctx.style.date_style == "day-month-year"
    names = [n for n in (ev.series, ev.title) if n]
    for f in ctx.prose:
        text = f.text
        for mt in DATE_RE.finditer(text):
            g = mt.groupdict()
            dstart = mt.start("wd") if g["wd"] else mt.start()
            core_start = (
                mt.start("d0")
                if g["d0"]
                else (mt.start("d") if g["d"] else (mt.start("mb") if g["mb"] else mt.start("n1")))
            )
            if g["n1"]:
                if ctx.on("date-style"):
                    example = "24 June 2024" if dmy_house else "June 24, 2024"
                    yield Finding(
                        "date-style",
                        f.path,
                        f"'{mt.group()}' is ambiguous (day/month or month/day?)",
                        f"write the month in words, as '{example}'",
                        core_start,
                        mt.end(),
                    )
                continue
            mdy = bool(g["mb"])
            day = int(g["db"] if mdy else g["d"])
            day0 = g["d0b"] if mdy else g["d0"]
            month_tok = g["mb"] if mdy else g["m"]
            month = _MONTH_NO[month_tok.rstrip(".")]
            year_s = g["yb"] if mdy else g["y"]
            if mdy and not year_s:
                after = text[mt.end() : mt.end() + 30]
                w = re.match(r"\s+([a-z]+)", after)
                if (
                    w
                    and w.group(1) not in _MDY_FOLLOWERS
                    and not _DATE_LEAD_IN.search(text[max(0, dstart - 12) : dstart])
                ):
                    continue  # "June 24 countries": not a date (but "on June 24 heard" is)
            year = int(year_s) if year_s else None
            if not 1 <= day <= 31:
                continue
            event_related = _about_event(f, text, dstart, mt.end(), names)
            # -- date-mismatch ------------------------------------------------------------
            if ctx.on("date-mismatch"):
                y_check = year or (event_date.year if event_related else 2024)
                if day > calendar.monthrange(y_check, month)[1]:
                    yield Finding(
                        "date-mismatch",
                        f.path,
                        f"'{mt.group()[core_start - mt.start() :]}' does not exist: {_month_name(month_tok)} has {calendar.monthrange(y_check, month)[1]} days",
                        "correct the day",
                        core_start,
                        mt.end(),
                    )
                    continue
                if event_related:
                    lo = int(day0) if day0 else day
                    ok = (
                        month == event_date.month
                        and lo <= event_date.day <= day
                        and (year is None or year == event_date.year)
                    )
                    if not ok:
                        shown = f"{event_date.day} {MONTHS[event_date.month - 1]} {event_date.year}"
                        yield Finding(
                            "date-mismatch",
                            f.path,
                            f"'{text[core_start : mt.end()]}' contradicts the event date, {shown} (event.date)",
                            "correct the text, or event.date",
                            core_start,
                            mt.end(),
                        )
                        continue
                if g["wd"] and (year or event_related):
                    actual = dt.date(year or event_date.year, month, day)
                    if WEEKDAYS[actual.weekday()] != g["wd"]:
                        yield Finding(
                            "date-mismatch",
                            f.path,
                            f"{text[core_start : mt.end()]} {'was' if actual <= dt.date.today() else 'is'} a {WEEKDAYS[actual.weekday()]}, not a {g['wd']}",
                            f"write '{WEEKDAYS[actual.weekday()]}', or correct the date",
                            mt.start("wd"),
                            mt.end(),
                        )
                        continue
            # -- date-style ---------------------------------------------------------------------
            if ctx.on("date-style"):
                full_month = _month_name(month_tok)
                days = f"{int(day0)}–{day}" if day0 else f"{day}"
                if dmy_house:
                    wanted = f"{days} {full_month}" + (f" {year}" if year else "")
                else:
                    wanted = f"{full_month} {days}" + (f", {year}" if year else "")
                written = text[core_start : mt.end()]
                problems = []
                if dmy_house and mdy:
                    problems.append("month before day")
                if not dmy_house and not mdy:
                    problems.append("day before month")
                if g["o"] or g["ob"] or re.search(rf"\d{_ORD}", written):
                    problems.append("an ordinal")
                if g["of"]:
                    problems.append("'of'")
                if month_tok.rstrip(".") not in MONTHS:
                    problems.append("an abbreviated month")
                if dmy_house and not mdy and g["c"] and year:
                    problems.append("a comma before the year")
                if not dmy_house and mdy and year and not g["cb"]:
                    problems.append("no comma before the year")
                if problems and written != wanted:
                    house = "24 June 2024" if dmy_house else "June 24, 2024"
                    yield Finding(
                        "date-style",
                        f.path,
                        f"'{written}' is not in the house style ({house}): " + ", ".join(problems),
                        f"write '{wanted}'",
                        core_start,
                        mt.end(),
                    )
