"""Reading-time estimates: Vietnamese syllables are the space-separated words of the spoken text."""

import math
import re

_SYLLABLE_RE = re.compile(r"\w", re.UNICODE)


def count_syllables(spoken_text: str) -> int:
    """Words that contain a letter or digit (punctuation alone is not read)."""
    return sum(1 for word in spoken_text.split() if _SYLLABLE_RE.search(word))


def estimate_seconds(spoken_text: str, syllables_per_minute: int) -> int:
    """Seconds an announcer needs for ``spoken_text`` at the given pace, rounded up."""
    if syllables_per_minute <= 0:
        raise ValueError("syllables_per_minute must be positive")
    return math.ceil(count_syllables(spoken_text) * 60 / syllables_per_minute)


def format_duration(seconds: int) -> str:
    """"1 phút 05 giây", "45 giây" — for screens and printed scripts."""
    minutes, rest = divmod(int(seconds), 60)
    if not minutes:
        return f"{rest} giây"
    return f"{minutes} phút {rest:02d} giây"


def duration_templates() -> dict[str, str]:
    """``format_duration``'s wordings with {placeholders}, for a script that formats durations in the browser."""
    return {"minutes": "{minutes} phút {seconds} giây", "seconds": "{seconds} giây"}
