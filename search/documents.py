"""Search documents for every kind of published content, built by pure functions.

Each builder takes already-loaded objects plus a ``Place`` (where the province portal publishes) and an
``AreaIndex`` (units with their legacy/current counterparts), and returns a ``SearchDocument``. Loading
(with the visibility rules) is ``search.collect``'s job; both search backends index exactly these documents.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import strip_tags

from exam_news import models as m
from exam_news.kinds import article_kind_of
from exam_news.public.body import body_text
from exam_news.public.site import public_url_of
from search.types import AreaRef, SearchDocument


@dataclass(frozen=True)
class Place:
    """Where a province home page's content is published."""

    root: str  # tree path of the province home page
    root_url_path: str
    portal_base_url: str

    def url(self, url_path: str, fragment: str = "") -> str:
        return public_url_of(url_path, self.root_url_path, self.portal_base_url, fragment)


@dataclass
class AreaIndex:
    """For each administrative unit id: the units a document tagged with it is found under (itself, and the
    legacy districts a commune replaced or the communes that replaced a legacy district)."""

    refs: dict[int, tuple[AreaRef, ...]] = field(default_factory=dict)

    def expand(self, unit_ids: Iterable[int]) -> tuple[AreaRef, ...]:
        seen: dict[str, AreaRef] = {}
        for unit_id in sorted(unit_ids):
            for ref in self.refs.get(unit_id, ()):
                seen.setdefault(ref.code, ref)
        return tuple(seen.values())


def dmy(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def section_key(section: m.ExamSectionPage | None) -> str:
    return f"{section.kind}:{section.year}" if section else ""


def _directive_text(page: m.DirectivePage) -> list[str]:
    return [f"{page.get_doc_type_display()} số {page.number}", page.subject, page.issuer,
            f"ban hành ngày {dmy(page.issued_on)}", page.recipients, f"{page.signer_title} {page.signer_name}",
            page.external_references]


def _notice_text(page: m.NoticePage) -> list[str]:
    return [page.get_notice_kind_display()]


def _rebuttal_text(page: m.RebuttalPage) -> list[str]:
    return [page.claim, page.circulated_on, page.get_verdict_display(), page.official_source_title]


def _story_text(page: m.StoryPage) -> list[str]:
    return [page.get_story_kind_display()]


def _faq_text(page: m.QuestionPage) -> list[str]:
    return [page.get_question_topic_display()]


EXTRA_TEXT = {
    m.DirectivePage: _directive_text, m.NoticePage: _notice_text, m.RebuttalPage: _rebuttal_text,
    m.StoryPage: _story_text, m.QuestionPage: _faq_text,
}


def _join(parts: Iterable[str]) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def article_document(page: m.ExamContentPage, section: m.ExamSectionPage | None, place: Place,
                     unit_ids: Iterable[int], areas: AreaIndex) -> SearchDocument:
    extra = EXTRA_TEXT.get(type(page), lambda _page: [])(page)
    return SearchDocument(
        key=f"page:{page.pk}", kind=article_kind_of(page), root=place.root, path=page.path,
        section_key=section_key(section), section_title=section.title if section else "",
        year=section.year if section else page.date.year,
        title=page.title, summary=page.summary, body=_join([body_text(page.body), *extra]),
        number=page.number if isinstance(page, m.DirectivePage) else "",
        areas=areas.expand(unit_ids), date=page.date,
        expires_at=page.expire_at,
        url=place.url(page.url_path), source_id=getattr(page, "source_id", "") or "",
    )


def section_document(section: m.ExamSectionPage, place: Place) -> SearchDocument:
    body = [f"Thi từ {dmy(section.exam_start)} đến {dmy(section.exam_end)}" if section.exam_start else ""]
    if section.results_at:
        body.append(f"Công bố kết quả ngày {dmy(timezone.localtime(section.results_at).date())}")
    return SearchDocument(
        key=f"page:{section.pk}", kind="section", root=place.root, path=section.path,
        section_key=section_key(section), section_title=section.title, year=section.year,
        title=section.title, summary=strip_tags(section.intro), body=_join(body),
        date=section.exam_start, expires_at=section.expire_at, url=place.url(section.url_path),
    )


def session_document(session: m.ExamSession, schedule: m.ScheduleIndexPage, section: m.ExamSectionPage,
                     place: Place) -> SearchDocument:
    times = f"Làm bài từ {session.start_time:%H:%M} đến {session.end_time:%H:%M}"
    if session.arrival_time:
        times += f"; thí sinh có mặt lúc {session.arrival_time:%H:%M}"
    return SearchDocument(
        key=f"session:{session.pk}", kind="session", root=place.root, path=schedule.path,
        section_key=section_key(section), section_title=section.title, year=section.year,
        title=f"Lịch thi {session.subject} — {session.get_slot_display().lower()} {dmy(session.date)}",
        summary=times, body=_join([f"Môn thi: {session.subject}", session.notes]), date=session.date,
        expires_at=schedule.expire_at,
        url=place.url(schedule.url_path, f"ca-thi-{session.pk}"),
    )


def milestone_document(milestone: m.Milestone, schedule: m.ScheduleIndexPage, section: m.ExamSectionPage,
                       place: Place) -> SearchDocument:
    start = timezone.localtime(milestone.starts_at).date()
    end = timezone.localtime(milestone.ends_at).date() if milestone.ends_at else None
    when = f"Từ {dmy(start)} đến {dmy(end)}" if end and end != start else f"Ngày {dmy(start)}"
    return SearchDocument(
        key=f"milestone:{milestone.pk}", kind="milestone", root=place.root, path=schedule.path,
        section_key=section_key(section), section_title=section.title, year=section.year,
        title=milestone.title, summary=when,
        body=_join([milestone.get_kind_display(), milestone.description, schedule.title]),
        date=start, expires_at=schedule.expire_at, url=place.url(schedule.url_path, f"moc-{milestone.pk}"),
    )


def venue_document(venue: m.ExamVenue, section: m.ExamSectionPage, venue_index: m.VenueIndexPage | None,
                   place: Place, areas: AreaIndex) -> SearchDocument:
    own_areas = areas.expand([venue.commune_id] if venue.commune_id else [])
    if venue.legacy_district_id and venue.legacy_district_id in areas.refs:  # the district alone, not its successors
        own_areas += tuple(r for r in areas.refs[venue.legacy_district_id][:1] if r not in own_areas)
    facts = []
    if venue.rooms:
        facts.append(f"{venue.rooms} phòng thi")
    if venue.candidates:
        facts.append(f"{venue.candidates} thí sinh")
    url_path = (venue_index or section).url_path
    return SearchDocument(
        key=f"venue:{venue.pk}", kind="venue", root=place.root, path=section.path,
        section_key=section_key(section), section_title=section.title, year=section.year,
        title=f"Điểm thi {venue.name}", summary=venue.address,
        body=_join([", ".join(facts), venue.phone, venue.access_notes]),
        number=venue.code, address=venue.address, areas=own_areas,
        date=section.exam_start, url=place.url(url_path, f"diem-thi-{venue.code}"),
    )
