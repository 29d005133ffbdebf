"""Acronyms: spelled out at first use, as "Belt and Road Initiative (BRI)" or
"BRI (Belt and Road Initiative)", unless readers know them (the house style's list).

An expansion is recognised when the letters of the acronym can be found, in
order, in the words before the parenthesis, the first at the start of a word
(the Schwartz-Hearst test), or, for names whose letters do not follow their
words ("Chinese Communist Party (CPC)"), when the parenthesis follows a phrase of
capitalised words that begins with the acronym's first letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .context import Context, Field, Finding

FAMILY = "acronym"

ACRONYM_RE = re.compile(r"(?=[A-Z])(?<![\w&])([A-Z][A-Za-z0-9&]*[A-Z0-9](?:-[A-Z0-9][A-Za-z0-9&]*)*)(s?)(?![\w&])")
_ROMAN = re.compile(r"^[IVX]+$")
_LONG_STOP = re.compile(r"[.;:!?()\[\]\n]")
_CAP_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'\-]*")
_SMALL = frozenset("of and for the in on at to de du des la le del da das e y und".split())

#: Spelled-out forms of acronyms common in the genre, offered in the hint.
EXPANSIONS = {
    "SCO": "Shanghai Cooperation Organisation",
    "BRI": "Belt and Road Initiative",
    "SAARC": "South Asian Association for Regional Cooperation",
    "BIMSTEC": "Bay of Bengal Initiative for Multi-Sectoral Technical and Economic Cooperation",
    "IOR": "Indian Ocean Region",
    "IORA": "Indian Ocean Rim Association",
    "LAC": "Line of Actual Control",
    "LoC": "Line of Control",
    "CPEC": "China-Pakistan Economic Corridor",
    "CPC": "Communist Party of China",
    "PLA": "People's Liberation Army",
    "PLAN": "People's Liberation Army Navy",
    "EEZ": "Exclusive Economic Zone",
    "UNCLOS": "United Nations Convention on the Law of the Sea",
    "UNSC": "United Nations Security Council",
    "UNGA": "United Nations General Assembly",
    "WTO": "World Trade Organization",
    "IMF": "International Monetary Fund",
    "MEA": "Ministry of External Affairs",
    "MoD": "Ministry of Defence",
    "FTA": "Free Trade Agreement",
    "EAEU": "Eurasian Economic Union",
    "CSTO": "Collective Security Treaty Organization",
    "INSTC": "International North–South Transport Corridor",
    "QUAD": "Quadrilateral Security Dialogue",
    "AUKUS": "Australia–United Kingdom–United States partnership",
    "HADR": "Humanitarian Assistance and Disaster Relief",
    "MDA": "Maritime Domain Awareness",
    "IUU": "Illegal, Unreported and Unregulated",
    "GCC": "Gulf Cooperation Council",
    "OPEC": "Organization of the Petroleum Exporting Countries",
    "IAEA": "International Atomic Energy Agency",
    "NPT": "Treaty on the Non-Proliferation of Nuclear Weapons",
    "IPEF": "Indo-Pacific Economic Framework",
    "NSG": "Nuclear Suppliers Group",
    "FATF": "Financial Action Task Force",
    "DPRK": "Democratic People's Republic of Korea",
    "ROK": "Republic of Korea",
    "PRC": "People's Republic of China",
    "ISRO": "Indian Space Research Organisation",
    "DRDO": "Defence Research and Development Organisation",
    "MSR": "Maritime Silk Road",
    "RCEP": "Regional Comprehensive Economic Partnership",
}


@dataclass
class Use:
    order: tuple[int, int]  # (field order, offset): reading order
    field: Field
    start: int
    end: int


def _letters(acr: str) -> str:
    return "".join(c.lower() for c in acr if c.isalnum())


def schwartz_hearst(short: str, long: str) -> bool:
    """Whether ``long`` can be the long form of ``short`` (letters in order, first at a word start)."""
    s, lf = _letters(short), long.lower()
    si, li = len(s) - 1, len(lf) - 1
    while si >= 0:
        c = s[si]
        while li >= 0 and (lf[li] != c or (si == 0 and li > 0 and lf[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
        si -= 1
    return True


def _window_before(text: str, end: int, acr: str) -> str:
    """The words before a parenthesis that could spell an acronym out."""
    start = max(0, end - 300)
    chunk = text[start:end]
    stop = None
    for match in _LONG_STOP.finditer(chunk):  # the last one
        stop = match
    if stop is not None:
        chunk = chunk[stop.end() :]
    words = chunk.split()
    n = len(_letters(acr))
    return " ".join(words[-min(n + 5, 2 * n) :])


def _capitalised_phrase(words: list[str], first: str) -> bool:
    """Two or more capitalised words (small words allowed between) end the text, the first of them starting with ``first``."""
    caps = 0
    for w in reversed(words):
        w = w.strip(",“”\"‘’'*")
        if not w:
            continue
        if _CAP_WORD.fullmatch(w):
            caps += 1
            if caps >= 2 and w[:1].upper() == first.upper():
                return True
        elif w.lower() not in _SMALL:
            return False
    return False


def _opens_with_phrase(words: list[str], first: str) -> bool:
    """At least two capitalised words (small words allowed between) opening the text, the first starting with ``first``."""
    caps = 0
    for i, w in enumerate(words):
        w = w.strip(",“”\"‘’'*")
        if _CAP_WORD.fullmatch(w):
            if i == 0 and w[:1].upper() != first.upper():
                return False
            caps += 1
        elif i > 0 and w.lower() in _SMALL:
            continue
        else:
            break
    return caps >= 2


def _defines(text: str, start: int, end: int, acr: str) -> bool:
    """Whether the acronym at text[start:end] is where it is spelled out."""
    before = text[max(0, start - 3) : start]
    after = text[end : end + 3]
    # "Long Form (ACR)" or "Long Form (ACR, ...)"
    if before.rstrip(" \u00a0").endswith("(") and after.lstrip(" \u00a0")[:1] in (")", ",", ";"):
        paren = text.rfind("(", 0, start)
        window = _window_before(text, paren, acr)
        if window and (schwartz_hearst(acr, window) or _capitalised_phrase(window.split(), acr[0])):
            return True
    # "ACR (Long Form)"
    j = end
    while j < len(text) and text[j] in " \u00a0":
        j += 1
    if j < len(text) and text[j] == "(":
        close = text.find(")", j)
        inner = text[j + 1 : close if close > 0 else j + 200][:200]
        if inner and (schwartz_hearst(acr, inner) or _opens_with_phrase(inner.split(), acr[0])):
            return True
    return False


def known_acronyms(ctx: Context) -> frozenset[str]:
    r = ctx.report
    known = set(ctx.style.acronyms) | set(ctx.style.organisation_short_names)
    if r.event.organiser.short_name:
        known.add(r.event.organiser.short_name)
    known.update({"AVM", "ACM"})  # ranks, written before names
    for p in r.people:
        for extra in (p.honorific, p.post_nominals):
            if extra:
                known.update(m.group(1) for m in ACRONYM_RE.finditer(extra))
        known.update(initials(p.name))
        # "Secretary (ER)": a wing or portfolio inside an office's title, not a term to spell out
        for mt in _OFFICE_PAREN.finditer(p.designation or ""):
            known.add(mt.group(1))
    return frozenset(known)


def initials(name: str | None) -> set[str]:
    """The all-capital tokens a text may use for a person, never acronyms to spell out: those written in the
    name ("SK Sharma", "Arun RS") and the person's initials (Sanjay Kumar -> "SK"; with the surname, "SKS")."""
    words = re.findall(r"[^\W\d_][\w’'-]*", name or "")
    out = {w for w in words if len(w) >= 2 and w.isupper()}
    letters = "".join(w[0] for w in words if w[0].isupper() and not (len(w) >= 2 and w.isupper()))
    tokens = "".join(w if (len(w) >= 2 and w.isupper()) else w[0] for w in words if w[0].isupper())
    for s in (letters, letters[:-1], tokens, tokens[:-1]):
        if len(s) >= 2:
            out.add(s.upper())
    return out


#: Words that end an office's title; an abbreviation in parentheses right after one names the
#: office's wing or portfolio ("Secretary (ER)", "Joint Secretary (PP&R)", "Director (Navy)").
_OFFICES = (
    "secretary|director|director general|deputy director general|additional director general|commissioner"
    "|adviser|advisor|officer|minister|deputy minister|chief|head|ambassador|counsellor|attaché|attache"
    "|consul|consul general|envoy|chairman|chairperson|chair|president|member|controller|registrar"
)
_OFFICE_PAREN = re.compile(rf"(?i:\b(?:{_OFFICES}))\s*\(\s*([A-Z][A-Za-z0-9&]*[A-Z0-9&](?:-[A-Z0-9&]+)*)\s*\)")


def _office_wing(text: str, start: int, end: int) -> bool:
    """Whether the acronym at text[start:end] is an office's wing in parentheses ("Secretary (ER)")."""
    open_at = text.rfind("(", max(0, start - 3), start)
    if open_at < 0 or text[open_at + 1 : start].strip() or text[end : end + 3].lstrip()[:1] != ")":
        return False
    for mt in _OFFICE_PAREN.finditer(text, max(0, open_at - 40), min(len(text), end + 3)):
        if mt.start(1) == start:
            return True
    return False


def check(ctx: Context) -> Iterator[Finding]:
    if not ctx.on("acronym-expansion", "acronym-before-expansion"):
        return
    known = known_acronyms(ctx)
    first_use: dict[str, Use] = {}
    defined: dict[str, Use] = {}
    for f in ctx.prose:
        text = f.text
        for mt in ACRONYM_RE.finditer(text):
            acr = mt.group(1)
            if acr in known or acr in defined:
                continue
            if any(c.isdigit() for c in acr) or _ROMAN.match(acr):
                continue
            upper = sum(c.isupper() for c in acr)
            if upper < 2 or upper <= sum(c.islower() for c in acr):
                continue
            if mt.group(2) and acr + "s" in known:
                continue
            if _office_wing(text, mt.start(1), mt.end(1)):
                continue
            use = Use((f.order, mt.start()), f, mt.start(), mt.end())
            if _defines(text, mt.start(1), mt.end(), acr):
                defined[acr] = use
                continue
            first_use.setdefault(acr, use)
    for acr, use in sorted(first_use.items(), key=lambda kv: kv[1].order):
        d = defined.get(acr)
        if d is None:
            if ctx.on("acronym-expansion"):
                long = EXPANSIONS.get(acr)
                example = f"'{long} ({acr})'" if long else f"'Full Name ({acr})'"
                yield Finding(
                    "acronym-expansion",
                    use.field.path,
                    f"'{acr}' is never spelled out",
                    f"write {example} at its first use, or add {acr} to the house style's acronyms",
                    use.start,
                    use.start + len(acr),
                )
        elif use.order < d.order and ctx.on("acronym-before-expansion"):
            from ..diagnostics import format_path

            where = "later in this text" if d.field is use.field else f"only later, in {format_path(d.field.path)}"
            yield Finding(
                "acronym-before-expansion",
                use.field.path,
                f"'{acr}' is used here but spelled out {where}",
                f"move the expansion here: the first use of '{acr}' should spell it out",
                use.start,
                use.start + len(acr),
            )
