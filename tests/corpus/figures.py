"""Print the figures of docs/reliability.md from the JSON files the reliability tests write.

    RAPPORTEUR_FIGURES=/tmp/figures python -m pytest -q -p no:cacheprovider \\
        tests/test_reliability_corpus.py tests/test_reliability_crash.py tests/test_reliability_properties.py
    python tests/corpus/figures.py /tmp/figures
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _load(folder: Path, name: str) -> dict:
    path = folder / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    folder = Path(argv[0] if argv else "/tmp/figures")
    corpus, crash, props = _load(folder, "corpus.json"), _load(folder, "crash.json"), _load(folder, "properties.json")
    rows: list[tuple[str, str]] = []
    runs = corpus.get("runs", {})
    editor = corpus.get("editor", {})
    docs = corpus.get("documents", {})
    if runs:
        inputs = {key.rsplit(" ", 1)[0] for key in runs} | set(editor)
        rows.append(("bad TOML inputs", f"{len(inputs)}"))
        rows.append(
            (
                "runs over them (validate, fmt --check, check, export, import, edit)",
                f"{len(runs) + len(editor)} ({len(editor)} editor opens headless)",
            )
        )
        for command in ("validate", "fmt", "check", "export", "import", "edit"):
            mine = {k.rsplit(" ", 1)[0]: v for k, v in runs.items() if k.rsplit(" ", 1)[1] == command}
            if not mine:
                continue
            slow = max(mine, key=lambda k: mine[k]["seconds"])
            big = max(mine, key=lambda k: mine[k]["rss_mb"] or 0)
            rows.append(
                (
                    f"slowest bad input, `{command}`",
                    f"{mine[slow]['seconds']:.2f} s ({slow}); peak memory {mine[big]['rss_mb']:.0f} MB ({big})",
                )
            )
        if editor:
            slow = max(editor, key=editor.get)
            rows.append(("slowest bad input, editor opened headless", f"{editor[slow]:.2f} s ({slow})"))
    if docs:
        names = {k.rsplit(" ", 1)[0] for k in docs}
        rows.append(("untrusted documents (import, --reference-doc)", f"{len(names)} documents, {len(docs)} runs"))
        for key in (
            "bomb-custom-xml.docx import",
            "bomb-styles.docx reference",
            "bomb-under-the-limits.docx import",
            "bomb-under-the-limits.docx reference",
            "lying-sizes.docx import",
            "many-entries.docx import",
        ):
            if key in docs:
                d = docs[key]
                rows.append(
                    (
                        f"`{key.replace(' reference', ' --reference-doc')}`",
                        f"{d['seconds']:.2f} s, peak memory {d['rss_mb']:.0f} MB",
                    )
                )
        slow = max(docs, key=lambda k: docs[k]["seconds"])
        rows.append(("slowest untrusted document", f"{docs[slow]['seconds']:.2f} s ({slow})"))
    for mode, label in (
        ("atomic_write", "`tomlwrite.atomic_write`, 2 MB report"),
        ("fmt", "`rapporteur fmt`"),
        ("export", "`rapporteur export` (DOCX)"),
    ):
        if mode in crash:
            c = crash[mode]
            rows.append(
                (
                    f"SIGKILLs survived, {label}",
                    f"{c['killed_by_sigkill']}/{c['kills']} (file intact every time; {c['left_temporaries']} kills landed mid-write; {c['seconds']} s)",
                )
            )
    for test, n in sorted(props.items()):
        rows.append((f"hypothesis examples, `{test}`", str(n)))
    print("| what | figure |")
    print("|---|---|")
    for what, figure in rows:
        print(f"| {what} | {figure} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
