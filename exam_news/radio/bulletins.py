"""Proposing bulletin items for a station's area and a date: notices, schedule, venues, news, stories.

``propose_items`` only reads (a constant number of queries, whatever the number of items) and returns
plain ``ProposedItem`` values in broadcast order; ``propose_into`` writes them into a bulletin draft.
The display texts are natural written Vietnamese; ``read_aloud`` turns them into spoken form later.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.areas import with_counterparts
from cms.models import ROOT_PATH_LENGTH, AdministrativeUnit, RadioStation
from exam_news.models import (
    ExamSectionPage,
    ExamSession,
    ExamVenue,
    NewsPage,
    NoticePage,
    ScheduleIndexPage,
    Slot,
    StoryPage,
    Urgency,
)
from exam_news.models.radio import Bulletin, BulletinItem, ItemKind, Priority
from exam_news.public.site import SiteContext, root_context
from exam_news.public.visibility import in_area, public

Level = AdministrativeUnit.Level
URGENCY_ORDER = {Urgency.IMMEDIATE: 0, Urgency.EXPECTED: 1, Urgency.FUTURE: 2}
URGENT_RISK_LEVEL = 3


def schedule_days() -> int:
    """How many days of the timetable a bulletin announces, the broadcast day included."""
    return int(getattr(settings, "RADIO_SCHEDULE_DAYS", 7))


def recent_days() -> int:
    """How far back news and stories are proposed."""
    return int(getattr(settings, "RADIO_RECENT_DAYS", 7))


def recent_limit() -> int:
    return int(getattr(settings, "RADIO_RECENT_LIMIT", 5))


@dataclass(frozen=True)
class ProposedItem:
    kind: str
    heading: str
    display_text: str
    priority: int = Priority.NORMAL
    page_id: int | None = None
    area_codes: tuple[str, ...] = ()
    valid_from: datetime.datetime | None = None
    valid_until: datetime.datetime | None = None


@dataclass(frozen=True)
class StationArea:
    """Units whose content a station broadcasts; ``None`` ids mean the whole province."""

    unit_ids: frozenset[int] | None
    commune_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def province_wide(self) -> bool:
        return self.unit_ids is None


def station_area(station: RadioStation) -> StationArea:
    """A province station covers everything; a commune station covers its commune, the legacy units the
    commune succeeded (content of 2020–2024 names districts), and province-wide content; a legacy district's
    station, the communes that succeeded it."""
    area = station.area
    if station.level == RadioStation.Level.PROVINCE or area is None or area.level == Level.PROVINCE:
        return StationArea(None)
    unit_ids = with_counterparts([area.pk])
    return StationArea(unit_ids, unit_ids - {area.pk} if area.is_legacy else frozenset({area.pk}))


def propose_items(station: RadioStation, section: ExamSectionPage, date: datetime.date,
                  context: SiteContext | None = None) -> list[ProposedItem]:
    """Items for ``station``'s area on ``date``, in broadcast order: only what the public may see now
    (``exam_news.public``; ``context``, the site's, is read when not given), as on every other channel."""
    area = station_area(station)
    context = context or root_context(section.path[:ROOT_PATH_LENGTH])
    if context is None or not context.is_public_section(section):
        return []
    return [
        *_notice_items(section, area, date, context),
        *_schedule_items(section, date, context),
        *_venue_items(section, area),
        *_article_items(NewsPage, ItemKind.NEWS, section, area, date, context),
        *_article_items(StoryPage, ItemKind.STORY, section, area, date, context),
    ]


def default_title(station: RadioStation, date: datetime.date, slot_label: str) -> str:
    return _("Bản tin kỳ thi – %(station)s – %(slot)s %(date)s") % {
        "station": station.name, "slot": slot_label.lower(), "date": f"{date:%d/%m/%Y}"}


def to_bulletin_items(proposed: Iterable[ProposedItem]) -> list[BulletinItem]:
    return [BulletinItem(
        kind=p.kind, page_id=p.page_id, heading=p.heading[:255], display_text=p.display_text, priority=p.priority,
        area_codes=",".join(p.area_codes)[:500], valid_from=p.valid_from, valid_until=p.valid_until,
        sort_order=position,
    ) for position, p in enumerate(proposed)]


def propose_into(bulletin: Bulletin, user=None):
    """Replace the items of the bulletin's latest draft with a fresh proposal; returns the new revision.

    A live bulletin keeps its live version until the new draft is approved."""
    draft = bulletin.get_latest_revision_as_object() if bulletin.latest_revision_id else bulletin
    draft.items = to_bulletin_items(propose_items(draft.station, draft.section, draft.broadcast_date))
    if not draft.live:
        draft.save()
    return draft.save_revision(user=user, log_action=True)


# --- areas ------------------------------------------------------------------------------------------


def _in_area(queryset: QuerySet, area: StationArea) -> QuerySet:
    return queryset if area.province_wide else in_area(queryset, area.unit_ids)


def _codes(page) -> tuple[str, ...]:
    return tuple(sorted(unit.code for unit in page.areas.all()))


# --- notices ----------------------------------------------------------------------------------------


def _day_bounds(date: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))
    return start, start + datetime.timedelta(days=1)


def _notice_items(section: ExamSectionPage, area: StationArea, date: datetime.date,
                  context: SiteContext) -> list[ProposedItem]:
    notices = _in_area(
        public(NoticePage.objects.descendant_of(section).in_force_during(*_day_bounds(date)), context), area,
    ).prefetch_related("areas")
    ordered = sorted(notices, key=lambda n: (
        URGENCY_ORDER.get(n.urgency, len(URGENCY_ORDER)), -(n.disaster_risk_level or 0), -n.valid_from.timestamp(),
    ))
    return [ProposedItem(
        kind=ItemKind.NOTICE, heading=n.title, display_text=notice_text(n), priority=notice_priority(n),
        page_id=n.pk, area_codes=_codes(n), valid_from=n.valid_from, valid_until=n.valid_until,
    ) for n in ordered]


def notice_priority(notice: NoticePage) -> int:
    if notice.urgency == Urgency.IMMEDIATE or (notice.disaster_risk_level or 0) >= URGENT_RISK_LEVEL:
        return Priority.URGENT
    return Priority.HIGH


def _moment(value: datetime.datetime) -> str:
    local = timezone.localtime(value)
    return f"{local.hour}h{local.minute:02d} ngày {local:%d/%m/%Y}"


def notice_text(notice: NoticePage) -> str:
    text = (notice.summary or notice.title).strip()
    if text and text[-1] not in ".!?…":
        text += "."
    if notice.valid_until:
        window = _("Thông báo có hiệu lực từ %(start)s đến %(end)s.") % {
            "start": _moment(notice.valid_from), "end": _moment(notice.valid_until)}
    else:
        window = _("Thông báo có hiệu lực từ %(start)s.") % {"start": _moment(notice.valid_from)}
    return f"{text} {window}"


# --- schedule ---------------------------------------------------------------------------------------


def _schedule_items(section: ExamSectionPage, date: datetime.date, context: SiteContext) -> list[ProposedItem]:
    pages = public(ScheduleIndexPage.objects.child_of(section), context)
    sessions = list(ExamSession.objects.filter(
        page__in=pages, date__gte=date, date__lt=date + datetime.timedelta(days=schedule_days()),
    ).order_by("date", "start_time", "sort_order"))
    days: dict[datetime.date, list[ExamSession]] = {}
    for session in sessions:
        days.setdefault(session.date, []).append(session)
    return [ProposedItem(
        kind=ItemKind.SCHEDULE, heading=_("Lịch thi ngày %(date)s") % {"date": f"{day:%d/%m/%Y}"},
        display_text=schedule_day_text(day_sessions), priority=Priority.HIGH, page_id=day_sessions[0].page_id,
    ) for day, day_sessions in days.items()]


def clock(value: datetime.time) -> str:
    """7:35 → "7h35" (the written form read_aloud reads as "bảy giờ ba mươi lăm phút")."""
    return f"{value.hour}h{value.minute:02d}"


def _subject(subject: str) -> str:
    lowered = subject.strip().lower()
    if lowered.startswith(("môn", "bài thi", "bài")):
        return subject.strip()
    return _("môn %(subject)s") % {"subject": subject.strip()}


def session_text(session: ExamSession) -> str:
    slot = _("Sáng") if session.slot == Slot.MORNING else _("Chiều")
    parts = [f"{slot} {session.date:%d/%m/%Y}: {_subject(session.subject)}",
             _("thời gian làm bài %(minutes)s phút") % {"minutes": session.duration_minutes}]
    if session.arrival_time:
        parts.append(_("thí sinh có mặt lúc %(time)s") % {"time": clock(session.arrival_time)})
    if session.paper_handout_time:
        parts.append(_("phát đề lúc %(time)s") % {"time": clock(session.paper_handout_time)})
    parts.append(_("bắt đầu làm bài lúc %(time)s") % {"time": clock(session.start_time)})
    text = ", ".join(parts) + "."
    if session.notes.strip():
        note = session.notes.strip()
        text += f" {note}" + ("" if note[-1] in ".!?…" else ".")
    return text


def schedule_day_text(sessions: Sequence[ExamSession]) -> str:
    return " ".join(session_text(s) for s in sessions)


# --- venues -----------------------------------------------------------------------------------------


def _venue_items(section: ExamSectionPage, area: StationArea) -> list[ProposedItem]:
    venues = ExamVenue.objects.filter(section=section).select_related("commune").order_by("commune__name", "code")
    if not area.province_wide:
        venues = venues.filter(commune_id__in=area.commune_ids)
    by_commune: dict[int, list[ExamVenue]] = {}
    for venue in venues:
        by_commune.setdefault(venue.commune_id, []).append(venue)
    return [ProposedItem(
        kind=ItemKind.VENUES,
        heading=_("Điểm thi trên địa bàn %(commune)s") % {"commune": group[0].commune.name},
        display_text=venues_text(group), priority=Priority.NORMAL, area_codes=(group[0].commune.code,),
    ) for group in by_commune.values()]


def venue_text(venue: ExamVenue) -> str:
    text = _("Điểm thi %(name)s, địa chỉ %(address)s, %(commune)s") % {
        "name": venue.name, "address": venue.address, "commune": venue.commune.name}
    if venue.phone:
        text += _(", điện thoại %(phone)s") % {"phone": venue.phone}
    return text + "."


def venues_text(venues: Sequence[ExamVenue]) -> str:
    return " ".join(venue_text(v) for v in venues)


# --- news and stories -------------------------------------------------------------------------------


def _article_items(model, kind: str, section: ExamSectionPage, area: StationArea,
                   date: datetime.date, context: SiteContext) -> list[ProposedItem]:
    pages = _in_area(
        public(model.objects.descendant_of(section), context)
        .filter(date__lte=date, date__gt=date - datetime.timedelta(days=recent_days())),
        area,
    ).order_by("-date", "-pk").prefetch_related("areas")[:recent_limit()]
    return [ProposedItem(
        kind=kind, heading=page.title, display_text=_sentence(page.summary or page.title), page_id=page.pk,
        area_codes=_codes(page),
    ) for page in pages]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?…" else text + "."
