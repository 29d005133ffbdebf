"""The fast TOML parser (rtoml) and tomllib must agree on every file rapporteur reads or writes."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapporteur import tomlio, tomlwrite

from conftest import example_reports, examples
from strategies import reports

rtoml = pytest.importorskip("rtoml")


def test_the_fast_parser_is_used_when_installed():
    assert tomlio.parser_name() == "rtoml"


@pytest.mark.parametrize("path", example_reports(), ids=lambda p: p.name)
def test_both_parsers_read_the_examples_identically(path):
    text = path.read_text(encoding="utf-8")
    assert rtoml.loads(text) == tomllib.loads(text)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_both_parsers_read_what_we_write_identically(report):
    text = tomlwrite.dumps(report, "s.json")
    assert rtoml.loads(text) == tomllib.loads(text)


@settings(max_examples=examples(300), deadline=None)
@given(st.data())
def test_mutated_files_never_accepted_by_rtoml_alone_unless_toml_1_1(data):
    """What the reader gives is what tomllib (TOML 1.0) gives: rtoml's verdict stands only where
    the two agree (TOML 1.1 niceties and a CRLF file's line ends in multi-line strings go to tomllib)."""
    text = example_reports()[0].read_text(encoding="utf-8")
    pos = data.draw(st.integers(0, len(text) - 1))
    junk = data.draw(
        st.sampled_from(['"', "'", "[", "]", "=", "\n", "#", "\\", "{", "}", ",", "x", " ", '"""', "\x00", "\r"])
    )
    mutated = text[:pos] + junk + text[pos + data.draw(st.integers(0, 2)) :]
    try:
        slow = tomllib.loads(mutated)
    except tomllib.TOMLDecodeError:
        slow = None
    read, _ = tomlio.parse_text(mutated, "mutated.toml")
    assert read == slow


def test_a_crlf_file_reads_as_tomllib_reads_it():
    """rtoml keeps CR LF inside a multi-line string; the report's text must not carry a CR."""
    text = '[summary]\r\ntext = """\r\nFirst line.\r\nSecond line.\r\n"""\r\n'
    read, problems = tomlio.parse_text(text, "crlf.toml")
    assert problems == [] and read == {"summary": {"text": "First line.\nSecond line.\n"}}


def test_errors_always_come_from_tomllib(parser):
    source = tomlio.parse_source(b'[meta]\nschema_version = 2\ntitle = "unclosed\n', "x.toml")
    (d,) = source.diagnostics
    assert (d.code, d.line) == ("toml-syntax", 3)
    assert "not closed before the end of the line" in d.hint


def test_a_file_rtoml_rejects_but_tomllib_reads_is_read(monkeypatch):
    def refuse(text):
        raise ValueError("simulated disagreement")

    monkeypatch.setattr(tomlio, "_FAST_LOADS", refuse)
    source = tomlio.parse_source(b"[meta]\nschema_version = 2\n", "x.toml")
    assert source.data == {"meta": {"schema_version": 2}} and not source.diagnostics


def test_rtoml_depth_limit_is_handled(parser):
    source = tomlio.parse_source(b"a = " + b"[" * 3000 + b"]" * 3000, "x.toml")
    assert source.data is None and source.diagnostics[0].code == "toml-syntax"
