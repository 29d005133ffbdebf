"""Issue 12: forms of event report print right (typography, house-style false alarms, no rapporteur line, layout).

Each test writes a report for the point it checks and reads the export back as a user would:
the DOCX with python-docx, the Markdown as text, the checks through the CLI.
"""

from __future__ import annotations

import io
import tomllib
from pathlib import Path

import docx as python_docx

from rapporteur import model as m
from rapporteur.export.document import build
from rapporteur.export.markdown import to_markdown
from rapporteur.validate import parse_report

NBSP, EN_DASH, RSQUO = "\u00a0", "\u2013", "\u2019"

MEETING = '''
[meta]
schema_version = 2
status = "final"

[event]
title = "India's Maritime Neighbourhood"
form = "round-table"
date = 2024-11-14
start_time = 15:00:00
end_time = 17:00:00
mode = "in-person"
venue = "Conference Room, New Delhi"
chatham_house = false

[event.organiser]
name = "Samudra Institute for Maritime Affairs"
short_name = "SIMA"

[[people]]
id = "rao"
honorific = "Vice Adm."
name = "Kiran Rao"
post_nominals = "AVSM"
designation = "Director General"
affiliation = "SIMA"

[[people]]
id = "sen"
honorific = "Dr."
name = "Mitra Sen"
designation = "Research Fellow"
affiliation = "SIMA"

[[sessions]]
roles = [{ role = "chair", people = ["rao"] }]

[[sessions.presentations]]
speakers = ["sen"]

[[sessions.presentations.sections]]
text = """
Dr. Sen spoke about the region's ports and the "blue economy" of the littoral states.
"""

[conclusion]
text = """
The discussion ended with a call for closer cooperation.
"""

[rapporteur]
person = "sen"
'''


def report_of(text: str) -> m.Report:
    report, diags = parse_report(tomllib.loads(text))
    assert report is not None, diags
    return report


def docx_paragraphs(path: Path) -> list[str]:
    return [p.text for p in python_docx.Document(io.BytesIO(path.read_bytes())).paragraphs]


def write(tmp_path: Path, text: str, name: str = "report.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- 12.8 typography -----------------------------------------------------------------------


def test_typography_in_the_docx_export(tmp_path, cli):
    src = write(tmp_path, MEETING)
    code, _, err = cli("export", "-q", "--no-embed-source", "-o", str(tmp_path / "out.docx"), str(src))
    assert code == 0, err
    paras = docx_paragraphs(tmp_path / "out.docx")
    event_line = paras[1]
    assert f"14{NBSP}November 2024" in event_line  # the day never ends a line
    assert f"1500{EN_DASH}1700 hrs" in event_line  # an en dash in a range
    lead = paras[2]
    assert f"\u201cIndia{RSQUO}s Maritime Neighbourhood\u201d" in lead  # the apostrophe as curly as its quotes
    assert f"Vice Adm.{NBSP}Kiran Rao" in lead and f"Dr.{NBSP}Mitra Sen" in " ".join(paras)
    assert f"14{NBSP}November 2024" in lead
    # The rapporteur's own paragraph with straight quotes keeps its straight apostrophe: nothing is mixed.
    assert any('region\'s ports and the "blue economy"' in p for p in paras)


def test_markdown_has_no_stray_event_line(tmp_path, cli):
    text = to_markdown(report_of(MEETING))
    head, body = text.split("\n---\n\n", 1)
    assert f'subtitle: "1500{EN_DASH}1700 hrs | Conference Room, New Delhi"' in head
    assert body.startswith(f"Dr.{NBSP}Mitra Sen, Research Fellow")  # the lead first, not "1500–1700 hrs | ..."


def test_curled_apostrophes_only_where_quotes_are_curly():
    doc = build(report_of(MEETING))
    texts = doc.texts()
    assert any(f"India{RSQUO}s" in t for t in texts)
    assert any("region's" in t for t in texts)


# -- 12.9 house-style false alarms ---------------------------------------------------------


def test_an_office_wing_in_parentheses_is_not_an_acronym_to_expand():
    from test_checks_support import check, make

    people = [{"id": "varma", "honorific": "Shri", "name": "Arun Varma", "designation": "Secretary (ER)"}]
    r = make(
        "Shri Arun Varma, Secretary (ER), noted that ties grew. The Joint Secretary (PP&R) agreed.",
        people=people,
        speakers=["varma"],
        moderator=None,
    )
    assert check(r, "acronym-expansion") == []
    # an unexplained acronym is still found, also in parentheses after a non-office word
    r = make("Shri Arun Varma noted that the Initiative (XQZ) grew.", people=people, speakers=["varma"], moderator=None)
    assert [d.code for d in check(r, "acronym-expansion")] == ["acronym-expansion"]


def test_a_name_the_export_prints_counts_as_a_mention():
    from test_checks_support import check, make

    two = {
        "sessions": [
            {
                "presentations": [
                    {"speakers": ["prathibha"], "sections": [{"text": "She observed that ties grew.\n"}]},
                    {"speakers": ["lele"], "sections": [{"text": "He added that trade fell.\n"}]},
                ]
            }
        ]
    }
    r = make(lead="Two scholars spoke at the meeting.", extra=two)
    assert check(r, "people-unmentioned") == []  # the export writes "Dr. M.S. Prathibha ... spoke first."
    assert "spoke first" in " ".join(build(r).texts())
    # one untitled talk: the export names nobody, so an unnamed speaker is still found
    r = make("She observed that ties grew.", lead="The session was moderated by Dr. Prashant Kumar Singh.")
    assert [d.code for d in check(r, "people-unmentioned")] == ["people-unmentioned"]


def test_a_tie_is_not_called_a_majority():
    from test_checks_support import check, make

    r = make('The \u201cno-limits\u201d partnership and the "new era" plan.', lead="Dr. M.S. Prathibha spoke.")
    diags = check(r, "typography-quotes")
    assert diags and all("mostly" not in d.message for d in diags)
    assert "as many curly as straight quotes (2 each)" in diags[0].message
    r = make('The \u201cno-limits\u201d and \u201cnew era\u201d plans and the "old" one.', lead="Dr. Prathibha spoke.")
    assert "mostly uses curly quotes (4 against 2)" in check(r, "typography-quotes")[0].message


def test_fmt_leaves_straight_quotes_in_multi_line_strings_unescaped(tmp_path, cli):
    text = MEETING.replace(
        'the "blue economy" of the littoral states.',
        'the "blue economy" of the ""littoral"" states, and three quotes: \\"\\"\\" stay escaped "',
    )
    src = write(tmp_path, text)
    before = tomllib.loads(text)
    code, _, err = cli("fmt", str(src))
    assert code == 0, err
    after = src.read_text(encoding="utf-8")
    assert tomllib.loads(after) == before  # the same words
    assert 'the "blue economy" of the ""littoral"" states' in after  # no backslashes where TOML needs none
    assert '\\"\\"\\" stay escaped "\n' in after  # three in a row stay escaped (they would close the string)
    assert 'title = "India\'s Maritime Neighbourhood"' in after


def test_quotes_next_to_the_closing_delimiter_stay_escaped():
    from rapporteur.tomlwrite import _key_value

    for value in ['end quote\n"', 'two\n""', 'three\n"""x', 'mid "a" and ""b""\n']:
        assert tomllib.loads(_key_value("t", value))["t"] == value


# -- 12.1 a final report without a "Report prepared by" line --------------------------------

WITHOUT_RAPPORTEUR = MEETING.split("[rapporteur]")[0]


def test_a_final_report_needs_a_rapporteur_by_default(tmp_path, cli):
    src = write(tmp_path, WITHOUT_RAPPORTEUR)
    code, out, err = cli("validate", "--final", str(src))
    assert code == 1
    assert "nobody is named as rapporteur" in out + err and "prepared_by_line = false" in out + err


def test_a_report_may_say_it_has_no_line_on_purpose(tmp_path, cli):
    text = WITHOUT_RAPPORTEUR.replace('status = "final"\n', 'status = "final"\nprepared_by_line = false\n')
    src = write(tmp_path, text)
    code, out, err = cli("validate", "--final", str(src))
    assert code == 0, out + err
    code, _, err = cli("export", "-q", "-o", str(tmp_path / "out.docx"), str(src))
    assert code == 0, err
    paras = docx_paragraphs(tmp_path / "out.docx")
    assert not any(p.startswith("Report prepared by") for p in paras)
    assert paras[-1].startswith("The discussion ended")
    # a named rapporteur is then not printed either: the line is left out on purpose
    named = report_of(text + '\n[rapporteur]\nperson = "sen"\n')
    assert not any(b.kind == "closing" for b in build(named).blocks)


def test_a_house_style_may_make_the_line_optional(tmp_path, cli):
    (tmp_path / "rapporteur.toml").write_text('[house]\nprepared_by = "optional"\n', encoding="utf-8")
    src = write(tmp_path, WITHOUT_RAPPORTEUR)
    code, out, err = cli("validate", "--final", str(src))
    assert code == 0, out + err
    code, _, err = cli("export", "-q", "-o", str(tmp_path / "out.md"), str(src))
    assert code == 0, err
    assert "Report prepared by" not in (tmp_path / "out.md").read_text(encoding="utf-8")
    code, out, err = cli("check", str(src))
    assert code in (0, 1) and "style-config" not in out + err


def test_a_wrong_prepared_by_setting_is_a_positioned_error(tmp_path, cli):
    (tmp_path / "rapporteur.toml").write_text('[house]\nprepared_by = "sometimes"\n', encoding="utf-8")
    src = write(tmp_path, MEETING)
    code, out, err = cli("check", str(src))
    assert code == 2
    assert "rapporteur.toml:2:" in out + err and "required, optional" in out + err


# -- 12.6 (parts) the house style in exports ------------------------------------------------


def test_the_house_date_style_and_lead_time_apply_to_exports(tmp_path, cli):
    (tmp_path / "rapporteur.toml").write_text(
        '[house]\ndate_style = "month-day-year"\nlead_time = true\nspelling = "off"\n', encoding="utf-8"
    )
    src = write(tmp_path, MEETING)
    code, _, err = cli("export", "-q", "-o", str(tmp_path / "out.docx"), str(src))
    assert code == 0, err
    paras = docx_paragraphs(tmp_path / "out.docx")
    assert f"November{NBSP}14, 2024" in paras[1]  # the event line
    assert f"on November{NBSP}14, 2024 from 1500 to 1700 hrs." in paras[2]  # the composed lead
    # and the DOCX, read back by `import`, is recognised as unedited
    code, out, err = cli("import", str(tmp_path / "out.docx"), "-o", str(tmp_path / "back.toml"))
    assert code == 0, out + err
    assert "edited" not in (out + err).lower()


def test_by_default_dates_are_day_month_year_and_the_lead_has_no_time():
    lead = build(report_of(MEETING)).texts()[0]
    assert f"on 14{NBSP}November 2024." in lead and "hrs" not in lead


def test_post_nominals_follow_a_comma_unless_parenthesised():
    from rapporteur.export.text import display_name

    doc = build(report_of(MEETING))
    assert f"Vice Adm.{NBSP}Kiran Rao, AVSM, Director General" in " ".join(doc.texts())
    retd = report_of(MEETING.replace('post_nominals = "AVSM"', 'post_nominals = "(Retd.)"'))
    assert display_name(retd.person("rao")) == f"Vice Adm.{NBSP}Kiran Rao (Retd.)"


def test_lists_whose_items_hold_commas_are_joined_with_semicolons():
    from rapporteur.export.text import join_list

    assert join_list(["Dr. A, Fellow, X", "Dr. B, Director, Y"]) == "Dr. A, Fellow, X; and Dr. B, Director, Y"
    assert join_list(["A", "B"]) == "A and B"
    # of two, a comma only in the second cannot be misread: no semicolon before "and"
    assert join_list(["Dr. Sen", "Prof. Rao, Professor, Y"]) == "Dr. Sen and Prof. Rao, Professor, Y"
    assert join_list(["A, x", "B", "C"]) == "A, x; B; and C"
    two = MEETING.replace('speakers = ["sen"]', 'speakers = ["sen", "rao"]').replace(
        'roles = [{ role = "chair", people = ["rao"] }]\n', ""
    )
    lead = build(report_of(two)).texts()[0]
    assert f"Research Fellow, Samudra Institute for Maritime Affairs (SIMA); and Vice Adm.{NBSP}Kiran Rao" in lead


# -- 12.7 (parts) layout ---------------------------------------------------------------------


def test_the_prepared_by_line_is_kept_with_the_paragraph_before_it(tmp_path, cli):
    src = write(tmp_path, MEETING)
    code, _, err = cli("export", "-q", "-o", str(tmp_path / "out.docx"), str(src))
    assert code == 0, err
    paragraphs = python_docx.Document(io.BytesIO((tmp_path / "out.docx").read_bytes())).paragraphs
    assert paragraphs[-1].text.startswith("Report prepared by")
    assert paragraphs[-2].paragraph_format.keep_with_next is True
    assert not any(p.paragraph_format.keep_with_next for p in paragraphs[2:-2])


def test_a_one_section_talk_does_not_repeat_its_title_as_a_heading():
    talk = MEETING.replace(
        "[[sessions.presentations]]\n", '[[sessions.presentations]]\ntitle = "India\'s Maritime Neighbourhood"\n'
    )
    doc = build(report_of(talk), "sectioned")
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert all("Neighbourhood" not in h for h in headings), headings
    narrative = " ".join(build(report_of(talk)).texts())
    assert (
        narrative.count("Maritime Neighbourhood") == 1
    )  # the lead's "spoke on", not again "The presentation was titled"
    # a section heading that repeats the heading above it is not printed twice
    same = talk.replace(
        '[[sessions.presentations]]\ntitle = "India\'s Maritime Neighbourhood"\n',
        '[[sessions.presentations]]\ntitle = "Ports"\n',
    ).replace("[[sessions.presentations.sections]]\n", '[[sessions.presentations.sections]]\nheading = "Ports"\n')
    headings = [b.text for b in build(report_of(same), "sectioned").blocks if b.kind == "heading"]
    assert headings.count("Ports") == 1, headings


def test_a_speaker_heading_is_not_followed_by_the_same_name():
    two = MEETING.replace(
        "[conclusion]",
        '[[sessions.presentations]]\nspeakers = ["rao"]\n\n[[sessions.presentations.sections]]\n'
        'text = """\nThe Director General added that ports need dredging.\n"""\n\n[conclusion]',
    ).replace('text = """\nDr. Sen spoke', 'text = """\nShe spoke')
    blocks = build(report_of(two), "sectioned").blocks
    texts = [b.text for b in blocks]
    at = next(i for i, b in enumerate(blocks) if b.kind == "heading" and "Mitra Sen" in b.text)
    assert "Mitra Sen" not in texts[at + 1] and texts[at + 1].startswith("She spoke")
    narrative = build(report_of(two)).texts()
    assert any("spoke first" in t for t in narrative)  # the narrative layout still names them once
