"""Odd but real input: every case gives one clear, positioned message and the documented exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from test_validate import line_of

from conftest import SEED_EXAMPLE, run_cli

MINIMAL = '[meta]\nschema_version = 2\n\n[event]\ntitle = "T"\nform = "talk"\ndate = 2024-06-24\n\n[event.organiser]\nname = "O"\n'


def problems(cli, path, *extra):
    code, out, err = cli("validate", "--format", "json", *extra, str(path))
    assert "Traceback" not in out + err
    return code, json.loads(out)["problems"]


@pytest.mark.parametrize("key", ['"[x]"', '"[]"', '"ti.tle"', '"a\\nb"', '"\\u001b[31m"', "'lit.key'"])
def test_odd_keys_are_placed_on_their_line(cli, tmp_path, key):
    text = MINIMAL.replace('title = "T"\n', f'title = "T"\n{key} = 1\n')
    f = tmp_path / "k.toml"
    f.write_text(text, encoding="utf-8")
    code, (p, *rest) = problems(cli, f)
    assert code == 1 and not rest
    assert p["type"] == "unknown-key"
    assert p["line"] == 6, p
    assert "\n" not in p["message"] and "\x1b" not in p["message"]


def test_control_characters_never_split_a_text_line(cli, tmp_path):
    f = tmp_path / "c.toml"
    f.write_text(MINIMAL.replace('form = "talk"', 'form = "a\\nb\\u001b[2J"'), encoding="utf-8")
    code, out, _ = cli("validate", str(f))
    assert code == 1
    assert len(out.strip().splitlines()) == 1 and "\x1b" not in out


@pytest.mark.parametrize("value", ["true", "1.0"])
def test_schema_version_must_be_the_integer(cli, tmp_path, value):
    f = tmp_path / "v.toml"
    f.write_text(MINIMAL.replace("schema_version = 2", f"schema_version = {value}"), encoding="utf-8")
    code, (p,) = problems(cli, f)
    assert code == 1 and p["path"] == "meta.schema_version"
    assert "expected the integer 2" in p["message"]


def test_a_typo_in_a_required_key_is_one_message(cli, tmp_path):
    f = tmp_path / "t.toml"
    f.write_text(MINIMAL.replace('title = "T"', 'titel = "T"'), encoding="utf-8")
    code, (p,) = problems(cli, f)
    assert (p["type"], p["path"], p["line"]) == ("unknown-key", "event.titel", 5)
    assert "did you mean 'title'?" in p["hint"]


def test_missing_keys_of_a_table_known_only_through_its_subtable(cli, tmp_path):
    f = tmp_path / "s.toml"
    f.write_text(MINIMAL.replace('[event]\ntitle = "T"\nform = "talk"\ndate = 2024-06-24\n\n', ""), encoding="utf-8")
    code, found = problems(cli, f)
    assert {p["path"] for p in found} == {"event.title", "event.form", "event.date"}
    assert all(p["line"] == 4 for p in found), found  # the [event.organiser] header


@pytest.mark.parametrize(
    "old,new,hint",
    [
        ('[[people]]\nid = "prathibha"', '[people]\nid = "prathibha"', "double brackets"),
        ("[lead]\n", "[[lead]]\n", "single brackets"),
    ],
)
def test_single_and_double_brackets_get_a_hint(cli, seed_copy, old, new, hint):
    text = seed_copy.read_text(encoding="utf-8")
    first_only = text.replace(old, new, 1)
    if old.startswith("[[people]]"):
        # keep it valid TOML: the other [[people]] entries go
        first_only = first_only.split("[[people]]")[0] + "[lead]" + first_only.split("[lead]", 1)[1]
    seed_copy.write_text(first_only, encoding="utf-8")
    code, found = problems(cli, seed_copy)
    assert code == 1
    assert any(hint in (p["hint"] or "") for p in found), found


@pytest.mark.parametrize(
    "line,hint_fragment,col",
    [
        ('series = "Monday Morning Meeting', "not closed before the end of the line", None),
        ("series = “Monday Morning Meeting”", "curly quotes", 10),
        ('series\u00a0= "x"', "non-breaking space", 7),
        ('series = "C:\\Users\\me"', "backslash", None),
    ],
)
def test_syntax_errors_people_make_pasting_from_word(cli, tmp_path, line, hint_fragment, col):
    f = tmp_path / "w.toml"
    f.write_text(MINIMAL.replace('form = "talk"', 'form = "talk"\n' + line), encoding="utf-8")
    code, (p,) = problems(cli, f)
    assert p["type"] == "toml-syntax" and p["line"] == 7
    assert hint_fragment in p["hint"]
    if col:
        assert p["col"] == col


def test_short_date_gets_the_rule(cli, tmp_path):
    f = tmp_path / "d.toml"
    f.write_text(MINIMAL.replace("date = 2024-06-24", "date = 2024-6-24"), encoding="utf-8")
    code, (p,) = problems(cli, f)
    assert p["line"] == 7 and "two-digit" in p["hint"]


def test_unclosed_multiline_string_points_at_its_opening(cli, seed_copy):
    text = seed_copy.read_text(encoding="utf-8")
    start = text.index('[summary]\ntext = """') + len("[summary]\ntext = ")
    close = text.index('"""', start + 3)
    broken = text[:close] + text[close + 3 :]
    seed_copy.write_text(broken, encoding="utf-8")
    code, (p,) = problems(cli, seed_copy)
    assert p["type"] == "toml-syntax"
    assert p["line"] <= line_of(broken, '[summary]\ntext = """') + 1
    assert "never closed" in (p["hint"] or "")


def test_deeply_nested_value_never_crashes_the_position_index(cli, tmp_path):
    f = tmp_path / "n.toml"
    f.write_text(MINIMAL.replace("[event]", "tags = " + "[" * 480 + "]" * 480 + "\n\n[event]"), encoding="utf-8")
    code, found = problems(cli, f)
    assert code == 1
    # depending on the stack left, the parser or the schema stops it: either way, one clear message
    p = found[0]
    assert p["path"].startswith("meta.tags") and p["line"] == 4 or "nested too deeply" in p["message"], p


def test_unknown_command_is_not_taken_for_a_file(cli):
    code, out, err = cli("fmt-check", "x")
    assert code == 2
    assert "unknown command 'fmt-check'; did you mean" in err


def test_internal_errors_exit_2_without_a_traceback(cli, monkeypatch):
    from rapporteur.commands import validate as v

    def boom(args):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(v, "run", boom)
    code, out, err = cli("validate", str(SEED_EXAMPLE))
    assert code == 2
    assert "internal error: RuntimeError: simulated bug" in err and "Traceback" not in err


def test_output_that_cannot_be_encoded_is_escaped(tmp_path):
    f = tmp_path / "u.toml"
    f.write_text(MINIMAL.replace('title = "T"', 'title = "T"\n"tïtle" = 1'), encoding="utf-8")
    r = run_cli("validate", str(f), env={"PYTHONIOENCODING": "ascii"})
    assert r.returncode == 1, r.stderr
    assert "t\\xeftle" in r.stdout or "t\\u00eftle" in r.stdout or "t\\xef" in r.stdout


def test_a_closed_stdout_does_not_turn_failure_into_success(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text("[meta\n")
    p = subprocess.Popen(
        [sys.executable, "-m", "rapporteur", "validate", str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    p.stdout.close()
    p.wait(timeout=30)
    assert p.returncode != 0


def test_crlf_files_stay_crlf_and_are_canonical(cli, seed_copy):
    crlf = seed_copy.read_bytes().replace(b"\n", b"\r\n")
    seed_copy.write_bytes(crlf)
    code, _, err = cli("fmt", "--check", str(seed_copy))
    assert code == 0, err
    seed_copy.write_bytes(crlf.replace(b'status = "final"', b'status   = "final"'))
    code, _, _ = cli("fmt", str(seed_copy))
    assert code == 0
    assert seed_copy.read_bytes() == crlf
    code, _, _ = cli("validate", str(seed_copy))
    assert code == 0


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file away")
def test_fmt_as_root_keeps_the_owner(cli, seed_copy):
    seed_copy.write_text(
        seed_copy.read_text(encoding="utf-8").replace('status = "final"', 'status  =  "final"'), encoding="utf-8"
    )
    os.chown(seed_copy, 65534, 65534)
    code, _, _ = cli("fmt", str(seed_copy))
    assert code == 0
    st = seed_copy.stat()
    assert (st.st_uid, st.st_gid) == (65534, 65534)


def test_fmt_summary_counts_what_happened(cli, seed_copy):
    seed_copy.write_text(
        seed_copy.read_text(encoding="utf-8").replace('status = "final"', 'status  =  "final"'), encoding="utf-8"
    )
    os.chmod(seed_copy, 0o444)
    code, out, err = cli("fmt", str(seed_copy))
    assert code == 2
    assert "0 files reformatted, 0 already canonical" in err


def test_duplicates_in_a_list_of_people(cli, seed_copy):
    seed_copy.write_text(
        seed_copy.read_text(encoding="utf-8").replace(
            'speakers = ["prathibha"]', 'speakers = ["prathibha", "prathibha"]'
        ),
        encoding="utf-8",
    )
    code, (p,) = problems(cli, seed_copy)
    assert (p["type"], p["path"]) == ("duplicate-id", "sessions[0].presentations[0].speakers[1]")


def test_github_escapes_file_and_title_properties(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    f = tmp_path / "a,b:c%.toml"
    f.write_text(MINIMAL.replace('title = "T"\n', 'title = "T"\n"x,y" = 1\n'), encoding="utf-8")
    code, out, _ = cli("validate", "--format", "github", f.name)
    assert code == 1
    assert out.startswith('::error file=a%2Cb%3Ac%25.toml,line=6,col=1,title=unknown-key%3A event."x%2Cy"::')


def test_github_paths_are_relative_to_the_workspace(cli, seed_copy, monkeypatch):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(seed_copy.parent.parent))
    seed_copy.write_text(seed_copy.read_text(encoding="utf-8").replace('form = "talk"', 'form = "x"'), encoding="utf-8")
    code, out, _ = cli("validate", "--format", "github", str(seed_copy))
    assert "file=examples/china-russia-relationship.toml," in out
