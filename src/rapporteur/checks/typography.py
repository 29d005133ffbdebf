"""Typography and spelling: one kind of quotes, single spaces, the house spelling.

Spelling compares a compact list of British/American pairs (-ise/-ize, -yse/-yze,
-our/-or, -re/-er, -ence/-ense, -ll-/-l- and a few others), generated with their
inflections. Only words in lower case, or capitalised at the start of a sentence,
are compared: a capitalised word inside a sentence is a name ("Pearl Harbor",
"Department of Defense", "Stimson Center") and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .context import Context, Field, Finding, sentence_initial

FAMILY = "typography"

_STRAIGHT = "\"'"
_CURLY = "“”‘’"
_QUOTE_RE = re.compile("[\"'“”‘’]")
_SPACES_RE = re.compile(r"(?<=\S)(?: {2,}|[ ]*\t[ \t]*)(?=\S)")

# -ise / -ize verbs (stems before the s/z) and their derivatives
_ISE_STEMS = """
agonis antagonis apologis authoris baptis canonis capitalis categoris centralis characteris civilis colonis
criticis crystallis customis decentralis demilitaris democratis demonis digitalis dramatis economis emphasis
energis epitomis familiaris fertilis finalis formalis galvanis globalis harmonis hospitalis hypothesis idealis
immunis incentivis industrialis institutionalis internationalis itemis jeopardis legalis legitimis liberalis
localis magnetis marginalis materialis maximis mechanis memoris militaris minimis mobilis modernis monetis
moralis nationalis neutralis normalis operationalis optimis organis ostracis patronis penalis polaris popularis
prioritis privatis publicis radicalis rationalis realis recognis regularis revitalis revolutionis sanitis
scrutinis securitis sensitis socialis specialis stabilis standardis strategis subsidis summaris symbolis
sympathis synchronis terroris trivialis urbanis utilis vaporis visualis vocalis weaponis westernis
""".split()
_ISE_SUFFIXES = ("e", "es", "ed", "ing", "ation", "ations", "er", "ers", "able")
_YSE_STEMS = ("analys", "paralys", "catalys")
_OUR_ROOTS = """
behaviour colour favour honour labour neighbour harbour humour rumour vigour endeavour armour savour flavour
odour rigour valour splendour candour clamour demeanour fervour parlour saviour tumour vapour
""".split()
_OUR_SUFFIXES = ("", "s", "ed", "ing", "able", "ably", "ite", "ites", "ful", "hood", "hoods", "ers", "al")
#: british american [b|a: flag only in a British (b) or American (a) house]
_PAIRS = """
centre center
centres centers
centred centered
centring centering
theatre theater
theatres theaters
fibre fiber
fibres fibers
litre liter
litres liters
calibre caliber
spectre specter
sombre somber
meagre meager
lustre luster
manoeuvre maneuver
manoeuvres maneuvers
manoeuvred maneuvered
manoeuvring maneuvering
manoeuvrability maneuverability
manoeuvrable maneuverable
defence defense
defences defenses
offence offense
offences offenses
pretence pretense
catalogue catalog
catalogues catalogs
analogue analog
dialogue dialog b
travelled traveled
travelling traveling
traveller traveler
travellers travelers
cancelled canceled
cancelling canceling
modelled modeled
modelling modeling
labelled labeled
labelling labeling
fuelled fueled
fuelling fueling
signalled signaled
signalling signaling
channelled channeled
channelling channeling
counselling counseling
counsellor counselor
levelled leveled
levelling leveling
marshalled marshaled
equalled equaled
totalled totaled
jewellery jewelry
enrolment enrollment
fulfil fulfill
fulfils fulfills
fulfilment fulfillment
instalment installment
skilful skillful
wilful willful
programme program a
programmes programs a
grey gray
ageing aging
sceptical skeptical
sceptic skeptic
sceptics skeptics
scepticism skepticism
mould mold
plough plow
aluminium aluminum
practise practice a
practised practiced a
practising practicing a
artefact artifact a
artefacts artifacts a
cosy cozy
"""


@lru_cache(maxsize=2)
def spelling_table(house: str) -> dict[str, str]:
    """Words to flag in this house spelling -> the house form."""
    british_to_american: list[tuple[str, str, str]] = []
    for stem in _ISE_STEMS:
        for suf in _ISE_SUFFIXES:
            british_to_american.append((stem + suf, stem[:-1] + "z" + suf, ""))
    for stem in _YSE_STEMS:
        for suf in ("e", "es", "ed", "ing", "er", "ers"):
            british_to_american.append((stem + suf, stem[:-1] + "z" + suf, ""))
    for root in _OUR_ROOTS:
        for suf in _OUR_SUFFIXES:
            british_to_american.append((root + suf, root[:-2] + "r" + suf, ""))
    for line in _PAIRS.strip().splitlines():
        parts = line.split()
        british_to_american.append((parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    out: dict[str, str] = {}
    for b, a, only in british_to_american:
        if house == "british" and only in ("", "b"):
            out[a] = b
        elif house == "american" and only in ("", "a"):
            out[b] = a
    return out


def _cased(word: str, like: str) -> str:
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def check(ctx: Context) -> Iterator[Finding]:
    fields = ctx.fields  # titles too: typography applies to every line a reader sees
    if ctx.on("typography-quotes"):
        yield from _quotes(ctx, fields)
    if ctx.on("typography-spaces"):
        for f in fields:
            if "  " not in f.text and "\t" not in f.text:
                continue
            for mt in _SPACES_RE.finditer(f.text):
                run = mt.group()
                what = "a tab" if "\t" in run else f"{len(run)} spaces"
                yield Finding(
                    "typography-spaces",
                    f.path,
                    f"{what} between words",
                    "use a single space",
                    mt.start(),
                    mt.end(),
                )
    if ctx.on("typography-spelling") and ctx.style.spelling != "off":
        yield from _spelling(ctx)


def _quotes(ctx: Context, fields: list[Field]) -> Iterator[Finding]:
    straight = curly = 0
    for f in fields:
        t = f.text
        s = t.count('"') + t.count("'")
        straight += s
        curly += t.count("“") + t.count("”") + t.count("‘") + t.count("’")
    house = ctx.style.quotes
    if house == "consistent":
        if not straight or not curly:
            return
        wrong = _STRAIGHT if straight <= curly else _CURLY
        if straight == curly:  # a tie is no majority: say so, and prefer the marks the export composes
            why = f"the report uses as many curly as straight quotes ({curly} each) and the export composes curly ones"
        else:
            why = f"the report mostly uses {'curly' if wrong == _STRAIGHT else 'straight'} quotes ({max(straight, curly)} against {min(straight, curly)})"
    else:
        wrong = _STRAIGHT if house == "curly" else _CURLY
        if not (straight if wrong == _STRAIGHT else curly):
            return
        why = f"the house style uses {house} quotes"
    for f in fields:
        t = f.text
        if not any(c in t for c in wrong):
            continue
        for mt in _QUOTE_RE.finditer(t):
            c = mt.group()
            if c not in wrong:
                continue
            if c == '"':
                fix, kind = ("“ or ”", "straight double quote")
            elif c == "'":
                word_inside = (
                    mt.start() > 0 and t[mt.start() - 1].isalnum() and t[mt.start() + 1 : mt.start() + 2].isalnum()
                )
                fix, kind = ("’", "straight apostrophe") if word_inside else ("‘ or ’", "straight single quote")
            else:
                fix = '"' if c in "“”" else "'"
                kind = "curly quote"
            yield Finding(
                "typography-quotes", f.path, f"{kind} {c} here, but {why}", f"write {fix}", mt.start(), mt.end()
            )


_LOWER_WORDS = re.compile(r"\b[a-z]{4,}\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")


def _spelling(ctx: Context) -> Iterator[Finding]:
    table = spelling_table(ctx.style.spelling)
    keys = table.keys()
    other = "American" if ctx.style.spelling == "british" else "British"
    house = ctx.style.spelling.capitalize()
    for f in ctx.prose:
        text = f.text
        # which variant words occur at all (C-speed), before looking for where
        hits = keys & set(_LOWER_WORDS.findall(text))
        hits |= keys & set(map(str.lower, _CAPITALISED.findall(text)))
        if not hits:
            continue
        where = re.compile(r"\b(?:" + "|".join(sorted(hits, key=len, reverse=True)) + r")\b", re.I)
        for mt in where.finditer(text):
            w = mt.group()
            if w[0].islower() and w.islower():
                house_form = table[w]
            elif w[0].isupper() and w[1:].islower() and sentence_initial(text, mt.start()):
                house_form = table[w.lower()]
            else:
                continue  # a capitalised word inside a sentence is a name; capitals are left alone
            yield Finding(
                "typography-spelling",
                f.path,
                f"'{w}' is the {other} spelling; the house style is {house}",
                f"write '{_cased(house_form, w)}'",
                mt.start(),
                mt.end(),
            )
