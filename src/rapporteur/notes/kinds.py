"""What a typed line means: a leading mark gives the note's kind; a plain line is a point.

One owner for the marks, so the capture screen's legend, the parser and the README
say the same thing.
"""

from __future__ import annotations

#: Leading mark -> kind, in the order the legend shows them.
MARKS: dict[str, str] = {
    "?": "question",
    ">": "answer",
    "!": "implication",
    '"': "quote",
    "#": "topic",
    "*": "takeaway",
}
KIND_MARK: dict[str, str] = {kind: mark for mark, kind in MARKS.items()}
KIND_LABELS: dict[str, str] = {
    "point": "point",
    "question": "question",
    "answer": "answer",
    "implication": "implication",
    "quote": "quotation",
    "topic": "new topic",
    "takeaway": "key takeaway",
}
PHASE_LABELS: dict[str, str] = {
    "opening": "Opening remarks",
    "presentations": "Presentations",
    "qa": "Q&A",
    "closing": "Closing",
}
#: A participant who is not in the registry: the asker of a question when no speaker is set.
PARTICIPANT = "a participant"


def parse_line(line: str) -> tuple[str, str]:
    """``(kind, text)`` of a typed line: ``"? why now"`` -> ``("question", "why now")``.

    A backslash before a mark keeps it as text (``\\? mark`` is a point reading "? mark");
    a closing quotation mark typed after a quotation is dropped (it is the mark's pair).
    """
    stripped = line.strip()
    if stripped.startswith("\\") and stripped[1:2] in MARKS:
        return "point", stripped[1:].strip()
    mark = stripped[:1]
    if mark in MARKS:
        kind = MARKS[mark]
        text = stripped[1:].strip()
        if kind == "quote" and text.endswith('"'):
            text = text[:-1].rstrip()
        return kind, text
    return "point", stripped


def kind_of(line: str) -> str:
    """The kind the line will have when committed (shown while it is typed)."""
    return parse_line(line)[0]


def line_for(kind: str, text: str) -> str:
    """The line that parses back to ``(kind, text)``: what Up puts in the input to correct a note."""
    if kind == "point":
        return "\\" + text if text[:1] in MARKS else text
    return f"{KIND_MARK[kind]} {text}"
