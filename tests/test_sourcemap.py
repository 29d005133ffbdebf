"""Positions in TOML files: keys, headers, array elements, comments, and characters inside strings."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapporteur import sourcemap

from conftest import examples

DOC = '''#:schema x.json
[meta]
schema_version = 2   # trailing comment

[[people]]
id = "a"
name = 'A "quoted" name'

[[people]]
id = "b"
"name" = "B"

[[sessions]]
[[sessions.presentations]]
speakers = ["a",
  "b",  # second
]

[[sessions.presentations]]
speakers = ["b"]
point = { x = 1, y = [1, 2] }

[[sessions]]
title = """
Line one
"# not a comment"
"""
[sessions.extra]
k = 1
'''


def test_keys_headers_and_elements():
    sm = sourcemap.build(DOC)
    assert sm.find(("meta",)) == (2, 1)
    assert sm.find(("meta", "schema_version")) == (3, 1)
    assert sm.find(("people", 1, "id")) == (10, 1)
    assert sm.find(("people", 1, "name")) == (11, 1)
    assert sm.find(("sessions", 0, "presentations", 0, "speakers", 1)) == (16, 3)
    assert sm.find(("sessions", 0, "presentations", 1, "point", "y", 1)) == (21, 26)
    assert sm.find(("sessions", 1, "title")) == (24, 1)
    assert sm.find(("sessions", 1, "extra", "k")) == (29, 1)


def test_missing_key_falls_back_to_its_table():
    sm = sourcemap.build(DOC)
    assert sm.find(("people", 1, "honorific")) == (9, 1)
    assert sm.find(("nowhere", 3)) is None


def test_comments_found_and_strings_ignored():
    sm = sourcemap.build(DOC)
    assert sm.comment_positions() == [(1, 1), (3, 22), (16, 9)]


def test_locate_inside_literal_strings():
    text = "a = 'C:\\path\\x'\nb = '''\nfirst line\n  second'''\n"
    data = tomllib.loads(text)
    sm = sourcemap.build(text)
    assert sm.locate_in_value(("a",), data["a"].index("x")) == (1, 14)
    assert sm.locate_in_value(("b",), data["b"].index("second")) == (4, 3)


def test_locate_inside_strings_with_escapes():
    text = 'a = "x\\ty\\u00e9z"\nb = """\nfirst\n  second \\\n   third"""\n'
    data = tomllib.loads(text)
    sm = sourcemap.build(text)
    assert data["a"][4] == "z"
    assert sm.locate_in_value(("a",), 4) == (1, 16)
    assert sm.locate_in_value(("a",), 2) == (1, 9)  # 'y' after the \t escape
    b = data["b"]
    i = b.index("third")
    assert sm.locate_in_value(("b",), i) == (5, 4)
    assert sm.locate_in_value(("b",), b.index("second")) == (4, 3)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60), st.booleans())
def test_every_character_of_any_string_maps_back(value, multiline):
    import tomli_w

    text = tomli_w.dumps({"k": value}, multiline_strings=multiline)
    decoded = tomllib.loads(text)["k"]
    sm = sourcemap.build(text)
    lines = text.split("\n")
    for i, ch in enumerate(decoded):
        line, col = sm.locate_in_value(("k",), i)
        raw = lines[line - 1][col - 1 :]
        # the raw text there is the character itself or an escape that produces it
        if ch == "\n" and multiline:
            assert raw == "", (value, i, raw)  # a real line break ends the line
        elif raw.startswith("\\"):
            escape = raw[:10] if raw[1] == "U" else raw[:6] if raw[1] == "u" else raw[:2]
            assert tomllib.loads(f'x = "{escape}"')["x"] == ch, (value, i, raw)
        else:
            assert raw.startswith(ch), (value, i, raw)


@pytest.mark.parametrize("quote", ['"', "'"])
@pytest.mark.parametrize("extra", [0, 1, 2])
def test_multi_line_strings_of_both_kinds_end_after_their_trailing_quotes(quote, extra):
    """A value may end in one or two quotes just before the closing three; the span takes them, and the key after is found."""
    text = f"a = {quote * 3}\nsaid {quote}hi{quote * extra}{quote * 3}\nb = 1\n"
    data = tomllib.loads(text)
    assert data["a"] == f"said {quote}hi{quote * extra}"
    sm = sourcemap.build(text)
    assert sm.complete
    assert sm.values[("a",)].end == text.index("\nb")
    assert sm.values[("a",)].kind == ("ml-basic" if quote == '"' else "ml-literal")
    assert sm.find(("b",)) == (3, 1)
    assert sm.locate_in_value(("a",), data["a"].index("hi")) == (2, 7)
    if extra:
        assert sm.locate_in_value(("a",), len(data["a"]) - 1) == (2, 8 + extra)
