"""Helpers for the read-aloud tests (no Django needed)."""

from __future__ import annotations

import re
import string

_STRIP = str.maketrans("", "", string.punctuation + "–…“”")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case, drop punctuation, collapse whitespace (the comparison rule)."""
    return _SPACES.sub(" ", text.lower().translate(_STRIP)).strip()
