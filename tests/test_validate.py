"""`rapporteur validate`: positioned, plain-English problems and CI exit codes."""

from __future__ import annotations

import json

import pytest

from conftest import SEED_EXAMPLE, example_reports, run_cli


def line_of(text: str, needle: str) -> int:
    idx = text.index(needle)
    return text.count("\n", 0, idx) + 1


# (name, old, new, expected type, expected path, needle whose line the problem must point at)
BROKEN = [
    ("unknown key", 'people = ["singh"]', 'peple = ["singh"]', "unknown-key", "sessions[0].roles[0].peple", "peple"),
    ("wrong type (string for date)", "date = 2024-06-24", 'date = "2024-06-24"', "type", "event.date", 'date = "2024'),
    (
        "wrong type (number for text)",
        'series = "Monday Morning Meeting"',
        "series = 42",
        "type",
        "event.series",
        "series = 42",
    ),
    (
        "wrong type (string for list)",
        'speakers = ["prathibha"]',
        'speakers = "prathibha"',
        "type",
        "sessions[0].presentations[0].speakers",
        'speakers = "',
    ),
    (
        "wrong type (bool)",
        "chatham_house = false",
        'chatham_house = "no"',
        "type",
        "event.chatham_house",
        "chatham_house",
    ),
    ("bad choice", 'form = "talk"', 'form = "tlak"', "value", "event.form", 'form = "tlak"'),
    ("missing key", 'role = "introductory"\n', "", "missing-key", "remarks[0].role", "[[remarks]]"),
    (
        "bad reference",
        'speakers = ["prathibha"]',
        'speakers = ["prathiba"]',
        "reference",
        "sessions[0].presentations[0].speakers[0]",
        '["prathiba"]',
    ),
    (
        "bad reference (asker)",
        'asker = "lele"',
        'asker = "lelle"',
        "reference",
        "discussion.questions[0].asker",
        'asker = "lelle"',
    ),
    (
        "duplicate id",
        '[[people]]\nid = "lele"',
        '[[people]]\nid = "singh"\nname = "Someone Else"\n\n[[people]]\nid = "lele"',
        "duplicate-id",
        "people[2].id",
        'id = "singh"\nname = "Someone',
    ),
    ("bad id", 'id = "lele"', 'id = "Lele Ajey"', "value", "people[2].id", 'id = "Lele Ajey"'),
    ("schema version", "schema_version = 2", "schema_version = 7", "value", "meta.schema_version", "schema_version"),
    (
        "syntax: unclosed string",
        'series = "Monday Morning Meeting"',
        'series = "Monday Morning Meeting',
        "toml-syntax",
        "",
        'series = "Monday Morning Meeting\n',
    ),
    (
        "syntax: duplicate key",
        'form = "talk"',
        'form = "talk"\nform = "seminar"',
        "toml-syntax",
        "",
        'form = "seminar"',
    ),
    ("syntax: duplicate table", "[rapporteur]", "[event]\n[rapporteur]", "toml-syntax", "", "[event]\n[rapporteur]"),
    ("syntax: not a date", "date = 2024-06-24", "date = 2024-06-31", "toml-syntax", "", "date = 2024-06-31"),
    (
        "both askers",
        'asker = "lele"',
        'asker = "lele"\nasker_description = "someone"',
        "value",
        "discussion.questions[0]",
        "[[discussion.questions]]",
    ),
]


@pytest.mark.parametrize("name,old,new,kind,path,needle", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_copy_gives_one_positioned_message(cli, seed_copy, parser, name, old, new, kind, path, needle):
    text = seed_copy.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    seed_copy.write_text(broken, encoding="utf-8")
    code, out, err = cli("validate", "--format", "json", str(seed_copy))
    assert code == 1
    doc = json.loads(out)
    assert doc["status"] == "fail"
    problems = doc["problems"]
    assert len(problems) == 1, problems
    p = problems[0]
    assert p["type"] == kind
    assert p["path"] == path
    expected_line = line_of(broken, needle)
    # A syntax error may be reported where the parser noticed it: on the line or the next.
    assert expected_line <= p["line"] <= expected_line + (1 if kind == "toml-syntax" else 0), (p, expected_line)
    assert p["col"] >= 1
    assert "Traceback" not in out + err


def test_unknown_key_suggests_the_closest_name(cli, seed_copy):
    seed_copy.write_text(
        seed_copy.read_text(encoding="utf-8").replace('people = ["singh"]', 'peple = ["singh"]'), encoding="utf-8"
    )
    code, out, _ = cli("validate", str(seed_copy))
    assert code == 1
    assert "unknown key 'peple'" in out and "did you mean 'people'?" in out


def test_a_version_1_session_key_in_a_version_2_file_says_how_roles_are_written(cli, seed_copy):
    text = seed_copy.read_text(encoding="utf-8")
    seed_copy.write_text(
        text.replace('[[sessions.roles]]\nrole = "moderator"\npeople = ["singh"]\n', "").replace(
            "[[sessions]]\n", '[[sessions]]\nmoderator = "singh"\n'
        ),
        encoding="utf-8",
    )
    code, out, _ = cli("validate", str(seed_copy))
    assert code == 1 and "unknown key 'moderator'" in out
    assert '[[sessions.roles]] role = "moderator"' in out


def test_bad_reference_lists_known_ids(cli, seed_copy):
    seed_copy.write_text(seed_copy.read_text(encoding="utf-8").replace('by = "singh"', 'by = "sing"'), encoding="utf-8")
    code, out, _ = cli("validate", str(seed_copy))
    assert code == 1
    assert "unknown person 'sing'" in out
    assert "known ids: prathibha, singh, lele" in out


def test_text_output_is_file_line_col(cli, seed_copy, monkeypatch):
    monkeypatch.chdir(seed_copy.parent.parent)
    seed_copy.write_text(
        seed_copy.read_text(encoding="utf-8").replace('form = "talk"', 'form = "tlak"'), encoding="utf-8"
    )
    code, out, err = cli("validate", "examples")
    assert code == 1
    line = out.strip().splitlines()[0]
    n = line_of(seed_copy.read_text(encoding="utf-8"), 'form = "tlak"')
    assert line.startswith(f"examples/china-russia-relationship.toml:{n}:1: error[value] event.form: ")
    assert "did you mean 'talk'?" in line
    assert "1 error" in err


@pytest.mark.parametrize(
    "raw,kind,fragment",
    [
        (b"", "empty", "the file is empty"),
        (b"\n# only a comment\n", "empty", "the file is empty"),
        (b"\x00\x01\x02binary", "encoding", "binary file"),
        (b'[meta]\nschema_version = 2\n[event]\ntitle = "caf\xe9"\n', "encoding", "not valid UTF-8"),
        (b"\xff\xfe[\x00m\x00", "encoding", "UTF-16"),
        (b"[meta\n", "toml-syntax", "TOML syntax error"),
        (b"a = " + b"[" * 5000 + b"]" * 5000, "toml-syntax", "nested too deeply"),
        (b"event = 3\nmeta = 4\n", "type", "expected a table"),
    ],
    ids=["empty", "comment-only", "binary", "latin-1", "utf-16", "syntax", "deep-nesting", "scalars"],
)
def test_bad_content_is_a_clear_problem(cli, tmp_path, raw, kind, fragment):
    f = tmp_path / "bad.toml"
    f.write_bytes(raw)
    code, out, err = cli("validate", "--format", "json", str(f))
    assert code == 1, (out, err)
    doc = json.loads(out)
    assert doc["problems"][0]["type"] == kind
    assert fragment in doc["problems"][0]["message"]


def test_latin1_position_points_at_the_byte(cli, tmp_path):
    f = tmp_path / "latin.toml"
    f.write_bytes(b'[meta]\nschema_version = 2\n[event]\ntitle = "caf\xe9"\n')
    code, out, _ = cli("validate", str(f))
    assert code == 1
    assert ":4:13: error[encoding]" in out
    assert "Latin-1" in out


def test_utf8_bom_is_accepted(cli, seed_copy):
    seed_copy.write_bytes(b"\xef\xbb\xbf" + seed_copy.read_bytes())
    code, out, err = cli("validate", str(seed_copy))
    assert code == 0, out


def test_io_errors_exit_2_with_one_line(cli, tmp_path):
    (tmp_path / "dir.toml").mkdir()
    code, out, err = cli("validate", str(tmp_path / "missing.toml"), str(tmp_path / "dir.toml"))
    assert code == 2
    assert "missing.toml: error[io] no such file" in out
    assert "dir.toml: error[io] is a directory" in out


def test_symlink_loop_is_an_io_error(cli, tmp_path):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.symlink_to(b)
    b.symlink_to(a)
    code, out, _ = cli("validate", str(a))
    assert code == 2
    assert "symbolic links" in out


def test_nothing_matched_is_a_usage_error_unless_allowed(cli, tmp_path):
    code, out, _ = cli("validate", str(tmp_path))
    assert code == 2
    assert f"{tmp_path}: error[io] no report files matched" in out
    code, _, _ = cli("validate", "--allow-empty", str(tmp_path))
    assert code == 0
    code, out, _ = cli("validate", str(tmp_path / "*.toml"))
    assert code == 2
    # JSON output is one document, even when there is nothing to say
    code, out, _ = cli("validate", "--allow-empty", "--format", "json", str(tmp_path))
    assert code == 0 and json.loads(out)["files_checked"] == 0
    code, out, _ = cli("validate", "--format", "json", str(tmp_path))
    assert code == 2 and json.loads(out)["status"] == "error"


def test_a_mistyped_glob_beside_a_good_folder_still_fails(cli, tmp_path):
    good = tmp_path / "reports"
    good.mkdir()
    (good / "a.toml").write_bytes(SEED_EXAMPLE.read_bytes())
    code, out, _ = cli("validate", str(tmp_path / "reprots" / "*.toml"), str(good))
    assert code == 2
    assert "reprots/*.toml: error[io] no report files matched" in out


def test_globs_through_hidden_or_build_folders_named_by_the_user(cli, tmp_path):
    for folder in (".drafts", "build"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.toml").write_bytes(SEED_EXAMPLE.read_bytes())
        code, out, _ = cli("validate", "--format", "json", str(tmp_path / folder / "*.toml"))
        assert code == 0, out
        assert json.loads(out)["files_checked"] == 1


def test_a_fifo_is_refused_not_waited_on(cli, tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.toml")
    code, out, _ = cli("validate", str(tmp_path / "pipe.toml"))
    assert code == 2
    assert "not a regular file" in out
    (tmp_path / "real.toml").write_bytes(SEED_EXAMPLE.read_bytes())
    code, out, _ = cli("validate", "--format", "json", str(tmp_path))
    assert code == 0 and json.loads(out)["files_checked"] == 1, "a folder scan skips the FIFO"


def test_standard_input(cli, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b'[meta]\nschema_version = 2\nstatus = "fnal"\n')))
    code, out, _ = cli("validate", "-")
    assert code == 1
    assert "<stdin>:3:1: error[value] meta.status" in out


def test_the_same_file_twice_is_checked_once(cli, seed_copy, monkeypatch):
    monkeypatch.chdir(seed_copy.parent)
    code, out, _ = cli("validate", "--format", "json", seed_copy.name, str(seed_copy))
    assert json.loads(out)["files_checked"] == 1


def test_config_files_are_never_reports(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    (tmp_path / "r.toml").write_bytes(SEED_EXAMPLE.read_bytes())
    code, out, _ = cli("validate", "--format", "json", "pyproject.toml", "r.toml")
    assert code == 0 and json.loads(out)["files_checked"] == 1


def test_folders_and_globs_are_searched_skipping_venvs_and_config(cli, tmp_path):
    good = SEED_EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.toml").write_text(good, encoding="utf-8")
    (tmp_path / "a" / "two.toml").write_text(good, encoding="utf-8")
    for skipped in (".git", "node_modules", ".venv"):
        (tmp_path / skipped).mkdir()
        (tmp_path / skipped / "x.toml").write_text("broken =", encoding="utf-8")
    venv = tmp_path / "env"
    venv.mkdir()
    (venv / "pyvenv.cfg").write_text("home = /usr\n")
    (venv / "y.toml").write_text("broken =", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    (tmp_path / "rapporteur.toml").write_text("[house]\n")
    code, out, err = cli("validate", "--format", "json", str(tmp_path))
    assert code == 0, out
    assert json.loads(out)["files_checked"] == 2
    code, out, _ = cli("validate", "--format", "json", str(tmp_path / "**" / "*.toml"))
    assert json.loads(out)["files_checked"] == 2


def test_final_demands_completeness(cli, tmp_path):
    f = tmp_path / "draft.toml"
    f.write_text(
        '[meta]\nschema_version = 2\nstatus = "draft"\n\n[event]\ntitle = ""\nform = "talk"\ndate = 2024-06-24\n\n'
        '[event.organiser]\nname = "MP-IDSA"\n',
        encoding="utf-8",
    )
    code, out, _ = cli("validate", str(f))
    assert code == 0, "a draft may be incomplete"
    code, out, _ = cli("validate", "--final", "--format", "json", str(f))
    assert code == 1
    problems = json.loads(out)["problems"]
    paths = {p["path"] for p in problems}
    assert {"event.title", "sessions", "rapporteur"} <= paths
    assert all(p["type"] == "incomplete" for p in problems)
    # the same file marked final is held to the same standard without the flag
    f.write_text(f.read_text().replace('status = "draft"', 'status = "final"'), encoding="utf-8")
    code, _, _ = cli("validate", str(f))
    assert code == 1


def test_empty_text_block_in_a_final_report(cli, seed_copy):
    text = seed_copy.read_text(encoding="utf-8")
    start = text.index('[summary]\ntext = """')
    end = text.index('"""\n', start + 20) + 4
    seed_copy.write_text(text[:start] + '[summary]\ntext = ""\n' + text[end:], encoding="utf-8")
    code, out, _ = cli("validate", "--format", "json", str(seed_copy))
    assert code == 1
    (p,) = json.loads(out)["problems"]
    assert p["path"] == "summary.text" and p["type"] == "incomplete"


def test_github_format_escapes_and_is_chosen_on_actions(cli, seed_copy, monkeypatch):
    seed_copy.write_text(
        seed_copy.read_text(encoding="utf-8").replace('by = "singh"', 'by = "a,b:c"'), encoding="utf-8"
    )
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = cli("validate", str(seed_copy))
    assert code == 1
    assert out.startswith("::error file=")
    assert "title=value%3A remarks[0].by::" in out


def test_github_annotation_shape(cli, seed_copy):
    seed_copy.write_text(
        seed_copy.read_text(encoding="utf-8").replace('form = "talk"', 'form = "50%"'), encoding="utf-8"
    )
    code, out, _ = cli("validate", "--format", "github", str(seed_copy))
    assert code == 1
    line = out.strip()
    assert line.startswith("::error file=")
    n = line_of(seed_copy.read_text(encoding="utf-8"), 'form = "50%"')
    assert f",line={n},col=1,title=value%3A event.form::" in line
    assert '"50%25"' in line  # '%' escaped in the message


def test_examples_are_valid_and_final(cli):
    files = example_reports()
    assert len(files) >= 3, "the seed example and at least two more forms"
    code, out, err = cli("validate", "--final", "--format", "json", *map(str, files))
    assert code == 0, out
    assert json.loads(out) == {
        "status": "ok",
        "files_checked": len(files),
        "summary": {"errors": 0, "warnings": 0, "info": 0},
        "problems": [],
    }


def test_cli_through_a_subprocess():
    r = run_cli("validate", "--final", "examples", cwd=SEED_EXAMPLE.parent.parent)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "checked: all valid" in r.stderr
    r = run_cli("validate", "nowhere.toml")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    r = run_cli("validate")
    assert r.returncode == 2 and "usage:" in r.stderr
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.startswith("rapporteur ")
    for cmd in ("validate", "fmt", "schema", "export", "import", "check", "new", "edit"):
        r = run_cli(cmd, "--help")
        assert r.returncode == 0 and "usage: rapporteur " + cmd in r.stdout, cmd


def test_unattributed_remarks_only_under_chatham_house(cli, seed_copy):
    text = seed_copy.read_text(encoding="utf-8").replace(
        'role = "introductory"\nby = "singh"\n', 'role = "introductory"\n'
    )
    seed_copy.write_text(text, encoding="utf-8")
    code, out, _ = cli("validate", "--format", "json", str(seed_copy))
    assert code == 1
    (p,) = json.loads(out)["problems"]
    assert (p["path"], p["type"]) == ("remarks[0].by", "incomplete")
    seed_copy.write_text(text.replace("chatham_house = false", "chatham_house = true"), encoding="utf-8")
    code, out, _ = cli("validate", str(seed_copy))
    assert code == 0, out


def test_references_inside_a_session_discussion_are_checked(cli, seed_copy):
    text = seed_copy.read_text(encoding="utf-8").replace(
        "[discussion]\n", '[[sessions.discussion.questions]]\nasker = "nobody"\ntext = "Asked."\n\n[discussion]\n', 1
    )
    seed_copy.write_text(text, encoding="utf-8")
    code, out, _ = cli("validate", "--format", "json", str(seed_copy))
    assert code == 1
    (p,) = json.loads(out)["problems"]
    assert (p["path"], p["type"]) == ("sessions[0].discussion.questions[0].asker", "reference")
    assert p["line"] == line_of(text, 'asker = "nobody"')


def test_new_lists_and_takes_every_form_of_the_schema(cli, tmp_path):
    """The CLI's forms come from the model: `new --help` names each, an unknown one lists them all."""
    from rapporteur import model

    code, out, _ = cli("new", "--help")
    assert code == 0
    listed = " ".join(out.split())  # help text is wrapped to the terminal
    assert all(form in listed for form in model.FORMS)
    code, _, err = cli("new", str(tmp_path / "r.toml"), "--form", "nope", "--no-edit")
    assert code == 2 and ", ".join(model.FORMS) in err
    code, _, err = cli("new", str(tmp_path / "r.toml"), "--form", model.FORMS[-1], "--no-edit")
    assert code == 0, err
