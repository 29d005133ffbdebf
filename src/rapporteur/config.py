"""The user's own settings, in ``config.toml`` in their config directory.

Looked up with platformdirs (``~/.config/rapporteur/config.toml`` on Linux), or
the file named by ``RAPPORTEUR_CONFIG``. Tables:

``[rapporteur]``  who you are, to pre-fill "Report prepared by" in new reports
                  (honorific, name, designation, centre, organisation, place);
``[organiser]``   your institution (name, short_name), pre-filled in new reports;
``[house]``       house-style settings, as in a repository's ``rapporteur.toml``;
``[keys]``        key remapping for the editor: binding id = "key[,key]";
``[editor]``      theme, autosave_seconds.

A broken config never stops the tool: it is reported once and ignored.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

APP_NAME = "rapporteur"
KNOWN_TABLES = ("rapporteur", "organiser", "house", "keys", "editor")


def user_config_path() -> Path:
    override = os.environ.get("RAPPORTEUR_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_path as _ucp

    return _ucp(APP_NAME, appauthor=False) / "config.toml"


@dataclass
class UserConfig:
    path: Path
    data: dict = field(default_factory=dict)
    problem: str | None = None  # why the file was ignored, if it was

    def table(self, name: str) -> dict:
        value = self.data.get(name, {})
        return value if isinstance(value, dict) else {}


def load_user_config(path: Path | None = None) -> UserConfig:
    path = path or user_config_path()
    try:
        raw = path.read_bytes()
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
