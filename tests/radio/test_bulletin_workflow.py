import pytest
from django.core.exceptions import ValidationError
from wagtail.models import WorkflowState

from cms.editorial import WORKFLOW_NAME
from exam_news.models import Abbreviation, Bulletin
from exam_news.radio.bulletins import propose_into
from exam_news.radio.script import draft_script, live_script, live_scripts
from tests.exam_news.factories import add_page, news
from tests.radio.bulletin_helpers import DATE, approved, bulletin, item, station

pytestmark = pytest.mark.django_db


def test_bulletins_use_the_review_workflow(section):
    draft = bulletin(section, station())
    assert draft.get_workflow().name == WORKFLOW_NAME


def test_a_draft_is_not_exportable_and_becomes_exportable_after_approval(section, provincial_editor, approver):
    draft = bulletin(section, station(), items=[item("Lịch thi", "Thi ngày 26/6.")], user=provincial_editor)
    assert not draft.live and live_script(draft.pk) is None and live_scripts() == []

    state = draft.get_workflow().start(draft, provincial_editor)
    assert live_script(draft.pk) is None  # submitted, not yet approved
    state.current_task_state.approve(user=approver)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED

    script = live_script(draft.pk)
    assert script is not None
    assert script.items[0].spoken_text == "Thi ngày hai mươi sáu tháng sáu."
    assert script.approval.approver == approver.get_username()


def test_a_new_draft_does_not_change_the_live_export(section, approver):
    live = approved(bulletin(section, station(), items=[item("Tin", "Bản đã duyệt.")]), approver)
    draft = live.get_latest_revision_as_object()
    draft.items = [item("Tin", "Bản nháp chưa duyệt.")]
    draft.save_revision(user=approver)
    assert live_script(live.pk).items[0].spoken_text == "Bản đã duyệt."
    assert draft_script(Bulletin.objects.get(pk=live.pk)).items[0].spoken_text == "Bản nháp chưa duyệt."


def test_spoken_override_is_kept_in_the_revision_and_wins_over_the_generated_text(section, approver):
    obj = bulletin(section, station(), items=[
        item("Điểm thi", "Trường THPT Long Xuyên.", spoken_override="Trường trung học phổ thông Long Xuyên, "
                                                                    "cổng đường Nguyễn Văn Cưng."),
        item("Giờ thi", "Có mặt lúc 6h30."),
    ])
    revision = obj.latest_revision
    stored = revision.content["items"]
    assert stored[0]["spoken_override"].startswith("Trường trung học phổ thông Long Xuyên")
    restored = revision.as_object().items.all()
    assert restored[0].spoken_override == stored[0]["spoken_override"]

    script = live_script(approved(obj, approver).pk)
    assert script.items[0].overridden and script.items[0].spoken_text.endswith("cổng đường Nguyễn Văn Cưng.")
    assert not script.items[1].overridden and script.items[1].spoken_text == "Có mặt lúc sáu giờ ba mươi phút."


def test_reading_time_per_item_and_total(section, approver):
    obj = approved(bulletin(section, station(), items=[
        item("Một", "hai ba bốn", spoken_override=" ".join(["tiếng"] * 199)),  # 1 + 199 syllables
        item("Hai", "x", spoken_override=" ".join(["tiếng"] * 99)),  # 1 + 99
    ]), approver)
    script = live_script(obj.pk)
    assert script.syllables_per_minute == 200
    assert [i.seconds for i in script.items] == [60, 30]
    assert script.total_seconds == 90


def test_reading_speed_default_comes_from_settings(section, settings):
    settings.RADIO_SYLLABLES_PER_MINUTE = 150
    assert bulletin(section, station()).syllables_per_minute == 150


def test_editors_abbreviations_are_applied_with_one_query(section, approver, django_assert_num_queries):
    Abbreviation.objects.create(written="BCĐ-TS", spoken="ban chỉ đạo tuyển sinh")
    Abbreviation.objects.create(written="THPT", spoken="trung học phổ thông quốc gia")  # overrides the default
    obj = approved(bulletin(section, station(), items=[
        item("BCĐ-TS thông báo", "BCĐ-TS nhắc thí sinh trường THPT mang thẻ."),
        item("Tin thứ hai", "BCĐ-TS họp lúc 14h."),
    ]), approver)
    # bulletin rows, abbreviation dictionary, approval log (+ content types cached)
    with django_assert_num_queries(3):
        script = live_script(obj.pk)
    assert script.items[0].spoken_heading == "Ban chỉ đạo tuyển sinh thông báo"
    assert script.items[0].spoken_text == ("Ban chỉ đạo tuyển sinh nhắc thí sinh trường trung học phổ thông "
                                           "quốc gia mang thẻ.")
    assert script.items[1].spoken_text == "Ban chỉ đạo tuyển sinh họp lúc mười bốn giờ."


def test_listing_live_scripts_is_constant_in_queries(section, approver):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    radio = station()
    approved(bulletin(section, radio, items=[item("A", "a")]), approver)
    with CaptureQueriesContext(connection) as one:
        live_scripts()
    for _ in range(3):
        approved(bulletin(section, radio, items=[item("A", "a"), item("B", "b")]), approver)
    with CaptureQueriesContext(connection) as many:
        assert len(live_scripts()) == 4
    assert len(many.captured_queries) == len(one.captured_queries)


def test_propose_fills_the_draft_and_keeps_the_live_version(section, approver):
    add_page(section, news("Tin mới", date=DATE))
    obj = approved(bulletin(section, station(), items=[item("Cũ", "Bản cũ.")]), approver)
    propose_into(obj, user=approver)
    obj.refresh_from_db()
    assert [i.heading for i in obj.get_latest_revision_as_object().items.all()] == ["Tin mới"]
    assert [i.heading for i in live_script(obj.pk).items] == ["Cũ"]


@pytest.mark.parametrize(("written", "spoken", "field"), [("", "ban chỉ đạo", "written"), ("BCĐ", "  ", "spoken")])
def test_abbreviation_forms_must_not_be_empty(written, spoken, field):
    with pytest.raises(ValidationError) as error:
        Abbreviation(written=written, spoken=spoken).full_clean()
    assert field in error.value.message_dict


def test_duplicate_abbreviation_has_a_clear_message():
    Abbreviation.objects.create(written="BCĐ", spoken="ban chỉ đạo")
    with pytest.raises(ValidationError) as error:
        Abbreviation(written=" BCĐ ", spoken="ban chỉ đạo thi").full_clean()
    assert error.value.message_dict["written"] == ["Từ viết tắt “BCĐ” đã có trong từ điển; hãy sửa mục đã có."]
