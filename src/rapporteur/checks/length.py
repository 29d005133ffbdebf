"""Length: word ranges per part and for the whole report, from ``[house.words]``.

There are no default limits: a house sets the ranges it wants. Words are counted
as a word processor counts them: runs of non-blank characters holding a letter or
digit (a lone dash is not a word).
"""

from __future__ import annotations

import re

from .context import Context, Finding

FAMILY = "length"

_WORD = re.compile(r"[^\s]*[^\W_][^\s]*")


def words(text: str | None) -> int:
    return len(_WORD.findall(text)) if text else 0


def _discussion_words(d) -> int:
    n = words(d.intro) + words(d.observations) + sum(words(i) for i in d.issues_raised)
    for q in d.questions:
        n += words(q.text) + sum(words(r.text) for r in q.responses)
    return n


def parts(ctx: Context):
    """(part name, path, word count) for every part a range can apply to."""
    r = ctx.report
    if r.lead is not None:
        yield "lead", ("lead",), words(r.lead.text)
    if r.summary is not None:
        yield "summary", ("summary",), words(r.summary.text)
    for i, rem in enumerate(r.remarks):
        yield "remarks", ("remarks", i), words(rem.text)
    for i, s in enumerate(r.sessions):
        intro = getattr(s, "introduction", None)
        if intro:
            yield "introduction", ("sessions", i, "introduction"), words(intro)
        for j, p in enumerate(s.presentations):
            total = 0
            for k, sec in enumerate(p.sections):
                n = words(sec.text)
                total += n
                yield "section", ("sessions", i, "presentations", j, "sections", k), n
            yield "presentation", ("sessions", i, "presentations", j), total
    for at, d in ctx.discussions:
        yield "discussion", at, _discussion_words(d)
        for i, q in enumerate(d.questions):
            yield "question", (*at, "questions", i), words(q.text) + sum(words(x.text) for x in q.responses)
    if r.implications is not None:
        yield "implications", ("implications",), words(r.implications.text)
    if r.conclusion is not None:
        yield "conclusion", ("conclusion",), words(r.conclusion.text) + sum(words(t) for t in r.conclusion.takeaways)


def report_words(ctx: Context) -> int:
    return sum(words(f.text) for f in ctx.prose)


def _outside(n: int, lo: int | None, hi: int | None) -> str | None:
    if lo is not None and n < lo:
        return f"{n} words, fewer than the house style's minimum of {lo}"
    if hi is not None and n > hi:
        return f"{n} words, more than the house style's maximum of {hi}"
    return None


def check(ctx: Context):
    style = ctx.style
    if not style.words:
        return
    if ctx.on("length-report"):
        rng = style.word_range("report")
        if rng:
            why = _outside(report_words(ctx), *rng)
            if why:
                yield Finding(
                    "length-report", (), f"the report has {why}", "shorten or expand it, or change [house.words] report"
                )
    if ctx.on("length-part"):
        for part, path, n in parts(ctx):
            rng = style.word_range(part)
            if not rng:
                continue
            why = _outside(n, *rng)
            if why:
                yield Finding(
                    "length-part",
                    path,
                    f"this {part} has {why}",
                    f"shorten or expand it, or change [house.words] {part}",
                )
