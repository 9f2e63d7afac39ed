"""Typos made from the judged queries, one per query, of the kinds people make: a wrong, missing or extra tone
mark, two vowels swapped, a letter dropped or doubled, a Southern/Northern initial (s/x, ch/tr, d/gi, l/n).
``bench/search/relevance.py --typos`` scores each kind against the same queries typed right: how much of the
ranking a typo costs, beyond the misspelt class of the judged set.

Seeded: the same typos every run (``random.Random(seed)``), so two checkouts compare on the same queries.
"""

import random
import re
import unicodedata

TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # huyền, sắc, ngã, hỏi, nặng
VOWELS = "aăâeêioôơuưy"
MARKED = "ăâêôơư"
INITIALS = (("tr", "ch"), ("ch", "tr"), ("gi", "d"), ("d", "gi"), ("s", "x"), ("x", "s"), ("l", "n"), ("n", "l"))
_ONSET = re.compile("^(qu|gi(?=[aăâeêoôơuưy])|[^aăâeêioôơuưy]*)")


def split_tone(syllable: str) -> tuple[str, str]:
    """The syllable without its tone mark (NFC), and the mark ("" for none)."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = next((c for c in decomposed if c in TONES), "")
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES)), tone


def with_tone(base: str, tone: str) -> str:
    """``base`` with ``tone`` on the vowel that carries it (the newer placement: "hoà", "thuỷ", "người")."""
    if not tone:
        return base
    onset = _ONSET.match(base.lower()).group()
    vowels = [i for i in range(len(onset), len(base)) if base[i].lower() in VOWELS]
    if not vowels:
        return base
    marked = [i for i in vowels if base[i].lower() in MARKED]
    if marked:
        at = marked[-1]  # "ươ": on the ơ
    elif vowels[-1] < len(base) - 1 or len(vowels) == 1:
        at = vowels[-1]  # a final consonant: on the last vowel
    elif len(vowels) == 3:
        at = vowels[1]
    else:
        pair = base[vowels[0]:vowels[0] + 2].lower()
        at = vowels[1] if pair in ("oa", "oe", "uy") else vowels[0]
    return unicodedata.normalize("NFC", base[:at + 1] + tone + base[at + 1:])


def typos_of(word: str, rnd: random.Random) -> dict[str, str]:
    """The typos of each kind that ``word`` allows, by kind."""
    base, tone = split_tone(word)
    out = {}
    if tone:
        out["tone wrong"] = with_tone(base, rnd.choice([t for t in TONES if t != tone]))
        out["tone missing"] = base
    elif any(c in VOWELS for c in base.lower()):
        out["tone added"] = with_tone(base, rnd.choice(TONES))
    pairs = [i for i in range(len(base) - 1) if base[i].lower() in VOWELS and base[i + 1].lower() in VOWELS]
    if pairs:
        i = rnd.choice(pairs)
        out["vowels swapped"] = with_tone(base[:i] + base[i + 1] + base[i] + base[i + 2:], tone)
    if len(base) >= 3:
        i = rnd.randrange(len(base))
        out["letter dropped"] = with_tone(base[:i] + base[i + 1:], tone)
    i = rnd.randrange(len(base))
    out["letter doubled"] = with_tone(base[:i + 1] + base[i] + base[i + 1:], tone)
    for typed, other in INITIALS:
        if base.lower().startswith(typed):
            out["Southern/Northern initial"] = with_tone(other + base[len(typed):], tone)
            break
    return out


def typo_queries(query: str, rnd: random.Random) -> list[tuple[str, str]]:
    """(kind, query with one of its words mistyped so) for each kind the chosen word allows."""
    words = query.split()
    candidates = [i for i, w in enumerate(words) if w.isalpha() and len(w) >= 2]
    if not candidates:
        return []
    i = rnd.choice(candidates)
    return [(kind, " ".join([*words[:i], typo, *words[i + 1:]])) for kind, typo in typos_of(words[i], rnd).items()]
