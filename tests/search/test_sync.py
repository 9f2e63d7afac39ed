"""The index follows publishing: every route by which public content appears, changes or disappears."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from exam_news import models as m
from search.models import SearchEntry
from tests.exam_news.factories import add_page, index_of, news
from tests.fixtures import CHAU_DOC, LONG_XUYEN, unit
from tests.search.helpers import find, titles

pytestmark = pytest.mark.django_db


def keys() -> set[str]:
    return set(SearchEntry.objects.values_list("key", flat=True))


def test_publishing_indexes_after_commit_and_only_then(section, synced):
    page = add_page(section, news("Thí sinh đến điểm thi sớm 30 phút"))  # callbacks not run: not committed
    assert f"page:{page.pk}" not in keys()
    synced(page.save_revision().publish)
    entry = SearchEntry.objects.get(key=f"page:{page.pk}")
    assert entry.kind == "news" and entry.section_key == "thpt:2025" and entry.year == 2025
    assert entry.title_terms == "thi sinh den diem thi som 30 phut"
    assert titles(find("den diem thi som 30 phut")) == ["Thí sinh đến điểm thi sớm 30 phút"]


def test_drafts_are_never_indexed(section, synced):
    draft = synced(add_page, section, news("Bản nháp chưa duyệt về điểm thi"), publish=False)
    assert f"page:{draft.pk}" not in keys()
    assert find("ban nhap chua duyet").total == 0


def test_unpublish_removes_and_republish_restores(section, synced):
    page = synced(add_page, section, news("Điều chỉnh giờ thi môn Ngữ văn"))
    assert find("dieu chinh gio thi").total == 1
    synced(page.unpublish)
    assert f"page:{page.pk}" not in keys()
    synced(page.save_revision().publish)
    assert find("dieu chinh gio thi").total == 1


def test_unpublishing_the_section_removes_everything_below_it(section, synced):
    synced(add_page, section, news("Tin thuộc chuyên mục năm 2025"))
    assert SearchEntry.objects.filter(section_key="thpt:2025").exists()
    synced(section.unpublish)
    assert not SearchEntry.objects.filter(section_key="thpt:2025").exists()


def test_moving_a_page_updates_its_url(section, home, synced):
    from exam_news.sections import create_exam_section

    other = synced(create_exam_section, home, "thpt", 2026, publish=True)
    page = synced(add_page, section, news("Tin chuyển chuyên mục"))
    synced(page.move, index_of(other, m.NewsIndexPage), pos="last-child")
    entry = SearchEntry.objects.get(key=f"page:{page.pk}")
    assert entry.section_key == "thpt:2026" and "tot-nghiep-thpt-2026" in entry.url


def test_deleting_a_page_removes_it(section, synced):
    page = synced(add_page, section, news("Tin sẽ bị xóa"))
    synced(Page.objects.get(pk=page.pk).delete)
    assert f"page:{page.pk}" not in keys()


def test_expired_pages_are_not_found_even_before_the_scheduler_runs(section, synced):
    soon = timezone.now() + datetime.timedelta(hours=1)
    page = add_page(section, news("Thông tin tạm thời về phòng thi"), publish=False)
    revision = page.save_revision()
    page.expire_at = soon
    synced(revision.publish)
    page.expire_at = soon
    synced(page.save_revision().publish)
    assert find("thong tin tam thoi").total == 1
    assert find("thong tin tam thoi", now=soon + datetime.timedelta(minutes=1)).total == 0


def test_areas_carry_legacy_district_codes_both_ways(section, synced):
    commune = unit(LONG_XUYEN)
    legacy = commune.predecessors.get()
    tagged_commune = synced(add_page, section, news("Tin ở phường Long Xuyên"), areas=[commune])
    tagged_legacy = synced(add_page, section, news("Tin ở thành phố Long Xuyên cũ"), areas=[legacy])
    commune_entry = SearchEntry.objects.get(key=f"page:{tagged_commune.pk}")
    assert {commune.code, legacy.code} <= {a["code"] for a in commune_entry.areas}
    legacy_entry = SearchEntry.objects.get(key=f"page:{tagged_legacy.pk}")
    assert commune.code in {a["code"] for a in legacy_entry.areas}
    assert not commune_entry.province_wide


def test_venue_save_and_delete_follow_at_once(section, synced):
    venue = synced(m.ExamVenue.objects.create, section=section, code="AG-099", name="Trường THPT Thủ Khoa Nghĩa",
                   address="Số 01 Tôn Đức Thắng", commune=unit(CHAU_DOC))
    entry = SearchEntry.objects.get(key=f"venue:{venue.pk}")
    assert entry.title == "Điểm thi Trường THPT Thủ Khoa Nghĩa" and entry.number == "AG-099"
    assert "#diem-thi-AG-099" in entry.url
    venue.address = "Số 3 Tôn Đức Thắng"
    synced(venue.save)
    assert SearchEntry.objects.get(key=f"venue:{venue.pk}").address == "Số 3 Tôn Đức Thắng"
    synced(venue.delete)
    assert f"venue:{venue.pk}" not in keys()


def test_venue_import_is_indexed(section, synced):
    from pathlib import Path

    from exam_news.importers.venues import import_venues

    example = next(Path("exam_news").glob("**/examples/*venue*.csv"), None) or \
        next(Path("exam_news").glob("**/examples/*diem*.csv"))
    with example.open("rb") as file:
        report = synced(import_venues, section, file, example.name)
    assert report.ok, report
    assert SearchEntry.objects.filter(kind="venue").count() == m.ExamVenue.objects.filter(section=section).count() > 0


def test_schedule_publication_indexes_sessions_and_drops_removed_ones(section, synced):
    schedule = index_of(section, m.ScheduleIndexPage)
    schedule.sessions.add(m.ExamSession(date=datetime.date(2025, 6, 26), slot="morning", subject="Ngữ văn",
                                        start_time=datetime.time(7, 35), end_time=datetime.time(9, 35)))
    synced(schedule.save_revision().publish)
    assert titles(find("lich thi ngu van")) == ["Lịch thi Ngữ văn — sáng 26/06/2025"]
    schedule = m.ScheduleIndexPage.objects.get(pk=schedule.pk)
    schedule.sessions.clear()
    synced(schedule.save_revision().publish)
    assert "session" not in {hit.kind for hit in find("lich thi ngu van").hits}
    assert not SearchEntry.objects.filter(kind="session").exists()


def test_a_milestone_is_found_under_the_title_of_the_timetable_it_is_published_on(section, synced):
    schedule = index_of(section, m.ScheduleIndexPage)
    schedule.milestones.add(m.Milestone(kind="registration", title="Đăng ký dự thi",
                                        starts_at=timezone.make_aware(datetime.datetime(2025, 4, 21, 8)),
                                        description="Học sinh lớp 12 đăng ký trực tuyến."))
    synced(schedule.save_revision().publish)
    assert schedule.title.split()[0] == "Lịch"  # "Lịch thi": its words are not in the milestone's own text
    assert "Đăng ký dự thi" in titles(find(schedule.title))


def test_a_failing_index_update_never_fails_the_editor(section, synced, monkeypatch):
    from search import collect

    def broken(path):
        raise RuntimeError("index down")

    monkeypatch.setattr(collect, "documents_under", broken)
    page = synced(add_page, section, news("Tin vẫn được xuất bản"))
    assert Page.objects.get(pk=page.pk).live


def test_a_failed_update_is_recorded_first_and_done_again_by_retry(section, synced, monkeypatch):
    from django.core.management import call_command

    from search import collect
    from search.models import IndexChange

    working = collect.documents_under

    def broken(path):
        raise RuntimeError("index down")

    monkeypatch.setattr(collect, "documents_under", broken)
    page = synced(add_page, section, news("Tin chờ lập chỉ mục lại"))
    assert f"page:{page.pk}" not in keys()
    kept = IndexChange.objects.get(key__startswith="redo:p:")
    assert kept.pending and kept.attempts == 1 and kept.last_error
    assert page.path.startswith(kept.key.removeprefix("redo:p:"))

    monkeypatch.setattr(collect, "documents_under", working)
    call_command("search_index", "retry")  # not due yet: the back-off holds
    assert IndexChange.objects.filter(key=kept.key).exists()
    IndexChange.objects.filter(key=kept.key).update(next_attempt_at=timezone.now())
    call_command("search_index", "retry")
    assert f"page:{page.pk}" in keys()
    assert not IndexChange.objects.filter(key__startswith="redo:").exists()


def test_a_successful_update_leaves_nothing_in_the_journal(section, synced):
    from search.models import IndexChange

    synced(add_page, section, news("Tin lập chỉ mục ngay"))
    assert not IndexChange.objects.exists()
