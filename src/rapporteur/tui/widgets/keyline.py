"""The key line at the bottom of a screen: the keys that work here, as one widget drawing one line.

Why not Textual's ``Footer``: it recomposes on every change of focus, mounting one widget per key
anew (three times before the first paint) and styling each. The key line draws Rich text and redraws
only when the keys it would show change. It reads the same public state the footer does
(``screen.active_bindings``, ``bindings_updated_signal``, ``app.get_key_display``), so hidden
bindings stay hidden and keys remapped by the user's keymap show their new key.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


PALETTE_ACTIONS = {"command_palette", "app.command_palette"}


@dataclass(frozen=True)
class Key:
    """One key as the line shows it."""

    key: str  # what simulate_key presses (the remapped key, if the user remapped it)
    display: str
    description: str
    enabled: bool
    tooltip: str


class KeyLine(Widget, can_focus=False):
    """The visible key bindings of the focused context; the command palette's key on the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "keyline--key",
        "keyline--description",
        "keyline--hover",
        "keyline--separator",
    }
    # The look of Textual's compact footer, from the theme's footer variables.
    DEFAULT_CSS = """
    KeyLine {
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        color: $footer-foreground;
        background: $footer-background;
        .keyline--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keyline--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keyline--hover {
            background: $block-hover-background;
        }
        .keyline--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.keys: tuple[Key, ...] = ()
        self.palette: Key | None = None
        self.hovered: int | None = None
        # (first column, past the last column, index into keys or -1 for the palette), as last drawn
        self.spans: list[tuple[int, int, int]] = []

    # -- what to show ---------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        """Redraw only if the keys shown would change (focus moves often; the keys change rarely)."""
        if not self.is_attached or screen is not self.screen:
            return
        keys, palette = self.visible_keys(screen)
        if keys != self.keys or palette != self.palette:
            self.keys, self.palette = keys, palette
            self.hovered = None
            self.spans = []  # until redrawn: a click meanwhile presses nothing rather than the wrong key
            self.refresh()

    def visible_keys(self, screen: Screen) -> tuple[tuple[Key, ...], Key | None]:
        """The shown bindings, one per action (the first key bound to it), and the palette's key."""
        app = self.app
        keys: list[Key] = []
        actions: set[str] = set()
        palette = None
        for active_binding in screen.active_bindings.values():
            binding = active_binding.binding
            tooltip = active_binding.tooltip or binding.tooltip
            key = Key(binding.key, app.get_key_display(binding), binding.description, active_binding.enabled, tooltip)
            # the palette found by its action, not by Ctrl+P: the user's keymap may have moved it
            if palette is None and app.ENABLE_COMMAND_PALETTE and binding.action in PALETTE_ACTIONS:
                palette = replace(key, tooltip=binding.tooltip or binding.description)
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                keys.append(key)
        return tuple(keys), palette

    # -- drawing --------------------------------------------------------------------------------------
    def render(self) -> Text:
        key_style = self.get_component_rich_style("keyline--key")
        description_style = self.get_component_rich_style("keyline--description")
        # the hovered key takes the hover background only: its key and description keep their colours
        hover_style = Style(bgcolor=self.get_component_rich_style("keyline--hover").bgcolor)
        width = self.size.width
        spans: list[tuple[int, int, int]] = []

        def piece(k: Key, index: int) -> Text:
            t = Text.assemble((k.display, key_style))
            if k.description:
                t.append(" " + k.description, description_style)
            if index == self.hovered:
                t.stylize(hover_style)
            if not k.enabled:
                t.stylize("dim")
            return t

        right = Text()
        if self.palette is not None:
            right.append("▏", self.get_component_rich_style("keyline--separator"))
            right.append_text(piece(self.palette, -1))
            right.append(" ")  # the footer's margin after its last key
        left_width = max(0, width - right.cell_len)
        line = Text(no_wrap=True, overflow="crop", end="")
        for i, k in enumerate(self.keys):
            start = line.cell_len
            if start >= left_width:
                break
            line.append_text(piece(k, i))
            spans.append((start, min(line.cell_len, left_width), i))
            line.append(" ")
        line.truncate(left_width, overflow="crop", pad=True)
        if right:
            spans.append((left_width + 1, width - 1, -1))
            line.append_text(right)
        self.spans = spans
        return line

    # -- the mouse: a click on a key presses it --------------------------------------------------------
    def key_at(self, x: int) -> tuple[int, Key] | None:
        for start, end, index in self.spans:
            if start <= x < end:
                key = self.palette if index == -1 else self.keys[index]
                return (index, key) if key is not None else None
        return None

    def on_click(self, event: events.Click) -> None:
        found = self.key_at(event.x)
        if found is None:
            return
        event.stop()
        _index, key = found
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        found = self.key_at(event.x)
        hovered = None if found is None else found[0]
        if hovered != self.hovered:
            self.hovered = hovered
            self.tooltip = None if found is None else (found[1].tooltip or None)
            self.styles.pointer = "default" if found is None else "pointer"
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self.hovered is not None:
            self.hovered = None
            self.styles.pointer = "default"
            self.refresh()
