"""The outline: every part of the report, marked complete (✓), to do (○ n) or in error (✗ n)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from .. import keys
from ..document import Part, Problem, owner_of


def depth_of(node: TreeNode[Part]) -> int:
    """How deep a node sits under the (hidden) root: 0 for a top-level part."""
    depth = -1
    parent = node.parent
    while parent is not None:
        depth += 1
        parent = parent.parent
    return max(depth, 0)


class Outline(Tree[Part]):
    """Parts as tree nodes; ``node.data`` is the :class:`Part`."""

    BINDINGS = keys.bindings("outline")
    ICON_NODE = ""
    ICON_NODE_EXPANDED = ""

    class EditRequested(Message):
        """A structure key in the outline: ``action`` is add, remove, duplicate or move (by ``delta``)."""

        def __init__(self, action: str, delta: int = 0) -> None:
            super().__init__()
            self.action = action
            self.delta = delta

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("Report", **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self.nodes_by_path: dict[tuple, TreeNode[Part]] = {}
        self.order: dict[tuple, int] = {}
        self.drawn: dict[tuple, tuple[Any, ...]] = {}
        self.problems: list[Problem] | None = None

    # -- building -----------------------------------------------------------------------------
    def rebuild(self, parts: list[Part], problems: list[Problem] | None) -> None:
        """The nodes of ``parts``; with ``problems`` None (not analysed yet) the nodes carry no marker."""
        self.clear()
        self.nodes_by_path = {}
        self.order = {}

        def add(parent: TreeNode[Part], part: Part) -> None:
            self.order[part.path] = len(self.order)  # report order: a part, then what it holds
            if part.children:
                node = parent.add("", data=part, expand=True)
                self.nodes_by_path[part.path] = node
                for child in part.children:
                    add(node, child)
            else:
                self.nodes_by_path[part.path] = parent.add_leaf("", data=part)

        for part in parts:
            add(self.root, part)
        self.update_markers(problems, force=True)

    def owner(self, loc: tuple) -> tuple:
        """The deepest outline node whose path is a prefix of ``loc``."""
        return owner_of(self.nodes_by_path, loc)

    def update_markers(self, problems: list[Problem] | None, force: bool = False) -> None:
        counts: dict[tuple, list[int]] = {}
        for p in problems or ():
            node_path = self.owner(p.loc)
            idx = {"error": 0, "todo": 1, "warning": 2}[p.kind]
            for i in range(len(node_path), 0, -1):
                prefix = node_path[:i]
                if prefix in self.nodes_by_path:
                    counts.setdefault(prefix, [0, 0, 0])[idx] += 1
        self.problems = problems
        room = self.size.width - 2  # the border and the scrollbar's gap
        for path, node in self.nodes_by_path.items():
            c = tuple(counts.get(path, (0, 0, 0))) if problems is not None else None
            part = node.data
            if part is None:
                continue
            width = room - self.guide_depth * depth_of(node) if room > 0 else 0
            key = (c, part.title, part.present, width)
            if not force and self.drawn.get(path) == key:
                continue
            self.drawn[path] = key
            label = self.label_of(part, c)
            if width > 4 and label.cell_len > width:
                label.truncate(width, overflow="ellipsis")  # cut with a mark, not mid-word and unsaid
            node.set_label(label)

    def on_resize(self) -> None:
        if self.nodes_by_path:
            self.update_markers(self.problems)

    @staticmethod
    def label_of(part: Part, counts: tuple | None) -> Text:
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
        self.last_line  # noqa: B018 - Tree builds its lines when asked, so the node gets its line number
        self.move_cursor(node)
        return node

    @property
    def current_path(self) -> tuple | None:
        node = self.cursor_node
        return node.data.path if node is not None and node.data is not None else None

    def paths_in_order(self) -> list[tuple]:
        return sorted(self.order, key=self.order.__getitem__)

    # -- actions: the screen does the work ---------------------------------------------------------
    def action_add_item(self) -> None:
        self.post_message(self.EditRequested("add"))

    def action_remove_item(self) -> None:
        self.post_message(self.EditRequested("remove"))

    def action_duplicate_item(self) -> None:
        self.post_message(self.EditRequested("duplicate"))

    def action_move_item(self, delta: int) -> None:
        self.post_message(self.EditRequested("move", delta))
