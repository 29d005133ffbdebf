"""A reviewed DOCX back into its report: the edits applied to the fields they were made in.

``rapporteur import`` calls :func:`import_edits` when the document's text changed after
export (or when it carries comments, or ``--onto`` names the report). The report is
the one embedded in the document, or the one ``--onto`` names (a Chatham House export
carries none; a round trip through ODT loses it). Its export is rebuilt in memory and
each paragraph of the document is matched to the paragraph it was exported as by the
bookmark the export put around it (``r_<n>``: see docs/review-roundtrip.md for why
bookmarks), then the words are compared (:mod:`.apply`).

* Tracked changes are proposals: ``mode`` ``accept`` or ``reject`` resolves them;
  without either, :attr:`Reviewed.pending` lists them and nothing is applied.
* Comments become review items in ``meta.notes`` (notes for the editors, never
  exported), each with the field it is anchored in, the author and the date.
* Edits no field can take (composed text, the header) are listed in
  :attr:`Reviewed.unmapped` and kept in ``meta.notes`` too: never dropped.

Nothing here imports python-docx: the document is read with the standard library.
"""

from __future__ import annotations

import copy
import difflib
import os
from dataclasses import dataclass, field
from typing import Any

from ..export import package as pkg
from ..export.text import paragraphs
from ..importer import ImportProblem
from .apply import Mapped, Unmapped, _similar, map_edits, per_block
from .origins import Origin, origins, parse_path, try_styles
from .wordxml import Body, Change, Comment, header_footer_texts, read_body, read_comments


@dataclass
class Reviewed:
    data: bytes  # the report as the document now reads (the source's bytes when nothing changed)
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    unmapped: list[Unmapped] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # tracked changes not resolved (neither flag given)
    notes: list[str] = field(default_factory=list)  # what the user should know (a formatting change ignored)
    invalid: str = ""  # why the edited report does not validate ("" when it does)


def _where(blocks: list[Origin], n: int) -> str:
    if 0 <= n < len(blocks):
        b = blocks[n]
        segs = b.fields()
        return (segs[0].path if segs else b.path) or f"paragraph {n + 1}"
    return "outside the report's paragraphs"


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def describe_change(c: Change, blocks: list[Origin]) -> str:
    where = f"paragraph {c.paragraph + 1} ({_where(blocks, c.origin)})"
    who = f" by {c.author}" if c.author else ""
    when = f" on {c.date}" if c.date else ""
    what = f"{c.kind} “{_short(c.text)}”" if c.text else c.kind
    return f"{where}: {what}{who}{when}"


def _score(blocks: list[Origin], body: Body) -> int:
    found, _ = per_block(body, blocks)
    return sum(1 for o in blocks if " ".join(found[o.index].text.split()) == " ".join(o.text.split()))


def _alike(blocks: list[Origin], body: Body) -> int:
    """How many of the export's paragraphs the document holds as printed, or nearly (edits aside)."""
    found, _ = per_block(body, blocks)
    return sum(1 for o in blocks if found[o.index].text and _similar(found[o.index].text, o.text))


def _choose(report: Any, data: dict, layout: str, body: Body) -> tuple[list[Origin], int]:
    """The export's blocks as printed in the layout and house style that match the document best."""
    from ..export.document import LAYOUTS

    best: tuple[int, list[Origin]] | None = None
    for lay in (layout,) if layout in LAYOUTS else LAYOUTS:
        for style in try_styles():
            blocks = origins(report, data, lay, style)
            score = _score(blocks, body)
            if best is None or score > best[0]:
                best = (score, blocks)
    assert best is not None
    return best[1], best[0]


def _header_texts(p: pkg.Package, expected: set[str], recorded: str | None = None) -> list[Unmapped]:
    """Words in headers and footers that the export did not put there (typed by a reviewer).

    ``recorded``: the words the export wrote (in its part); without them (a round trip through
    ODT), the words it would write with the house template: the organiser, title, series, date."""
    if recorded is not None:
        allowed = set(recorded.split())
    else:
        allowed = {w.lower() for v in expected for w in v.split()} | {"draft", "page", "of"}
    out = []
    for name, text in header_footer_texts(p):
        extra = [w for w in text.split() if w.lower() not in allowed and not w.isdigit()]
        if extra:
            kind = "header" if "header" in name else "footer"
            out.append(Unmapped(f"the {kind} ({name})", "", text))
    return out


def _set(data: dict, path: str, value: str) -> None:
    loc = parse_path(path)
    cur: Any = data
    for key in loc[:-1]:
        if isinstance(key, str) and isinstance(cur, dict) and key not in cur:
            cur[key] = {}
        cur = cur[key]
    last = loc[-1]
    if value or not isinstance(cur, dict):
        cur[last] = value
    else:
        cur.pop(last, None)  # an emptied optional field goes; a required one is reported by validation


def _review_notes(shown: str, comments: list[str], unmapped: list[Unmapped]) -> str:
    out = []
    if comments:
        out.append(f"Review comments from {shown}:")
        out += [f"- {c}" for c in comments]
    if unmapped:
        out.append(f"Edits in {shown} that no field could take (make them by hand):")
        out += [f"- {u.describe()}" for u in unmapped]
    return "\n".join(out)


def _comments(body: Body, found: dict[str, Comment], blocks: list[Origin]) -> list[str]:
    """Each comment with the field its range starts in, its author, date and text."""
    where: dict[str, int] = {}
    last = -1
    for pieces in body.paragraphs:
        for pc in pieces:
            if pc.kind == "start":
                last = pc.n
            elif pc.kind == "comment":
                where.setdefault(pc.text, last)
    out = []
    for cid, c in found.items():
        at = _where(blocks, where.get(cid, -1))
        who = ", ".join(x for x in (c.author, c.date) if x)
        out.append(f"on {at}" + (f" ({who})" if who else "") + f": {c.text}")
    return out


def _write(source: Any, data: dict) -> tuple[bytes, str]:
    """The edited report as canonical TOML with the source's comments kept, and why it is invalid ("")."""
    from ..tomlio import parse_source
    from ..tomlwrite import dumps, dumps_data, plan_save
    from ..validate import validate_source

    directive = source.schema_directive
    text = dumps_data(data, directive)
    result = validate_source(parse_source(text.encode("utf-8"), source.path), fast=False)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if result.report is not None:
        text = dumps(result.report, directive)
    invalid = ""
    if errors:
        d = errors[0]
        invalid = f"{d.path + ': ' if getattr(d, 'path', '') else ''}{d.message}"
    return plan_save(text, source).text.encode("utf-8"), invalid


def import_edits(path: str | os.PathLike, shown: str, *, mode: str | None = None, onto: str | None = None) -> Reviewed:
    """The report the reviewed document at ``path`` now reads as (see the module's docstring)."""
    from ..importer import open_document, validated
    from ..tomlio import parse_source, read_regular

    with open_document(path, shown) as p:
        try:
            found = pkg.find_source(p)
            if onto is not None:
                try:
                    raw = read_regular(onto, 64 * 1024 * 1024)
                except OSError as exc:
                    from ..ioerrors import io_message

                    raise ImportProblem(io_message(exc, onto), onto, code=2) from None
                where = onto
            elif found is not None and found.data is not None:
                raw, where = found.data, shown
            else:
                raise ImportProblem(
                    "the document carries no report source (a Chatham House export, an export made with "
                    "--no-embed-source, or a round trip through ODT): name the report the edits apply to with "
                    "--onto REPORT.toml",
                    shown,
                )
            report = validated(raw, where)
            source = parse_source(raw, where)
            assert source.data is not None
            body = read_body(p.read("word/document.xml"), mode)
            comments = read_comments(p)
            blocks, _ = _choose(report, source.data, found.layout if found else "", body)
            if onto is not None:
                alike = _alike(blocks, body)
                if alike * 2 < len(blocks):
                    raise ImportProblem(
                        f"the document's paragraphs do not match the export of {where} (only {alike} of "
                        f"{len(blocks)} read as exported, or nearly): is it the right report? nothing was imported",
                        shown,
                    )
            out = Reviewed(raw)
            if body.changes and mode is None:
                out.pending = [describe_change(c, blocks) for c in body.changes]
                return out
            if body.formatting_changes:
                out.notes.append(
                    f"{body.formatting_changes} tracked formatting change(s) ignored: a report's formatting is "
                    "its markup (*italic*, **bold**), not the document's"
                )
            texts, before = per_block(body, blocks)
            mapped: Mapped = map_edits(blocks, texts, source.data)
            if before:
                mapped.unmapped.insert(0, Unmapped("before the title", "", before))
            meta = _meta_values(report)
            recorded = found.header_words if found is not None else None
            mapped.unmapped += _header_texts(p, meta, recorded)
            out.changes, out.unmapped = mapped.changes, mapped.unmapped
            out.notes += mapped.notes
            out.comments = _comments(body, comments, blocks)
            if not (out.changes or out.unmapped or out.comments):
                return out
            data = copy.deepcopy(source.data)
            for fpath, (_, new) in out.changes.items():
                _set(data, fpath, new)
            notes = _review_notes(shown, out.comments, out.unmapped)
            if notes:
                m = data.setdefault("meta", {})
                m["notes"] = (m["notes"].rstrip() + "\n\n" + notes) if isinstance(m.get("notes"), str) else notes
            out.data, out.invalid = _write(source, data)
            return out
        except pkg.PackageError as exc:
            raise ImportProblem(exc.reason, shown) from None


def needs_review(path: str | os.PathLike) -> bool:
    """Whether a document whose body reads as exported still holds something of a reviewer's:
    comments, or words typed into a header or footer (never dropped silently). Header words are
    told from the export's by the words it recorded (an export that recorded none is not judged)."""
    try:
        with pkg.open_package(path, "Word document") as p:
            if p.has("word/comments.xml") and read_comments(p):
                return True
            found = pkg.find_source(p)
            if found is None or found.header_words is None:
                return False
            return bool(_header_texts(p, set(), found.header_words))
    except (pkg.PackageError, OSError):
        return False


def _meta_values(report: Any) -> set[str]:
    from ..export.document import build

    m = build(report).meta
    return {m.title, m.series, m.date_text, m.organiser, m.organiser_full}


def field_diff(changes: dict[str, tuple[str, str]]) -> str:
    """A unified diff per changed field, its paragraphs as lines."""
    out: list[str] = []
    for path, (old, new) in changes.items():
        a = paragraphs(old) if "\n\n" in new or "\n" in old else [" ".join(old.split())] if old.strip() else []
        b = [x for x in new.split("\n\n") if x.strip()]
        out += difflib.unified_diff(a, b, f"a/{path}", f"b/{path}", lineterm="")
    return "\n".join(out) + ("\n" if out else "")


def summary_line(path: str, old: str, new: str) -> str:
    """``path: old -> new``, short: the words around the first difference."""
    if not old:
        return f"{path}: (none) -> “{_short(new, 50)}”"
    if not new:
        return f"{path}: “{_short(old, 50)}” -> (removed)"
    a, b = (" ¶ ".join(paragraphs(x)) for x in (old, new))  # a paragraph break shown as ¶
    k = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    start = max(0, a.rfind(" ", 0, max(0, k - 20)) + 1)
    ea = a[start:]
    eb = b[start:]
    trim = "…" if start else ""
    return f"{path}: “{trim}{_short(ea, 50)}” -> “{trim}{_short(eb, 50)}”"


__all__ = ["Reviewed", "field_diff", "import_edits", "needs_review", "summary_line"]
