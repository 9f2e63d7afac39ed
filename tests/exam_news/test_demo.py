import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from exam_news import models as m

PAGE_TYPES = [m.NewsPage, m.StoryPage, m.ResultsPage, m.DirectivePage, m.NoticePage, m.RebuttalPage,
              m.QuestionPage, m.ExamSectionPage]


def counts() -> dict[str, int]:
    return {cls.__name__: cls.objects.count() for cls in [*PAGE_TYPES, m.ExamVenue, m.ExamSession, m.Milestone]}


@pytest.mark.django_db
def test_demo_content_is_complete_live_and_loads_idempotently():
    call_command("load_demo")
    first = counts()
    assert first["ExamSectionPage"] == 3  # 2025, 2026 and 2024 (imported from the old portal)
    assert first["ExamVenue"] >= 25
    assert first["StoryPage"] >= 6
    assert first["DirectivePage"] >= 4
    assert first["QuestionPage"] >= 10
    assert first["RebuttalPage"] >= 1 and first["ResultsPage"] == 1
    assert all(p.live for cls in PAGE_TYPES for p in cls.objects.all())

    venues = m.ExamVenue.objects.filter(section__year=2025)
    assert venues.values("commune").distinct().count() >= 6
    assert all(v.commune.parent.code == "91" for v in venues)

    now = timezone.now()
    active = m.NoticePage.objects.filter(notice_kind="weather", valid_from__lte=now, valid_until__gt=now)
    assert active.exists()

    legacy = m.ExamContentPage.objects.filter(source_id__startswith="agp-2024-").specific()
    assert len(legacy) >= 16 and all(p.live and p.date.year == 2024 for p in legacy)
    assert {type(p) for p in legacy} == {m.NewsPage, m.StoryPage, m.DirectivePage, m.NoticePage, m.RebuttalPage,
                                         m.QuestionPage}
    assert all(m.ExamSectionPage.objects.ancestor_of(p).get().year == 2024 for p in legacy)
    letter = m.DirectivePage.objects.get(number="860/STTTT-TTBCXB")
    assert (letter.source_id, letter.issued_on) == ("agp-2024-0137", datetime.date(2024, 6, 7))
    assert not m.NoticePage.objects.filter(source_id__gt="", valid_until__gt=now).exists()

    call_command("load_demo")
    assert counts() == first


@pytest.mark.django_db
def test_demo_2025_schedule_matches_the_official_timetable():
    call_command("load_demo")
    section = m.ExamSectionPage.objects.get(kind="thpt", year=2025)
    schedule = m.ScheduleIndexPage.objects.child_of(section).get()
    sessions = {(s.date, s.subject): s for s in schedule.sessions.all()}
    literature = sessions[(datetime.date(2025, 6, 26), "Ngữ văn")]
    maths = sessions[(datetime.date(2025, 6, 26), "Toán")]
    assert (literature.slot, literature.duration_minutes) == ("morning", 120)
    assert (maths.slot, maths.duration_minutes) == ("afternoon", 90)
    electives = [s for (day, _), s in sessions.items() if day == datetime.date(2025, 6, 27)]
    assert len(electives) == 2 and all(s.duration_minutes == 50 for s in electives)
    milestones = {x.kind: x for x in schedule.milestones.all()}
    results = timezone.localtime(milestones["results"].starts_at)
    assert (results.date(), results.hour) == (datetime.date(2025, 7, 16), 8)
    appeal = milestones["appeal"]
    assert timezone.localtime(appeal.starts_at).date() == datetime.date(2025, 7, 16)
    assert timezone.localtime(appeal.ends_at).date() == datetime.date(2025, 7, 25)
    assert timezone.localtime(milestones["procedures"].starts_at).date() == datetime.date(2025, 6, 25)


@pytest.mark.django_db
def test_demo_admin_pages_open_in_vietnamese(client, django_user_model):
    call_command("load_demo")
    admin = django_user_model.objects.create_superuser("quan-tri", password="mat-khau-Dai-123")
    client.force_login(admin)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200 and 'lang="vi"' in dashboard.content.decode()
    for cls in {type(p.specific) for p in Page.objects.filter(depth__gte=2)}:
        page = cls.objects.first()
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, cls
    for url in ["/admin/snippets/exam_news/examvenue/", "/admin/snippets/exam_news/releasebundle/",
                "/admin/snippets/exam_news/topic/", "/admin/exam/import/", "/admin/exam/new-section/",
                "/admin/snippets/cms/administrativeunit/", "/admin/snippets/cms/editorscope/",
                "/admin/reports/site-history/"]:
        assert client.get(url).status_code == 200, url
    venue = m.ExamVenue.objects.first()
    assert client.get(f"/admin/snippets/exam_news/examvenue/edit/{venue.pk}/").status_code == 200
