"""What an exported file carries besides its printed words (issue 14, item 1).

Every test searches the whole package, every part unzipped, for what the document does
not print: a leak can hide in the embedded source, the core or app properties, or a part
nobody looks at.
"""

from __future__ import annotations

import tomllib
import zipfile
from pathlib import Path

import docx as python_docx
import pytest

from rapporteur.export.privacy import without_notes

from conftest import EXAMPLES, SEED_EXAMPLE

CH_EXAMPLE = EXAMPLES / "roundtable-chatham-house.toml"

#: Words the Chatham House report below holds but never prints.
SECRETS = ("Quarrington", "Hidden Ministry", "Xyzzy", "Fictional example written", "quarrington")


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path, monkeypatch):
    """No one's personal [house] table decides what these exports embed."""
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path / "no-config.toml"))


def chatham_report(folder: Path) -> Path:
    """The Chatham House example with an attendee, a tag and notes that the body never prints."""
    text = CH_EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('    "fictional",\n', '    "fictional",\n    "Xyzzy",\n', 1)
    text = text.replace("chatham_house = true\n", 'chatham_house = true\nattendees = ["quarrington"]\n', 1)
    text = text.replace(
        "[lead]\n",
        '[[people]]\nid = "quarrington"\nhonorific = "Mr."\nname = "Zebulon Quarrington"\n'
        'affiliation = "Hidden Ministry"\n\n[lead]\n',
        1,
    )
    path = folder / "ch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def all_parts(path: Path) -> bytes:
    """Every part of the package, unzipped, one after the other."""
    with zipfile.ZipFile(path) as zf:
        return b"\n".join(zf.read(name) for name in zf.namelist())


def body_text(path: Path) -> str:
    return "\n".join(p.text for p in python_docx.Document(str(path)).paragraphs)


def test_the_chatham_house_report_is_valid_and_its_secrets_are_unprinted(cli, tmp_path):
    src = chatham_report(tmp_path)
    code, out, err = cli("validate", str(src))
    assert code == 0, out + err
    code, out, err = cli("export", str(src), "-o", str(tmp_path / "ch.docx"))
    assert code == 0, out + err
    text = body_text(tmp_path / "ch.docx")
    assert text and not any(s in text for s in SECRETS)


def test_a_chatham_house_export_carries_no_source_and_no_unprinted_property(cli, tmp_path):
    src = chatham_report(tmp_path)
    out_docx = tmp_path / "ch.docx"
    code, out, err = cli("export", str(src), "-o", str(out_docx))
    assert code == 0, out + err
    everything = all_parts(out_docx)
    for secret in SECRETS:
        assert secret.encode() not in everything, secret
    assert b"[[people]]" not in everything and b"attendees" not in everything
    core = python_docx.Document(str(out_docx)).core_properties
    assert core.title == "Connectivity under Strain: Russia, China and the Middle Corridor"
    assert "Xyzzy" not in core.keywords and "fictional" not in core.keywords
    assert "export-carries" not in err  # nothing unprinted: nothing to warn about
    code, out, err = cli("import", str(out_docx), "-o", str(tmp_path / "back.toml"))
    assert code == 1
    assert "without its report source" in err and "Chatham House Rule" in err
    assert not (tmp_path / "back.toml").exists()


def test_the_committed_chatham_house_example_leaks_nothing():
    data = tomllib.loads(CH_EXAMPLE.read_text(encoding="utf-8"))
    everything = all_parts(CH_EXAMPLE.with_suffix(".docx"))
    assert data["meta"]["notes"].split()[0:4] == ["Fictional", "example", "written", "for"]
    assert b"Fictional example written" not in everything and b"vestergaard-holm" not in everything


def test_embedding_the_source_under_the_rule_is_possible_and_warned_about(cli, tmp_path):
    src = chatham_report(tmp_path)
    out_docx = tmp_path / "ch.docx"
    code, out, err = cli("export", str(src), "-o", str(out_docx), "--embed-source")
    assert code == 0, out + err
    everything = all_parts(out_docx)
    assert b"Zebulon Quarrington" in everything  # asked for: the source is there
    assert b"Fictional example written" not in everything  # but never the notes unless asked
    assert "warning[export-carries]" in err and "people[1]" in err and "event.attendees" not in out
    assert "Xyzzy" not in python_docx.Document(str(out_docx)).core_properties.keywords  # properties still cleaned
    code, out, err = cli("import", str(out_docx), "-o", "-")
    assert code == 0 and "Zebulon Quarrington" in out and "notes =" not in out
    assert "left meta.notes out" in err


def test_internal_notes_are_left_out_of_an_ordinary_export_unless_asked(cli, tmp_path):
    src = tmp_path / "webinar.toml"
    src.write_bytes((EXAMPLES / "webinar-maritime-security.toml").read_bytes())
    note = tomllib.loads(src.read_text(encoding="utf-8"))["meta"]["notes"].split("\n")[0][:40]
    code, out, err = cli("export", str(src), "-o", str(tmp_path / "a.docx"))
    assert code == 0, out + err
    assert note.encode() not in all_parts(tmp_path / "a.docx")
    code, out, err = cli("import", str(tmp_path / "a.docx"), "-o", str(tmp_path / "a.toml"))
    assert code == 0 and "left meta.notes out" in err
    back = tomllib.loads((tmp_path / "a.toml").read_text(encoding="utf-8"))
    want = tomllib.loads(src.read_text(encoding="utf-8"))
    del want["meta"]["notes"]
    assert back == want

    code, out, err = cli("export", str(src), "-o", str(tmp_path / "b.docx"), "--embed-notes")
    assert code == 0, out + err
    code, out, err = cli("import", str(tmp_path / "b.docx"), "-o", "-")
    assert code == 0 and out.encode() == src.read_bytes() and "left" not in err


def test_notes_taken_during_the_event_are_internal_too():
    """A top-level ``notes`` part (the notes taken during the event) is left out like ``meta.notes``."""
    raw = SEED_EXAMPLE.read_bytes() + b'\n[notes]\ntext = "Overheard: the minister will resign."\n'
    data = tomllib.loads(raw.decode("utf-8"))
    cut, omitted = without_notes(raw, data, None, "\n")
    assert omitted == ("notes",)
    assert b"minister will resign" not in cut and b"[notes]" not in cut
    assert tomllib.loads(cut.decode("utf-8"))["event"] == data["event"]
    same, none = without_notes(SEED_EXAMPLE.read_bytes(), tomllib.loads(SEED_EXAMPLE.read_text("utf-8")), None, "\n")
    assert none == () and same == SEED_EXAMPLE.read_bytes()  # nothing to leave out: the exact bytes


def test_no_embed_source_and_the_house_style(cli, tmp_path):
    src = tmp_path / "seed.toml"
    src.write_bytes(SEED_EXAMPLE.read_bytes())
    code, out, err = cli("export", str(src), "-o", str(tmp_path / "a.docx"), "--no-embed-source")
    assert code == 0, out + err
    assert b"Mayuri" not in b"".join(
        zipfile.ZipFile(tmp_path / "a.docx").read(n)
        for n in zipfile.ZipFile(tmp_path / "a.docx").namelist()
        if n.startswith("customXml/")
    )
    code, _, err = cli("import", str(tmp_path / "a.docx"), "-o", "-")
    assert code == 1 and "--no-embed-source" in err

    (tmp_path / "rapporteur.toml").write_text('[house]\nembed_source = "never"\n', encoding="utf-8")
    code, out, err = cli("export", str(src), "-o", str(tmp_path / "b.docx"))
    assert code == 0, out + err
    code, _, err = cli("import", str(tmp_path / "b.docx"), "-o", "-")
    assert code == 1 and 'embed_source = "never"' in err
    code, out, err = cli("export", str(src), "-o", str(tmp_path / "c.docx"), "--embed-source")  # the flag wins
    assert code == 0 and cli("import", str(tmp_path / "c.docx"), "-o", "-")[0] == 0

    ch = chatham_report(tmp_path)
    (tmp_path / "rapporteur.toml").write_text('[house]\nembed_source = "always"\n', encoding="utf-8")
    code, out, err = cli("export", str(ch), "-o", str(tmp_path / "d.docx"))
    assert code == 0 and "export-carries" in err and b"Quarrington" in all_parts(tmp_path / "d.docx")

    (tmp_path / "rapporteur.toml").write_text('[house]\nembed_source = "sometimes"\n', encoding="utf-8")
    code, out, err = cli("export", str(src), "-o", str(tmp_path / "e.docx"))
    assert code == 2 and "rapporteur.toml:2:16" in out + err and "Traceback" not in out + err
    assert not (tmp_path / "e.docx").exists()


def test_an_ordinary_export_names_what_it_carries_unprinted(cli, tmp_path):
    src = tmp_path / "seed.toml"
    src.write_text(
        SEED_EXAMPLE.read_text(encoding="utf-8").replace("tags = [", 'tags = [\n    "Plover",', 1), encoding="utf-8"
    )
    code, out, err = cli("export", str(src), "-o", str(tmp_path / "a.docx"))
    assert code == 0, out + err
    line = next(x for x in err.splitlines() if "export-carries" in x)
    assert "document properties: keywords" in line and "meta.tags[0]" in line and "--no-embed-source" in line
    assert "Plover" in python_docx.Document(str(tmp_path / "a.docx")).core_properties.keywords  # kept, but named
    code, out, err = cli("export", str(src), "-o", str(tmp_path / "a.md"))
    assert code == 0 and "the Markdown file carries" in err and "YAML metadata: keywords" in err


def test_chatham_house_markdown_metadata_holds_only_what_is_printed(cli, tmp_path):
    src = chatham_report(tmp_path)
    code, out, err = cli("export", str(src), "-o", str(tmp_path / "ch.md"))
    assert code == 0, out + err
    text = (tmp_path / "ch.md").read_text(encoding="utf-8")
    head = text.split("\n---\n", 1)[0]
    assert "title:" in head and "Xyzzy" not in head and "fictional" not in head
    assert not any(s in text for s in SECRETS)


def test_embed_notes_without_the_source_says_it_does_nothing(cli, tmp_path):
    src = chatham_report(tmp_path)
    code, out, err = cli("export", str(src), "-o", str(tmp_path / "ch.docx"), "--embed-notes")
    assert code == 0 and "--embed-notes has no effect" in err and "Chatham House Rule" in err
    assert b"Fictional example written" not in all_parts(tmp_path / "ch.docx")
    code, out, err = cli("export", str(src), "-o", str(tmp_path / "ch.md"), "--embed-source")
    assert code == 0 and "never carries the report's source" in err


def test_nothing_of_a_reference_documents_properties_or_body_travels(cli, tmp_path):
    """A house template made by someone carries their name, comments and text: none of it reaches the export."""
    ref = python_docx.Document()
    ref.add_paragraph("Template body text Frobnicate")
    ref.core_properties.author = "Template Author Quuxley"
    ref.core_properties.comments = "internal template comment Wibblewobble"
    ref.core_properties.keywords = "templatekeyword"
    ref.save(str(tmp_path / "ref.docx"))
    src = tmp_path / "seed.toml"
    src.write_bytes(SEED_EXAMPLE.read_bytes())
    code, out, err = cli(
        "export", str(src), "-o", str(tmp_path / "a.docx"), "--reference-doc", str(tmp_path / "ref.docx")
    )
    assert code == 0, out + err
    everything = all_parts(tmp_path / "a.docx")
    for secret in (b"Quuxley", b"Wibblewobble", b"templatekeyword", b"Frobnicate"):
        assert secret not in everything, secret
