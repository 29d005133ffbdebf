"""The problems panel, the status bar and the preview pane."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..document import Problem

_STYLE = {"error": "bold red", "todo": "yellow", "warning": "magenta"}
_KIND_ORDER = {"error": 0, "warning": 1, "todo": 2}


class ProblemsPanel(OptionList):
    """Everything wrong or still to do; Enter on a problem jumps to its field."""

    BORDER_TITLE = "Problems"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problems: list[Problem] = []

    def show(self, problems: list[Problem], where: Callable[[Problem], str], words: Callable[[str], str] = str) -> None:
        """``where(problem)`` gives the readable location of a problem; ``words`` puts field paths in words."""
        highlighted = self.highlighted
        self.problems = list(problems)
        self.clear_options()
        if not problems:
            self.add_option(Option(Text("Nothing to fix: no errors, nothing left to do.", "green"), disabled=True))
        else:
            options = []
            for i, p in enumerate(self.problems):
                t = Text(no_wrap=False)
                t.append(f"{p.marker} ", _STYLE[p.kind])
                t.append(where(p), "bold")
                t.append(": ")
                t.append(words(p.diag.message))
                if p.diag.hint:
                    t.append(f" ({words(p.diag.hint)})", "dim")
                if p.kind == "warning":
                    t.append(f" [{p.diag.code}]", "dim")
                options.append(Option(t, id=str(i)))
            self.add_options(options)
            self.highlighted = highlighted if highlighted is not None and highlighted < len(self.problems) else 0
        errors = sum(p.kind == "error" for p in problems)
        todos = sum(p.kind == "todo" for p in problems)
        warnings = sum(p.kind == "warning" for p in problems)
        bits = [f"{errors} error{'s' if errors != 1 else ''}", f"{todos} to-do{'s' if todos != 1 else ''}"]
        if warnings:
            bits.append(f"{warnings} style")
        self.border_title = "Problems: " + ", ".join(bits) + " · Enter jumps to the field"


class Notice(Static):
    """The editor's one message line, above the status bar: one message at a time, never a stack.

    It takes its own rows in the layout, so it never covers the focused field (Textual's
    toasts did, at 80x24). The same message again only restarts its time; a message
    ``about`` something (a problem F2 jumped to) is withdrawn when that is no longer true.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.text = ""
        self.about: Any = None
        self.timer: Timer | None = None
        self.display = False

    def say(
        self, message: str, *, title: str = "", severity: str = "information", timeout: float = 4.0, about: Any = None
    ) -> None:
        text = f"{title}: {message}" if title and not message.startswith(title) else message
        if self.timer is not None:
            self.timer.stop()
        self.text, self.about = text, about
        self.update(text)
        for level in ("information", "warning", "error"):
            self.set_class(severity == level, f"-{level}")
        self.display = True
        self.timer = self.set_timer(timeout, self.withdraw)

    def withdraw(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        self.timer = None
        self.text, self.about = "", None
        self.update("")
        self.display = False


class StatusBar(Static):
    """File, unsaved marker, step, words (part / whole), problems, status (shorter under 110 columns)."""

    def on_resize(self) -> None:
        self.refresh_text()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.file = ""
        self.dirty = False
        self.step = ""
        self.part_words = 0
        self.words = 0
        self.errors = 0
        self.todos = 0
        self.warnings = 0
        self.status = "draft"
        self.message = ""
        self.analysed = False  # counts are shown once the first analysis is done

    def refresh_text(self) -> None:
        t = self.line(short_step=False)
        if 0 < self.size.width < t.cell_len:
            t = self.line(short_step=True)  # the status at the end must show: the step's name goes first
        self.update(t)

    def line(self, short_step: bool) -> Text:
        narrow = 0 < self.size.width < 110
        t = Text(no_wrap=True, overflow="ellipsis")
        name = self.file
        if narrow and len(name) > 22:
            name = name[:20] + "…"
        t.append(f" {name}", "bold")
        if narrow:
            t.append(" ●" if self.dirty else " ✓", "bold yellow" if self.dirty else "dim")
        else:
            t.append(" ● unsaved" if self.dirty else " saved", "bold yellow" if self.dirty else "dim")
        t.append(" │ ", "dim")
        step = self.step.replace("step ", "").replace(" of ", "/") if narrow else self.step
        t.append(step.split(" · ")[0] if short_step else step)
        t.append(" │ ", "dim")
        # What the figures count: the words of prose in the part shown, of the whole report's.
        if narrow:
            t.append(f"{self.part_words:,} of {self.words:,}w")
        else:
            t.append(f"{self.part_words:,} words here, {self.words:,} in all")
        t.append(" │ ", "dim")
        if not self.analysed:
            t.append("checking…", "dim")
        else:
            t.append(f"✗{self.errors}", "bold red" if self.errors else "dim")
            t.append(" ")
            t.append(f"○{self.todos}", "yellow" if self.todos else "dim")
            if self.warnings:
                t.append(f" !{self.warnings}", "magenta")
        t.append(" │ ", "dim")
        t.append(self.status, "bold green" if self.status == "final" else "")
        if self.message:
            t.append(" │ ", "dim")
            t.append(self.message, "italic")
        return t


class Preview(VerticalScroll):
    """The report as it will be exported, rendered from the exporter's Markdown."""

    BORDER_TITLE = "Preview"

    async def show_markdown(self, text: str) -> None:
        # Textual's Markdown widget (and markdown-it) is imported and mounted the first time the
        # preview is shown: most sessions never open it, and importing it cost ~50 ms at start-up.
        from textual.widgets import Markdown

        found = self.query("#preview-md")
        if found:
            await found.first(Markdown).update(text)
        else:
            await self.mount(Markdown(text, id="preview-md"))
