"""What the reader could not decide on its own, noted while it reads (for the reading check).

The reading steps call ``note(kind, token)``; nothing is kept unless ``collecting()`` is active in the current
context (a ``ContextVar``, so threads and async tasks each keep their own), which costs plain ``read_aloud`` one
variable lookup per note.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

UNKNOWN_ABBREVIATION = "unknown_abbreviation"
AMBIGUOUS_SLASH = "ambiguous_slash"
AMBIGUOUS_NUMBER = "ambiguous_number"
SKIPPED_SYMBOL = "skipped_symbol"
KINDS = (UNKNOWN_ABBREVIATION, AMBIGUOUS_SLASH, AMBIGUOUS_NUMBER, SKIPPED_SYMBOL)


@dataclass(frozen=True, slots=True)
class Note:
    kind: str
    token: str
    reading: str = ""  # what the reader said instead, when it said something


_NOTES: ContextVar[list[Note] | None] = ContextVar("radio_reading_notes", default=None)


def note(kind: str, token: str, reading: str = "") -> None:
    notes = _NOTES.get()
    if notes is not None:
        notes.append(Note(kind, token, reading))


@contextmanager
def collecting() -> Iterator[list[Note]]:
    notes: list[Note] = []
    reset = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(reset)
