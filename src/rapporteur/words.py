"""Words of a report's prose, counted one way: the editor's status line and the recovery prompt
(:mod:`rapporteur.differences`) both count with this. Its own module because the editor's first
screen shows the count and needs nothing else of ``differences`` (nor the vocabulary it loads).
"""

from __future__ import annotations

import re
from typing import Any

_WORD = re.compile(r"\S+")

#: The keys that hold prose, at any depth (the words a reader of the report reads).
PROSE_KEYS = ("text", "intro", "observations", "introduction")


def count_words(data: Any) -> int:
    """Words of prose in ``data``: the text, intro, introduction and observations fields at any depth."""
    total = 0
    if isinstance(data, dict):
        for k, v in data.items():
            if isinstance(v, str):
                if k in PROSE_KEYS:
                    total += len(_WORD.findall(v))
            elif isinstance(v, (dict, list)):
                total += count_words(v)
    elif isinstance(data, list):
        for v in data:
            if isinstance(v, (dict, list)):
                total += count_words(v)
    return total
