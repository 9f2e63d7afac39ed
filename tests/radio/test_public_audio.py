"""The public audio of an approved bulletin (issue #20, point 4): made once per revision and dialect and kept
with the media, served with an ETag (304 on revalidation), only for approved versions, behind the API rate
limit, and bounded by a synthesis timeout shorter than the web worker's."""

import io
import re
import threading
import time
import wave

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.files.storage import default_storage

from exam_news.radio import audio, stored_audio
from exam_news.radio.script import live_script
from tests.radio.bulletin_helpers import approved, bulletin, chau_doc_station, item, station

pytestmark = pytest.mark.django_db


def fake_wav(seconds: float = 0.5) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(8000)
        wav.writeframes(b"\0\0" * int(8000 * seconds))
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    return tmp_path


@pytest.fixture
def espeak_calls(monkeypatch):
    """espeak-ng replaced by a counter; each call returns a small valid WAV."""
    calls = []

    def render(text, **kwargs):
        calls.append((text, kwargs))
        return fake_wav()

    monkeypatch.setattr(audio, "render_wav", render)
    return calls


@pytest.fixture
def live(section, approver):
    return approved(bulletin(section, station(), items=[item("Lịch thi", "Sáng 26/6 thi Ngữ văn.")]), approver)


def url(obj) -> str:
    return f"/api/v1/radio/bulletins/{obj.pk}/audio.wav"


def test_the_second_request_is_served_from_the_media_storage_without_espeak(client, live, espeak_calls):
    first = client.get(url(live))
    assert first.status_code == 200 and first["Content-Type"] == "audio/wav"
    assert len(espeak_calls) == 1
    text, options = espeak_calls[0]
    assert "Ngữ văn" in text and options["timeout"] == 20  # RADIO_AUDIO_TIMEOUT_SECONDS, below gunicorn's 30
    script = live_script(live.pk)
    name = stored_audio.file_name(script)
    assert name.startswith(f"radio/audio/{live.pk}/r{live.live_revision_id}-north-")
    assert default_storage.exists(name)

    cache.clear()  # the file is kept with the media, not in the cache
    second = client.get(url(live))
    assert second.status_code == 200 and second.content == first.content
    assert len(espeak_calls) == 1


def test_a_new_approved_revision_gets_its_own_audio(client, live, approver, espeak_calls):
    client.get(url(live))
    live.items = [item("Lịch thi", "Sáng 27/6 thi Toán.")]
    live.save_revision(user=approver)
    assert client.get(url(live)).status_code == 200 and len(espeak_calls) == 1  # the draft is not heard
    approved(live, approver)
    assert client.get(url(live)).status_code == 200
    assert len(espeak_calls) == 2 and "Toán" in espeak_calls[1][0]


def test_etag_and_304_without_synthesis_or_storage(client, live, espeak_calls, monkeypatch):
    first = client.get(url(live))
    etag = first["ETag"]
    assert etag.startswith('"') and "no-cache" in first["Cache-Control"]
    monkeypatch.setattr(stored_audio, "_read", lambda name: pytest.fail("the storage was read for a 304"))
    again = client.get(url(live), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get(url(live), HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304
    assert len(espeak_calls) == 1


def test_unapproved_bulletins_are_json_404_and_never_synthesised(client, section, espeak_calls):
    draft = bulletin(section, chau_doc_station(), items=[item("Nháp", "Chưa duyệt.")])
    response = client.get(url(draft))
    assert response.status_code == 404
    assert response.json() == {"detail": f"Không có bản tin truyền thanh số {draft.pk} đã duyệt."}
    assert espeak_calls == []


def test_a_synthesis_past_the_timeout_is_a_quick_json_503(client, live, settings, tmp_path, monkeypatch):
    slow = tmp_path / "espeak-ng"
    slow.write_text("#!/bin/sh\nexec sleep 30\n")
    slow.chmod(0o755)
    monkeypatch.setattr(audio.shutil, "which", lambda name: str(slow) if name == audio.ESPEAK else None)
    settings.RADIO_AUDIO_TIMEOUT_SECONDS = 1
    started = time.monotonic()
    response = client.get(url(live))
    assert time.monotonic() - started < 5
    assert response.status_code == 503 and response["Retry-After"]
    assert "quá 1 giây" in response.json()["detail"]
    assert not default_storage.exists(stored_audio.file_name(live_script(live.pk)))
    assert cache.get(f"radio:audio-claim:{stored_audio.file_name(live_script(live.pk))}") is None  # claim released


def test_concurrent_first_requests_run_espeak_once(live):
    script = live_script(live.pk)
    calls = []

    def slow_synthesis(s):
        calls.append(s.bulletin_id)
        time.sleep(0.6)
        return fake_wav()

    results = []
    threads = [threading.Thread(target=lambda: results.append(stored_audio.stored_wav(script,
                                                                                      synthesise=slow_synthesis)))
               for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [live.pk]
    assert len(results) == 3 and len(set(results)) == 1


def test_a_claim_that_never_finishes_is_a_503_busy_not_a_second_espeak(client, live, settings, espeak_calls):
    settings.RADIO_AUDIO_TIMEOUT_SECONDS = 1
    cache.add(f"radio:audio-claim:{stored_audio.file_name(live_script(live.pk))}", "another-worker", 60)
    response = client.get(url(live))
    assert response.status_code == 503 and "đang được tạo" in response.json()["detail"]
    assert espeak_calls == []


def test_audio_is_behind_the_api_rate_limit(client, live, settings, espeak_calls):
    settings.API_RATE_LIMIT, settings.API_RATE_WINDOW, settings.API_RATE_LIMIT_ALLOWLIST = 2, 60, []
    statuses = [client.get(url(live), REMOTE_ADDR="203.0.113.7").status_code for _ in range(3)]
    assert statuses[:2] == [200, 200] and statuses[2] == 429
    assert len(espeak_calls) == 1


@pytest.mark.skipif(not audio.audio_available(), reason="espeak-ng is not installed (apt-get install espeak-ng)")
def test_real_espeak_audio_is_made_once_and_stored(client, live, monkeypatch):
    real, calls = audio.render_wav, []
    monkeypatch.setattr(audio, "render_wav", lambda text, **kw: calls.append(text) or real(text, **kw))
    first = client.get(url(live))
    assert first.status_code == 200 and first.content[:4] == b"RIFF" and audio.wav_seconds(first.content) > 1
    second = client.get(url(live))
    assert second.content == first.content and len(calls) == 1


def test_a_failing_media_storage_is_a_json_503_not_a_500(client, live, espeak_calls, monkeypatch):
    def broken(name, mode="rb"):
        raise PermissionError("bucket unreachable")

    monkeypatch.setattr(default_storage, "open", broken)
    response = client.get(url(live))
    assert response.status_code == 503 and "kho tệp media" in response.json()["detail"]
    assert espeak_calls == []


def test_the_synthesis_timeout_is_shorter_than_the_web_workers():
    unit = django_settings.BASE_DIR / "deploy" / "systemd" / "mua-thi-web.service"
    worker_timeout = int(re.search(r"gunicorn .*--timeout (\d+)", unit.read_text(), re.S).group(1))
    assert worker_timeout > django_settings.RADIO_AUDIO_TIMEOUT_SECONDS


def test_the_admin_download_is_the_stored_audio_the_listeners_get(client, live, approver, espeak_calls):
    client.force_login(approver)
    public = client.get(url(live))
    admin = client.get(f"/admin/radio/bulletins/{live.pk}/audio.wav")
    assert admin.status_code == 200 and admin["Content-Type"] == "audio/wav"
    assert admin.content == public.content and len(espeak_calls) == 1  # made once, for both
    assert client.get(f"/admin/radio/bulletins/{live.pk}/audio.ogg").status_code == 404
