"""One vocabulary of roles (terms.ROLES) and the accessor every reader of a session's roles uses."""

from __future__ import annotations

import pytest

from rapporteur import model as m
from rapporteur.terms import CLOSING_ROLES, OPENING_ROLES, ROLE_LABELS, ROLES, role_entries, session_people


@pytest.mark.parametrize(
    "kind,roles", [("event", m.EVENT_ROLES), ("address", m.REMARK_ROLES), ("session", m.SESSION_ROLES)]
)
def test_every_role_the_schema_allows_has_its_words(kind, roles):
    for role in roles:
        words = ROLES[role]
        assert kind in words.kinds and words.label
        assert words.verb or role == "other", f"{role} has no wording"
    assert {r for r, w in ROLES.items() if kind in w.kinds} == set(roles), "a role in ROLES the schema does not allow"


def test_every_address_opens_or_closes_the_report_and_has_a_label():
    assert set(OPENING_ROLES) | set(CLOSING_ROLES) == set(m.REMARK_ROLES)
    assert not set(OPENING_ROLES) & set(CLOSING_ROLES)
    assert set(ROLE_LABELS) == set(m.REMARK_ROLES)


def test_the_wording_the_exports_have_always_used():
    assert ROLES["keynote"].verb == "delivered the keynote address"
    assert ROLES["special"].verb == "delivered a special address"
    assert ROLES["vote-of-thanks"].verb == "proposed the vote of thanks"
    assert (ROLES["chair"].by, ROLES["moderator"].by) == ("chaired by", "moderated by")
    assert ROLES["presided-over"].kind == "event" and "session" in ROLES["presided-over"].kinds


def test_session_people_in_order_each_once():
    s = m.Session(
        roles=[
            m.Appearance(role="moderator", people=["singh"]),
            m.Appearance(role="chair", people=["lele", "rao"]),
            m.Appearance(role="discussant", people=["menon"]),
            m.Appearance(role="co-chair", people=["rao"]),
        ]
    )
    assert session_people(s, "chair", "co-chair") == ["lele", "rao"]
    assert session_people(s) == ["singh", "lele", "rao", "menon"]
    assert session_people(s, "facilitator") == []
    assert [i for i, _ in role_entries(s, "chair", "discussant")] == [1, 2]
