"""Vietnamese text folding, the one function used wherever text is matched loosely.

``fold("Điểm thi Tân Châu")`` → ``"diem thi tan chau"``. Works for both tone-mark placements
(hoà/hòa, thuỷ/thủy) because every combining mark is removed after NFD decomposition, and maps
đ/Đ (which has no decomposition) to d.
"""

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def fold_key(text: str) -> str:
    """Folded text with every non-word character removed: "Phường Mỹ Thới" → "phuongmythoi"."""
    return _NON_WORD.sub("", fold(text)).replace("_", "")
