"""House style: found upward, from the user's config, or defaults; broken files are clear errors."""

from __future__ import annotations

import pytest

from rapporteur.checks import UnknownRule, rules_for
from rapporteur.rules import RULES, expand, severity_of
from rapporteur.style import DEFAULT_ACRONYMS, StyleError, find_style_file, load_style, parse_style_text


@pytest.fixture(autouse=True)
def no_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path / "no-such-config.toml"))


def test_defaults():
    style = load_style(None)
    assert style.spelling == "british" and style.date_style == "day-month-year" and style.quotes == "consistent"
    assert {"US", "UN", "UK", "EU", "BRICS", "NATO", "ASEAN", "G20", "COVID-19"} <= style.acronyms
    assert style.words == () and style.fail_on == "warning" and style.source is None


def test_found_upward_and_not_beyond_the_repository(tmp_path):
    (tmp_path / "rapporteur.toml").write_text('[house]\nspelling = "american"\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    report = deep / "r.toml"
    assert find_style_file(report) == tmp_path / "rapporteur.toml"
    assert load_style(report).spelling == "american"
    (tmp_path / "a" / ".git").mkdir()  # a repository inside: its root is the last folder searched
    assert find_style_file(report) is None
    assert load_style(report).spelling == "british"


def test_user_config_house_table_is_used_when_no_file_is_found(tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text('[house]\nacronyms = ["SCO"]\ndate_style = "month-day-year"\n', encoding="utf-8")
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(cfg))
    style = load_style(tmp_path / "r.toml")
    assert "SCO" in style.acronyms and style.date_style == "month-day-year"


def test_a_broken_user_config_is_noted_and_ignored(tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text('[house]\nspelling = "klingon"\n', encoding="utf-8")
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(cfg))
    style = load_style(tmp_path / "r.toml")
    assert style.spelling == "british"
    assert any("klingon" in p and "ignored" in p for p in style.problems)


def test_every_setting_is_read():
    style = parse_style_text(
        """
[house]
spelling = "american"
date_style = "month-day-year"
quotes = "curly"
acronyms = ["SCO"]
default_acronyms = false
organisations = ["Observer Research Foundation", { name = "Manohar Parrikar Institute for Defence Studies and Analyses", short_name = "MP-IDSA" }]
select = ["people", "acronym-expansion"]
ignore = ["people-unmentioned"]
fail_on = "error"

[house.severity]
people = "info"
people-honorific = "error"

[house.words]
report = [800, 3000]
summary = { max = 250 }
""",
        "rapporteur.toml",
    )
    assert style.acronyms == frozenset({"SCO"})
    assert style.organisation_names == (
        "Observer Research Foundation",
        "Manohar Parrikar Institute for Defence Studies and Analyses",
    )
    assert style.organisation_short_names == ("MP-IDSA",)
    assert style.word_range("report") == (800, 3000) and style.word_range("summary") == (None, 250)
    assert rules_for(style) == {
        "people-honorific",
        "people-unregistered",
        "people-first-mention",
        "people-designation",
        "acronym-expansion",
    }
    assert severity_of("people-honorific", style.severity) == "error"
    assert severity_of("people-unregistered", style.severity) == "info"
    assert severity_of("acronym-expansion", style.severity) == "warning"
    assert style.fail_on == "error"
    # the command line's --select replaces the file's select and ignore; --ignore always applies
    assert rules_for(style, select=["people-unmentioned"]) == {"people-unmentioned"}
    assert "people-honorific" not in rules_for(style, ignore=["people-honorific"])


def test_a_file_without_house_table_gives_defaults():
    style = parse_style_text("[export]\nlayout = 'sectioned'\n", "rapporteur.toml")
    assert style.acronyms == DEFAULT_ACRONYMS and style.source == "rapporteur.toml"


@pytest.mark.parametrize(
    "text,line,col,fragment",
    [
        ('[house]\nspelling = "britsh"\n', 2, 12, "did you mean 'british'?"),
        ('[house]\nacronym = ["SCO"]\n', 2, 1, "did you mean 'acronyms'?"),
        ('[house]\nselect = ["pepole"]\n', 2, 11, "did you mean 'people'?"),
        ('[house]\nacronyms = "SCO"\n[house.words]\nreprot = [1, 2]\n', 4, 1, "did you mean 'report'?"),
        ("[house]\n[house.words]\nreport = [3000, 800]\n", 3, 10, "below the minimum"),
        ("[house]\nspelling = british\n", 2, 12, "TOML syntax error"),
        ('spelling = "british"\n', 1, 1, "go under [house]"),
        ("[house]\nfail_on = 3\n", 2, 11, "expected one of error, warning, info"),
    ],
)
def test_broken_style_files_are_positioned_errors(tmp_path, text, line, col, fragment):
    f = tmp_path / "rapporteur.toml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(StyleError) as info:
        load_style(config=f)
    exc = info.value
    assert (exc.line, exc.col) == (line, col), str(exc)
    assert fragment in str(exc)
    d = exc.diagnostic()
    assert d.code == "style-config" and d.severity == "error"


def test_missing_config_file_is_an_error(tmp_path):
    with pytest.raises(StyleError, match="no such house-style file"):
        load_style(config=tmp_path / "nope.toml")


def test_selectors():
    assert expand("people") == {r for r in RULES if r.startswith("people-")}
    assert expand("acronyms") == expand("acronym")  # family names in the plural work too
    assert expand("ALL") == set(RULES)
    assert expand("date-style") == {"date-style"}
    with pytest.raises(UnknownRule) as info:
        expand("typografy")
    assert info.value.hint == "did you mean 'typography'?"


def test_rule_ids_are_stable():
    # Published ids: renaming one breaks users' silences and configs. Add, never rename.
    assert set(RULES) >= {
        "people-honorific",
        "people-unregistered",
        "people-unmentioned",
        "people-first-mention",
        "acronym-expansion",
        "acronym-before-expansion",
        "date-mismatch",
        "date-style",
        "consistency-role",
        "consistency-questions",
        "consistency-chatham-house",
        "typography-quotes",
        "typography-spaces",
        "typography-spelling",
        "length-part",
        "length-report",
        "silence-unknown-rule",
        "silence-unused",
    }
    for rid, rule in RULES.items():
        assert rid.startswith(rule.family + "-") and rule.severity in ("error", "warning", "info")
