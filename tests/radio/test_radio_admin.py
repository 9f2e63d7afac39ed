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


def test_reading_check_lists_each_items_problems_with_a_one_click_dictionary_entry(client, section, approver):
    draft = bulletin(section, station(), items=[
        item("Lịch thi", "Sáng 26/6 thi Ngữ văn."),
        item("Họp BQLDA", "Gửi ý kiến về mã 45/3/1 § nhé."),
    ])
    client.force_login(approver)
    edit_url = f"{SNIPPETS}/bulletin/edit/{draft.pk}/"
    page = client.get(edit_url).content.decode()
    assert "Kiểm tra cách đọc" in page and 'data-reading-problems="3"' in page
    assert "Còn 3 chỗ máy đọc chưa xử lý được" in page
    for token, label in (("BQLDA", "Từ viết tắt chưa có trong từ điển"), ("45/3/1", "Dấu gạch chéo chưa rõ nghĩa"),
                         ("§", "Ký hiệu không đọc được")):
        assert f"<code>{token}</code>" in page and label in page
    assert "href=\"#id_items-1-spoken_override\"" in page
    add_url = f"{SNIPPETS}/abbreviation/add/?written=BQLDA&amp;next="
    assert add_url in page

    form = client.get(f"{SNIPPETS}/abbreviation/add/", {"written": "BQLDA", "next": edit_url}).content.decode()
    assert 'value="BQLDA"' in form
    response = client.post(f"{SNIPPETS}/abbreviation/add/?next={edit_url}",
                           {"written": "BQLDA", "spoken": "ban quản lý dự án", "note": ""})
    assert response.status_code == 302 and response["Location"] == edit_url
    assert Abbreviation.objects.get(written="BQLDA").spoken == "ban quản lý dự án"
    page = client.get(edit_url).content.decode()
    assert 'data-reading-problems="2"' in page and "<code>BQLDA</code>" not in page


def test_clean_draft_says_the_reader_handled_everything(client, section, approver):
    draft = bulletin(section, station(), items=[item("Lịch thi", "Sáng 26/6 thi Ngữ văn tại hẻm 34/7B.")])
    client.force_login(approver)
    page = client.get(f"{SNIPPETS}/bulletin/edit/{draft.pk}/").content.decode()
    assert "Máy đọc xử lý được toàn bộ bản nháp đã lưu." in page and "data-reading-problems" not in page


def test_saving_or_approving_warns_while_problems_remain(rf, section, approver):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from exam_news.radio.check_admin import warn_if_unread

    draft = bulletin(section, station(), items=[item("Tin", "Họp BQLDA.")])
    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    warn_if_unread(request, draft)
    assert [str(m) for m in get_messages(request)] == [
        "Lưu ý: bản tin còn 1 chỗ máy đọc chưa xử lý được (xem “Kiểm tra cách đọc”). Hãy thêm vào từ điển viết tắt "
        "hoặc sửa cách đọc của mục trước khi duyệt."]
    clean = bulletin(section, station("Đài khác", None), items=[item("Tin", "Họp PHHS.")])
    request._messages = FallbackStorage(request)
    warn_if_unread(request, clean)
    assert list(get_messages(request)) == []


def test_json_export_carries_each_items_reading_problems(client, section, approver):
    live = approved(bulletin(section, station(), items=[item("Tin BQLDA", "Họp PHHS tại số 12/5.")]), approver)
    client.force_login(approver)
    data = client.get(f"/admin/radio/bulletins/{live.pk}/export/json/").json()
    assert data["reading_problem_count"] == 1
    assert data["items"][0]["reading_problems"] == [
        {"field": "heading", "kind": "unknown_abbreviation", "token": "BQLDA", "start": 4, "end": 9,
         "reading": "bê quy e lờ dê a"}]
    assert data["items"][0]["spoken_text"] == "Họp phụ huynh học sinh tại số mười hai trên năm."


def test_edit_hook_and_modal_workflow_action_warn(rf, section, approver):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from wagtail import hooks

    from exam_news.radio import wagtail_hooks
    from exam_news.radio.check_admin import BulletinWorkflowActionView

    assert wagtail_hooks.warn_about_reading_problems in hooks.get_hooks("after_edit_snippet")
    assert Bulletin.snippet_viewset.workflow_action_view_class is BulletinWorkflowActionView
    draft = bulletin(section, station(), items=[item("Tin", "Họp BQLDA.")])
    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    wagtail_hooks.warn_about_reading_problems(request, draft)
    wagtail_hooks.warn_about_reading_problems(request, Abbreviation(written="X", spoken="x"))  # other snippets: none
    assert len(list(get_messages(request))) == 1


def test_addresses_are_listed_with_their_full_and_short_readings(client, section, approver):
    draft = bulletin(section, station(), items=[
        item("Tra cứu", "Xem www.langson.gov.vn/tin-tuc hoặc gửi hoidap@sgd.edu.vn.")])
    client.force_login(approver)
    edit_url = f"{SNIPPETS}/bulletin/edit/{draft.pk}/"
    page = client.get(edit_url).content.decode()
    assert "<code>www.langson.gov.vn/tin-tuc</code>" in page and "<code>hoidap@sgd.edu.vn</code>" in page
    assert "vê kép vê kép vê kép chấm lang son chấm gốp chấm vê en gạch chéo tin gạch ngang tuc" in page
    assert "<td>lang son chấm gốp chấm vê en</td>" in page
    form = client.get(f"{SNIPPETS}/abbreviation/add/", {
        "written": "www.langson.gov.vn/tin-tuc", "spoken": "lang son chấm gốp chấm vê en"}).content.decode()
    assert 'value="lang son chấm gốp chấm vê en"' in form
    Abbreviation.objects.create(written="hoidap@sgd.edu.vn", spoken="hộp thư hỏi đáp của Sở")
    from exam_news.radio.admin_views import editor_script

    assert "gửi hộp thư hỏi đáp của Sở." in editor_script(Bulletin.objects.get(pk=draft.pk)).items[0].spoken_text
