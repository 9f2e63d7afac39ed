"""The bulletin editor's inline audio preview: a player for the saved draft, its estimated and real duration."""

import io
import re
import wave

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache

from exam_news.radio import audio
from exam_news.radio.reading import format_duration
from tests.radio.bulletin_helpers import approved, bulletin, item, station

pytestmark = pytest.mark.django_db
EDIT = "/admin/snippets/exam_news/bulletin/edit/{pk}/"
PREVIEW = "/admin/radio/bulletins/{pk}/draft-preview.wav"
needs_espeak = pytest.mark.skipif(not audio.audio_available(),
                                  reason="espeak-ng is not installed (apt-get install espeak-ng)")


@pytest.fixture(autouse=True)
def _forget_durations():
    cache.clear()


def draft(section):
    return bulletin(section, station(), items=[
        item("Lịch thi", "Sáng 26/6 thí sinh có mặt lúc 6 giờ 30 để làm thủ tục dự thi môn Ngữ văn."),
        item("Thời tiết", "Chiều nay có mưa dông, thí sinh mang theo áo mưa."),
    ])


def test_the_editor_has_an_inline_player_with_the_estimated_duration(client, section, approver):
    bulletin_ = draft(section)
    client.force_login(approver)
    page = client.get(EDIT.format(pk=bulletin_.pk)).content.decode()
    assert f'<audio controls preload="none" src="{PREVIEW.format(pk=bulletin_.pk)}">' in page
    estimated = re.search(r"data-estimated-duration>([^<]+)<", page).group(1)
    assert re.fullmatch(r"\d+ giây|\d+ phút \d\d giây", estimated)
    assert f"Tổng thời lượng đọc (bản nháp đã lưu): {estimated}" in page
    assert "chưa đo (bấm phát để đo)" in page  # no preview generated yet
    assert 'data-text-minutes="{minutes} phút {seconds} giây"' in page
    assert "/static/exam_news/js/audio_preview.js" in page
    # The player does not send the editor away: no link to a bare audio file for a draft.
    assert f'href="/admin/radio/bulletins/{bulletin_.pk}/audio.wav"' not in page


@needs_espeak
def test_the_preview_is_wav_with_its_real_duration_which_the_editor_then_shows(client, section, approver):
    bulletin_ = draft(section)
    client.force_login(approver)
    response = client.get(PREVIEW.format(pk=bulletin_.pk))
    assert response.status_code == 200 and response["Content-Type"] == "audio/wav"
    assert response["Accept-Ranges"] == "bytes"
    with wave.open(io.BytesIO(response.content)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    assert float(response["X-Audio-Duration"]) == pytest.approx(seconds, abs=0.01)
    assert 3 < seconds < 60  # two short items read aloud

    page = client.get(EDIT.format(pk=bulletin_.pk)).content.decode()
    assert f"data-real-duration>{format_duration(round(seconds))}<" in page
    assert "chưa đo" not in page

    ranged = client.get(PREVIEW.format(pk=bulletin_.pk), HTTP_RANGE="bytes=0-99")
    assert ranged.status_code == 206 and len(ranged.content) == 100
    assert ranged["Content-Range"] == f"bytes 0-99/{len(response.content)}"
    assert ranged.content == response.content[:100]


def test_without_espeak_the_editor_says_so_and_the_preview_answers_503(client, section, approver, monkeypatch):
    bulletin_ = draft(section)
    monkeypatch.setattr(audio.shutil, "which", lambda name: None)
    client.force_login(approver)
    page = client.get(EDIT.format(pk=bulletin_.pk)).content.decode()
    assert "Không có bản nghe thử: máy chủ chưa cài espeak-ng" in page and "<audio" not in page
    response = client.get(PREVIEW.format(pk=bulletin_.pk))
    assert response.status_code == 503 and "chưa cài espeak-ng" in response.content.decode()


def test_a_draft_without_items_has_nothing_to_hear(client, section, approver):
    empty = bulletin(section, station(), items=[])
    client.force_login(approver)
    page = client.get(EDIT.format(pk=empty.pk)).content.decode()
    assert "Bản nháp chưa có mục nào để nghe thử." in page and "<audio" not in page
    assert client.get(PREVIEW.format(pk=empty.pk)).status_code == 404


def test_the_preview_needs_permission_to_view_bulletins(client, section, django_user_model):
    bulletin_ = draft(section)
    outsider = django_user_model.objects.create_user("khach", password="mat-khau-Dai-123")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    response = client.get(PREVIEW.format(pk=bulletin_.pk))
    assert response.status_code in (302, 403) and response.get("Content-Type") != "audio/wav"


@needs_espeak
def test_the_approved_versions_audio_stays_a_download_link(client, section, approver):
    live = approved(draft(section), approver)
    client.force_login(approver)
    page = client.get(EDIT.format(pk=live.pk)).content.decode()
    assert f'href="/admin/radio/bulletins/{live.pk}/audio.wav"' in page and "Tải bản nghe đã duyệt (WAV)" in page
    assert f'src="{PREVIEW.format(pk=live.pk)}"' in page
