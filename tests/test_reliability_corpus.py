"""Every command that reads a report, run over a corpus of bad inputs (issue 6).

``tests/corpus/manifest.toml`` lists each input and what every command must do with it;
``tests/corpus/make_corpus.py`` makes the inputs (a 10 MB file, NUL bytes, a FIFO, a
symlink loop, zip bombs ...). Each command runs as a subprocess, as CI runs it, and must:
exit with exactly the documented code, print one clear message holding the manifest's
fragment (at the manifest's line and column), never a traceback or an internal error,
never a line longer than a screenful, and finish within a time and memory bound.

The editor is part of it: ``rapporteur edit`` must refuse a file that is not TOML with a
positioned error; a file that is TOML opens (headless, ``App.run_test``) and its problems
panel must list the problem.

Runs go in parallel (one worker per core, or ``RAPPORTEUR_CORPUS_WORKERS``) and are shared by
the tests; the figures (the slowest input per command, the peak memory) go to
``$RAPPORTEUR_FIGURES/corpus.json`` when that variable names a folder (see docs/reliability.md).

The unreadable file: tests run as root in CI, and root reads any file. The run that needs
it goes through ``setpriv --bounding-set=-all --inh-caps=-all``: still uid 0 (so the
interpreter under /root stays reachable) but without CAP_DAC_OVERRIDE, so the permission
bits apply. Without setpriv that case is skipped.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus import make_corpus

from conftest import save_figures

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "corpus" / "run_measured.py"
COMMANDS = ("validate", "fmt", "check", "export", "import", "edit")
TIMEOUT = 90  # seconds: a run still going after this has hung
SLOW = 60  # seconds: a hang detector, not a speed target (figures go to docs/reliability.md); generous for a loaded machine
MAX_RSS_MB = 400  # the 10 MB input peaks near 100 MB; 1.3 GB before the fixes
MAX_LINE = 1000  # characters: one diagnostic is one readable line

# every command on every bad input, each in a new process: the slow tier
pytestmark = pytest.mark.slow

MANIFEST = make_corpus.manifest()
CASES = {c["name"]: c for c in MANIFEST["case"]}
DOCUMENTS = {d["name"]: d for d in MANIFEST["document"]}
FIGURES: dict = {"runs": {}, "documents": {}, "editor": {}}


def _no_privilege() -> list[str] | None:
    """The command prefix under which file permissions apply (None: not possible here)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all"] if setpriv else None


def _env(work: Path) -> dict:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    env.pop("GITHUB_ACTIONS", None)
    env["RAPPORTEUR_CONFIG"] = str(work / "no-config.toml")  # no user's house style or keys
    env["RAPPORTEUR_STATE_DIR"] = str(work / "state")
    return env


@dataclasses.dataclass
class Run:
    args: list[str]
    code: int | str  # "timeout" when it hung
    out: str
    err: str
    seconds: float
    rss_mb: float | None

    @property
    def text(self) -> str:
        return self.out + self.err


def run(args: list[str], cwd: Path, work: Path, prefix: list[str] = ()) -> Run:
    rss_file = work / "rss" / f"{time.monotonic_ns()}-{os.getpid()}-{abs(hash(tuple(args)))}"
    start = time.perf_counter()
    try:
        r = subprocess.run(
            [*prefix, sys.executable, str(RUNNER), str(rss_file), *args],
            cwd=cwd,
            env=_env(work),
            capture_output=True,
            text=True,
            errors="backslashreplace",
            stdin=subprocess.DEVNULL,
            timeout=TIMEOUT,
        )
        code, out, err = r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired as exc:
        code, out, err = "timeout", str(exc.stdout or ""), str(exc.stderr or "")
    seconds = time.perf_counter() - start
    try:
        rss = int(rss_file.read_text()) / 1024
    except (OSError, ValueError):
        rss = None
    return Run(args, code, out, err, seconds, rss)


# -- the corpus, made once, and every run of it ----------------------------------------------------


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    toml = make_corpus.build_toml(root / "toml")
    docs = make_corpus.build_docx(root / "docx")
    for sub in ("rss", "out", "state"):
        (root / sub).mkdir()
    digests = {
        name: hashlib.sha256(p.read_bytes()).hexdigest()
        for name, p in toml.items()
        if p.is_file() and not p.is_symlink() and os.access(p, os.R_OK) and CASES[name].get("special") != "unreadable"
    }
    return {"root": root, "toml": toml, "docx": docs, "digests": digests}


def _opens_in_editor(path: Path) -> bool:
    """Whether the editor opens the file (it is readable TOML) rather than refusing it."""
    from rapporteur.tomlio import ReportIOError, read_source

    try:
        return read_source(path).data is not None
    except ReportIOError:
        return False


def _command_args(command: str, path: Path, root: Path) -> list[str]:
    name = path.name
    return {
        "validate": ["validate", name],
        "fmt": ["fmt", "--check", name],
        "check": ["check", name],
        "export": ["export", name, "-o", str(root / "out" / (name + ".docx"))],
        "import": ["import", name, "-o", str(root / "out" / (name + ".imported.toml"))],
        "edit": ["edit", name],
    }[command]


@pytest.fixture(scope="session")
def jobs(corpus):
    """Every run of the corpus, started at once on a pool of one worker per core.

    ``(case, command)`` -> a future of :class:`Run` for the TOML inputs, ``(document,
    "import" | "reference")`` for the untrusted documents. Tests wait for the run they
    check, so the editor's headless opens (in this process) overlap with the pool's work.
    """
    root = corpus["root"]
    report = root / "out" / "report.toml"
    shutil.copy(make_corpus.BASE, report)
    unprivileged = _no_privilege()
    futures: dict = {}
    workers = int(os.environ.get("RAPPORTEUR_CORPUS_WORKERS", "0")) or os.cpu_count() or 2  # 1: quiet timings
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
    # the slowest inputs first, so that the pool ends evenly
    for name in sorted(CASES, key=lambda n: "make" not in CASES[n]):
        case, path = CASES[name], corpus["toml"][name]
        prefix: list[str] = []
        if case.get("special") == "unreadable":
            if unprivileged is None:
                continue
            prefix = unprivileged
        for command in COMMANDS:
            if command == "edit" and not prefix and _opens_in_editor(path):
                continue  # it opens: the test opens it headless
            futures[(name, command)] = pool.submit(run, _command_args(command, path, root), path.parent, root, prefix)
    for name, path in corpus["docx"].items():
        prefix = []
        if name == "unreadable.docx":
            if unprivileged is None:
                continue
            prefix = unprivileged
        out_toml = root / "out" / (name + ".toml")
        out_docx = root / "out" / ("ref-" + name + ".docx")
        futures[(name, "import")] = pool.submit(run, ["import", name, "-o", str(out_toml)], path.parent, root, prefix)
        futures[(name, "reference")] = pool.submit(
            run, ["export", str(report), "-o", str(out_docx), "--reference-doc", name], path.parent, root, prefix
        )
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


def result(jobs: dict, key: tuple) -> Run:
    """The run of ``key`` (waiting for it), noted for the figures."""
    r = jobs[key].result()
    group = "documents" if key[0] in DOCUMENTS else "runs"
    FIGURES[group][f"{key[0]} {key[1]}"] = {
        "code": r.code,
        "seconds": round(r.seconds, 3),
        "rss_mb": r.rss_mb and round(r.rss_mb, 1),
    }
    return r


def expected(case: dict, command: str) -> dict:
    want = {k: case[k] for k in ("exit", "message", "line", "col", "count") if k in case}
    override = case.get(command, {})
    if override:
        if "exit" in override and "message" not in override:
            want = {k: v for k, v in want.items() if k not in ("message", "line", "col", "count")}
        if "message" in override:
            want = {k: v for k, v in want.items() if k not in ("line", "col", "count")}
        want.update(override)
    if command == "import" and "exit" not in override:
        want = {"exit": 1, "message": "not a Word document"}
    return want


def check_run(r: Run, want: dict, shown: str, command: str) -> None:
    where = f"{' '.join(r.args)} (exit {r.code}):\n{r.text[:3000]}"
    assert r.code != "timeout", f"hung: {where}"
    assert "Traceback" not in r.text, where
    assert "internal error" not in r.text, where
    assert r.code == want["exit"], where
    long = [len(line) for line in r.text.splitlines() if len(line) > MAX_LINE]
    assert not long, f"lines of {long} characters: {where}"
    assert r.seconds < SLOW, f"took {r.seconds:.1f} s: {where}"
    if r.rss_mb is not None:
        assert r.rss_mb < MAX_RSS_MB, f"peaked at {r.rss_mb:.0f} MB: {where}"
    if "message" not in want:
        return
    message = want["message"]
    lines = r.text.splitlines()
    hits = [line for line in lines if message in line]
    assert hits, f"{message!r} not said: {where}"
    if command == "import" or (command == "edit" and want["exit"] == 2):
        said = [line for line in r.err.splitlines() if line.startswith("rapporteur:")]
        assert len(said) == 1 and not r.out.strip(), f"not one message: {where}"
        return
    diagnostics = [line for line in lines if line.startswith(f"{shown}:") and "error[" in line]
    if command == "fmt" and message == "would reformat":
        return
    assert len(diagnostics) == want.get("count", 1), (
        f"{len(diagnostics)} diagnostics, not {want.get('count', 1)}: {where}"
    )
    if "line" in want:
        assert hits[0].startswith(f"{shown}:{want['line']}:{want['col']}: "), (
            f"not at {want['line']}:{want['col']}: {where}"
        )


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", list(CASES))
def test_every_command_on_every_bad_input(jobs, corpus, tmp_path, monkeypatch, name, command):
    case = CASES[name]
    if case.get("special") == "unreadable" and _no_privilege() is None:
        pytest.skip("running as root without setpriv: root reads any file")
    if (name, command) not in jobs:  # the editor opens this file: open it headless
        assert command == "edit"
        monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path / "no-config.toml"))
        monkeypatch.setenv("RAPPORTEUR_STATE_DIR", str(tmp_path / "state"))
        editor_shows_the_problem(corpus["toml"][name], name, expected(case, "edit")["message"])
        return
    r = result(jobs, (name, command))
    path = corpus["toml"][name]
    check_run(r, expected(case, command), path.name, command)
    want = expected(case, command)
    if command == "export" and want["exit"] != 0:
        assert not (corpus["root"] / "out" / (path.name + ".docx")).exists(), "a refused export left a file"
    if command == "import":
        assert not (corpus["root"] / "out" / (path.name + ".imported.toml")).exists(), "a refused import left a file"


def test_the_corpus_is_big_enough_and_covers_the_issue():
    assert len(CASES) >= 60
    kinds = {c.get("special") or c.get("make") or c.get("encoding") for c in CASES.values()}
    for needed in (
        "ten-megabytes",
        "one-megabyte-string",
        "binary",
        "deep-arrays",
        "directory",
        "unreadable",
        "symlink-loop",
        "fifo",
        "latin-1",
    ):
        assert needed in kinds, needed
    assert any(c.get("bom") for c in CASES.values()) and any(
        "\x00" in new for c in CASES.values() for _, new in c.get("replace", [])
    )
    assert {d["name"] for d in MANIFEST["document"]} >= {
        "bomb-custom-xml.docx",
        "truncated-half.docx",
        "pandoc.docx",
        "libreoffice.docx",
    }


def test_no_command_changed_a_bad_input(jobs, corpus):
    concurrent.futures.wait(jobs.values())
    for name, digest in corpus["digests"].items():
        assert hashlib.sha256(corpus["toml"][name].read_bytes()).hexdigest() == digest, name


# -- the editor opens what is TOML and shows what is wrong -----------------------------------------


async def _open_in_editor(path: Path, message: str) -> None:
    from rapporteur.tui.app import RapporteurApp

    app = RapporteurApp(path, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        ed = app.editor
        assert ed is not None and app.is_running
        shown = [
            f"{p.diag.path}: {p.diag.full_message()}" if p.diag.path else p.diag.full_message() for p in ed.ordered
        ]
        assert any(message in s for s in shown), shown
        assert ed.status.errors + ed.status.todos >= 1
        await pilot.press("f2")  # go to the first thing to fix: never a crash
        await pilot.pause()
        assert app.is_running


def editor_shows_the_problem(path: Path, name: str, message: str) -> None:
    before = path.read_bytes()
    start = time.perf_counter()
    asyncio.run(_open_in_editor(path, message))
    FIGURES["editor"][name] = round(time.perf_counter() - start, 3)
    assert time.perf_counter() - start < SLOW
    assert path.read_bytes() == before  # opening changes nothing


# -- untrusted documents: import and --reference-doc -----------------------------------------------


@pytest.mark.parametrize("command", ["import", "reference"])
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_untrusted_documents(corpus, jobs, request, name, command):
    doc = DOCUMENTS[name]
    if doc[command].get("xfail"):
        request.applymarker(pytest.mark.xfail(strict=True, reason=doc[command]["xfail"]))
    if name not in corpus["docx"]:
        pytest.skip(f"{doc.get('requires')} is not installed")
    if (name, command) not in jobs:
        pytest.skip("running as root without setpriv: root reads any file")
    r = result(jobs, (name, command))
    want = doc[command]
    where = f"{' '.join(r.args)} (exit {r.code}):\n{r.text[:3000]}"
    assert r.code == want["exit"], where
    assert "Traceback" not in r.text and "internal error" not in r.text, where
    assert r.seconds < SLOW, f"took {r.seconds:.1f} s: {where}"
    assert r.rss_mb is None or r.rss_mb < want.get("max_rss_mb", 200), f"peaked at {r.rss_mb:.0f} MB: {where}"
    out_toml = corpus["root"] / "out" / (name + ".toml")
    out_docx = corpus["root"] / "out" / ("ref-" + name + ".docx")
    if want["exit"]:
        said = [line for line in r.text.splitlines() if want["message"] in line]
        assert len(said) == 1, where
        assert not (out_toml if command == "import" else out_docx).exists()
        return
    if command == "import" and want.get("draft"):  # a document rapporteur never wrote: a draft from its prose
        from rapporteur.tomlio import parse_source
        from rapporteur.validate import validate_source

        result_ = validate_source(parse_source(out_toml.read_bytes(), out_toml.name))
        assert result_.report is not None and result_.report.meta.status == "draft", where
        assert not [d for d in result_.diagnostics if d.severity == "error"], where
        return
    if command == "import":  # a document rapporteur wrote: the report it carries comes back
        assert out_toml.read_bytes() == make_corpus.SEED_DOCX.with_suffix(".toml").read_bytes()
        return
    # a reference document that works: the export restyled by it imports back to the report
    back = run(["import", str(out_docx), "-o", "-"], corpus["root"], corpus["root"])
    assert back.code == 0 and back.out == make_corpus.BASE.read_text(encoding="utf-8"), back.text


def test_zip_bombs_stay_small(jobs):
    """The figures docs/reliability.md quotes: a 200 MB bomb read in bounded memory."""
    for key in [("bomb-custom-xml.docx", "import"), ("bomb-styles.docx", "reference"), ("lying-sizes.docx", "import")]:
        r = result(jobs, key)
        assert r.rss_mb is not None and r.rss_mb < 120, (key, r.rss_mb)


@pytest.fixture(scope="module", autouse=True)
def write_figures():
    yield
    save_figures("corpus.json", FIGURES)
