"""Feeds for portals, calendars, maps and alerting systems: RSS/Atom, iCalendar, GeoJSON, CAP 1.2."""

import datetime
import json
from xml.etree import ElementTree as ET

import icalendar
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from ninja import Path as NinjaPath
from ninja import Query, Router

from exam_news import models as m
from exam_news.api.cap import cap_alert
from exam_news.api.content import KindParam, base_queryset, filtered, kind_models, of_kinds
from exam_news.api.context import site_context
from exam_news.api.errors import NotFound
from exam_news.api.items import labels_for
from exam_news.api.params import MAX_ID, AreaParams, ContentFilters, SectionParam, in_area, resolve_area
from exam_news.api.reference import VenueFilters, one_section, public_venues, schedule_of, venue_dict
from exam_news.public.site import SiteContext
from exam_news.public.visibility import public

router = Router(tags=["Nguồn tin (feeds)"])
FEED_SIZE = 50


def documented(media_type: str, description: str, schema: dict | None = None) -> dict:
    errors = {"application/json": {"schema": {"type": "object", "properties": {"detail": {}}}}}
    return {"responses": {
        200: {"description": description, "content": {media_type: {"schema": schema or {"type": "string"}}}},
        404: {"description": "Không tìm thấy", "content": errors},
        422: {"description": "Tham số không hợp lệ (detail[].loc nêu tên tham số)", "content": errors},
    }}


class FeedFilters(SectionParam, AreaParams):
    pass


def _feed(request: HttpRequest, feed_class, filters: FeedFilters, kind: KindParam) -> HttpResponse:
    context = site_context(request)
    content_filters = ContentFilters(section=filters.section, area=filters.area,
                                     exclude_province_wide=filters.exclude_province_wide)
    items = list(of_kinds(filtered(request, content_filters, base_queryset()), kind_models(kind.kind))[:FEED_SIZE])
    area_name = f" – {filters.area}" if filters.area else ""
    feed = feed_class(
        title=f"{context.site.site_name}{area_name}", link=context.portal_base_url + "/",
        description="Tin tức kỳ thi và tuyển sinh", language="vi",
        feed_url=request.build_absolute_uri(), author_name=context.site.site_name,
    )
    _areas, topics = labels_for([p.pk for p in items])
    for page in items:
        feed.add_item(
            title=page.title, link=context.public_url(page), description=page.summary,
            unique_id=f"tag:{context.site.hostname},{page.first_published_at:%Y-%m-%d}:page-{page.pk}",
            unique_id_is_permalink=False, pubdate=page.first_published_at, updateddate=page.last_published_at,
            categories=[t["name"] for t in topics[page.pk]],
        )
    return HttpResponse(feed.writeString("utf-8"), content_type=f"{feed.content_type.split(';')[0]}; charset=utf-8")


@router.get("/feeds/news.rss", summary="RSS 2.0 theo chuyên mục, địa bàn",
            openapi_extra=documented("application/rss+xml", "RSS 2.0"))
def rss(request, filters: Query[FeedFilters], kind: Query[KindParam]):
    return _feed(request, Rss201rev2Feed, filters, kind)


@router.get("/feeds/news.atom", summary="Atom theo chuyên mục, địa bàn",
            openapi_extra=documented("application/atom+xml", "Atom 1.0"))
def atom(request, filters: Query[FeedFilters], kind: Query[KindParam]):
    return _feed(request, Atom1Feed, filters, kind)


@router.get("/feeds/schedule.ics", summary="Lịch thi dạng iCalendar",
            openapi_extra=documented("text/calendar", "iCalendar (RFC 5545)"))
def schedule_ics(request, params: Query[SectionParam]):
    """Lịch thi để thêm vào ứng dụng lịch; giờ theo múi Asia/Ho_Chi_Minh."""
    context = site_context(request)
    section = one_section(request, params)
    page, sessions, milestones = schedule_of(request, section)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Mua thi//Lich thi//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", section.title)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = page.last_published_at or timezone.now()
    zone = timezone.get_default_timezone()
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", f"session-{session.pk}@{context.site.hostname}")
        event.add("dtstamp", stamp)
        event.add("dtstart", datetime.datetime.combine(session.date, session.start_time, tzinfo=zone))
        event.add("dtend", datetime.datetime.combine(session.date, session.end_time, tzinfo=zone))
        event.add("summary", f"Thi môn {session.subject}")
        details = [f"Thời gian làm bài: {session.duration_minutes} phút."]
        if session.arrival_time:
            details.append(f"Thí sinh có mặt lúc {session.arrival_time:%H:%M}.")
        if session.paper_handout_time:
            details.append(f"Phát đề lúc {session.paper_handout_time:%H:%M}.")
        if session.notes:
            details.append(session.notes)
        event.add("description", " ".join(details))
        event.add("url", context.public_url(page))
        calendar.add_component(event)
    for milestone in milestones:
        event = icalendar.Event()
        event.add("uid", f"milestone-{milestone.pk}@{context.site.hostname}")
        event.add("dtstamp", stamp)
        event.add("dtstart", timezone.localtime(milestone.starts_at))
        event.add("dtend", timezone.localtime(milestone.ends_at or milestone.starts_at + datetime.timedelta(hours=1)))
        event.add("summary", milestone.title)
        if milestone.description:
            event.add("description", milestone.description)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


@router.get("/feeds/venues.geojson", summary="Điểm thi dạng GeoJSON",
            openapi_extra=documented("application/geo+json", "GeoJSON FeatureCollection (RFC 7946)", {
                "type": "object", "required": ["type", "features"],
                "properties": {"type": {"const": "FeatureCollection"}, "features": {"type": "array", "items": {
                    "type": "object", "required": ["type", "geometry", "properties"],
                    "properties": {"type": {"const": "Feature"}, "id": {"type": "integer"},
                                   "geometry": {"type": "object"}, "properties": {"type": "object"}}}}}}))
def venues_geojson(request, filters: Query[VenueFilters]):
    queryset, refs = public_venues(request, filters.section, filters)
    features = []
    for venue in queryset.exclude(latitude=None):
        data = venue_dict(venue, refs, venue.commune.parent.short_name if venue.commune.parent else "")
        properties = {k: data[k] for k in ("id", "code", "name", "address", "full_address", "rooms", "candidates",
                                           "phone", "access_notes")}
        properties.update(commune_code=venue.commune.code, section_id=venue.section_id)
        features.append({"type": "Feature", "id": venue.pk, "properties": properties,
                         "geometry": {"type": "Point", "coordinates": [venue.longitude, venue.latitude]}})
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      separators=(",", ":"))
    return HttpResponse(body, content_type="application/geo+json; charset=utf-8")


# --- CAP 1.2 (the messages: exam_news.api.cap) ---------------------------------------------------


def notices_in_force(context: SiteContext):
    return (public(m.NoticePage.objects.in_force_at(context.now).prefetch_related("areas", "venues"), context)
            .order_by("-valid_from", "-pk"))


def xml_response(element: ET.Element, content_type: str) -> HttpResponse:
    body = ET.tostring(element, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type=f"{content_type}; charset=utf-8")


@router.get("/feeds/cap/{notice_id}.xml", summary="Một thông báo dạng CAP 1.2",
            openapi_extra=documented("application/cap+xml", "CAP 1.2 alert"))
def cap(request, notice_id: int = NinjaPath(..., ge=1, le=MAX_ID)):
    context = site_context(request)
    notice = public(m.NoticePage.objects.prefetch_related("areas", "venues"), context).filter(pk=notice_id).first()
    if notice is None:
        raise NotFound(f"Không có thông báo công khai với id {notice_id}.")
    return xml_response(cap_alert(request, notice, context), "application/cap+xml")


@router.get("/feeds/cap.atom", summary="Danh mục cảnh báo CAP đang hiệu lực (Atom)",
            openapi_extra=documented("application/atom+xml", "Atom index of CAP alerts"))
def cap_index(request, filters: Query[AreaParams]):
    context = site_context(request)
    notices = in_area(notices_in_force(context), resolve_area(filters))
    feed = Atom1Feed(title=f"Cảnh báo – {context.site.site_name}", link=context.portal_base_url + "/",
                     description="Thông báo khẩn, cảnh báo thời tiết (CAP 1.2)", language="vi",
                     feed_url=request.build_absolute_uri())
    for notice in notices:
        cap_url = request.build_absolute_uri(f"/api/v1/feeds/cap/{notice.pk}.xml")
        feed.add_item(title=notice.title, link=cap_url, description=notice.summary,
                      unique_id=cap_url, pubdate=notice.first_published_at, updateddate=notice.last_published_at,
                      enclosures=[])
    return HttpResponse(feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8")
