"""Reading a report written for an earlier schema version: one pure function over the parsed TOML.

Version 1 -> 2 (issues 12 and 17): a session's ``chair`` and ``moderator`` become
``roles`` (chair first, then moderator: the order the lead has always printed them);
everything else in a version 1 file is also a version 2 file. The file itself changes
only when ``rapporteur fmt`` (or the editor's save) writes it back.

Anything that is not a version 1 report (no ``[meta]``, another version, a value of
the wrong type) is returned as it came: validation words its problems.
"""

from __future__ import annotations

from typing import Any

from .normalise import SCHEMA_VERSION

#: The info diagnostic's message when a file was read from an earlier version.
READ_AS = "schema_version 1 read as 2; `rapporteur fmt` upgrades the file"

_SESSION_ROLES = ("chair", "moderator")  # in the order they become roles


def version_of(data: Any) -> Any:
    """``meta.schema_version`` as written, or None."""
    meta = data.get("meta") if isinstance(data, dict) else None
    return meta.get("schema_version") if isinstance(meta, dict) else None


def _session_v1_to_v2(session: Any) -> Any:
    if not isinstance(session, dict) or not any(k in session for k in _SESSION_ROLES):
        return session
    roles: list[Any] = []
    out: dict[str, Any] = {}
    for key, value in session.items():
        if key in _SESSION_ROLES:
            continue
        out[key] = value
    for key in _SESSION_ROLES:
        value = session.get(key)
        if key in session and value != "":  # an empty id meant "nobody" in version 1
            roles.append({"role": key, "people": [value]})
    if roles:
        existing = out.get("roles")
        out["roles"] = roles + (existing if isinstance(existing, list) else [])
    # keep the table's key order as written: roles where the first of chair/moderator stood
    order = [k if k not in _SESSION_ROLES else "roles" for k in session]
    ordered = {k: out[k] for k in dict.fromkeys(order) if k in out}
    ordered.update({k: v for k, v in out.items() if k not in ordered})
    return ordered


def _v1_to_v2(data: dict) -> dict:
    out = dict(data)
    meta = dict(out["meta"])
    meta["schema_version"] = 2
    out["meta"] = meta
    sessions = out.get("sessions")
    if isinstance(sessions, list):
        out["sessions"] = [_session_v1_to_v2(s) for s in sessions]
    return out


def migrate(data: Any) -> tuple[Any, list[str]]:
    """``data`` as the current schema version, and what was done (one note per upgrade).

    Pure: ``data`` is not changed (the tables that change are copied). A version 1 file
    is the only one changed; its version must be the integer 1 (TOML ``true`` is not).
    """
    version = version_of(data)
    if type(version) is not int or version == SCHEMA_VERSION or version != 1:
        return data, []
    return _v1_to_v2(data), [READ_AS]


def moved(data: Any) -> dict[tuple, tuple]:
    """Where each value the migration moved stood in the file as written (for positions):
    ``("sessions", 0, "roles", 0) -> ("sessions", 0, "chair")``. Empty unless ``data`` is version 1."""
    if version_of(data) != 1 or type(version_of(data)) is not int:
        return {}
    out: dict[tuple, tuple] = {}
    sessions = data.get("sessions")
    for i, s in enumerate(sessions if isinstance(sessions, list) else []):
        if not isinstance(s, dict):
            continue
        r = 0
        for key in _SESSION_ROLES:
            if key in s and s[key] != "":
                out[("sessions", i, "roles", r)] = ("sessions", i, key)
                r += 1
    return out
