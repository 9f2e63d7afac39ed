"""Audio preview of a bulletin with Debian's ``espeak-ng`` (Vietnamese voice), when it is installed.

WAV always (espeak-ng writes it); MP3 only when ``lame`` or ``ffmpeg`` is on PATH. Subprocesses run
without a shell, with a timeout (``RADIO_AUDIO_TIMEOUT_SECONDS``, below the web worker's), text on standard input.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

ESPEAK = "espeak-ng"
VOICE = "vi"


class AudioUnavailable(RuntimeError):
    """The audio tools are not installed (or failed); the message says what to do."""


def unavailable_message() -> str:
    return _("Không có bản nghe thử: máy chủ chưa cài espeak-ng (Debian/Ubuntu: apt-get install espeak-ng).")


def audio_available() -> bool:
    return shutil.which(ESPEAK) is not None


def mp3_available() -> bool:
    return bool(shutil.which("lame") or shutil.which("ffmpeg"))


def timeout_seconds() -> int:
    """How long one espeak-ng (or MP3 encoder) run may take: shorter than gunicorn's worker timeout."""
    return settings.RADIO_AUDIO_TIMEOUT_SECONDS


def render_wav(text: str, *, words_per_minute: int = 160, timeout: int | None = None) -> bytes:
    """WAV bytes of ``text`` read by espeak-ng's Vietnamese voice (``AudioUnavailable`` past the timeout)."""
    timeout = timeout_seconds() if timeout is None else timeout
    executable = shutil.which(ESPEAK)
    if executable is None:
        raise AudioUnavailable(unavailable_message())
    with tempfile.TemporaryDirectory(prefix="muathi-audio-") as folder:
        out = Path(folder) / "bulletin.wav"
        try:
            subprocess.run(
                [executable, "-v", VOICE, "-s", str(words_per_minute), "-w", str(out), "--stdin"],
                input=text.encode("utf-8"), capture_output=True, timeout=timeout, check=True,
            )
        except subprocess.TimeoutExpired as error:
            raise AudioUnavailable(_("espeak-ng chạy quá %(seconds)s giây nên bản nghe thử bị bỏ; vui lòng thử lại "
                                     "sau.") % {"seconds": timeout}) from error
        except (subprocess.SubprocessError, OSError) as error:
            raise AudioUnavailable(_("espeak-ng không tạo được bản nghe thử: %(error)s") % {"error": error}) \
                from error
        return out.read_bytes()


def wav_seconds(data: bytes) -> float:
    """How long WAV bytes play, from their header (frames / frame rate)."""
    try:
        with wave.open(io.BytesIO(data)) as wav:
            return wav.getnframes() / wav.getframerate()
    except (wave.Error, EOFError, ZeroDivisionError) as error:
        raise AudioUnavailable(_("Bản nghe thử không phải tệp WAV hợp lệ: %(error)s") % {"error": error}) from error


def wav_to_mp3(wav: bytes, *, timeout: int | None = None) -> bytes:
    """MP3 bytes from WAV bytes with lame (preferred) or ffmpeg."""
    timeout = timeout_seconds() if timeout is None else timeout
    if lame := shutil.which("lame"):
        command = [lame, "--quiet", "-", "-"]
    elif ffmpeg := shutil.which("ffmpeg"):
        command = [ffmpeg, "-loglevel", "error", "-f", "wav", "-i", "pipe:0", "-f", "mp3", "pipe:1"]
    else:
        raise AudioUnavailable(_("Không tạo được MP3: máy chủ chưa cài lame hoặc ffmpeg; hãy dùng bản WAV."))
    try:
        return subprocess.run(command, input=wav, capture_output=True, timeout=timeout, check=True).stdout
    except (subprocess.SubprocessError, OSError) as error:
        raise AudioUnavailable(_("Không chuyển được sang MP3: %(error)s") % {"error": error}) from error
