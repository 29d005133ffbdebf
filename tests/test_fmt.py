"""`rapporteur fmt`: canonical rewrite, --check for CI, never losing a comment silently."""

from __future__ import annotations

from conftest import SEED_EXAMPLE


def messy(text: str) -> str:
    """The same report as a person might type it: other key order, single-line strings, spacing."""
    return (
        text.replace('status = "final"\n', "")
        .replace("[meta]\n", '[meta]\nstatus   =   "final"\n', 1)
        .replace('speakers = ["prathibha"]', "speakers = [\n  'prathibha',\n]")
    )


def test_check_lists_files_that_are_not_canonical(cli, seed_copy):
    seed_copy.write_text(messy(seed_copy.read_text(encoding="utf-8")), encoding="utf-8")
    before = seed_copy.read_bytes()
    code, out, err = cli("fmt", "--check", str(seed_copy))
    assert code == 1
    assert out.strip() == f"would reformat {seed_copy}"
    assert seed_copy.read_bytes() == before, "--check changes nothing"


def test_fmt_rewrites_to_the_canonical_bytes(cli, seed_copy):
    seed_copy.write_text(messy(seed_copy.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, err = cli("fmt", str(seed_copy))
    assert code == 0, err
    assert seed_copy.read_bytes() == SEED_EXAMPLE.read_bytes()
    assert "1 file reformatted" in err
    code, _, err = cli("fmt", "--check", str(seed_copy))
    assert code == 0
    assert "0 files would be reformatted, 1 already canonical" in err


def test_diff_shows_the_change_and_writes_nothing(cli, seed_copy):
    seed_copy.write_text(messy(seed_copy.read_text(encoding="utf-8")), encoding="utf-8")
    before = seed_copy.read_bytes()
    code, out, _ = cli("fmt", "--diff", str(seed_copy))
    assert code == 1
    assert "-  'prathibha'," in out and '+speakers = ["prathibha"]' in out
    assert seed_copy.read_bytes() == before


def test_comments_are_not_dropped_silently(cli, seed_copy):
    text = seed_copy.read_text(encoding="utf-8").replace(
        "[event]\n", "[event]\n# check the date with the DG's office\n"
    )
    seed_copy.write_text(text, encoding="utf-8")
    code, out, _ = cli("fmt", str(seed_copy))
    assert code == 1
    assert "error[comment]" in out and "would be lost" in out
    assert seed_copy.read_text(encoding="utf-8") == text
    code, _, _ = cli("fmt", "--drop-comments", str(seed_copy))
    assert code == 0
    assert seed_copy.read_bytes() == SEED_EXAMPLE.read_bytes()


def test_a_hash_inside_a_string_is_not_a_comment(cli, seed_copy):
    text = seed_copy.read_text(encoding="utf-8").replace('series = "Monday Morning Meeting"', "series = 'Meeting #4'")
    seed_copy.write_text(text, encoding="utf-8")
    code, out, _ = cli("fmt", str(seed_copy))
    assert code == 0, out
    assert 'series = "Meeting #4"' in seed_copy.read_text(encoding="utf-8")


def test_bom_is_removed(cli, seed_copy):
    seed_copy.write_bytes(b"\xef\xbb\xbf" + seed_copy.read_bytes())
    code, _, _ = cli("fmt", "--check", str(seed_copy))
    assert code == 1
    cli("fmt", str(seed_copy))
    assert seed_copy.read_bytes() == SEED_EXAMPLE.read_bytes()


def test_unparseable_file_is_reported_and_left_alone(cli, tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text("[meta]\nschema_version = 2\n[event]\ntitle = 3\n")
    code, out, _ = cli("fmt", str(f))
    assert code == 1
    assert "bad.toml:4:1: error[type] event.title" in out
    assert f.read_text() == "[meta]\nschema_version = 2\n[event]\ntitle = 3\n"


def test_read_only_file_is_reported_not_overwritten(cli, seed_copy):
    import os

    seed_copy.write_text(messy(seed_copy.read_text(encoding="utf-8")), encoding="utf-8")
    os.chmod(seed_copy, 0o444)
    code, out, _ = cli("fmt", str(seed_copy))
    assert code == 2
    assert "read-only" in out
