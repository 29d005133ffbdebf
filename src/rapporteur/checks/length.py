"""Length: word ranges per part and for the whole report, from ``[house.words]``.

There are no default limits: a house sets the ranges it wants. Words are counted
as a word processor counts them: runs of non-blank characters holding a letter or
digit (a lone dash is not a word).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..validate_programme import SLIM_MESSAGES, slim_message
from ..walk import Loc, word_count
from ..walk import parts as walk_parts
from .context import Context, Finding

FAMILY = "length"

#: The ``[house.words]`` name of each part a range can apply to, by model.
_PART_NAMES = {
    "Lead": "lead",
    "Summary": "summary",
    "Remark": "remarks",
    "Presentation": "presentation",
    "Section": "section",
    "Discussion": "discussion",
    "Question": "question",
    "Implications": "implications",
    "Conclusion": "conclusion",
}


def words(text: str | None) -> int:
    return word_count(text)


def parts(ctx: Context) -> Iterator[tuple[str, Loc, int]]:
    """(part name, path, word count) for every part a range can apply to: the words of
    its paragraphs and list items (headings and titles are not counted)."""
    totals: dict[Loc, int] = defaultdict(int)
    for f in ctx.fields:
        if f.kind in ("text", "item"):
            n = word_count(f.text)
            for k in range(1, len(f.path) + 1):
                totals[f.path[:k]] += n
    for part in walk_parts(ctx.report):
        name = _PART_NAMES.get(part.model)
        if name is not None:
            yield name, part.path, totals[part.path]
        if part.model == "Session" and part.value.introduction:
            at = (*part.path, "introduction")
            yield "introduction", at, totals[at]


def report_words(ctx: Context) -> int:
    return sum(words(f.text) for f in ctx.prose)


def _allowed_slim(ctx: Context) -> bool:
    """Whether the report is a slim one (only a summary or key takeaways) that ``[house] slim`` allows."""
    message = slim_message(ctx.report)
    return message is not None and bool(SLIM_MESSAGES[message] & set(ctx.style.slim))


def _outside(n: int, lo: int | None, hi: int | None) -> str | None:
    if lo is not None and n < lo:
        return f"{n} words, fewer than the house style's minimum of {lo}"
    if hi is not None and n > hi:
        return f"{n} words, more than the house style's maximum of {hi}"
    return None


def check(ctx: Context) -> Iterator[Finding]:
    style = ctx.style
    if not style.words:
        return
    if ctx.on("length-report"):
        rng = style.word_range("report")
        if rng and _allowed_slim(ctx):
            rng = (None, rng[1])  # a slim report the house publishes is short by design: only the maximum holds
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
