"""`rapporteur check`: the issue's "done means" on the examples, positions, formats, exit codes,
silences and house-style files."""

from __future__ import annotations

import json

import pytest

from rapporteur.checks import run_checks
from rapporteur.diagnostics import display_path, parse_path
from rapporteur.tomlio import parse_source
from rapporteur.validate import parse_report

from conftest import EXAMPLES, SEED_EXAMPLE, example_reports, run_cli


@pytest.fixture(autouse=True)
def no_user_config(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path_factory.mktemp("cfg") / "none.toml"))


def position(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    idx = -1
    for _ in range(nth + 1):
        idx = text.index(needle, idx + 1)
    line = text.count("\n", 0, idx) + 1
    return line, idx - (text.rfind("\n", 0, idx) + 1) + 1


def problems(cli, *args):
    code, out, err = cli("check", "--format", "json", *args)
    return code, json.loads(out)["problems"], err


# -- the "done means" ---------------------------------------------------------------


def test_seed_reports_the_two_slips_at_their_line_and_column_and_nothing_else(cli):
    text = SEED_EXAMPLE.read_text(encoding="utf-8")
    code, found, _ = problems(cli, str(SEED_EXAMPLE))
    assert code == 1
    got = [(p["type"], p["path"], p["line"], p["col"]) for p in found]
    assert got == [
        ("people-honorific", "summary.text", *position(text, "Dr Prathibha")),
        ("acronym-expansion", "sessions[0].presentations[0].sections[3].text", *position(text, "SCO")),
    ]
    assert "write 'Dr. Prathibha'" in found[0]["hint"]
    assert "Shanghai Cooperation Organisation (SCO)" in found[1]["hint"]


def test_text_output_points_into_the_string(cli, monkeypatch):
    monkeypatch.chdir(SEED_EXAMPLE.parent.parent)
    code, out, err = cli("check", "examples/china-russia-relationship.toml")
    assert code == 1
    first = out.splitlines()[0]
    line, col = position(SEED_EXAMPLE.read_text(encoding="utf-8"), "Dr Prathibha")
    assert first.startswith(
        f"examples/china-russia-relationship.toml:{line}:{col}: warning[people-honorific] summary.text: "
    )
    assert "2 warnings in 1 of them" in err


@pytest.mark.parametrize("path", [p for p in example_reports() if p != SEED_EXAMPLE], ids=lambda p: p.name)
def test_other_examples_are_clean(cli, path):
    code, found, _ = problems(cli, str(path))
    assert found == [] and code == 0


def test_examples_folder_through_a_subprocess():
    r = run_cli("check", "examples", cwd=EXAMPLES.parent)
    assert r.returncode == 1, r.stdout + r.stderr
    assert r.stdout.count("\n") == 2
    assert "Traceback" not in r.stderr


# -- positions are exact, in the file and in the editor --------------------------------------

SLIPS = [
    ("Dr Prathibha in her presentation", "Dr Prathibha in her  presentation"),  # doubled space
    ("China did not recognise", "China did not recognize"),  # spelling
    ("held on 24 June.", "held on 24 July."),  # date against the event
    ("The presentation was followed", "On June 24, 2024 the presentation was followed"),  # date style
    ("‘no-limits partnership’", "'no-limits partnership'"),  # straight quotes in a curly report
    ("Deputy Director General Gp. Capt. (Dr.) Ajey Lele queried", "Dr. Rajiv Sharma and Gp Capt Lele queried"),
    ('heading = "Challenges to greater alignment"', 'heading = "Challenges to greater alignment in the IOR"'),
]


def test_every_finding_points_at_its_words_in_the_file_and_in_the_field(seed_copy):
    text = seed_copy.read_text(encoding="utf-8")
    for old, new in SLIPS:
        assert old in text, old
        text = text.replace(old, new, 1)
    # a basic string with escapes, and CRLF line ends, must not shift positions
    text = text.replace(
        'title = "China-Russia Relationship: A Greater Alignment?"',
        'title = "China-Russia \\"Relationship\\":  A Greater Alignment?"',
    )
    for crlf in (False, True):
        raw = text.replace("\n", "\r\n") if crlf else text
        source = parse_source(raw.encode("utf-8"), "seed.toml")
        report, diags = parse_report(source.data)
        assert report is not None, diags
        in_file = run_checks(report, source=source)
        in_field = run_checks(report)
        assert len(in_file) == len(in_field) >= 12
        lines = raw.split("\r\n" if crlf else "\n")
        by_key = {(d.code, d.path, d.message): d for d in in_field}
        for d in in_file:
            f = by_key[(d.code, d.path, d.message)]
            if f.line is None:
                continue
            # the words at the field-relative position ...
            value = report
            for part in parse_path(d.path):
                value = value[part] if isinstance(part, int) else getattr(value, part)
            vlines = value.split("\n")
            assert f.line == f.end_line, d
            words = vlines[f.line - 1][f.col - 1 : f.end_col - 1]
            # ... are the words at the file position
            assert d.line == d.end_line, d
            assert lines[d.line - 1][d.col - 1 : d.end_col - 1].replace('\\"', '"') == words, (d, words)
            assert words, d


# -- command-line behaviour ---------------------------------------------------------------


def test_select_and_ignore(cli):
    code, found, _ = problems(cli, "--select", "acronym", str(SEED_EXAMPLE))
    assert [p["type"] for p in found] == ["acronym-expansion"] and code == 1
    code, found, _ = problems(cli, "--ignore", "people-honorific,acronym", str(SEED_EXAMPLE))
    assert found == [] and code == 0
    code, out, err = cli("check", "--select", "pepole", str(SEED_EXAMPLE))
    assert code == 2 and "did you mean 'people'?" in err


def test_list_rules(cli):
    code, out, _ = cli("check", "--list-rules", "--format", "json", ".")
    assert code == 0
    ids = [r["id"] for r in json.loads(out)]
    assert "people-honorific" in ids and "acronym-expansion" in ids
    code, out, _ = cli("check", "--list-rules", ".")
    assert code == 0 and "people-honorific" in out and "acronym:" in out


def test_github_format(cli):
    code, out, _ = cli("check", "--format", "github", str(SEED_EXAMPLE))
    assert code == 1
    line, col = position(SEED_EXAMPLE.read_text(encoding="utf-8"), "SCO")
    assert (
        f"::warning file={display_path(SEED_EXAMPLE)},line={line},col={col},title=acronym-expansion%3A sessions[0].presentations[0].sections[3].text::"
        in out
    )


def test_structural_problems_are_reported_and_stop_the_checks(cli, seed_copy):
    seed_copy.write_text(
        seed_copy.read_text(encoding="utf-8").replace('people = ["singh"]', 'peple = ["singh"]'), encoding="utf-8"
    )
    code, found, _ = problems(cli, str(seed_copy))
    assert code == 1
    assert [p["type"] for p in found] == ["unknown-key"]


def test_io_errors_and_empty_matches(cli, tmp_path):
    code, found, _ = problems(cli, str(tmp_path / "missing.toml"))
    assert code == 2 and found[0]["type"] == "io"
    code, out, err = cli("check", str(tmp_path))
    assert code == 2 and "no report files matched" in out + err
    code, _, _ = cli("check", "--allow-empty", str(tmp_path))
    assert code == 0


def test_a_clean_report_exits_0(cli, seed_copy):
    text = (
        seed_copy.read_text(encoding="utf-8")
        .replace("Dr Prathibha", "Dr. Prathibha")
        .replace("the SCO", "the Shanghai Cooperation Organisation (SCO)")
    )
    seed_copy.write_text(text, encoding="utf-8")
    code, out, err = cli("check", str(seed_copy))
    assert code == 0 and out == "" and "1 file checked: clean" in err


# -- silences ---------------------------------------------------------------------------------


def _silence(seed_copy, entries: str) -> None:
    text = seed_copy.read_text(encoding="utf-8")
    text = text.replace(
        'tags = ["China", "Russia", "India", "Strategic partnership"]\n',
        'tags = ["China", "Russia", "India", "Strategic partnership"]\n\n' + entries + "\n",
        1,
    )
    seed_copy.write_text(text, encoding="utf-8")


def test_a_silenced_finding_is_not_reported(cli, seed_copy):
    _silence(
        seed_copy,
        '[[meta.silence]]\nrule = "acronym-expansion"\nreason = "SCO is spelled out in the series\' style guide."\n',
    )
    code, found, _ = problems(cli, str(seed_copy))
    assert [p["type"] for p in found] == ["people-honorific"]


def test_a_silence_limited_to_a_path(cli, seed_copy):
    _silence(
        seed_copy,
        '[[meta.silence]]\nrule = "people"\nreason = "as published"\npath = "summary"\n\n'
        '[[meta.silence]]\nrule = "acronym"\nreason = "elsewhere"\npath = "sessions[0].presentations[0].sections[0]"\n',
    )
    code, found, _ = problems(cli, str(seed_copy))
    types = [p["type"] for p in found]
    assert "people-honorific" not in types and "acronym-expansion" in types
    assert "silence-unused" in types  # the second one silences nothing: SCO is in sections[3]


def test_a_silence_of_an_unknown_rule_is_reported(cli, seed_copy):
    _silence(seed_copy, '[[meta.silence]]\nrule = "acronym-expanson"\nreason = "typo"\n')
    code, found, _ = problems(cli, str(seed_copy))
    bad = [p for p in found if p["type"] == "silence-unknown-rule"]
    assert len(bad) == 1 and "did you mean 'acronym-expansion'?" in bad[0]["hint"]
    assert bad[0]["line"] == position(seed_copy.read_text(encoding="utf-8"), 'rule = "acronym-expanson"')[0]


# -- house-style files ------------------------------------------------------------------------


def test_rapporteur_toml_is_found_upward(cli, seed_copy):
    (seed_copy.parent.parent / "rapporteur.toml").write_text(
        '[house]\nacronyms = ["SCO"]\n\n[house.severity]\npeople = "info"\n', encoding="utf-8"
    )
    code, found, _ = problems(cli, str(seed_copy))
    assert [(p["type"], p["severity"]) for p in found] == [("people-honorific", "info")]
    assert code == 0  # info does not fail


def test_fail_on_error(cli, seed_copy):
    (seed_copy.parent / "rapporteur.toml").write_text('[house]\nfail_on = "error"\n', encoding="utf-8")
    code, found, _ = problems(cli, str(seed_copy))
    assert len(found) == 2 and code == 0


def test_a_broken_style_file_stops_with_exit_2(cli, seed_copy):
    (seed_copy.parent / "rapporteur.toml").write_text('[house]\nspelling = "britsh"\n', encoding="utf-8")
    code, out, err = cli("check", str(seed_copy))
    assert code == 2
    assert "rapporteur.toml:2:12: error[style-config] house.spelling: 'britsh' is not allowed" in out
    assert "did you mean 'british'?" in out


def test_config_option(cli, seed_copy, tmp_path):
    style = tmp_path / "house.toml"
    style.write_text('[house]\nignore = ["people"]\n', encoding="utf-8")
    code, found, _ = problems(cli, "--config", str(style), str(seed_copy))
    assert [p["type"] for p in found] == ["acronym-expansion"]
    code, _, err = cli("check", "--config", str(tmp_path / "nope.toml"), str(seed_copy))
    assert code == 2 and "no such house-style file" in err


def test_standard_input(cli, monkeypatch):
    import io

    class Stdin:
        buffer = io.BytesIO(SEED_EXAMPLE.read_bytes())

    monkeypatch.setattr("sys.stdin", Stdin)
    code, out, _ = cli("check", "--format", "json", "-")
    assert code == 1
    assert [(p["file"], p["type"]) for p in json.loads(out)["problems"]] == [
        ("<stdin>", "people-honorific"),
        ("<stdin>", "acronym-expansion"),
    ]
