"""``fmt --check`` does not hide a report's errors behind "would reformat" (issue 14, item 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEED_EXAMPLE


def _noncanonical(text: str) -> str:
    return text.replace("[meta]\n", "[meta]\n\n\n", 1)


def _duplicate_id(text: str) -> str:
    first = text.index("[[people]]")
    person = text[first : text.index("[[people]]", first + 1)]
    return text + "\n" + person


def _dangling(text: str) -> str:
    return text.replace('people = ["singh"]', 'people = ["singhh"]', 1)


@pytest.mark.parametrize(
    "change, fragment",
    [(_duplicate_id, "duplicate person id 'prathibha'"), (_dangling, "unknown person 'singhh'")],
    ids=["duplicate-id", "dangling-reference"],
)
def test_fmt_check_names_the_problem_and_says_to_validate(cli, tmp_path: Path, change, fragment):
    path = tmp_path / "r.toml"
    path.write_text(change(_noncanonical(SEED_EXAMPLE.read_text(encoding="utf-8"))), encoding="utf-8")
    code, out, _ = cli("fmt", "--check", str(path))
    assert code == 1
    line = next(x for x in out.splitlines() if x.startswith("would reformat"))
    assert fragment in line and "rapporteur validate" in line


def test_a_clean_file_still_says_only_would_reformat(cli, tmp_path: Path):
    path = tmp_path / "r.toml"
    path.write_text(_noncanonical(SEED_EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, _ = cli("fmt", "--check", str(path))
    assert code == 1 and out.strip() == f"would reformat {path}"
