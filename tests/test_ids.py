"""Ids derived from names: readable, valid, unique."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rapporteur.ids import ID_PATTERN, MAX_ID_LENGTH, id_for_name, unique_id


def test_the_surname_gives_the_id() -> None:
    assert id_for_name("M.S. Prathibha", []) == "prathibha"
    assert id_for_name("Annick Labonté-Ramdin", []) == "labonte-ramdin"


def test_a_taken_id_gets_a_number() -> None:
    assert id_for_name("Ajey Lele", ["lele"]) == "lele-2"
    assert unique_id("lele", ["lele", "lele-2"]) == "lele-3"


def test_a_name_without_latin_letters_still_gives_a_valid_id() -> None:
    assert id_for_name("सिंह", []) == "person"
    assert id_for_name("", ["person"]) == "person-2"


@given(st.text(max_size=200), st.lists(st.text(max_size=10), max_size=5))
def test_every_name_gives_a_valid_unused_id(name: str, taken: list[str]) -> None:
    pid = id_for_name(name, taken)
    assert ID_PATTERN.match(pid)
    assert len(pid) <= MAX_ID_LENGTH
    assert pid not in taken
