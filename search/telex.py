"""Raw Telex keystrokes, as typed without a Vietnamese keyboard, read back as Vietnamese words.

``decode_telex("ddieemr")`` → ``"điểm"``; ``decode_telex("truwowngf")`` → ``"trường"``. A word is read as
Telex only when it uses Telex keys (doubled vowel, dd, w, or a tone key after the vowel) and the result
is a well-formed Vietnamese syllable; otherwise (``"thi"``, ``"thpt"``, ``"cross"``) the answer is None.
The ``bogo`` package does this too but has been unmaintained since 2014; the rules fit in this module.
"""

import re
import unicodedata
from functools import lru_cache

_DOUBLE = {"a": "â", "e": "ê", "o": "ô", "d": "đ"}
_HORN = {"a": "ă", "o": "ơ", "u": "ư"}
_TONE_KEYS = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_VOWELS = set("aăâeêioôơuưy")
_MARKED = set("ăâêôơư")
_SYLLABLE = re.compile(
    r"^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?"
    r"([aăâeêioôơuưy]{1,3})"
    r"(ch|ng|nh|[cmnpt])?$"
)


@lru_cache(maxsize=16384)
def decode_telex(word: str) -> str | None:
    if not word.isascii() or not word.isalpha() or len(word) > 10:
        return None
    letters: list[str] = []
    tone = ""
    used_keys = False
    for ch in word.lower():
        seen_vowel = any(c in _VOWELS for c in letters)
        if ch in _TONE_KEYS and seen_vowel:
            tone, used_keys = _TONE_KEYS[ch], True
        elif ch == "z" and seen_vowel and tone:  # removes a tone typed before it
            tone = ""
        elif ch == "w":
            if not _apply_horn(letters):
                letters.append("ư")
            used_keys = True
        elif letters and ch in _DOUBLE and letters[-1] == ch:
            letters[-1] = _DOUBLE[ch]
            used_keys = True
        elif ch in "aeo" and _double_earlier_vowel(letters, ch):  # "tana" typed for "tân"
            used_keys = True
        else:
            letters.append(ch)
    if not used_keys:
        return None
    base = "".join(letters)
    match = _SYLLABLE.match(base)
    if not match:
        return None
    return _place_tone(base, match, tone) if tone else base


def _double_earlier_vowel(letters: list[str], ch: str) -> bool:
    for i in range(len(letters) - 1, -1, -1):
        if letters[i] in _VOWELS:
            if letters[i] != ch or i == len(letters) - 1:
                return False
            letters[i] = _DOUBLE[ch]
            return True
    return False


def _apply_horn(letters: list[str]) -> bool:
    text = "".join(letters)
    if text.endswith(("uo", "uon", "uong", "uoc", "uot", "uoi", "uom", "uop")):
        i = text.rfind("uo")
        letters[i], letters[i + 1] = "ư", "ơ"
        return True
    for i in range(len(letters) - 1, -1, -1):
        if letters[i] in _HORN:
            letters[i] = _HORN[letters[i]]
            return True
        if letters[i] in _VOWELS:
            return False
    return False


def _place_tone(base: str, match: re.Match, tone: str) -> str:
    initial, vowels, final = match.group(1) or "", match.group(2), match.group(3) or ""
    start = len(initial)
    if initial == "gi" and not vowels:  # "gì": the i of gi carries the tone
        start -= 1
        vowels = "i"
    marked = [i for i, v in enumerate(vowels) if v in _MARKED]
    if marked:
        position = marked[-1]
    elif final or len(vowels) == 3:
        position = len(vowels) - 1 if final else 1
    elif len(vowels) == 2:
        position = 0
    else:
        position = 0
    index = start + position
    toned = unicodedata.normalize("NFC", base[index] + tone)
    return base[:index] + toned + base[index + 1:]
