"""``requires-python = ">=3.11"`` must be true: Debian 12's python3 is 3.11.2.

Possessive quantifiers (``a++``) and atomic groups (``(?>...)``) parse from 3.11.0 but
never match before CPython 3.11.3: ``fmt`` then refused every non-canonical report
("could not be scanned for comments") and ``check`` placed every problem at 1:1.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from conftest import ROOT, SEED_EXAMPLE

SRC = ROOT / "src" / "rapporteur"

try:
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older layouts
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_BAD_OPS = {getattr(sre_constants, n) for n in ("POSSESSIVE_REPEAT", "ATOMIC_GROUP") if hasattr(sre_constants, n)}


def _uses_possessive_or_atomic(pattern: str) -> bool:
    """Whether ``pattern`` (as a regex) holds a possessive quantifier or an atomic group."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "possible nested set" in messages that are not regexes
            parsed = sre_parse.parse(pattern)
    except (re.error, TypeError, ValueError, OverflowError, RecursionError):
        return False  # not a regex (a message, a path): nothing to run

    def walk(items: object) -> bool:
        if isinstance(items, sre_parse.SubPattern):
            items = items.data
        if not isinstance(items, (list, tuple)):
            return False
        for item in items:
            if isinstance(item, tuple) and len(item) == 2 and item[0] in _BAD_OPS:
                return True
            if isinstance(item, (list, tuple, sre_parse.SubPattern)) and walk(item):
                return True
        return False

    return walk(parsed)


def _string_constants(path: Path) -> list[tuple[int, str]]:
    """Every string constant of a module but its docstrings (prose may say "C++")."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_the_checker_sees_possessive_quantifiers_and_atomic_groups():
    assert _uses_possessive_or_atomic(r'"(?:[^"\\]++|\\.)*+"')
    assert _uses_possessive_or_atomic(r"(?>ab|a)c")
    assert _uses_possessive_or_atomic(r"x{2,5}+")
    assert not _uses_possessive_or_atomic(r'"(?:[^"\\]+|\\.)*"')
    assert not _uses_possessive_or_atomic("a plain sentence.")


def test_no_pattern_in_src_uses_possessive_quantifiers_or_atomic_groups():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {value!r}"
        for path in sorted(SRC.rglob("*.py"))
        for line, value in _string_constants(path)
        if _uses_possessive_or_atomic(value)
    ]
    assert not found, "these never match before CPython 3.11.3:\n" + "\n".join(found)


def test_no_compiled_pattern_of_any_module_uses_them():
    """The compiled patterns themselves, however they were built (f-strings, %, joins)."""
    import importlib
    import pkgutil

    import rapporteur

    found = []
    for info in pkgutil.walk_packages(rapporteur.__path__, "rapporteur."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                if _uses_possessive_or_atomic(value.pattern):
                    found.append(f"{info.name}.{name}")
    assert not found, "these never match before CPython 3.11.3: " + ", ".join(found)


# -- the real thing, on the machine's oldest interpreter -------------------------------------------------------

SYSTEM_PYTHON = "/usr/bin/python3"


def _system_python_version() -> tuple[int, ...] | None:
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        return None
    out = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import sys; print(*sys.version_info[:3])"],
        check=False,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return tuple(int(x) for x in out.stdout.split()) if out.returncode == 0 else None


@pytest.mark.slow
def test_fmt_and_check_positions_work_on_python_before_3_11_3(tmp_path):
    """Run ``fmt`` and the source map under the system python when it is 3.11.0-3.11.2.

    The installed dependencies of this environment are reused (same 3.11 ABI), so no
    network and no second install are needed.
    """
    version = _system_python_version()
    if version is None or not ((3, 11, 0) <= version < (3, 11, 3)):
        pytest.skip(f"{SYSTEM_PYTHON} is {version or 'missing'}, not a 3.11 release before 3.11.3")
    if sys.version_info[:2] != (3, 11):
        pytest.skip("this environment's packages are not for Python 3.11")
    site_packages = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *site_packages]),
        "NO_COLOR": "1",
        "RAPPORTEUR_CONFIG": str(tmp_path / "none.toml"),
    }
    probe = (
        "import sys\n"
        "from rapporteur import sourcemap, tomlio\n"
        'text = \'a = "q \\\\" r"\\nb = """x "" y"""\\nc = \\\'\\\'\\\'l\\\'\\\'\\\'\\n# note\\n[t]\\nd = 1\\n\'\n'
        "m = sourcemap.build(text)\n"
        "assert m.complete, 'source map incomplete'\n"
        "assert m.find(('t', 'd')) == (6, 1), m.find(('t', 'd'))\n"
        "assert m.comment_positions() == [(4, 1)]\n"
        "assert tomlio._long_key('[' + '.'.join(['a'] * 200) + ']\\n') == 1\n"
        "print(sys.version_info[:3])\n"
    )
    out = subprocess.run(
        [SYSTEM_PYTHON, "-c", probe], check=False, capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr

    report = tmp_path / "r.toml"
    text = SEED_EXAMPLE.read_text(encoding="utf-8")
    report.write_text(text.replace('title = "', 'title  =  "', 1), encoding="utf-8")  # not canonical
    out = subprocess.run(
        [SYSTEM_PYTHON, "-m", "rapporteur", "fmt", str(report)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "could not be scanned" not in out.stdout + out.stderr
    assert report.read_text(encoding="utf-8") == text

    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace('form = "', 'form = "not-a-', 1), encoding="utf-8")
    out = subprocess.run(
        [SYSTEM_PYTHON, "-m", "rapporteur", "validate", str(broken)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 1
    line = next(i for i, x in enumerate(text.splitlines(), 1) if x.startswith("form = "))
    assert f"broken.toml:{line}:" in out.stdout, out.stdout
