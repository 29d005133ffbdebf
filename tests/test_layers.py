"""Modules never import each other in a circle (issue 15.4), not even lazily.

A circle (``style`` -> ``checks.registry``, whose package imports ``style``) works only
as long as every import in it stays inside a function; this test reads the imports of
every module in ``src/rapporteur`` (module level and inside functions, a package's
``__init__`` counted for each of its modules; not those only type checkers read) and
finds the circles.
"""

from __future__ import annotations

import ast

from conftest import ROOT

SRC = ROOT / "src" / "rapporteur"


def _modules() -> dict[str, object]:
    out = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        deps: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {
            id(n)
            for block in ast.walk(tree)
            if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
            for n in ast.walk(block)
        }
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue  # read by type checkers only: never run
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(node.level - 1):
                    base = base.rsplit(".", 1)[0]
                full = (f"{base}.{node.module}" if node.module else base) if node.level else (node.module or "")
                targets = [f"{full}.{a.name}" if f"{full}.{a.name}" in mods else full for a in node.names]
            for t in targets:
                while t and t.startswith("rapporteur"):  # importing a.b.c runs a.b's __init__ too
                    if t in mods and t != name and not name.startswith(t + "."):
                        deps.add(t)
                    t = t.rpartition(".")[0]
        graph[name] = deps
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return out


def test_no_module_imports_itself_through_others():
    assert _cycles(_graph()) == []


def test_no_private_name_is_imported_from_tomlio():
    for path in SRC.rglob("*.py"):
        if path.name != "tomlio.py":
            assert "tomlio import _io_message" not in path.read_text(encoding="utf-8"), path
