"""Sections, schedule, venues and administrative units."""

import datetime
from typing import Literal

from django.db.models import Prefetch, Q
from django.utils import timezone
from ninja import Field, Query, Router
from ninja import Path as NinjaPath

from cms.models import AdministrativeUnit
from exam_news import models as m
from exam_news.api import json_ld
from exam_news.api.context import site_context
from exam_news.api.errors import NotFound, ParameterError
from exam_news.api.images import local_iso
from exam_news.api.items import area, section_ref
from exam_news.api.pagination import paginate
from exam_news.api.params import (
    MAX_ID,
    AreaParams,
    PageParams,
    QueryParams,
    SectionParam,
    resolve_area,
    resolve_sections,
)
from exam_news.api.rendering import trusted_json
from exam_news.api.schemas import (
    NotFoundOut,
    ScheduleOut,
    SectionOut,
    UnitPage,
    ValidationErrorOut,
    VenueOut,
    VenuePage,
)

router = Router(tags=["Chuyên mục, lịch thi, điểm thi"])
ERRORS = {404: NotFoundOut, 422: ValidationErrorOut}


class SectionFilters(QueryParams):
    kind: Literal["thpt", "lop10", "lop6"] | None = Field(None, description="Loại kỳ thi.")
    year: int | None = Field(None, ge=2000, le=2100)


def section_dict(section: m.ExamSectionPage, context) -> dict:
    return {
        "id": section.pk, "kind": section.kind, "year": section.year, "title": section.title,
        "intro": section.intro, "exam_start": section.exam_start, "exam_end": section.exam_end,
        "results_at": local_iso(section.results_at), "url": context.public_url(section),
        "last_published_at": local_iso(section.last_published_at),
    }


@router.get("/sections", response={200: list[SectionOut], **ERRORS}, summary="Các chuyên mục kỳ thi")
def sections(request, filters: Query[SectionFilters]):
    context = site_context(request)
    if filters.kind and filters.kind not in m.ExamKind.values:
        raise ParameterError("kind", f"kind phải là một trong: {', '.join(m.ExamKind.values)}.")
    return [section_dict(s, context) for s in context.sections.values()
            if (filters.kind is None or s.kind == filters.kind) and (filters.year is None or s.year == filters.year)]


@router.get("/sections/{section_id}", response={200: SectionOut, **ERRORS}, summary="Một chuyên mục")
def section_detail(request, section_id: int = NinjaPath(..., ge=1, le=MAX_ID)):
    context = site_context(request)
    section = next((s for s in context.sections.values() if s.pk == section_id), None)
    if section is None:
        raise NotFound(f"Không có chuyên mục công khai với id {section_id}.")
    return section_dict(section, context)


def one_section(request, params: SectionParam) -> m.ExamSectionPage:
    context = site_context(request)
    live = list(context.sections.values())
    if params.section is None:
        if not live:
            raise NotFound("Chưa có chuyên mục kỳ thi nào được xuất bản.")
        return live[0]
    return resolve_sections(params.section, live)[0]


def aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def hhmm(time: datetime.time | None) -> str | None:
    return time.strftime("%H:%M") if time else None


def session_dict(session: m.ExamSession, section, context) -> dict:
    data = {
        "date": session.date, "slot": session.slot, "subject": session.subject,
        "arrival_time": hhmm(session.arrival_time), "paper_handout_time": hhmm(session.paper_handout_time),
        "start_time": hhmm(session.start_time), "end_time": hhmm(session.end_time),
        "starts_at": aware(session.date, session.start_time).isoformat(),
        "ends_at": aware(session.date, session.end_time).isoformat(),
        "duration_minutes": session.duration_minutes, "notes": session.notes,
    }
    data["json_ld"] = json_ld.event_json_ld(data, section, context)
    return data


def schedule_of(request, section: m.ExamSectionPage) -> tuple[m.ScheduleIndexPage, list, list]:
    context = site_context(request)
    page = (m.ScheduleIndexPage.objects.child_of(section).filter(live=True)
            .prefetch_related("sessions", "milestones").first())
    if page is None or any(page.path.startswith(p) for p in context.hidden_prefixes):
        raise NotFound(f"Chuyên mục “{section.title}” chưa công bố lịch thi.")
    sessions = sorted(page.sessions.all(), key=lambda s: (s.date, s.start_time))
    return page, sessions, sorted(page.milestones.all(), key=lambda x: x.starts_at)


@router.get("/schedule", response={200: ScheduleOut, **ERRORS}, summary="Lịch thi và các mốc thời gian")
def schedule(request, params: Query[SectionParam]):
    """Lịch thi của một chuyên mục (mặc định: chuyên mục mới nhất)."""
    context = site_context(request)
    section = one_section(request, params)
    page, sessions, milestones = schedule_of(request, section)
    return {
        "section": section_ref(section),
        "sessions": [session_dict(s, section, context) for s in sessions],
        "milestones": [{"kind": x.kind, "title": x.title, "starts_at": local_iso(x.starts_at),
                        "ends_at": local_iso(x.ends_at), "description": x.description} for x in milestones],
        "last_published_at": local_iso(page.last_published_at),
    }


class VenueFilters(PageParams, SectionParam, AreaParams):
    code: str | None = Field(None, max_length=20, description="Mã điểm thi.")


def venue_dict(venue: m.ExamVenue, section_refs: dict, province_name: str) -> dict:
    data = {
        "id": venue.pk, "code": venue.code, "name": venue.name, "address": venue.address,
        "full_address": ", ".join(x for x in (venue.address, venue.commune.name, province_name) if x),
        "section": section_refs[venue.section_id], "commune": area(venue.commune),
        "legacy_district": area(venue.legacy_district) if venue.legacy_district else None,
        "location": {"lat": venue.latitude, "lon": venue.longitude} if venue.latitude is not None else None,
        "rooms": venue.rooms, "candidates": venue.candidates, "phone": venue.phone,
        "access_notes": venue.access_notes, "updated_at": local_iso(venue.updated_at),
    }
    data["json_ld"] = json_ld.place_json_ld(data, province_name)
    return data


def public_venues(request, section_reference: str | None, area_params: AreaParams):
    context = site_context(request)
    sections = resolve_sections(section_reference, list(context.sections.values()))
    queryset = m.ExamVenue.objects.filter(section__in=sections).select_related(
        "commune__parent", "legacy_district").order_by("section_id", "code")
    area = resolve_area(area_params)
    if area is not None:
        queryset = queryset.filter(Q(commune_id__in=area.unit_ids) | Q(legacy_district_id__in=area.unit_ids))
    refs = {s.pk: section_ref(s) for s in sections}
    return queryset, refs


@router.get("/venues", response={200: VenuePage, **ERRORS}, summary="Điểm thi")
def venues(request, filters: Query[VenueFilters]):
    queryset, refs = public_venues(request, filters.section, filters)
    if filters.code:
        queryset = queryset.filter(code=filters.code)

    def serialize(rows):
        return [venue_dict(v, refs, v.commune.parent.short_name if v.commune.parent else "") for v in rows]

    return trusted_json(paginate(request, queryset, filters, serialize))


@router.get("/venues/{venue_id}", response={200: VenueOut, **ERRORS}, summary="Một điểm thi")
def venue_detail(request, venue_id: int = NinjaPath(..., ge=1, le=MAX_ID)):
    queryset, refs = public_venues(request, None, AreaParams())
    venue = queryset.filter(pk=venue_id).first()
    if venue is None:
        raise NotFound(f"Không có điểm thi công khai với id {venue_id}.")
    return venue_dict(venue, refs, venue.commune.parent.short_name if venue.commune.parent else "")


class UnitFilters(PageParams):
    level: Literal["province", "commune", "legacy_province", "legacy_district"] | None = Field(
        None, description="Cấp đơn vị.")
    parent: str | None = Field(None, pattern=r"^\d{2,3}$", description="Mã tỉnh (hiện hành) hoặc huyện cũ cha.")
    q: str | None = Field(None, min_length=1, max_length=100, description="Tìm theo tên, không cần dấu.")


@router.get("/areas", response={200: UnitPage, **ERRORS}, summary="Đơn vị hành chính", tags=["Địa bàn"])
def areas(request, filters: Query[UnitFilters]):
    """Đơn vị hành chính hiện hành (tỉnh, xã/phường/đặc khu) và trước 01/7/2025 (tỉnh, huyện), kèm mã các
    đơn vị kế thừa để cổng huyện cũ tìm được xã/phường mới."""
    Level = AdministrativeUnit.Level
    queryset = AdministrativeUnit.objects.select_related("parent").prefetch_related(
        Prefetch("successors", queryset=AdministrativeUnit.objects.only("code"))).order_by("level", "code")
    if filters.level:
        if filters.level not in Level.values:
            raise ParameterError("level", f"level phải là một trong: {', '.join(Level.values)}.")
        queryset = queryset.filter(level=filters.level)
    if filters.parent:
        parent_levels = ([Level.PROVINCE, Level.LEGACY_PROVINCE] if len(filters.parent) == 2
                         else [Level.LEGACY_DISTRICT])
        queryset = queryset.filter(parent__code=filters.parent, parent__level__in=parent_levels)
    if filters.q:
        from cms.text import fold_key

        queryset = queryset.filter(name_key__contains=fold_key(filters.q))

    def serialize(rows):
        return [{"code": u.code, "name": u.name, "short_name": u.short_name, "level": u.level,
                 "unit_type": u.unit_type, "parent_code": u.parent.code if u.parent else None,
                 "latitude": u.latitude, "longitude": u.longitude, "valid_from": u.valid_from,
                 "valid_until": u.valid_until, "successor_codes": sorted(s.code for s in u.successors.all())}
                for u in rows]

    return trusted_json(paginate(request, queryset, filters, serialize))
