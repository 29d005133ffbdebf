"""Every benchmark in one run, against the tools users would otherwise use, as one table of ratios.

    python benchmarks/run.py            # everything (about ten minutes on two cores)
    python benchmarks/run.py --quick    # a smoke run: small sizes, few repeats (seconds)

It installs the peers it needs when they are missing (check-jsonschema and taplo from PyPI
into this Python's environment; pandoc from Debian's packages when run as root where apt-get
exists; ``--no-install`` turns that off), writes its inputs into ``benchmarks/.work/``
(git-ignored), and runs:

1. validation throughput: ``rapporteur validate`` on N seed-sized reports against
   ``taplo check`` and ``check-jsonschema`` with the published schema on the same files, and
   against the floor: one Python process that only reads and parses them (rtoml, the parser
   we use; tomllib for reference);
2. start-up: ``rapporteur validate`` of one file against ``python -c "import tomllib, pydantic"``;
3. export: the seed to DOCX against pandoc (our Markdown export to DOCX) and against the floor
   ``python -c "import pydantic, docx, tomllib"``; N reports in one ``rapporteur export`` call
   against pandoc per report;
4. the editor (``tui_startup.py``, ``tui_typing.py``, ``tui_large.py``, each in its own process);
5. scale: validate, check and export from 1 to 10,000 files, and from 1,000 to 100,000 words.

Every comparison is measured in the same run, in turns (each round runs every case once, so
that the machine's noise falls on all alike), and reported as the median of the rounds.
Ratios are the result; absolute times are printed only beside their baseline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
SCHEMA = ROOT / "schemas" / "event-report.schema.json"
SEED = ROOT / "examples" / "china-russia-relationship.toml"
#: Seed-sized examples the generated corpus is made from (the webinar is twice the size).
SOURCES = [SEED, ROOT / "examples" / "roundtable-chatham-house.toml"]

sys.path.insert(0, str(HERE))
from export_vs_pandoc import round_robin  # noqa: E402  (the same interleaved rounds, medians)

# -- settings ---------------------------------------------------------------------------------

FULL = dict(
    files=1000,
    repeat=11,
    startup_repeat=31,
    batch=100,
    tui_runs=5,
    keys=300,
    large=(50_000, 300),
    scale_files=[1, 10, 100, 1000, 10_000],
    scale_words=[1000, 10_000, 100_000],
)
QUICK = dict(
    files=40,
    repeat=3,
    startup_repeat=3,
    batch=5,
    tui_runs=1,
    keys=15,
    large=(3000, 20),
    scale_files=[1, 10],
    scale_words=[1000, 3000],
)


# -- the tools ------------------------------------------------------------------------------------


def _exe(name: str) -> str | None:
    """A console script of this environment first (pip installs it there), then PATH."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    return shutil.which(name)


def ensure_peers(install: bool) -> dict[str, str | None]:
    missing = [pkg for pkg in ("check-jsonschema", "taplo") if not _exe(pkg)]
    if missing and install:
        print(f"installing {', '.join(missing)} from PyPI into {sys.prefix} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *missing], check=False)
    if (
        not shutil.which("pandoc")
        and install
        and shutil.which("apt-get")
        and hasattr(os, "geteuid")
        and os.geteuid() == 0
    ):
        print("installing pandoc from Debian's packages ...", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if subprocess.run(["apt-get", "install", "-y", "-qq", "pandoc"], env=env, capture_output=True).returncode:
            subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "-qq", "pandoc"], env=env, capture_output=True)
    return {"check-jsonschema": _exe("check-jsonschema"), "taplo": _exe("taplo"), "pandoc": shutil.which("pandoc")}


def rapporteur_cmd() -> list[str]:
    """What a user runs: the console script (``python -m`` adds runpy's start-up)."""
    script = _exe("rapporteur")
    return [script] if script else [sys.executable, "-m", "rapporteur"]


def version_of(cmd: list[str]) -> str:
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (r.stdout or r.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


# -- inputs ---------------------------------------------------------------------------------------


def make_corpus(folder: Path, n: int) -> list[Path]:
    """``n`` seed-sized reports: the examples in turn, each with its own title and person ids."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    directive = f"#:schema {os.path.relpath(SCHEMA, folder)}"
    bases = []
    for src in SOURCES:
        text = src.read_text(encoding="utf-8")
        text = directive + text[text.index("\n") :] if text.startswith("#:schema") else directive + "\n\n" + text
        data = tomllib.loads(text)
        bases.append((text, [p["id"] for p in data.get("people", [])][:2]))
    out = []
    for i in range(n):
        text, ids = bases[i % len(bases)]
        body = text.replace('title = "', f'title = "({i + 1}) ', 1)
        for pid in ids:  # a person renamed throughout: the id and every reference to it
            body = body.replace(f'"{pid}"', f'"{pid}-{i + 1}"')
        path = folder / f"report-{i + 1:05d}.toml"
        path.write_text(body, encoding="utf-8")
        out.append(path)
    return out


FLOOR = """import os, sys
{imp}
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    if name.endswith(".toml"):
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            {parse}(fh.read())
"""


def floor_scripts() -> dict[str, Path]:
    WORK.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, imp, parse in (("rtoml", "import rtoml", "rtoml.loads"), ("tomllib", "import tomllib", "tomllib.loads")):
        path = WORK / f"floor_{name}.py"
        path.write_text(FLOOR.format(imp=imp, parse=parse), encoding="utf-8")
        out[name] = path
    return out


# -- running --------------------------------------------------------------------------------------


def sh(cmd: list[str], *, env: dict | None = None, ok: tuple[int, ...] = (0,)) -> None:
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    if r.returncode not in ok:
        raise RuntimeError(
            f"{' '.join(map(str, cmd[:4]))} ... exited {r.returncode}: {r.stderr.decode(errors='replace')[-500:]}"
        )


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def medians(cases: dict[str, object], repeat: int) -> dict[str, float]:
    """Median seconds of each case, measured in turns, after one warm-up round."""
    return dict(zip(cases, round_robin(repeat, list(cases.values())), strict=True))


class Table:
    def __init__(self, quick: bool = False) -> None:
        self.rows: list[tuple[str, str, str, str, str, str]] = []
        self.quick = quick  # sizes too small to judge a target by: no verdicts

    def add(
        self,
        what: str,
        ours: float | None,
        against: str,
        theirs: float | None,
        *,
        higher_is_better: bool = False,
        target: float | None = None,
        unit: str = "ms",
        note: str = "",
    ) -> float | None:
        """A comparison: ``ratio`` is ours / theirs (or theirs / ours when ``higher_is_better``)."""
        if ours is None or theirs is None:
            self.rows.append(
                (
                    what,
                    _fmt(ours, unit),
                    against + (f" {_fmt(theirs, unit)}" if theirs else " (not installed)"),
                    "—",
                    _target(target, higher_is_better),
                    "not run",
                )
            )
            return None
        ratio = theirs / ours if higher_is_better else ours / theirs
        if target is None:
            verdict = note or ""
        elif self.quick:
            verdict = "(quick run: no verdict)"
        elif higher_is_better:
            verdict = "met" if ratio >= target else f"MISSED by {target / ratio:.2f}x"
        else:
            verdict = "met" if ratio <= target else f"MISSED by {ratio / target:.2f}x"
        self.rows.append(
            (
                what,
                _fmt(ours, unit),
                f"{against} {_fmt(theirs, unit)}",
                f"{ratio:.2f}x",
                _target(target, higher_is_better),
                verdict,
            )
        )
        return ratio

    def note(
        self, what: str, value: str, against: str = "", ratio: str = "", target: str = "", verdict: str = ""
    ) -> None:
        self.rows.append((what, value, against, ratio, target, verdict))

    def render(self) -> str:
        head = ("benchmark", "rapporteur", "against (same run)", "ratio", "target", "verdict")
        widths = [max(len(r[i]) for r in [head, *self.rows]) for i in range(6)]
        line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"  # noqa: E731
        out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        return "\n".join(out + [line(r) for r in self.rows])


def _fmt(seconds: float | None, unit: str) -> str:
    if seconds is None:
        return "—"
    if unit == "ms":
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} {unit}"


def _target(target: float | None, higher_is_better: bool) -> str:
    if target is None:
        return "—"
    return f">= {target:g}x faster" if higher_is_better else f"<= {target:g}x"


def section(title: str) -> None:
    print(f"\n== {title}", flush=True)


# -- 1. validation throughput ---------------------------------------------------------------------------


def validate_throughput(cfg: dict, tools: dict, table: Table) -> None:
    n = cfg["files"]
    section(f"validation throughput: {n:,} seed-sized reports")
    folder = WORK / "validate"
    files = [str(p) for p in make_corpus(folder, n)]
    floors = floor_scripts()
    ours = rapporteur_cmd()
    one_core = {**os.environ, "RAPPORTEUR_JOBS": "1"}
    cases = {
        "rapporteur validate DIR": lambda: sh([*ours, "validate", "-q", str(folder)]),
        "rapporteur validate DIR, one core": lambda: sh([*ours, "validate", "-q", str(folder)], env=one_core),
        "floor: read + rtoml.loads, one process": lambda: sh([sys.executable, str(floors["rtoml"]), str(folder)]),
        "floor: read + tomllib.loads, one process": lambda: sh([sys.executable, str(floors["tomllib"]), str(folder)]),
    }
    if tools["taplo"]:
        cases["taplo check (#:schema line)"] = lambda: sh([tools["taplo"], "check", *files])
    if tools["check-jsonschema"]:
        cases["check-jsonschema --schemafile"] = lambda: sh(
            [tools["check-jsonschema"], "--schemafile", str(SCHEMA), *files]
        )
    _canaries(tools, ours)
    m = medians(cases, cfg["repeat"])
    for name, secs in m.items():
        print(f"  {name:44} {secs * 1000:9.1f} ms   {secs / n * 1e6:7.1f} us/file")
    ours_t = m["rapporteur validate DIR"]
    table.add(f"validate {n:,} files vs taplo check", ours_t, "taplo", m.get("taplo check (#:schema line)"), target=1.0)
    table.add(
        f"validate {n:,} files vs check-jsonschema",
        ours_t,
        "check-jsonschema",
        m.get("check-jsonschema --schemafile"),
        higher_is_better=True,
        target=5,
    )
    table.add(
        f"validate {n:,} files vs floor (read + rtoml)",
        ours_t,
        "floor",
        m["floor: read + rtoml.loads, one process"],
        target=1.3,
    )
    table.add(
        "  ... on one core (RAPPORTEUR_JOBS=1)",
        m["rapporteur validate DIR, one core"],
        "floor",
        m["floor: read + rtoml.loads, one process"],
        note="(for reference)",
    )
    table.add(
        "  ... floor with tomllib instead of rtoml",
        m["floor: read + tomllib.loads, one process"],
        "rtoml floor",
        m["floor: read + rtoml.loads, one process"],
        note="(the parser choice)",
    )


def _canaries(tools: dict, ours: list[str]) -> None:
    """Every validator must really validate: a report with an unknown key fails under each."""
    folder = WORK / "canary"
    bad = make_corpus(folder, 1)[0]
    bad.write_text(bad.read_text(encoding="utf-8").replace("[meta]", "[meta]\nunexpected = 1", 1), encoding="utf-8")
    checks = {"rapporteur": [*ours, "validate", "-q", str(bad)]}
    if tools["taplo"]:
        checks["taplo"] = [tools["taplo"], "check", str(bad)]
    if tools["check-jsonschema"]:
        checks["check-jsonschema"] = [tools["check-jsonschema"], "--schemafile", str(SCHEMA), str(bad)]
    for name, cmd in checks.items():
        if subprocess.run(cmd, capture_output=True).returncode == 0:
            raise RuntimeError(
                f"{name} accepted a report with an unknown key: it is not validating, the comparison would be void"
            )


# -- 2. start-up ---------------------------------------------------------------------------------------


def startup(cfg: dict, table: Table) -> None:
    section("start-up: validate one file")
    target = WORK / "one" / SEED.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, target)
    ours = rapporteur_cmd()
    m = medians(
        {
            "rapporteur validate seed.toml": lambda: sh([*ours, "validate", "-q", str(target)]),
            'python -c "import tomllib, pydantic"': lambda: sh([sys.executable, "-c", "import tomllib, pydantic"]),
            'python -c "pass"': lambda: sh([sys.executable, "-c", "pass"]),
        },
        cfg["startup_repeat"],
    )
    for name, secs in m.items():
        print(f"  {name:44} {secs * 1000:9.1f} ms")
    table.add(
        "validate one file vs import tomllib, pydantic",
        m["rapporteur validate seed.toml"],
        "floor",
        m['python -c "import tomllib, pydantic"'],
        target=1.3,
    )


# -- 3. export --------------------------------------------------------------------------------------------


def export(cfg: dict, tools: dict, table: Table) -> None:
    n = cfg["batch"]
    section(f"export: the seed, and {n} reports in one call")
    folder = WORK / "export"
    if folder.exists():
        shutil.rmtree(folder)
    out = folder / "out"
    out.mkdir(parents=True)
    src = folder / SEED.name
    shutil.copy(SEED, src)
    md = folder / "seed.md"
    ours = rapporteur_cmd()
    sh([*ours, "export", "-q", "--format", "md", str(src), "-o", str(md)])
    batch = [str(p) for p in make_corpus(folder / "batch", n)]
    counter = iter(range(10**9))

    def fresh(suffix: str) -> str:
        return str(out / f"{next(counter)}{suffix}")  # a new file each time, as pandoc gets

    def batch_once() -> None:
        target = out / f"batch-{next(counter)}"
        sh([*ours, "export", "-q", *batch, "-o", str(target) + "/"], ok=(0,))
        shutil.rmtree(target)

    cases = {
        "rapporteur export seed.toml (DOCX)": lambda: sh([*ours, "export", "-q", str(src), "-o", fresh(".docx")]),
        'floor: python -c "import pydantic, docx, tomllib"': lambda: sh(
            [sys.executable, "-c", "import pydantic, docx, tomllib"]
        ),
        f"rapporteur export of {n} reports, one call": batch_once,
    }
    if tools["pandoc"]:
        cases["pandoc seed.md -o seed.docx"] = lambda: sh([tools["pandoc"], str(md), "-o", fresh(".docx")])
    m = medians(cases, cfg["repeat"])
    for name, secs in m.items():
        print(f"  {name:52} {secs * 1000:9.1f} ms")
    ours_one = m["rapporteur export seed.toml (DOCX)"]
    pandoc = m.get("pandoc seed.md -o seed.docx")
    table.add(
        "export the seed to DOCX vs import pydantic, docx, tomllib",
        ours_one,
        "floor",
        m['floor: python -c "import pydantic, docx, tomllib"'],
        target=1.2,
    )
    table.add(
        "export the seed to DOCX vs pandoc (md -> docx)",
        ours_one,
        "pandoc",
        pandoc,
        note="(pandoc is a compiled binary)",
    )
    per = m[f"rapporteur export of {n} reports, one call"] / n
    table.add(
        f"export {n} reports in one call, per report, vs pandoc per report",
        per,
        "pandoc",
        pandoc,
        higher_is_better=True,
        target=3,
    )


# -- 4. the editor ------------------------------------------------------------------------------------------


def _script_json(script: str, *args: str) -> dict:
    r = subprocess.run([sys.executable, str(HERE / script), *args, "--json"], capture_output=True, text=True, cwd=HERE)
    if r.returncode:
        raise RuntimeError(f"{script} failed: {r.stderr[-1500:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def editor(cfg: dict, table: Table) -> None:
    section("the editor (tui_startup.py, tui_typing.py, tui_large.py)")
    s = _script_json("tui_startup.py", "--runs", str(cfg["tui_runs"]))
    print("  " + json.dumps({k: round(v, 1) if isinstance(v, float) else v for k, v in s.items()}))
    table.add(
        "editor: launch to first full screen (seed) vs minimal Textual app",
        s["editor_first_ms"] / 1000,
        "minimal",
        s["minimal_ms"] / 1000,
        target=1.5,
    )
    table.add(
        "  ... to the first analysis shown",
        s["editor_ready_ms"] / 1000,
        "minimal",
        s["minimal_ms"] / 1000,
        note="(runs after the first paint)",
    )
    table.add(
        "  ... in process, warm imports, CPU",
        s["editor_first_cpu_ms"] / 1000,
        "minimal",
        s["minimal_cpu_ms"] / 1000,
        note="(Textual's cost per widget)",
    )
    words = 3000 if table.quick else 20_000
    t = _script_json("tui_typing.py", "--keys", str(cfg["keys"]), "--words", str(words))
    print("  " + json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in t.items()}))
    verdict = "met" if t["cpu_p95_ms"] < 16 else f"MISSED by {t['cpu_p95_ms'] / 16:.2f}x"
    verdict = "(quick run: no verdict)" if table.quick else verdict
    table.note(
        f"editor: CPU per key, p95, typing into {t['words']:,} words",
        f"{t['cpu_p95_ms']:.1f} ms",
        f"bare TextArea {t['bare_cpu_p95_ms']:.1f} ms",
        f"{t['cpu_p95_ms'] / t['bare_cpu_p95_ms']:.2f}x",
        "< 16 ms",
        verdict,
    )
    table.note(
        "  ... p50",
        f"{t['cpu_p50_ms']:.1f} ms",
        f"bare TextArea {t['bare_cpu_p50_ms']:.1f} ms",
        f"{t['cpu_p50_ms'] / t['bare_cpu_p50_ms']:.2f}x",
    )
    w, q = cfg["large"]
    lg = _script_json("tui_large.py", "--words", str(w), "--questions", str(q))
    print("  " + json.dumps({k: round(v, 1) if isinstance(v, float) else v for k, v in lg.items()}))
    table.note(
        f"editor: open {lg['questions']} questions, {lg['words']:,} words (to analysed)",
        f"{lg['open_ms']:.0f} ms",
        f"seed {s['editor_ready_ms']:.0f} ms",
        f"{lg['open_ms'] / s['editor_ready_ms']:.2f}x",
        "—",
        f"jump {lg['jump_ms']:.0f} ms, F8 {lg['next_part_ms']:.0f} ms, analysis {lg['analysis_ms']:.0f} ms",
    )


# -- 5. scale --------------------------------------------------------------------------------------------


def scale(cfg: dict, table: Table) -> None:
    sizes = cfg["scale_files"]
    section(f"scale: files ({', '.join(f'{s:,}' for s in sizes)}), one process each, wall time")
    corpus = [str(p) for p in make_corpus(WORK / "scale", max(sizes))]
    ours = rapporteur_cmd()
    out = WORK / "scale-out"
    rows: dict[str, list[tuple[int, float]]] = {"validate": [], "check": [], "export": []}
    for n in sizes:
        files = corpus[:n]
        repeat = 1 if n >= 10_000 else (3 if n >= 1000 else max(1, cfg["repeat"]))

        def export_once(files=files) -> None:
            if out.exists():
                shutil.rmtree(out)
            sh([*ours, "export", "-q", *files, "-o", str(out) + "/"])

        cases = {
            "validate": lambda files=files: sh([*ours, "validate", "-q", *files]),
            "check": lambda files=files: sh([*ours, "check", "-q", *files], ok=(0, 1)),
            "export": export_once,
        }
        if n >= 1000:  # long enough to need no warm-up round (10,000 files take minutes)
            m = {k: _timed(fn) for k, fn in cases.items()} if repeat == 1 else medians(cases, repeat)
        else:
            m = medians(cases, repeat)
        for k, secs in m.items():
            rows[k].append((n, secs))
    if out.exists():
        shutil.rmtree(out)
    print(
        f"  {'files':>8} "
        + "".join(f"{k + ' ms/file':>22}" for k in rows)
        + "   (marginal: the cost of each file added since the size before)"
    )
    for i, n in enumerate(sizes):
        cells = []
        for k in rows:
            total = rows[k][i][1]
            marginal = ""
            if i:
                n0, t0 = rows[k][i - 1]
                marginal = f" ({(total - t0) / (n - n0) * 1000:.2f})"
            cells.append(f"{total / n * 1000:.2f}{marginal}")
        print(f"  {n:>8,} " + "".join(f"{c:>22}" for c in cells))
    for k in rows:
        (n0, t0), (n1, t1) = rows[k][-2], rows[k][-1]
        (na, ta), (nb, tb) = rows[k][0], rows[k][1]
        table.note(
            f"scale: {k}, {n1:,} files",
            f"{(t1 - t0) / (n1 - n0) * 1000:.2f} ms/file marginal",
            f"{nb:,} files {(tb - ta) / max(1, nb - na) * 1000:.2f} ms/file",
            "",
            "linear",
            "per-file cost flat or falling",
        )

    words = cfg["scale_words"]
    section(f"scale: words per report ({', '.join(f'{w:,}' for w in words)}), in process, warm")
    from checks_speed import build

    from rapporteur.checks import run_checks
    from rapporteur.checks.context import Context
    from rapporteur.checks.length import report_words
    from rapporteur.export.api import export_report
    from rapporteur.rules import RULES
    from rapporteur.style import DEFAULT_STYLE
    from rapporteur.tomlio import parse_source
    from rapporteur.validate import validate_source

    folder = WORK / "words"
    folder.mkdir(parents=True, exist_ok=True)
    per: dict[str, list[tuple[int, float]]] = {"validate": [], "check": [], "export docx": [], "export md": []}
    for target in words:
        text = build(target)
        path = folder / f"words-{target}.toml"
        path.write_text(text, encoding="utf-8")
        raw = text.encode("utf-8")
        report = validate_source(parse_source(raw, "w.toml")).report
        n_words = report_words(Context(report, DEFAULT_STYLE, frozenset(RULES)))

        def check_once(raw=raw) -> None:
            source = parse_source(raw, "w.toml")
            run_checks(validate_source(source, final=False).report, source=source)

        m = medians(
            {
                "validate": lambda raw=raw: validate_source(parse_source(raw, "w.toml"), fast=True),
                "check": check_once,
                "export docx": lambda path=path: export_report(path, output=folder / "w.docx", force=True),
                "export md": lambda path=path: export_report(path, to="md", output=folder / "w.md", force=True),
            },
            max(1, min(cfg["repeat"], 5)),
        )
        for k, secs in m.items():
            per[k].append((n_words, secs))
    print(f"  {'words':>8} " + "".join(f"{k + ' us/word':>20}" for k in per))
    for i in range(len(words)):
        print(f"  {per['validate'][i][0]:>8,} " + "".join(f"{per[k][i][1] / per[k][i][0] * 1e6:>20.2f}" for k in per))
    for k in per:
        (w0, t0), (w1, t1) = per[k][0], per[k][-1]
        ratio = (t1 / w1) / (t0 / w0)
        table.note(
            f"scale: {k}, {w1:,} words",
            f"{t1 / w1 * 1e6:.2f} us/word",
            f"{w0:,} words {t0 / w0 * 1e6:.2f} us/word",
            f"{ratio:.2f}x",
            "linear (~1x)",
            "linear" if ratio < 1.5 else f"grows {ratio:.2f}x per word",
        )


# -- main ----------------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{dt.date.today().isoformat()}; {platform.platform()}; Python {platform.python_version()}; {os.cpu_count()} x {cpu}"


SECTIONS = ("validate", "startup", "export", "editor", "scale")


def compile_bytecode() -> None:
    """Measure what an installed copy runs: pip compiles a package's bytecode when it installs
    it, but an editable install does not, and with ``PYTHONDONTWRITEBYTECODE`` set (as on
    this machine) every new process would compile each module changed since its last .pyc:
    18 ms for validate, far more for the editor, on top of what users pay."""
    import compileall

    import rapporteur

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # the children write any .pyc still missing
    sys.dont_write_bytecode = False
    compileall.compile_dir(os.path.dirname(rapporteur.__file__), quiet=1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="a smoke run: small sizes, few repeats")
    ap.add_argument("--no-install", action="store_true", help="do not install missing peers (their rows say 'not run')")
    ap.add_argument("--only", action="append", choices=SECTIONS, help="run only these sections (repeatable)")
    ap.add_argument("--json", metavar="FILE", help="also write the table rows as JSON")
    ap.add_argument(
        "--scale-files", metavar="N,N,...", help="file counts for the scale section (default 1,10,100,1000,10000)"
    )
    args = ap.parse_args(argv)
    cfg = dict(QUICK if args.quick else FULL)
    if args.scale_files:
        cfg["scale_files"] = [int(n) for n in args.scale_files.split(",")]
    tools = ensure_peers(not args.no_install)
    compile_bytecode()
    WORK.mkdir(parents=True, exist_ok=True)
    print(f"rapporteur benchmarks{' (quick)' if args.quick else ''}: {machine()}")
    print(
        "peers: " + "; ".join(f"{k} {version_of([v, '--version']) if v else 'not installed'}" for k, v in tools.items())
    )
    table = Table(quick=args.quick)
    started = time.perf_counter()
    wanted = args.only or SECTIONS
    if "validate" in wanted:
        validate_throughput(cfg, tools, table)
    if "startup" in wanted:
        startup(cfg, table)
    if "export" in wanted:
        export(cfg, tools, table)
    if "editor" in wanted:
        editor(cfg, table)
    if "scale" in wanted:
        scale(cfg, table)
    print(
        f"\n== results: medians of interleaved rounds, measured side by side in this run ({time.perf_counter() - started:.0f} s)\n"
    )
    print(table.render())
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine(), "rows": table.rows}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
