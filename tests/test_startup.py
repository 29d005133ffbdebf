"""`rapporteur validate` stays quick: it never imports the TUI or the DOCX writer."""

from __future__ import annotations

import subprocess
import sys

from conftest import SEED_EXAMPLE

HEAVY = ("textual", "docx", "lxml", "rich")


def imported_modules(*args: str) -> set[str]:
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['rapporteur', *{list(args)!r}]\n"
        "try:\n"
        "    runpy.run_module('rapporteur', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return set(r.stderr.split())


def test_validate_imports_neither_textual_nor_docx():
    mods = imported_modules("validate", str(SEED_EXAMPLE))
    assert "rapporteur.validate" in mods, "the probe must really have run validate"
    for heavy in HEAVY:
        assert not any(m == heavy or m.startswith(heavy + ".") for m in mods), heavy


def test_validate_never_builds_the_models():
    """The fast path validates with the committed core schema; pydantic's model machinery stays unloaded."""
    mods = imported_modules("validate", "--final", str(SEED_EXAMPLE))
    assert "rapporteur.fastvalidate" in mods
    assert "rapporteur.model" not in mods
    assert "pydantic.main" not in mods


def test_fmt_and_schema_import_neither():
    for args in (("fmt", "--check", str(SEED_EXAMPLE)), ("schema",)):
        mods = imported_modules(*args)
        assert "rapporteur.tomlio" in mods
        assert not any(m.split(".")[0] in HEAVY for m in mods), args


def test_core_modules_do_not_import_the_shells():
    code = (
        "import sys\n"
        "import rapporteur.model, rapporteur.tomlio, rapporteur.validate, rapporteur.diagnostics, rapporteur.schema, rapporteur.sourcemap, rapporteur.config\n"
        "print(' '.join(m for m in sys.modules if m.split('.')[0] in ('textual', 'docx', 'rich')))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == ""


def test_export_of_a_valid_report_never_builds_the_models(tmp_path):
    out = tmp_path / "seed.docx"
    mods = imported_modules("export", str(SEED_EXAMPLE), "-o", str(out))
    assert out.exists(), "the probe must really have exported"
    assert "rapporteur.export.docx" in mods
    assert "rapporteur.model" not in mods and "pydantic.main" not in mods
    assert not any(m.split(".")[0] == "textual" for m in mods)


def test_the_editors_first_screen_needs_neither_pydantic_nor_the_models():
    """The editor and its first screen's outline and Event form come from data/forms.json: the models
    (~250 ms of a new process) load with the first analysis, after the first paint. So do validation and
    the autosave comparison (only with an autosave), and Textual's TextArea comes with the first text box
    opened (~10 ms). That drawing the first screen opens no input is held by test_tui_closed_fields.py."""
    code = (
        "import sys, tomllib\n"
        "import rapporteur.tui.app\n"
        "from rapporteur.tui.controller import Controller\n"
        "from rapporteur.tui import document as doc\n"
        f"data = tomllib.loads(open({str(SEED_EXAMPLE)!r}, encoding='utf-8').read())\n"
        "ctl = Controller(data)\n"
        "specs = doc.field_specs(ctl.part_at(('event',)).cls)\n"
        "assert len(ctl.paths_in_order()) > 10 and any(s.kind == 'date' for s in specs)\n"
        "later = ('rapporteur.model', 'rapporteur.validate', 'rapporteur.differences', 'rapporteur.vocabulary',"
        " 'textual.widgets._text_area', 'rapporteur.tui.widgets.prose')\n"
        "print(' '.join(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core') or m in later))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == ""
