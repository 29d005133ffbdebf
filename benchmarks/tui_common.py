"""Shared helpers for the editor benchmarks: synthetic large reports, and settling an app."""

from __future__ import annotations

import copy
import os
import tempfile
from pathlib import Path

from rapporteur import tomlio, tomlwrite

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "china-russia-relationship.toml"


def isolate() -> str:
    """No user config, recovery files in a throwaway folder."""
    tmp = tempfile.mkdtemp(prefix="rapporteur-bench-")
    os.environ["RAPPORTEUR_CONFIG"] = os.path.join(tmp, "none.toml")
    os.environ["RAPPORTEUR_STATE_DIR"] = os.path.join(tmp, "state")
    return tmp


def seed_data() -> dict:
    return tomlio.read_source(SEED).data


def prose(words: int, seed: int = 0) -> str:
    base = seed_data()["summary"]["text"].split()
    out, i = [], seed
    while len(out) < words:
        out.append(base[i % len(base)])
        i += 1
    # paragraphs of ~120 words
    paras = [" ".join(out[k : k + 120]) for k in range(0, len(out), 120)]
    return "\n\n".join(paras) + "\n"


def large_report(words: int, questions: int, sections: int = 20) -> dict:
    """The seed, grown: ``sections`` presentation sections and ``questions`` questions sharing ``words``."""
    data = copy.deepcopy(seed_data())
    pres = data["sessions"][0]["presentations"][0]
    q_words = max(20, words // 5 // max(questions, 1)) if questions else 0
    sec_words = (words - q_words * questions) // sections
    pres["sections"] = [{"heading": f"Theme {i + 1}", "text": prose(sec_words, i)} for i in range(sections)]
    data["discussion"]["questions"] = [
        {"asker_description": "One of the scholars", "text": prose(q_words, i)} for i in range(questions)
    ]
    return data


def write_report(data: dict, folder: str, name: str) -> str:
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(tomlwrite.dumps_data(data))
    return path


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
