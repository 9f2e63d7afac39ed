import io

import pytest
from docx import Document

from exam_news.models import Abbreviation, Bulletin
from exam_news.radio import audio
from exam_news.radio.setup import ensure_radio_setup
from tests.exam_news.factories import add_page, news
from tests.radio.bulletin_helpers import DATE, approved, bulletin, item, station

pytestmark = pytest.mark.django_db
SNIPPETS = "/admin/snippets/exam_news"


def test_listing_and_edit_view_show_reading_time_and_no_export_for_a_draft(client, section, approver):
    draft = bulletin(section, station(), items=[item("Lịch thi", "Sáng 26/6 thi Ngữ văn.")])
    client.force_login(approver)
    listing = client.get(f"{SNIPPETS}/bulletin/")
    assert listing.status_code == 200 and draft.title in listing.content.decode()
    page = client.get(f"{SNIPPETS}/bulletin/edit/{draft.pk}/").content.decode()
    assert "Tổng thời lượng đọc" in page and "Đề xuất nội dung" in page
    assert "chỉ xuất được bản tin đã duyệt" in page
    assert f"/admin/radio/bulletins/{draft.pk}/export/docx/" not in page

    response = client.get(f"/admin/radio/bulletins/{draft.pk}/export/docx/", follow=True)
    assert response.redirect_chain and "chỉ xuất được bản tin đã duyệt" in response.content.decode()


def test_live_bulletin_exports_from_the_admin(client, section, approver):
    live = approved(bulletin(section, station(), items=[item("Lịch thi", "Sáng 26/6 thi Ngữ văn.")]), approver)
    client.force_login(approver)
    page = client.get(f"{SNIPPETS}/bulletin/edit/{live.pk}/").content.decode()
    assert f"/admin/radio/bulletins/{live.pk}/export/docx/" in page
    response = client.get(f"/admin/radio/bulletins/{live.pk}/export/docx/")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    assert "1. Lịch thi" in [p.text for p in document.paragraphs]
    assert client.get(f"/admin/radio/bulletins/{live.pk}/export/json/")["Content-Type"] == "application/json"


def test_admin_audio_says_clearly_when_espeak_is_missing(client, section, approver, monkeypatch):
    live = approved(bulletin(section, station(), items=[item("Tin", "Nội dung.")]), approver)
    monkeypatch.setattr(audio.shutil, "which", lambda name: None)
    client.force_login(approver)
    assert "chưa cài espeak-ng" in client.get(f"{SNIPPETS}/bulletin/edit/{live.pk}/").content.decode()
    response = client.get(f"/admin/radio/bulletins/{live.pk}/audio.wav", follow=True)
    assert "chưa cài espeak-ng" in response.content.decode()


def test_propose_action_fills_the_draft(client, section, provincial_editor):
    add_page(section, news("Phường ra quân tiếp sức mùa thi", date=DATE))
    draft = bulletin(section, station())
    client.force_login(provincial_editor)
    assert client.get(f"/admin/radio/bulletins/{draft.pk}/propose/").status_code == 200
    response = client.post(f"/admin/radio/bulletins/{draft.pk}/propose/")
    assert response.status_code == 302
    draft = Bulletin.objects.get(pk=draft.pk)
    items = draft.get_latest_revision_as_object().items.all()
    assert [i.heading for i in items] == ["Phường ra quân tiếp sức mùa thi"]
    assert draft.latest_revision.user == provincial_editor


def test_area_editors_may_not_change_bulletins(client, section, area_editor):
    add_page(section, news("Tin mới", date=DATE))
    draft = bulletin(section, station())
    revision = draft.latest_revision_id
    client.force_login(area_editor)
    response = client.post(f"/admin/radio/bulletins/{draft.pk}/propose/")
    assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail's "permission denied"
    assert Bulletin.objects.get(pk=draft.pk).latest_revision_id == revision


def test_abbreviation_snippet_rejects_duplicates_with_a_clear_message(client, approver):
    ensure_radio_setup()
    Abbreviation.objects.create(written="BCĐ", spoken="ban chỉ đạo")
    client.force_login(approver)
    response = client.post(f"{SNIPPETS}/abbreviation/add/", {"written": "BCĐ", "spoken": "ban chỉ đạo thi",
                                                             "note": ""})
    assert response.status_code == 200
    assert "Từ viết tắt “BCĐ” đã có trong từ điển" in response.content.decode()
    response = client.post(f"{SNIPPETS}/abbreviation/add/", {"written": "HĐT", "spoken": "hội đồng thi", "note": ""})
    assert response.status_code == 302 and Abbreviation.objects.filter(written="HĐT").exists()


def test_editor_submits_in_the_admin_and_approver_approves_then_it_exports(client, section, provincial_editor,
                                                                           approver):
    from wagtail.test.utils.form_data import querydict_from_html

    draft = bulletin(section, station(), items=[item("Lịch thi", "Sáng 26/6 thi Ngữ văn.")])
    client.force_login(provincial_editor)
    html = client.get(f"{SNIPPETS}/bulletin/edit/{draft.pk}/").content.decode()
    data = querydict_from_html(html, form_id="w-editor-form")
    data["items-0-spoken_override"] = "Sáng hai mươi sáu tháng sáu, thi môn Ngữ văn."
    data["action-submit"] = "1"
    response = client.post(f"{SNIPPETS}/bulletin/edit/{draft.pk}/", data)
    assert response.status_code == 302
    draft = Bulletin.objects.get(pk=draft.pk)
    state = draft.current_workflow_state
    assert state is not None and not draft.live
    assert client.get(f"/api/v1/radio/bulletins/{draft.pk}").status_code == 404

    client.force_login(approver)
    response = client.post(
        f"{SNIPPETS}/bulletin/workflow/action/{draft.pk}/approve/{state.current_task_state.pk}/",
        {"comment": "Đồng ý phát."})
    assert response.status_code in (200, 302)
    exported = client.get(f"/api/v1/radio/bulletins/{draft.pk}").json()
    assert exported["items"][0]["spoken_text"] == "Sáng hai mươi sáu tháng sáu, thi môn Ngữ văn."
    assert exported["approved_by"] == approver.get_username()
