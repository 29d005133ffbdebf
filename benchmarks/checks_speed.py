"""How fast are the house-style checks on a long report, against the bare cost of reading it?

The editor runs every check at each pause in typing, so the whole set must stay
well under 100 ms on a 20,000-word report. The report is built from the seed's
own prose (its sentences, people and acronyms, with the seed's two slips kept),
repeated with variations until it holds the words asked for.

Run:  python benchmarks/checks_speed.py [--words 20000] [--repeat 15]

It prints the median time of: parsing the TOML (tomllib), parsing + building the
model (pydantic), the checks as the editor calls them (no source), the checks as
``rapporteur check`` calls them (positions in the file, source map included), and
each family alone; and each as a ratio to the bare TOML parse. Last, how the checks' time grows:
the same report at a quarter of the words against the full one (linear is 4x; O(n^2) would be 16x).
(tests/test_checks_speed.py checks what they find on the long report; no test asserts a time.)
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rapporteur.checks import FAMILY_MODULES, find, run_checks  # noqa: E402
from rapporteur.checks.context import Context  # noqa: E402
from rapporteur.checks.length import report_words  # noqa: E402
from rapporteur.rules import RULES  # noqa: E402
from rapporteur.style import DEFAULT_STYLE  # noqa: E402
from rapporteur.tomlio import parse_source  # noqa: E402
from rapporteur.validate import parse_report  # noqa: E402

SEED = ROOT / "examples" / "china-russia-relationship.toml"


GIVEN = "Aarti Bhavesh Chitra Devendra Esha Farhan Gauri Harsh Ira Jatin Kavya Lalit Meera Nitin Ojas Pallavi Rohan Sana Tarun Uma Varun Yamini Zubin Anil".split()
FAMILY = "Acharya Bhatt Chandran Desai Easwaran Fernandes Ghosh Hegde Iyer Joshi Kapoor Lobo Menon Nair Oberoi Pillai Qureshi Rao Sen Thakur Upadhyay Verma Wadia Yadav".split()


def build(words: int) -> str:
    """A report of about ``words`` words: the seed's session repeated, each time with another
    registered speaker (so the people rules resolve a realistic registry) and fresh headings."""
    text = SEED.read_text(encoding="utf-8")
    head, _, rest = text.partition("[[sessions]]")
    session, _, tail = rest.partition("[discussion]")
    session = "[[sessions]]" + session
    tail = "[discussion]" + tail
    base = parse_report(tomllib.loads(text))[0]
    from rapporteur.checks.length import words as count

    per_session = sum(count(sec.text) for s in base.sessions for p in s.presentations for sec in p.sections)
    fixed = sum(count(t) for t in (base.lead.text, base.summary.text, *(r.text for r in base.remarks)))
    n = max(1, round((words - fixed) / per_session))
    people = []
    for i, (given, family) in enumerate(zip(GIVEN, FAMILY, strict=True)):
        people.append(
            f'[[people]]\nid = "p{i}"\nhonorific = "Dr."\nname = "{given} {family}"\ndesignation = "Research Fellow"\naffiliation = "MP-IDSA"\n\n'
        )
    head = head.replace("[lead]", "".join(people) + "[lead]", 1)
    parts = [head]
    for i in range(n):
        k = i % len(GIVEN)
        block = session.replace('speakers = ["prathibha"]', f'speakers = ["p{k}"]')
        block = block.replace("Dr. M.S. Prathibha", f"Dr. {GIVEN[k]} {FAMILY[k]}").replace(
            "Dr. Prathibha", f"Dr. {FAMILY[k]}"
        )
        block = block.replace('heading = "', f'heading = "Part {i + 1}: ').replace("in 2014", f"in {1900 + i % 120}")
        if i % 2:  # a draft has slips: some findings to place
            block = block.replace("organisations", "organizations").replace(
                f"cooperation, Dr. {FAMILY[k]}", f"cooperation, Dr {FAMILY[k]}"
            )
        parts.append(block)
    parts.append(tail)
    return "".join(parts)


def median_ms(fn, repeat: int) -> float:
    fn()  # warm caches (compiled patterns, lru caches) as a running editor has them
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()

    text = build(args.words)
    data = tomllib.loads(text)
    report, diags = parse_report(data)
    assert report is not None, diags
    ctx = Context(report, DEFAULT_STYLE, frozenset(RULES))
    n_words = report_words(ctx)
    found = run_checks(report)

    source = parse_source(text, "bench.toml")
    _ = source.source_map  # built once per file by the CLI

    rows = [
        ("parse TOML (tomllib)", lambda: tomllib.loads(text)),
        ("parse + model (pydantic)", lambda: parse_report(tomllib.loads(text))),
        ("read as the CLI does + source map", lambda: parse_source(text, "b").source_map),
        ("all checks, editor (no source)", lambda: run_checks(report)),
        ("all checks, CLI (file positions)", lambda: run_checks(report, source=source)),
    ]
    for module in FAMILY_MODULES:
        ids = [r for r in RULES if RULES[r].family == module.FAMILY]
        rows.append((f"  {module.FAMILY} only", lambda ids=ids: find(report, select=ids)))

    print(
        f"report: {n_words} words, {len(text) / 1024:.0f} KiB of TOML, {len(report.people)} people, {len(found)} findings"
    )
    print(f"python {platform.python_version()} on {platform.machine()} ({platform.processor() or platform.platform()})")
    base = None
    print(f"{'':36} {'median ms':>10} {'x parse':>8}")
    for name, fn in rows:
        ms = median_ms(fn, args.repeat)
        if base is None:
            base = ms
        print(f"{name:36} {ms:10.1f} {ms / base:8.1f}")

    quarter = parse_report(tomllib.loads(build(args.words // 4)))[0]
    t_quarter = median_ms(lambda: run_checks(quarter), args.repeat)
    t_full = median_ms(lambda: run_checks(report), args.repeat)
    print(
        f"growth: checks on {args.words} words / on {args.words // 4} words = {t_full / t_quarter:.1f}x"
        " (4x is linear, 16x quadratic)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
