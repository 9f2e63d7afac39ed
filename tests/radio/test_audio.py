import io
import wave

import pytest

from exam_news.radio import audio

SAMPLE = "Sáng ngày hai mươi sáu tháng sáu, thí sinh có mặt lúc sáu giờ ba mươi phút."


def test_without_espeak_audio_is_unavailable_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(audio.shutil, "which", lambda name: None)
    assert not audio.audio_available()
    with pytest.raises(audio.AudioUnavailable, match="espeak-ng"):
        audio.render_wav(SAMPLE)
    with pytest.raises(audio.AudioUnavailable, match="lame hoặc ffmpeg"):
        audio.wav_to_mp3(b"RIFF")


def test_a_failing_espeak_is_reported_not_raised_raw(monkeypatch, tmp_path):
    fake = tmp_path / "espeak-ng"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setattr(audio.shutil, "which", lambda name: str(fake) if name == audio.ESPEAK else None)
    with pytest.raises(audio.AudioUnavailable, match="không tạo được"):
        audio.render_wav(SAMPLE)


@pytest.mark.skipif(not audio.audio_available(), reason="espeak-ng is not installed (apt-get install espeak-ng)")
def test_espeak_renders_a_plausible_vietnamese_wav():
    data = audio.render_wav(SAMPLE, words_per_minute=160)
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    with wave.open(io.BytesIO(data)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    syllables = len(SAMPLE.split())
    # 17 syllables at 160 words/min is about 6 s; allow for pauses and engine variation.
    assert syllables * 60 / 160 * 0.5 < seconds < syllables * 60 / 160 * 2.5
