"""Builders for bulletin tests: stations, schedule, venues, and a bulletin taken through the workflow."""

import datetime

from django.utils import timezone
from wagtail.models import Site

from cms.models import RadioStation
from exam_news import models as m
from exam_news.radio.bulletins import propose_into
from exam_news.radio.demo import approve
from exam_news.radio.setup import ensure_radio_setup
from tests.exam_news.factories import index_of
from tests.fixtures import CHAU_DOC, LONG_XUYEN, unit

DATE = datetime.date(2025, 6, 25)
LEGACY_LONG_XUYEN = "883"  # Thành phố Long Xuyên before 1 July 2025


def station(name: str = "Đài truyền thanh phường Long Xuyên", code: str | None = LONG_XUYEN) -> RadioStation:
    level = RadioStation.Level.COMMUNE if code else RadioStation.Level.PROVINCE
    return RadioStation.objects.create(site=Site.objects.get(is_default_site=True), name=name, level=level,
                                       area=unit(code) if code else None)


def chau_doc_station() -> RadioStation:
    return station("Đài truyền thanh phường Châu Đốc", CHAU_DOC)


def at(date: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, minute)))


def schedule(section: m.ExamSectionPage, sessions: list[tuple]) -> m.ScheduleIndexPage:
    """sessions: (date, slot, subject, start "HH:MM", end "HH:MM", arrival "HH:MM")."""
    page = index_of(section, m.ScheduleIndexPage)
    page.sessions = [m.ExamSession(
        date=d, slot=slot, subject=subject, start_time=datetime.time.fromisoformat(start),
        end_time=datetime.time.fromisoformat(end), arrival_time=datetime.time.fromisoformat(arrival),
    ) for d, slot, subject, start, end, arrival in sessions]
    page.save_revision().publish()
    return page


def venue(section: m.ExamSectionPage, code: str, name: str, commune_code: str, **fields) -> m.ExamVenue:
    return m.ExamVenue.objects.create(section=section, code=code, name=name, address=f"Số {code} Lê Lợi",
                                      commune=unit(commune_code), **fields)


def bulletin(section: m.ExamSectionPage, radio: RadioStation, date: datetime.date = DATE, *, items=None,
             user=None, propose: bool = False) -> m.Bulletin:
    """A draft bulletin with ``items`` (BulletinItem list) or a proposal, saved as a revision."""
    ensure_radio_setup()
    obj = m.Bulletin(title=f"Bản tin {radio.name}", station=radio, section=section, broadcast_date=date,
                     slot="morning", live=False)
    obj.save()
    if propose:
        propose_into(obj, user=user)
    else:
        obj.items = items or []
        obj.save()
        obj.save_revision(user=user)
    obj.refresh_from_db()
    return obj


def item(heading: str, text: str, **fields) -> m.BulletinItem:
    return m.BulletinItem(heading=heading, display_text=text, **fields)


def approved(obj: m.Bulletin, user) -> m.Bulletin:
    approve(obj, user)
    obj.refresh_from_db()
    return obj
