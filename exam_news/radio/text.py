"""Small text helpers shared by the read-aloud steps."""

from __future__ import annotations

_OPENERS = "\"'“‘([{-–"
_SENTENCE_ENDS = ".!?…"


def starts_sentence(text: str, pos: int) -> bool:
    """True if ``pos`` is the first word of the text, a line or a sentence."""
    i = pos - 1
    while i >= 0 and text[i] != "\n" and (text[i].isspace() or text[i] in _OPENERS):
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in _SENTENCE_ENDS


def capitalize_first(words: str) -> str:
    return words[:1].upper() + words[1:]
