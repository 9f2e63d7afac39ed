
import pytest

from exam_news.radio import audio
from tests.radio.bulletin_helpers import DATE, approved, bulletin, chau_doc_station, item, station

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_and_draft(section, approver):
    live = approved(bulletin(section, station(), items=[item("Lịch thi", "Sáng 26/6 thi Ngữ văn.")]), approver)
    draft = bulletin(section, chau_doc_station(), items=[item("Nháp", "Chưa duyệt.")])
    return live, draft


def test_list_shows_live_bulletins_only_and_filters(client, live_and_draft):
    live, draft = live_and_draft
    response = client.get("/api/v1/radio/bulletins")
    assert response.status_code == 200
    data = response.json()
    assert [b["id"] for b in data] == [live.pk]
    assert data[0]["broadcast_date"] == "2025-06-25" and data[0]["item_count"] == 1
    assert data[0]["links"]["ssml"].endswith(f"/api/v1/radio/bulletins/{live.pk}.ssml")
    assert client.get("/api/v1/radio/bulletins", {"station": live.station_id}).json()[0]["id"] == live.pk
    assert client.get("/api/v1/radio/bulletins", {"station": draft.station_id}).json() == []
    assert client.get("/api/v1/radio/bulletins", {"date": "2025-06-26"}).json() == []


@pytest.mark.parametrize("suffix", ["", ".txt", ".docx", ".ssml", "/audio.wav"])
def test_drafts_are_never_exported(client, live_and_draft, suffix):
    _live, draft = live_and_draft
    response = client.get(f"/api/v1/radio/bulletins/{draft.pk}{suffix}")
    assert response.status_code == 404
    assert response.json() == {"detail": f"Không có bản tin truyền thanh số {draft.pk} đã duyệt."}


def test_unknown_id_and_unknown_format_are_json_404(client, live_and_draft):
    assert client.get("/api/v1/radio/bulletins/999999").status_code == 404
    response = client.get(f"/api/v1/radio/bulletins/{live_and_draft[0].pk}.pdf")
    assert response.status_code == 404 and "docx" in response.json()["detail"]


@pytest.mark.parametrize("query", [{"date": "26/6/2025"}, {"station": "long-xuyen"}])
def test_bad_filters_are_422(client, query):
    response = client.get("/api/v1/radio/bulletins", query)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] in query


def test_live_json_and_text(client, live_and_draft):
    live = live_and_draft[0]
    data = client.get(f"/api/v1/radio/bulletins/{live.pk}").json()
    assert data["items"][0]["display_text"] == "Sáng 26/6 thi Ngữ văn."
    assert data["items"][0]["spoken_text"] == "Sáng ngày hai mươi sáu tháng sáu thi Ngữ văn."
    assert data["items"][0]["target_area_codes"] == ["30307"] and data["items"][0]["province_wide"]
    assert data["broadcast_date"] == DATE.isoformat() and data["approved_at"].endswith("+07:00")
    text = client.get(f"/api/v1/radio/bulletins/{live.pk}.txt")
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert "1. Lịch thi\n" in text.content.decode("utf-8")


def test_openapi_documents_the_radio_paths_and_content_types(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert "/api/v1/radio/bulletins" in paths and "/api/v1/radio/bulletins/{bulletin_id}" in paths
    assert "text/plain; charset=utf-8" in paths["/api/v1/radio/bulletins/{bulletin_id}.txt"]["get"]["responses"][
        "200"]["content"]
    docx = paths["/api/v1/radio/bulletins/{bulletin_id}.docx"]["get"]["responses"]
    assert "application/vnd.openxmlformats-officedocument.wordprocessingml.document" in docx["200"]["content"]
    assert "404" in docx
    assert "503" in paths["/api/v1/radio/bulletins/{bulletin_id}/audio.wav"]["get"]["responses"]
    assert not any("{rest}" in p for p in paths)


def test_audio_is_503_with_a_clear_message_without_espeak(client, live_and_draft, monkeypatch):
    monkeypatch.setattr(audio.shutil, "which", lambda name: None)
    response = client.get(f"/api/v1/radio/bulletins/{live_and_draft[0].pk}/audio.wav")
    assert response.status_code == 503
    assert "espeak-ng" in response.json()["detail"]


@pytest.mark.skipif(not audio.audio_available(), reason="espeak-ng is not installed (apt-get install espeak-ng)")
def test_audio_is_a_real_wav_when_espeak_exists(client, live_and_draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the audio is kept with the media
    response = client.get(f"/api/v1/radio/bulletins/{live_and_draft[0].pk}/audio.wav")
    assert response.status_code == 200 and response["Content-Type"] == "audio/wav"
    assert response.content[:4] == b"RIFF" and response.content[8:12] == b"WAVE"
