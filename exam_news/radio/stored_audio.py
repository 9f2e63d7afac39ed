"""The public audio of an approved bulletin: made once per live revision and dialect, kept with the media.

The file's name is derived from what espeak-ng is asked to read (revision, dialect, voice, pace and the spoken
text itself, which also depends on the editors' dictionary), so a new approval or a dictionary change makes a
new file and the old one is never served for it. The same digest is the response's ETag: a client revalidating
gets its 304 without the storage (``default_storage``: the disk, or S3 in production) being read.

The first request of a version claims the synthesis in the cache (``cache.add``, shared across workers with
Redis); concurrent requests wait for the file instead of running espeak-ng again, for at most the synthesis
timeout (``RADIO_AUDIO_TIMEOUT_SECONDS``, kept below gunicorn's worker timeout), then get ``AudioBusy``.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from exam_news.radio import audio
from exam_news.radio.preview import speech_rate
from exam_news.radio.script import DIALECT, Script

logger = logging.getLogger(__name__)

FOLDER = "radio/audio"
POLL_SECONDS = 0.2


class AudioBusy(audio.AudioUnavailable):
    """Another request is making this audio right now and it did not finish in time; retry shortly."""


def digest(script: Script) -> str:
    """What identifies one spoken version: revision, dialect, voice, pace and the exact text read."""
    spoken = "\n".join((str(script.revision_id), DIALECT, audio.VOICE, str(speech_rate(script)),
                        script.spoken_text))
    return hashlib.sha256(spoken.encode("utf-8")).hexdigest()


def etag(script: Script) -> str:
    return f'"{digest(script)[:32]}"'


def file_name(script: Script) -> str:
    return f"{FOLDER}/{script.bulletin_id}/r{script.revision_id}-{DIALECT}-{digest(script)[:32]}.wav"


def timeout_seconds() -> int:
    return settings.RADIO_AUDIO_TIMEOUT_SECONDS


def _complete(data: bytes) -> bool:
    """Whether a stored WAV is whole: the storage creates the file before it writes it (a reader racing the
    writer would get the first bytes only), and espeak-ng writes the RIFF size of the whole file."""
    return len(data) >= 12 and data[:4] == b"RIFF" and int.from_bytes(data[4:8], "little") + 8 == len(data)


def _read(name: str) -> bytes | None:
    """The stored file, or None when there is none yet (or it is still being written); a storage that fails
    otherwise is a 503, not a 500."""
    try:
        with default_storage.open(name, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        return None
    except Exception as error:
        logger.warning("Could not read the stored audio %s", name, exc_info=True)
        raise audio.AudioUnavailable(_("Không đọc được kho tệp media; vui lòng thử lại sau.")) from error
    return data if _complete(data) else None


def _keep(name: str, data: bytes) -> None:
    """Stores the new file; if the storage refuses, the listener still gets this answer (made again next time)."""
    try:
        if default_storage.exists(name):  # left incomplete by a worker that died writing it
            default_storage.delete(name)
        default_storage.save(name, ContentFile(data))
    except Exception:
        logger.warning("Could not store the audio %s", name, exc_info=True)


def _synthesise(script: Script) -> bytes:
    return audio.render_wav(script.spoken_text, words_per_minute=speech_rate(script), timeout=timeout_seconds())


def stored_wav(script: Script, *, synthesise: Callable[[Script], bytes] = _synthesise) -> bytes:
    """The WAV of this version, from the media storage, made (once) when it is not there yet.

    Raises ``audio.AudioUnavailable`` when espeak-ng is missing, fails or runs past the timeout, and
    ``AudioBusy`` when another request is still making it after the timeout."""
    name = file_name(script)
    if (data := _read(name)) is not None:
        return data
    claim = f"radio:audio-claim:{name}"
    token = uuid.uuid4().hex
    try:
        claimed = cache.add(claim, token, timeout_seconds() + 10)
    except Exception:  # the cache is down: make the file rather than refuse
        claimed = True
    if not claimed:
        return _wait_for(name)
    try:
        if (data := _read(name)) is not None:  # finished between our look and our claim
            return data
        data = synthesise(script)
        _keep(name, data)
        return data
    finally:
        with contextlib.suppress(Exception):
            if cache.get(claim) == token:
                cache.delete(claim)


def _wait_for(name: str) -> bytes:
    deadline = time.monotonic() + timeout_seconds()
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        if (data := _read(name)) is not None:
            return data
    raise AudioBusy(_("Bản nghe thử đang được tạo; vui lòng thử lại sau ít giây."))
