"""The bulletin editor's audio preview: the saved draft read by espeak-ng, and how long it really lasts.

The real duration comes from the WAV header (``audio.wav_seconds``) when the preview is generated and is
remembered for that exact spoken text and pace, so the editor shows it next to the estimate without
running espeak-ng on every page load (the player does not preload).
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass

from django.core.cache import cache

from exam_news.radio import audio
from exam_news.radio.script import Script

ESPEAK_MIN_RATE, ESPEAK_MAX_RATE = 80, 450  # what espeak-ng's -s accepts, in words (here syllables) a minute
REMEMBER_SECONDS = 30 * 24 * 3600


@dataclass(frozen=True)
class Preview:
    wav: bytes
    seconds: float


def speech_rate(script: Script) -> int:
    """The bulletin's reading pace for espeak-ng (a Vietnamese word is one syllable)."""
    return min(ESPEAK_MAX_RATE, max(ESPEAK_MIN_RATE, script.syllables_per_minute))


def _key(script: Script) -> str:
    digest = hashlib.sha256(f"{speech_rate(script)}\n{script.spoken_text}".encode()).hexdigest()
    return f"radio:preview-seconds:{digest}"


def render_preview(script: Script) -> Preview:
    """WAV of everything the announcer says, at the bulletin's pace, with its real duration.

    Raises ``audio.AudioUnavailable`` (with a Vietnamese message) when espeak-ng is missing or fails."""
    wav = audio.render_wav(script.spoken_text, words_per_minute=speech_rate(script))
    seconds = audio.wav_seconds(wav)
    with contextlib.suppress(Exception):  # a cache outage only costs the remembered duration
        cache.set(_key(script), seconds, REMEMBER_SECONDS)
    return Preview(wav=wav, seconds=seconds)


def known_seconds(script: Script) -> float | None:
    """The real duration of this script's preview if it was generated before (None: not yet)."""
    try:
        return cache.get(_key(script))
    except Exception:
        return None
