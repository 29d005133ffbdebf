"""How long the seed example's DOCX export takes, against pandoc and against the bare floor.

Measured in one run, on one machine, as medians of ``--repeat`` rounds (each round runs every
case once, so that noise from the machine falls on all of them alike):

* ``rapporteur export`` of the seed example to DOCX, as a user runs it (a new process);
* ``pandoc`` converting our Markdown export of the same report to DOCX (a new process);
* ``rapporteur validate`` of the same file: the reading and validation every export starts with;
* the floor: ``python -c "import pydantic, docx, tomllib"``, the least a Python exporter built
  on pydantic and python-docx pays before doing anything;
* in process, warm (what the editor pays): the DOCX export, the Markdown export, and
  ``to_markdown`` alone (the live preview).

Run from the repository root::

    python benchmarks/export_vs_pandoc.py            # --repeat 21
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "china-russia-relationship.toml"


def round_robin(repeat: int, fns: list) -> list[float]:
    """Median seconds of each function, measured in turns (so that machine noise hits all alike)."""
    for fn in fns:
        fn()  # warm-up (disk cache, pandoc's data files, byte-compiled modules)
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            t = time.perf_counter()
            fn()
            times[i].append(time.perf_counter() - t)
    return [statistics.median(t) for t in times]


def run(cmd: list[str], **kw) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=21)
    args = ap.parse_args(argv)

    from rapporteur.export.api import export_report
    from rapporteur.export.markdown import to_markdown
    from rapporteur.validate import parse_report

    pandoc = shutil.which("pandoc")
    env = {
        k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"
    }  # any value, even "0", turns writing off
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / SEED.name
        shutil.copy(SEED, src)
        md = tmp / "seed.md"
        report, _ = parse_report(tomllib.loads(SEED.read_text(encoding="utf-8")))
        md.write_text(to_markdown(report), encoding="utf-8")

        cases: list[tuple[str, object]] = [
            (
                "rapporteur export seed.toml (DOCX, new process)",
                lambda: run(
                    [sys.executable, "-m", "rapporteur", "export", "-q", str(src), "-o", str(tmp / "ours.docx")],
                    env=env,
                ),
            ),
            (
                "rapporteur export --format md (new process)",
                lambda: run(
                    [
                        sys.executable,
                        "-m",
                        "rapporteur",
                        "export",
                        "-q",
                        "--format",
                        "md",
                        str(src),
                        "-o",
                        str(tmp / "ours.md"),
                    ],
                    env=env,
                ),
            ),
            (
                "rapporteur validate seed.toml (new process, same reading)",
                lambda: run([sys.executable, "-m", "rapporteur", "validate", "-q", str(src)], env=env),
            ),
            (
                'floor: python -c "import pydantic, docx, tomllib"',
                lambda: run([sys.executable, "-c", "import pydantic, docx, tomllib"], env=env),
            ),
        ]
        if pandoc:
            cases.append(
                (
                    "pandoc seed.md -o seed.docx (new process)",
                    lambda: run([pandoc, str(md), "-o", str(tmp / "pandoc.docx")]),
                )
            )
        cases += [
            ("in process, warm: export_report(to='docx')", lambda: export_report(src, output=tmp / "warm.docx")),
            ("in process, warm: export_report(to='md')", lambda: export_report(src, to="md", output=tmp / "warm.md")),
            ("in process, warm: to_markdown(report) (the preview)", lambda: to_markdown(report)),
        ]
        rows = list(zip([n for n, _ in cases], round_robin(args.repeat, [f for _, f in cases]), strict=True))
        by_name = dict(rows)
        ours = by_name["rapporteur export seed.toml (DOCX, new process)"]
        validate = by_name["rapporteur validate seed.toml (new process, same reading)"]
        floor = by_name['floor: python -c "import pydantic, docx, tomllib"']
        theirs = by_name.get("pandoc seed.md -o seed.docx (new process)")

    print(f"seed example: {SEED.relative_to(ROOT)}, median of {args.repeat} runs")
    print(f"{platform.platform()}, Python {platform.python_version()}, {_cpu()}")
    if pandoc:
        version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        print(version)
    print()
    width = max(len(n) for n, _ in rows)
    for name, secs in rows:
        print(f"{name:<{width}}  {secs * 1000:8.1f} ms")
    print()
    print(f"rapporteur export (DOCX) / floor  = {ours / floor:5.2f}x")
    print(f"rapporteur export (DOCX) / validate = {ours / validate:5.2f}x")
    if theirs:
        print(f"rapporteur export (DOCX) / pandoc = {ours / theirs:5.2f}x")
        print(f"floor / pandoc                    = {floor / theirs:5.2f}x")
    return 0


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return f"{os.cpu_count()} x {line.split(':', 1)[1].strip()}"
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs"


if __name__ == "__main__":
    raise SystemExit(main())
