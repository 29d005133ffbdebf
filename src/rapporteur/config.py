"""The user's own settings, in ``config.toml`` in their config directory.

Looked up with platformdirs (``~/.config/rapporteur/config.toml`` on Linux), or
the file named by ``RAPPORTEUR_CONFIG``. Tables:

``[rapporteur]``  who you are, to pre-fill "Report prepared by" in new reports
                  (honorific, name, designation, centre, organisation, place);
``[organiser]``   your institution (name, short_name), pre-filled in new reports;
``[house]``       house-style settings, as in a repository's ``rapporteur.toml``;
``[keys]``        key remapping for the editor: binding id = "key[,key]";
``[editor]``      theme, autosave_seconds, cursor_blink, layout (narrative or sectioned preview).

A broken config never stops the tool: it is reported once and ignored. Neither does a
missing one, nor a machine where the home directory cannot be known (no ``HOME``, no
passwd entry: a container, a service account): the tool runs without a user config and
says so once.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .tomlio import read_regular

APP_NAME = "rapporteur"
KNOWN_TABLES = ("rapporteur", "organiser", "house", "keys", "editor")


NO_HOME = (
    "the home directory cannot be determined (no HOME, no passwd entry), so there is no user config; "
    "using defaults (set HOME or RAPPORTEUR_CONFIG to use one)"
)


def user_config_path() -> Path | None:
    """Where the user's config is; None when no home directory can be determined."""
    override = os.environ.get("RAPPORTEUR_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_path as _ucp

    try:
        path = _ucp(APP_NAME, appauthor=False) / "config.toml"
    except (RuntimeError, KeyError, OSError):  # platformdirs: "could not determine the home directory"
        return None
    return path if path.is_absolute() else None  # "~/.config" left unexpanded would be relative to the cwd


@dataclass
class UserConfig:
    path: Path | None  # None: no home directory, so no user config at all
    data: dict = field(default_factory=dict)
    problem: str | None = None  # why the file was ignored, if it was

    def table(self, name: str) -> dict[str, Any]:
        value = self.data.get(name, {})
        return value if isinstance(value, dict) else {}


def load_user_config(path: Path | None = None) -> UserConfig:
    """The user's config; never raises (a problem is kept in ``problem``, to be said once)."""
    path = path or user_config_path()
    if path is None:
        return UserConfig(None, problem=NO_HOME)
    try:
        raw = read_regular(path)  # a FIFO or /dev/zero as the config must not hang every command
    except FileNotFoundError:
        return UserConfig(path)
    except OSError as exc:
        return UserConfig(path, problem=f"{path}: cannot read the config ({exc.strerror}); using defaults")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return UserConfig(path, problem=f"{path}: {exc}; using defaults")
    unknown = [k for k in data if k not in KNOWN_TABLES]
    problem = f"{path}: unknown table(s) {', '.join(unknown)} ignored" if unknown else None
    return UserConfig(path, data, problem)


# -- typed views of the tables (used by ``new`` and the editor; no terminal code) ------------

#: Editor settings and their defaults.
EDITOR_DEFAULTS = {"theme": "textual-dark", "autosave_seconds": 2.0, "cursor_blink": True, "layout": "narrative"}


@dataclass
class EditorSettings:
    theme: str = "textual-dark"
    autosave_seconds: float = 2.0
    cursor_blink: bool = True
    layout: str = "narrative"
    problems: list[str] = field(default_factory=list)


def editor_settings(config: UserConfig) -> EditorSettings:
    """``[editor]`` with its values checked; a bad value is reported and replaced by the default."""
    table = config.table("editor")
    out = EditorSettings()
    theme = table.get("theme")
    if theme is not None:
        if isinstance(theme, str) and theme.strip():
            out.theme = theme.strip()
        else:
            out.problems.append('[editor] theme must be a theme name such as "textual-dark"')
    secs = table.get("autosave_seconds")
    if secs is not None:
        if isinstance(secs, (int, float)) and not isinstance(secs, bool) and 0.2 <= secs <= 600:
            out.autosave_seconds = float(secs)
        else:
            out.problems.append("[editor] autosave_seconds must be a number of seconds between 0.2 and 600")
    blink = table.get("cursor_blink")
    if blink is not None:
        if isinstance(blink, bool):
            out.cursor_blink = blink
        else:
            out.problems.append("[editor] cursor_blink must be true or false")
    layout = table.get("layout")
    if layout is not None:
        if layout in ("narrative", "sectioned"):
            out.layout = layout
        else:
            out.problems.append('[editor] layout must be "narrative" or "sectioned"')
    for key in table:
        if key not in EDITOR_DEFAULTS:
            out.problems.append(f"[editor] unknown setting '{key}' ignored")
    return out


def keymap(config: UserConfig) -> tuple[dict[str, str], list[str]]:
    """``[keys]``: binding id -> "key[,key]", and what was wrong with the table.

    Values may be a string (``save = "ctrl+s,f12"``) or a list of strings.
    """
    out: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in config.table("keys").items():
        if isinstance(keys, list) and keys and all(isinstance(k, str) and k.strip() for k in keys):
            keys = ",".join(k.strip() for k in keys)
        if not isinstance(keys, str) or not keys.strip():
            problems.append(f'[keys] {binding_id}: expected a key such as "ctrl+s" or a list of keys')
            continue
        out[str(binding_id)] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return out, problems
