"""The outline: every part of the report, marked complete (✓), to do (○ n) or in error (✗ n)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from .. import keys
from ..document import Part, Problem


class Outline(Tree[Part]):
    """Parts as tree nodes; ``node.data`` is the :class:`Part`."""

    BINDINGS = keys.bindings("outline")
    ICON_NODE = ""
    ICON_NODE_EXPANDED = ""

    def __init__(self, **kwargs) -> None:
        super().__init__("Report", **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self.nodes_by_path: dict[tuple, TreeNode[Part]] = {}
        self.order: dict[tuple, int] = {}
        self._counts: dict[tuple, tuple[int, int, int]] = {}

    # -- building -----------------------------------------------------------------------------
    def rebuild(self, parts: list[Part], problems: list[Problem] | None) -> None:
        """The nodes of ``parts``; with ``problems`` None (not analysed yet) the nodes carry no marker."""
        self.clear()
        self.nodes_by_path = {}
        self.order = {}

        def add(parent: TreeNode[Part], part: Part) -> None:
            if part.children:
                node = parent.add("", data=part, expand=True)
                for child in part.children:
                    add(node, child)
            else:
                node = parent.add_leaf("", data=part)
            self.nodes_by_path[part.path] = node
            self.order[part.path] = len(self.order)

        for part in parts:
            add(self.root, part)
        self.update_markers(problems, force=True)

    def owner(self, loc: tuple) -> tuple:
        """The deepest outline node whose path is a prefix of ``loc``."""
        loc = tuple(loc)
        while loc and loc not in self.nodes_by_path:
            loc = loc[:-1]
        if not loc:
            return ("meta",) if ("meta",) in self.nodes_by_path else ()
        return loc

    def update_markers(self, problems: list[Problem] | None, force: bool = False) -> None:
        counts: dict[tuple, list[int]] = {}
        for p in problems or ():
            node_path = self.owner(p.loc)
            idx = {"error": 0, "todo": 1, "warning": 2}[p.kind]
            for i in range(len(node_path), 0, -1):
                prefix = node_path[:i]
                if prefix in self.nodes_by_path:
                    counts.setdefault(prefix, [0, 0, 0])[idx] += 1
        for path, node in self.nodes_by_path.items():
            c = tuple(counts.get(path, (0, 0, 0))) if problems is not None else None
            part = node.data
            key = (c, part.title, part.present)
            if not force and self._counts.get(path) == key:
                continue
            self._counts[path] = key
            node.set_label(self._label(part, c))

    @staticmethod
    def _label(part: Part, counts: tuple | None) -> Text:
        errors, todos, warnings = counts or (0, 0, 0)
        label = Text(no_wrap=True, overflow="ellipsis")
        if not part.present:
            label.append("· ", "dim")
            label.append(part.title, "dim italic")
            label.append("  (add)", "dim")
            return label
        if counts is None:
            label.append("  ")  # not analysed yet
        elif errors:
            label.append(f"✗{errors} ", "bold red")
        elif todos:
            label.append(f"○{todos} ", "yellow")
        elif warnings:
            label.append(f"!{warnings} ", "magenta")
        else:
            label.append("✓ ", "green")
        label.append(part.title, "bold" if part.kind != "item" else "")
        if part.kind == "list":
            label.append(f" ({len(part.children)})", "dim")
        return label

    # -- moving ----------------------------------------------------------------------------------
    def go_to(self, path: tuple) -> TreeNode[Part] | None:
        node = self.nodes_by_path.get(self.owner(path))
        if node is None:
            return None
        parent = node.parent
        while parent is not None:
            if not parent.is_expanded:
                parent.expand()
            parent = parent.parent
        self._tree_lines  # noqa: B018 - builds the lines so the node has its line number
        self.move_cursor(node)
        return node

    @property
    def current_path(self) -> tuple | None:
        node = self.cursor_node
        return node.data.path if node is not None and node.data is not None else None

    def paths_in_order(self) -> list[tuple]:
        return sorted(self.order, key=self.order.__getitem__)

    # -- actions (the screen does the work) -------------------------------------------------------
    def action_add_item(self) -> None:
        self.screen.add_item()  # type: ignore[attr-defined]

    def action_remove_item(self) -> None:
        self.screen.remove_item()  # type: ignore[attr-defined]

    def action_duplicate_item(self) -> None:
        self.screen.duplicate_item()  # type: ignore[attr-defined]

    def action_move_item(self, delta: int) -> None:
        self.screen.move_item(delta)  # type: ignore[attr-defined]
