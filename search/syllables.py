"""Whether a folded word is spelt as a Vietnamese syllable can be: an initial consonant, a vowel group that
Vietnamese writes, a final consonant. "khieu" and "nai" can be ("khiếu nại"); "ngueyn", "vongg", "khsao", "thj"
cannot. Folded letters only (diacritics and đ folded), so "ưa" and "ua" are one group.

Typo correction reads it: two words the index lacks that are both well spelt are words it lacks, not typos.
"""

import re

_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
_VOWELS = (
    "uyeu|uyen|uye|uya|uyu|oai|oay|oeo|uay|uoi|uou|ieu|yeu|uo|ua|ue|ui|uu|uy|ia|ie|iu|ya|ye|yu|ai|ao|au|ay|eo|eu|"
    "oa|oe|oi|oo|a|e|i|o|u|y"
)
_FINAL = "(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(f"{_ONSET}(?:{_VOWELS}){_FINAL}")


def is_syllable(folded: str) -> bool:
    return bool(_SYLLABLE.fullmatch(folded))
