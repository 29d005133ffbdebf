"""The skeleton of each event form, for ``rapporteur new``.

A skeleton is a *draft* :class:`~rapporteur.model.Report` that already has the
parts a report of that form usually has, with their prose left empty: the
editor's to-do list (``validate.check_completeness``) then walks the rapporteur
through exactly what is still to write. People who speak are placeholders in the
registry (``speaker``, ``moderator`` ...) with no name yet, so that every
reference resolves and the draft is structurally valid from the first second.

What the user's config knows (who they are, their institution) is filled in.
No terminal code here: this is core, used by the CLI and the editor alike.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from . import model as m

if TYPE_CHECKING:
    from .config import UserConfig

#: Forms whose reports usually close with what the event means for the audience.
_WITH_IMPLICATIONS = {"talk", "panel-discussion", "seminar", "webinar", "conference", "book-discussion", "workshop"}

_RAPPORTEUR_KEYS = ("honorific", "name", "designation", "centre", "organisation", "place")


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _person(pid: str, designation: str | None = None) -> dict:
    p: dict[str, Any] = {"id": pid, "name": ""}
    if designation:
        p["designation"] = designation
    return p


def _presentation(speaker: str, heading: str | None = None) -> dict:
    section: dict[str, Any] = {"text": ""}
    if heading:
        section["heading"] = heading
    return {"speakers": [speaker], "sections": [section]}


def _discussion(intro: str | None = "The presentation was followed by a Q&A session.", questions: int = 1) -> dict:
    d: dict[str, Any] = {}
    if intro:
        d["intro"] = intro
    d["questions"] = [{"text": ""} for _ in range(questions)]
    return d


def _role(role: str, pid: str) -> dict:
    return {"role": role, "people": [pid]}


def skeleton_data(
    form: str = "talk",
    *,
    rapporteur: dict | None = None,
    organiser: dict | None = None,
    today: dt.date | None = None,
    title: str = "",
) -> dict:
    """The data (as a TOML file holds it) of a new draft report of ``form``.

    ``rapporteur`` and ``organiser`` are the user's config tables of those names.
    """
    if form not in m.FORMS:
        raise ValueError(f"unknown form '{form}' (choose from {', '.join(m.FORMS)})")
    today = today or dt.date.today()
    org = organiser or {}
    org_name = _str(org.get("name")) or ""
    organiser_table: dict[str, Any] = {"name": org_name}
    if _str(org.get("short_name")):
        organiser_table["short_name"] = _str(org.get("short_name"))

    event: dict[str, Any] = {"title": title, "form": form, "date": today}
    if form in ("webinar",):
        event["mode"] = "online"
    event["organiser"] = organiser_table
    if form in ("round-table", "delegation-interaction"):
        event["chatham_house"] = True

    people: list[dict] = []
    remarks: list[dict] = []
    sessions: list[dict] = []
    discussion: dict | None = None

    if form in ("talk", "seminar", "book-discussion", "other"):
        people = [_person("speaker"), _person("moderator")]
        remarks = [{"role": "introductory", "by": "moderator", "text": ""}]
        sessions = [{"roles": [_role("moderator", "moderator")], "presentations": [_presentation("speaker")]}]
        discussion = _discussion()
    elif form == "panel-discussion":
        # A panel is chaired ("The panel was chaired by ..."): the lead prints the role this field names.
        people = [_person("chair"), _person("panellist-1"), _person("panellist-2"), _person("panellist-3")]
        remarks = [{"role": "introductory", "by": "chair", "text": ""}]
        sessions = [
            {
                "roles": [_role("chair", "chair")],
                "presentations": [_presentation(f"panellist-{i}") for i in (1, 2, 3)],
            }
        ]
        discussion = _discussion("The panel discussion was followed by a Q&A session.")
    elif form in ("webinar", "conference", "workshop"):
        # A conference opens with an inaugural session (the Chief Guest's address) and closes with a
        # valedictory one; a webinar or a workshop with concluding remarks.
        conference = form == "conference"
        opening = ["welcome", "chief-guest", "keynote"] if conference else ["welcome", "keynote"]
        closing = ["valedictory", "vote-of-thanks"] if conference else ["concluding", "vote-of-thanks"]
        people = [
            *(_person(p) for p in opening),
            _person("chair-1"),
            _person("speaker-1"),
            _person("speaker-2"),
            _person("chair-2"),
            _person("speaker-3"),
            _person("speaker-4"),
            *(_person(p) for p in closing),
        ]
        remarks = [{"role": "inaugural" if p == "chief-guest" else p, "by": p, "text": ""} for p in opening]
        remarks += [{"role": p, "by": p, "text": ""} for p in closing]
        if conference:
            event["roles"] = [_role("chief-guest", "chief-guest")]
        sessions = [
            {
                "title": "Session I",
                "roles": [_role("chair", "chair-1")],
                "presentations": [_presentation("speaker-1"), _presentation("speaker-2")],
            },
            {
                "title": "Session II",
                "roles": [_role("chair", "chair-2")],
                "presentations": [_presentation("speaker-3"), _presentation("speaker-4")],
            },
        ]
        discussion = _discussion(None)
    elif form == "round-table":
        people = [_person("chair")]
        remarks = [{"role": "opening", "by": "chair", "text": ""}]
        # the discussion itself, chaired: a session with a role and no presentation
        sessions = [{"roles": [_role("chair", "chair")]}]
        discussion = {"intro": "", "issues_raised": [""], "observations": ""}
    elif form == "delegation-interaction":
        people = [_person("presiding"), _person("head-of-delegation")]
        remarks = [{"role": "welcome", "by": "presiding", "text": ""}]
        event["delegations"] = [{"kind": "delegation", "leader": "head-of-delegation"}]
        sessions = [{"roles": [_role("presided-over", "presiding")]}]
        discussion = {"intro": "", "issues_raised": [""]}

    data: dict[str, Any] = {
        "meta": {"schema_version": m.SCHEMA_VERSION, "status": "draft"},
        "event": event,
        "people": people,
        "summary": {"text": ""},
        "remarks": remarks,
        "sessions": sessions,
    }
    if discussion is not None:
        data["discussion"] = discussion
    if form in _WITH_IMPLICATIONS:
        data["implications"] = {"audience": _str(org.get("audience")) or "India", "text": ""}
    data["conclusion"] = (
        {"text": ""} if form in ("round-table", "delegation-interaction", "conference", "workshop") else None
    )
    if data["conclusion"] is None:
        del data["conclusion"]
    rap = {k: _str((rapporteur or {}).get(k)) for k in _RAPPORTEUR_KEYS}
    if not rap["organisation"] and (organiser_table.get("short_name") or org_name):
        rap["organisation"] = organiser_table.get("short_name") or org_name
    data["rapporteur"] = {k: v for k, v in rap.items() if v}
    # The model's field order, so that the file reads in the report's order.
    order = list(m.Report.model_fields)
    return {k: data[k] for k in order if k in data}


def skeleton(form: str = "talk", **kwargs: Any) -> m.Report:
    """The skeleton as a Report (a structurally valid draft)."""
    return m.Report.model_validate(skeleton_data(form, **kwargs))


def skeleton_from_config(form: str, config: UserConfig | None = None, today: dt.date | None = None) -> m.Report:
    """The skeleton pre-filled from the user's config (``[rapporteur]`` and ``[organiser]``)."""
    if config is None:
        from .config import load_user_config

        config = load_user_config()
    return skeleton(form, rapporteur=config.table("rapporteur"), organiser=config.table("organiser"), today=today)
