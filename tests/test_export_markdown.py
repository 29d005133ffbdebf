"""Markdown export: what pandoc reads back is what the report says."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_export_document import load
from test_export_text import seed_report

from rapporteur import model as m
from rapporteur.export.document import build
from rapporteur.export.markdown import escape, render, to_markdown
from rapporteur.export.text import Span

from conftest import EXAMPLES, ROOT, SEED_EXAMPLE, example_reports, examples, flat

PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed")


def pandoc_json(markdown: str) -> dict:
    r = subprocess.run(
        [PANDOC, "-f", "markdown-smart", "-t", "json"],
        input=markdown.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=60,
    )
    return json.loads(r.stdout)


def _inlines(items, bold=False, italic=False, out=None) -> list[tuple[str, bool, bool]]:
    out = [] if out is None else out
    for it in items:
        t, c = it["t"], it.get("c")
        if t == "Str":
            out.extend((ch, bold, italic) for ch in c)
        elif t in ("Space", "SoftBreak"):
            out.append((" ", bold, italic))
        elif t == "LineBreak":
            out.append(("\n", bold, italic))
        elif t == "Emph":
            _inlines(c, bold, True, out)
        elif t == "Strong":
            _inlines(c, True, italic, out)
        else:
            raise AssertionError(f"pandoc read an unexpected {t}: {it}")
    return out


def pandoc_blocks(ast: dict) -> list[tuple[str, list]]:
    out = []
    for b in ast["blocks"]:
        if b["t"] in ("Para", "Plain"):
            out.append(("para", _inlines(b["c"])))
        elif b["t"] == "Header":
            out.append((f"h{b['c'][0]}", _inlines(b["c"][2])))
        elif b["t"] in ("OrderedList", "BulletList"):
            items = b["c"][1] if b["t"] == "OrderedList" else b["c"]
            for item in items:
                assert len(item) == 1, item
                out.append(("item", _inlines(item[0]["c"])))
        else:
            raise AssertionError(f"pandoc read an unexpected block {b['t']}")
    return out


def visible(chars: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """Characters with their marks, blanks dropped (Markdown may move a blank across a marker)."""
    return [c for c in chars if not c[0].isspace()]


def ours(spans) -> list[tuple[str, bool, bool]]:
    return visible([(ch, s.bold, s.italic) for s in spans for ch in (s.text if not s.br else "\n")])


def meta_text(value) -> str:
    if value["t"] == "MetaString":
        return value["c"]
    if value["t"] == "MetaInlines":
        return "".join(c for c, _, _ in _inlines(value["c"]))
    if value["t"] == "MetaList":
        return [meta_text(v) for v in value["c"]]
    if value["t"] == "MetaBool":
        return value["c"]
    raise AssertionError(value)


def test_the_seed_in_markdown():
    text = flat(to_markdown(seed_report()))
    head, body = text.split("\n---\n\n", 1)
    assert head.splitlines() == [
        "---",
        'title: "China-Russia Relationship: A Greater Alignment?"',
        'subtitle: "Monday Morning Meeting"',
        'date: "24 June 2024"',
        'author: "Mayuri Banerjee"',
        "lang: en-IN",
        'keywords: ["China", "Russia", "India", "Strategic partnership"]',
    ]
    seed = (ROOT / "seeds" / "000_985a676c5bd7bc51.txt").read_text(encoding="utf-8").strip().splitlines()
    assert body.rstrip("\n").split("\n\n") == seed
    assert text.endswith(".\n") and not text.endswith("\n\n")


def test_a_draft_says_so_in_its_metadata():
    report = seed_report()
    report = report.model_copy(update={"meta": report.meta.model_copy(update={"status": "review"})})
    assert "\ndraft: true\n" in to_markdown(report)


def test_sectioned_markdown_has_headings_and_lists():
    path = EXAMPLES / "webinar-maritime-security.toml"
    text = to_markdown(load(path), "sectioned")
    assert "\n# Executive summary\n" in text
    assert (
        "\n## Building a Shared Maritime Picture \u2014 Cmde.\u00a0Nikhil Varadpande\n\n### From surveillance to awareness\n"
        in text
    )
    assert (
        "\n- Surveillance is not awareness: littoral states need analytical capacity as much as sensors.\n- IUU" in text
    )
    assert ' Webinar Series | 1000\u20131330 hrs | Online"\n' in text  # the event line in the YAML subtitle
    assert text.split("\n---\n\n", 1)[1].startswith("The Samudra Institute")  # no stray event line


def test_without_metadata_the_title_is_a_heading():
    text = flat(to_markdown(seed_report(), metadata=False))
    assert text.startswith(
        "# China-Russia Relationship: A Greater Alignment?\n\nMonday Morning Meeting | 24 June 2024\n\nDr. M.S."
    )
    assert "---" not in text
    assert "\n## Presentation\n" in to_markdown(seed_report(), "sectioned", metadata=False)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a*b_c", "a\\*b\\_c"),
        (
            "[link](x) <b> $5 @cite ^sup^ ~sub~ `code` {attr}",
            "\\[link\\](x) \\<b> \\$5 \\@cite \\^sup\\^ \\~sub\\~ \\`code\\` \\{attr}",
        ),
        ("R&D and &amp;", "R&D and \\&amp;"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_escape(text, expected):
    assert escape(text) == expected


def test_examples_markdown_is_up_to_date(tmp_path, monkeypatch):
    """``examples/*.md`` are the examples' narrative exports (regenerate: rapporteur export --format md examples/):
    the preview's Markdown, with the metadata an export writes (rapporteur's marker; under the Chatham House Rule
    no unprinted metadata)."""
    from rapporteur.export.api import export_report

    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path / "no-config.toml"))
    for path in example_reports():
        md = path.with_suffix(".md")
        assert md.exists(), f"{md.name} is missing: run `rapporteur export --format md {path}`"
        fresh = export_report(path, to="md", output=tmp_path / md.name).output_path.read_text(encoding="utf-8")
        assert md.read_text(encoding="utf-8") == fresh, (
            f"{md.name} is stale: run `rapporteur export --format md {path}`"
        )
        body = to_markdown(load(path)).split("\n---\n", 1)[1]
        assert fresh.split("\n---\n", 1)[1] == body


@needs_pandoc
@pytest.mark.parametrize("path", example_reports(), ids=lambda p: p.name)
@pytest.mark.parametrize("layout", ["narrative", "sectioned"])
def test_pandoc_reads_back_exactly_our_blocks(path, layout):
    doc = build(load(path), layout)
    ast = pandoc_json(render(doc))
    meta = ast["meta"]
    assert meta_text(meta["title"]) == doc.meta.title
    assert meta_text(meta["date"]) == doc.meta.date_text
    assert meta_text(meta["lang"]) == "en-IN"
    assert meta_text(meta["keywords"]) == doc.meta.keywords
    subtitle = " | ".join(p for p in (doc.meta.series, doc.meta.time_text, doc.meta.place_text) if p)
    if subtitle:
        assert meta_text(meta["subtitle"]) == subtitle
    theirs = pandoc_blocks(ast)
    mine = [b for b in doc.blocks if b.kind not in ("title", "event")]
    assert [visible(c) for _, c in theirs] == [ours(b.spans) for b in mine]
    kinds = {"para": "para", "closing": "para", "item": "item", "number": "para"}  # the report number: a line
    assert [k for k, _ in theirs] == [kinds.get(b.kind, f"h{b.level}") for b in mine]


MARKDOWN_HOSTILE = (
    st.lists(
        st.sampled_from(
            list("ab cd*_[]<>#$@^~`{}|-+=:%()!&;.,'\"\\/0123456789iv")
            + ["é", "न", "中", "ж", "\t", "**", " *", "* ", "word"]
        ),
        min_size=1,
        max_size=40,
    )
    .map("".join)
    .filter(lambda s: s.strip())
)


@needs_pandoc
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKDOWN_HOSTILE, min_size=1, max_size=8), st.lists(MARKDOWN_HOSTILE, max_size=3))
def test_pandoc_reads_any_text_as_written(paragraphs, issues):
    """Whatever the rapporteur types, pandoc reads the same characters with the same emphasis."""
    report = seed_report()
    report = report.model_copy(
        update={
            "summary": m.Summary(text=m.normalise_text("\n\n".join(paragraphs))),
            "discussion": m.Discussion(issues_raised=issues, questions=[]),
            "remarks": [],
            "sessions": [],
            "implications": None,
        }
    )
    doc = build(report)
    mine = [b for b in doc.blocks if b.kind not in ("title", "event")]
    theirs = pandoc_blocks(pandoc_json(render(doc)))
    assert [visible(c) for _, c in theirs] == [ours(b.spans) for b in mine]


def test_breaks_in_markdown():
    report = seed_report()
    report = report.model_copy(update={"summary": m.Summary(text="one\x0btwo\x0cthree\n")})
    text = to_markdown(report)
    assert "\none\\\ntwo\n\nthree\n" in text


def test_to_markdown_imports_no_docx_machinery_and_is_quick():
    code = (
        "import sys, time, tomllib\n"
        "from rapporteur.validate import parse_report\n"
        "from rapporteur.export.markdown import to_markdown\n"
        f"report, _ = parse_report(tomllib.loads(open({str(SEED_EXAMPLE)!r}, encoding='utf-8').read()))\n"
        "to_markdown(report)\n"
        "t = time.perf_counter()\n"
        "for _ in range(20): to_markdown(report)\n"
        "print((time.perf_counter() - t) / 20)\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'lxml', 'textual'))))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    per_call, heavy = (r.stdout.splitlines() + [""])[:2]
    assert heavy.strip() == ""
    assert float(per_call) < 0.05, f"to_markdown took {float(per_call) * 1000:.1f} ms"


def test_markdown_of_a_span_list_keeps_blanks_outside_markers():
    from rapporteur.export.markdown import _run

    assert _run([Span("a "), Span(" bold ", bold=True), Span("c")]) == "a  **bold** c"
    assert _run([Span("x", bold=True), Span("y", bold=True, italic=True)]) == "**x_y_**"
