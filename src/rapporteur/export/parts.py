"""The base of the document builder: blocks, headings, prose, and the parts after the programme.

:class:`~.document.Builder` extends :class:`BlockWriter` with the lead, the addresses and the
sessions (the programme); this module holds what every part uses (paragraphs, headings, list
items, prose fields) and the parts that close a report: the discussion (Q&A), implications,
conclusion and key takeaways, and the attendance section. Public so that a subclass of the
builder (:mod:`rapporteur.review.origins`) may override :meth:`BlockWriter.spans`,
:meth:`BlockWriter.frags` and :meth:`BlockWriter.heading` to learn where each word came from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, format_path
from ..names import names_person
from .blocks import BODY, COMPACT, FIRST, LAYOUTS, Block, heading_style
from .programme import Fragment, delegation_members, sentence_start
from .text import (
    CURLY_QUOTES,
    DEFAULT_PRINT,
    FORM_NOUNS,
    Mentions,
    PrintStyle,
    Span,
    capitalise,
    curl_apostrophes,
    find_person,
    merge_spans,
    names_description,
    paragraphs,
    plain,
    roman,
    same_title,
    spans_of,
)

if TYPE_CHECKING:
    from ..view import DiscussionView, QuestionView, ReportView


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def _lower_start(text: str) -> bool:
    """Whether prose starts with a lower-case letter ("about ...", "whether ...")."""
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if not ch.isspace() and ch not in "\"'\u201c\u2018(":
            return False
    return False


class BlockWriter:
    """Writes blocks (paragraphs, headings, items) from a report's fields and composed sentences."""

    def __init__(self, report: ReportView, layout: str, style: PrintStyle = DEFAULT_PRINT) -> None:
        if layout not in LAYOUTS:
            raise ValueError(f"unknown layout {layout!r} (choose from {', '.join(LAYOUTS)})")
        self.r = report
        self.sectioned = layout == "sectioned"
        self.layout = layout
        self.style = style
        self.ch = report.event.chatham_house
        self.mentions = Mentions(report)
        self.blocks: list[Block] = []
        self.warnings: list[Diagnostic] = []
        self._first = True  # the next paragraph opens a part ("First Paragraph")
        self.sessions_level = 1  # the level of day (or session) headings: 2 under the report's own sessions heading

    # -- spans ---------------------------------------------------------------------------
    def spans(self, text: str, path: str, marks: bool = True) -> list[Span]:
        return spans_of(text, path, self.warnings, marks=marks)

    def frags(self, fragments: list[Fragment]) -> list[Span]:
        """Composed sentences as spans (a sentence starting "the Director General" capitalised)."""
        out: list[Span] = []
        for f in sentence_start(fragments):
            if f.text:
                out.extend(self.spans(f.text, f.path, f.marks))
        return merge_spans(out)

    # -- blocks --------------------------------------------------------------------------
    def para(self, spans: list[Span], path: str) -> None:
        spans = _strip(spans)
        if not spans:
            return
        self.blocks.append(Block("para", tuple(spans), FIRST if self._first else BODY, path=path))
        self._first = False

    def heading(self, text: str, level: int, path: str, suffix: str = "") -> None:
        """A heading, unless it repeats the title or the heading right above it (a one-section talk);
        ``suffix``: composed words after the field's ("  (1000–1130 hrs)", " — Dr. X")."""
        last = self.blocks[-1] if self.blocks else None
        if same_title(text, self.r.event.title) or (
            last is not None and last.kind == "heading" and same_title(text, last.text)
        ):
            return
        spans = self.spans(capitalise(" ".join(text.split())), path)
        if not spans:
            return
        if suffix:
            spans = merge_spans([*spans, *self.spans(suffix, "", marks=False)])
        level = min(level, 3)
        self.blocks.append(Block("heading", tuple(spans), heading_style(level), level=level, path=path))
        self._first = True

    def item(self, text: str, marker: str, path: str) -> None:
        spans = self.spans(" ".join(text.split()), path)
        self.blocks.append(Block("item", tuple(spans), COMPACT, marker=marker, path=path))
        self._first = False

    def prose(self, text: str | None, path: str, prefix: list[Span] | None = None) -> None:
        """Each paragraph of a prose field; ``prefix`` (an introducing sentence) opens the first."""
        self.mentions.seen(text or "")
        paras = paragraphs(text)
        if prefix and not paras:
            self.para(prefix, path)
            return
        for n, p in enumerate(paras):
            spans = self.spans(p, path)
            if n == 0 and prefix:
                spans = _join(prefix, spans)
            self.para(spans, path)

    # -- parts ---------------------------------------------------------------------------
    def part_heading(self, part: str, default: str | None, level: int = 1) -> None:
        """The heading over a part: the report's own (``headings.<part>``), in either layout (the narrative
        layout prints given headings as sub-headings), else ``default`` in the sectioned layout."""
        given = _clean(getattr(self.r.headings, part, None)) if self.r.headings is not None else ""
        if given:
            self.heading(given, level, f"headings.{part}")
        elif default and self.sectioned:
            self.heading(default, level, part)

    def _asker(self, q: QuestionView, path: str) -> list[Fragment] | None:
        """The asker as the subject of "asked", or None if the text names them (or nobody is given)."""
        if q.asker:
            person = find_person(self.r, q.asker)
            if person is None:
                return None
            if self.ch:
                return [Fragment("A participant")]
            if names_person(q.text, person, self.r):
                return None
            return [Fragment(self.mentions.person(person), f"{path}.asker")]
        desc = _clean(q.asker_description)
        if not desc or names_description(q.text, desc):
            return None
        return [Fragment(desc[0].upper() + desc[1:], f"{path}.asker_description", True)]

    def _introduced(self, who: list[Fragment] | None, verb: str, text: str, path: str) -> list[list[Span]]:
        """The paragraphs of ``text``, the first introduced by "<who> <verb>: " when ``who`` is given."""
        self.mentions.seen(text)
        paras = [self.spans(p, path) for p in paragraphs(text)]
        if who and paras:
            colon = "" if _lower_start(plain(paras[0])) else ":"
            paras[0] = _join(self.frags(who + [Fragment(f" {verb}{colon}")]), paras[0])
        return paras

    def discussion(self, d: DiscussionView, at: str, level: int) -> None:
        """Introduction, issues raised, questions (joined or with their responses), observations."""
        has = (
            (d.intro or "").strip()
            or d.questions
            or (d.observations or "").strip()
            or any(i.strip() for i in d.issues_raised)
        )
        if not has:
            return
        if at == "discussion" and self.r.headings is not None and _clean(self.r.headings.discussion):
            self.part_heading("discussion", None, level)
        elif self.sectioned:
            self.heading("Discussion", level, at)
        pending: tuple[list[Span], str] | None = None  # a paragraph the next question may continue

        def flush() -> None:
            nonlocal pending
            if pending is not None:
                self.para(*pending)
                pending = None

        self.mentions.seen(d.intro or "")
        intro = [self.spans(p, f"{at}.intro") for p in paragraphs(d.intro)]
        for spans in intro[:-1]:
            self.para(spans, f"{at}.intro")
        if intro:
            pending = (intro[-1], f"{at}.intro")
        issues = [(n, i) for n, i in enumerate(d.issues_raised) if i.strip()]
        if issues:
            flush()
            if not intro:
                self.para(self.spans("The following issues were raised:", f"{at}.issues_raised"), f"{at}.issues_raised")
            for number, (n, issue) in enumerate(issues, 1):
                self.item(issue, f"({roman(number)})", f"{at}.issues_raised[{n}]")
        responses = any(q.responses for q in d.questions)
        for i, q in enumerate(d.questions):
            path = f"{at}.questions[{i}]"
            paras = self._introduced(self._asker(q, path), "asked", q.text, f"{path}.text")
            for j, resp in enumerate(q.responses):
                rpath = f"{path}.responses[{j}]"
                who = None
                person = find_person(self.r, resp.by)
                if person is not None and not self.ch and not names_person(resp.text, person, self.r):
                    who = [Fragment(self.mentions.person(person), f"{rpath}.by")]
                rparas = self._introduced(who, "responded", resp.text, f"{rpath}.text")
                if rparas and paras:
                    paras[-1] = _join(paras[-1], rparas[0])
                    paras += rparas[1:]
                else:
                    paras += rparas
            if not paras:
                continue
            if responses:
                flush()
            if pending is not None:
                pending = (_join(pending[0], paras[0]), pending[1])
            else:
                pending = (paras[0], f"{path}.text")
            for spans in paras[1:]:
                flush()
                pending = (spans, f"{path}.text")
        flush()
        self.prose(d.observations, f"{at}.observations")

    def implications(self) -> None:
        imp = self.r.implications
        if imp is None or not imp.text.strip():
            return
        self.part_heading("implications", f"Implications for {_clean(imp.audience) or 'India'}")
        self.prose(imp.text, "implications.text")

    def conclusion(self) -> None:
        c = self.r.conclusion
        if c is None:
            return
        takeaways = [(n, t) for n, t in enumerate(c.takeaways) if t.strip()]
        text = (c.text or "").strip()
        if text:
            self.part_heading("conclusion", "Conclusion")
        self.prose(c.text, "conclusion.text")
        if takeaways:
            given = self.r.headings is not None and _clean(self.r.headings.takeaways)
            if self.sectioned or given:
                self.part_heading("takeaways", "Key takeaways", 2 if text else 1)
            else:
                noun = FORM_NOUNS[self.r.event.form]
                self.para(
                    self.spans(f"The key takeaways from the {noun} were:", "conclusion.takeaways"),
                    "conclusion.takeaways",
                )
            for n, t in takeaways:
                self.item(t, "\u2022", f"conclusion.takeaways[{n}]")

    def attendance(self) -> None:
        """The attendance section (``[attendance]``): its own section in the sectioned layout, a paragraph at
        the end of the narrative one; then the members of each delegation, when the report names them."""
        a = self.r.attendance
        if a is None or not (a.text or "").strip():
            return
        self.part_heading("attendance", "Attendance")
        self.prose(a.text, "attendance.text")
        if self.ch:
            return
        for i in range(len(self.r.event.delegations)):
            members = delegation_members(self.r, self.mentions, i)
            if members:
                self.para(self.frags(members), f"event.delegations[{i}]")

    def chatham_house_warnings(self) -> None:
        """The one Chatham House verdict (:mod:`rapporteur.chatham`), as the export's notices."""
        from ..chatham import HINT, RULE, SEVERITY, find_namings

        for n in find_namings(self.r):
            self.warnings.append(
                Diagnostic("", n.message, RULE, severity=SEVERITY, path=format_path(n.path), hint=HINT, loc=n.path)
            )


def curled(block: Block) -> Block:
    """A block whose text holds typographic quotes gets curly apostrophes too (one style of mark per paragraph)."""
    if not any(ch in CURLY_QUOTES for ch in block.text) or "'" not in block.text:
        return block
    spans = tuple(Span(curl_apostrophes(s.text), s.bold, s.italic, s.br) for s in block.spans)
    return Block(block.kind, spans, block.style, block.level, block.marker, block.path)


def _strip(spans: list[Span]) -> list[Span]:
    """No blank space at either end of a paragraph."""
    spans = list(spans)
    while spans and not spans[0].br and not spans[0].text.strip():
        spans.pop(0)
    while spans and not spans[-1].br and not spans[-1].text.strip():
        spans.pop()
    if spans and not spans[0].br:
        s = spans[0]
        spans[0] = Span(s.text.lstrip(), s.bold, s.italic)
    if spans and not spans[-1].br:
        s = spans[-1]
        spans[-1] = Span(s.text.rstrip(), s.bold, s.italic)
    return spans


def _join(a: list[Span], b: list[Span]) -> list[Span]:
    """Two runs of prose as one paragraph, a single space between them."""
    a, b = _strip(a), _strip(b)
    if not a:
        return b
    if not b:
        return a
    return merge_spans([*a, Span(" "), *b])
