"""Shared test helpers: paths to the examples, and running the CLI as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED_EXAMPLE = EXAMPLES / "china-russia-relationship.toml"
SEED_TEXT = ROOT / "seeds" / "000_985a676c5bd7bc51.txt"


# -- two tiers: `pytest -q` runs the fast one; .ci/run runs `-m ""` (both) with HYPOTHESIS_PROFILE=ci ----------

#: "fast" (the default): property tests draw a tenth of their examples; "ci": every example they ask for.
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "fast")
# No deadline: a shared machine makes any per-example time limit a flaky, timed assertion.
settings.register_profile("ci", deadline=None)
settings.register_profile("fast", deadline=None, max_examples=20)
settings.load_profile(HYPOTHESIS_PROFILE)


# -- bytecode: compiled once, not by every process a test starts -----------------------------------------
# With PYTHONDONTWRITEBYTECODE set (as on the project's machines) an editable install never gets its .pyc:
# each `python -m rapporteur` a test starts compiled every module it imported (70-80 ms for `validate`,
# more for export and the editor), and pytest rewrote every test module afresh on each run. No test
# measures that cost; they only waited for it. Reading .pyc files needs no setting, so compiling the
# package once per run (what pip does for an installed copy) serves every process after it.
sys.dont_write_bytecode = False


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return  # a pytest-xdist worker: the controller has compiled it
    import compileall

    compileall.compile_dir(ROOT / "src" / "rapporteur", quiet=1)


def examples(full: int) -> int:
    """How many examples a property test draws: ``full`` in CI, a tenth (at least 5) in the fast tier."""
    return full if HYPOTHESIS_PROFILE == "ci" else max(5, full // 10)


def example_reports() -> list[Path]:
    return sorted(EXAMPLES.glob("*.toml"))


def data_paths(value: Any, at: tuple = ()) -> Any:
    """Every path into a report's data (keys and list indices), the empty path of the whole first."""
    yield at
    if isinstance(value, dict):
        for k, v in value.items():
            yield from data_paths(v, (*at, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from data_paths(v, (*at, i))


def save_figures(name: str, figures: dict) -> None:
    """Write ``figures`` as ``$RAPPORTEUR_FIGURES/name`` when that variable names a folder
    (the reliability tests' figures; tests/corpus/figures.py prints them for docs/reliability.md)."""
    folder = os.environ.get("RAPPORTEUR_FIGURES")
    if folder:
        import json

        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_text(json.dumps(figures, indent=1, sort_keys=True), encoding="utf-8")


def run_cli(
    *args: str, cwd: Path | str | None = None, env: dict | None = None, input: str | None = None, timeout: float = 60
):
    """Run ``python -m rapporteur`` in a subprocess (what a user or CI sees)."""
    full_env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    full_env.pop("GITHUB_ACTIONS", None)
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "rapporteur", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        input=input,
        timeout=timeout,
    )


def run_main(*args: str) -> subprocess.CompletedProcess:
    """Run the CLI in this process, answered as :func:`run_cli` answers (returncode, stdout, stderr).

    For tests about what a command does rather than about the process (exit codes and messages are
    the same): a new interpreter costs a quarter of a second or more each time.
    """
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from rapporteur.cli import main

    def stream() -> io.TextIOWrapper:  # text with a .buffer beneath, as sys.stdout has
        return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")

    def text(s: io.TextIOWrapper) -> str:  # decoded as run_cli's text=True decodes: universal newlines
        s.flush()
        return s.buffer.getvalue().decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")

    saved = {k: os.environ.get(k) for k in ("NO_COLOR", "PYTHONIOENCODING", "GITHUB_ACTIONS")}
    os.environ.update(NO_COLOR="1", PYTHONIOENCODING="utf-8")
    os.environ.pop("GITHUB_ACTIONS", None)
    out, err = stream(), stream()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse --help / --version / usage errors
                code = exc.code if isinstance(exc.code, int) else 0
        return subprocess.CompletedProcess(list(args), code, text(out), text(err))
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run the CLI in-process (fast); returns (exit code, stdout, stderr)."""
    from rapporteur.cli import main

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def call(*args: str):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse --help / --version / usage errors
            code = exc.code if isinstance(exc.code, int) else 0
        out, err = capsys.readouterr()
        return code, out, err

    return call


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """A writable copy of the seed example beside a copy of the published schema."""
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "event-report.schema.json").write_bytes(
        (ROOT / "schemas" / "event-report.schema.json").read_bytes()
    )
    (tmp_path / "examples").mkdir()
    dst = tmp_path / "examples" / SEED_EXAMPLE.name
    dst.write_bytes(SEED_EXAMPLE.read_bytes())
    return dst


@pytest.fixture(params=["fast", "tomllib"])
def parser(request, monkeypatch):
    """Run a test with the fast parser (rtoml, when installed) and with tomllib."""
    from rapporteur import tomlio

    if request.param == "tomllib":
        monkeypatch.setattr(tomlio, "_FAST_LOADS", None)
    elif tomlio._FAST_LOADS is None:
        pytest.skip("rtoml is not installed")
    return request.param


def flat(text: str) -> str:
    """Exported text with its no-break spaces as plain spaces, for comparing with text typed in a test."""
    return text.replace("\u00a0", " ")


# -- the editor through Textual's pilot ----------------------------------------------------------


@pytest.fixture
def editor_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user config, recovery files in a temporary state dir, no $EDITOR: the editor as a newcomer has it."""
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("RAPPORTEUR_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


#: A user's keymap: save moved to F12, next to-do to F6 (and Ctrl+T).
REMAPPED_KEYS = '[keys]\nsave = "f12"\nnext_todo = ["f6", "ctrl+t"]\n'


@pytest.fixture
def remapped_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The editor opened with REMAPPED_KEYS as the user's config."""
    cfg = tmp_path / "config.toml"
    cfg.write_text(REMAPPED_KEYS, encoding="utf-8")
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(cfg))


async def settle(pilot: Any, seconds: float = 0.0) -> None:
    """Let the editor finish what a key started: messages, then its workers (the analysis), then a repaint."""
    await pilot.pause(seconds) if seconds else await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def run_async_tests(namespace: dict) -> None:
    """Run a module's ``async def test_*`` with asyncio.run (CI installs no asyncio plugin)."""
    import asyncio
    import functools
    import inspect

    def sync(fn: Any) -> Any:
        @functools.wraps(fn)
        def run(*args: object, **kwargs: object) -> object:
            return asyncio.run(fn(*args, **kwargs))

        return run

    for name, fn in list(namespace.items()):
        if name.startswith("test_") and inspect.iscoroutinefunction(fn):
            namespace[name] = sync(fn)
