"""The reading check: what ``read_aloud`` could not handle in a text, with positions, for an editor to fix.

``check_reading`` reads the text once and returns the spoken text with its problems: an abbreviation the
dictionary does not know (spelt letter by letter meanwhile), a slash or a number whose meaning the words around
it do not settle, and a symbol that was not read. Positions are character offsets in the text (after Unicode NFC
normalisation, which leaves typed Vietnamese unchanged); ``end`` is exclusive. Pure: no Django, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from .notes import UNKNOWN_ABBREVIATION, Note, collecting
from .speech import read_aloud


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str  # one of notes.KINDS
    token: str  # as written in the text
    start: int | None  # offsets in the text; None when the token was not found as written
    end: int | None
    reading: str = ""  # what the reader says meanwhile

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "token": self.token, "start": self.start, "end": self.end,
                "reading": self.reading}


@dataclass(frozen=True, slots=True)
class Reading:
    text: str
    spoken: str
    problems: tuple[Problem, ...]

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "spoken": self.spoken, "problems": [p.as_dict() for p in self.problems]}


def check_reading(
    text: str,
    dialect: str = "north",
    extra_abbreviations: Mapping[str, str] | None = None,
    link_style: str = "full",
) -> Reading:
    """``text`` read aloud, with what the reader could not handle (in the order of the text)."""
    with collecting() as notes:
        spoken = read_aloud(text, dialect, extra_abbreviations, link_style)
    normalised = unicodedata.normalize("NFC", text)
    return Reading(text=text, spoken=spoken, problems=tuple(_locate(normalised, notes)))


def reading_problems(
    text: str,
    dialect: str = "north",
    extra_abbreviations: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Only the problems of ``check_reading``."""
    return list(check_reading(text, dialect, extra_abbreviations).problems)


def _locate(text: str, notes: list[Note]) -> list[Problem]:
    taken: set[int] = set()
    problems = []
    for found in notes:
        start = _find(text, found, taken)
        end = None if start is None else start + len(found.token)
        if start is not None:
            taken.add(start)
        problems.append(Problem(found.kind, found.token, start, end, found.reading))
    problems.sort(key=lambda p: (p.start is None, p.start or 0))
    return _unique(problems)


def _find(text: str, found: Note, taken: set[int]) -> int | None:
    token = re.escape(found.token)
    if found.kind == UNKNOWN_ABBREVIATION:
        token = rf"(?<!\w){token}(?!\w)"
    for m in re.finditer(token, text):
        if m.start() not in taken:
            return m.start()
    return None


def _unique(problems: list[Problem]) -> list[Problem]:
    """A token the text does not contain as written is reported once, not once per reading step."""
    seen: set[tuple[str, str]] = set()
    out = []
    for problem in problems:
        if problem.start is None:
            key = (problem.kind, problem.token)
            if key in seen:
                continue
            seen.add(key)
        out.append(problem)
    return out
