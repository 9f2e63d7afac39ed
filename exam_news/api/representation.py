"""Turning published content into API dictionaries: images, areas, rich text, JSON-LD."""

import contextlib
import re
from html import unescape

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import escape, strip_tags
from wagtail.documents import get_document_model
from wagtail.images.models import Filter
from wagtail.models import Page

from exam_news import models as m
from exam_news.api.visibility import KIND_OF_MODEL, SiteContext

RENDITION_WIDTHS = (320, 640, 1024)
RENDITION_FORMATS = ("webp", "jpeg")
RENDITION_SPECS = [f"width-{w}|format-{f}" for w in RENDITION_WIDTHS for f in RENDITION_FORMATS]
RENDITION_FILTERS = [Filter(spec) for spec in RENDITION_SPECS]  # parsed once, not per image
_A_TAG = re.compile(r"<a\b([^>]*)>")
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>")


def local_iso(value):
    return timezone.localtime(value).isoformat() if value else None


def absolute(request: HttpRequest, url: str) -> str:
    if not url.startswith("/"):
        return url
    base = getattr(request, "_mua_thi_base_url", None)
    if base is None:
        base = request._mua_thi_base_url = request.build_absolute_uri("/").rstrip("/")
    return base + url


def area(unit) -> dict:
    return {"code": unit.code, "name": unit.name, "level": unit.level}


def image_payloads(request: HttpRequest, image_ids: set[int]) -> dict[int, dict]:
    """Image representations by id. Kept in the cache per generation, so a list needs no image or
    rendition query once warm; renditions are generated on first use."""
    from cms.models import MediaImage
    from exam_news.api.caching import generation

    gen = generation()
    keys = {pk: f"api:image:{gen}:{pk}" for pk in image_ids}
    try:
        found = cache.get_many(list(keys.values()))
    except Exception:
        found = {}
    payloads = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = image_ids - set(payloads)
    if missing:
        fresh = {img.pk: _image(img) for img in
                 MediaImage.objects.filter(pk__in=missing).prefetch_renditions(*RENDITION_SPECS)}
        with contextlib.suppress(Exception):
            cache.set_many({keys[pk]: payload for pk, payload in fresh.items()}, 3600)
        payloads.update(fresh)
    return {pk: _absolutised(request, payload) for pk, payload in payloads.items()}


def _absolutised(request: HttpRequest, payload: dict) -> dict:
    return {**payload, "renditions": [{**r, "url": absolute(request, r["url"])} for r in payload["renditions"]]}


def _image(img) -> dict:
    renditions = img.get_renditions(*RENDITION_FILTERS)
    focal = None
    if img.has_focal_point():
        focal = {"x": img.focal_point_x, "y": img.focal_point_y, "width": img.focal_point_width,
                 "height": img.focal_point_height}
    return {
        "id": img.pk, "title": img.title, "alt": img.default_alt_text, "width": img.width, "height": img.height,
        "focal_point": focal,
        "renditions": [
            {"url": r.url, "width": r.width, "height": r.height,
             "format": spec.rsplit("-", 1)[1]}
            for spec in RENDITION_SPECS if (r := renditions.get(spec))
        ],
    }


def section_ref(section: m.ExamSectionPage | None) -> dict | None:
    if section is None:
        return None
    return {"id": section.pk, "kind": section.kind, "year": section.year, "title": section.title}


def labels_for(page_ids: list[int]) -> tuple[dict[int, list[dict]], dict[int, list[dict]]]:
    """Areas and topics of many pages in two light queries (no model instances)."""
    areas: dict[int, list[dict]] = {pk: [] for pk in page_ids}
    topics: dict[int, list[dict]] = {pk: [] for pk in page_ids}
    area_rows = m.ExamContentPage.areas.through.objects.filter(examcontentpage_id__in=page_ids).values_list(
        "examcontentpage_id", "administrativeunit__code", "administrativeunit__name", "administrativeunit__level")
    for page_id, code, name, level in sorted(area_rows, key=lambda row: (row[3], row[1])):
        areas[page_id].append({"code": code, "name": name, "level": level})
    topic_rows = m.ExamContentPage.topics.through.objects.filter(examcontentpage_id__in=page_ids).values_list(
        "examcontentpage_id", "topic__slug", "topic__name")
    for page_id, slug, name in sorted(topic_rows, key=lambda row: row[2]):
        topics[page_id].append({"slug": slug, "name": name})
    return areas, topics


def item_summary(request: HttpRequest, page: m.ExamContentPage, context: SiteContext,
                 images: dict[int, dict] | None = None, labels: tuple[dict, dict] | None = None) -> dict:
    kind = KIND_OF_MODEL.get(page.specific_class)
    if images is None:
        images = image_payloads(request, {page.image_id} if page.image_id else set())
    if labels is None:
        labels = labels_for([page.pk])
    return {
        "id": page.pk,
        "kind": kind,
        "title": page.title,
        "url": context.public_url(page),
        "api_url": absolute(request, f"/api/v1/items/{page.pk}"),
        "section": section_ref(context.section_of(page)),
        "date": page.date.isoformat(),
        "summary": page.summary,
        "image": images.get(page.image_id),
        "areas": labels[0][page.pk],
        "topics": labels[1][page.pk],
        "first_published_at": local_iso(page.first_published_at),
        "last_published_at": local_iso(page.last_published_at),
        "source_id": page.source_id,
    }


# --- Rich text -----------------------------------------------------------------------------------

def linked_ids(html: str, linktype: str) -> set[int]:
    ids = set()
    for attrs in _A_TAG.findall(html):
        values = dict(_ATTR.findall(attrs))
        if values.get("linktype") == linktype and values.get("id", "").isdigit():
            ids.add(int(values["id"]))
    return ids


def rewrite_links(html: str, page_urls: dict[int, str], document_urls: dict[int, str]) -> str:
    def replace(match: re.Match) -> str:
        values = dict(_ATTR.findall(match.group(1)))
        linktype, target = values.get("linktype"), values.get("id", "")
        if linktype is None:
            return match.group(0)
        urls = page_urls if linktype == "page" else document_urls if linktype == "document" else {}
        href = urls.get(int(target)) if target.isdigit() else None
        return f'<a href="{escape(href)}">' if href else "<a>"

    return _A_TAG.sub(replace, html)


def body_html(request: HttpRequest, page: m.ExamContentPage, context: SiteContext) -> str:
    sources = [block.value.source for block in page.body if block.block_type == "paragraph"]
    page_ids = set().union(*(linked_ids(s, "page") for s in sources)) if sources else set()
    doc_ids = set().union(*(linked_ids(s, "document") for s in sources)) if sources else set()
    page_urls = {p.pk: context.public_url(p) for p in
                 Page.objects.filter(pk__in=page_ids, live=True).only("url_path")} if page_ids else {}
    documents = get_document_model().objects.filter(pk__in=doc_ids) if doc_ids else []
    document_urls = {d.pk: absolute(request, d.url) for d in documents}
    parts = []
    for block in page.body:
        kind, value = block.block_type, block.value
        if kind == "paragraph":
            parts.append(rewrite_links(value.source, page_urls, document_urls))
        elif kind == "heading":
            parts.append(f"<h2>{escape(value)}</h2>")
        elif kind == "quote":
            source = f"<cite>{escape(value['source'])}</cite>" if value["source"] else ""
            parts.append(f"<blockquote><p>{escape(value['text'])}</p>{source}</blockquote>")
        elif kind == "image":
            rendition = value["image"].get_rendition("width-1024|format-jpeg")
            caption = f"<figcaption>{escape(value['caption'])}</figcaption>" if value["caption"] else ""
            parts.append(f'<figure><img src="{escape(absolute(request, rendition.url))}" '
                         f'alt="{escape(value["image"].default_alt_text)}" width="{rendition.width}" '
                         f'height="{rendition.height}">{caption}</figure>')
        elif kind == "document":
            parts.append(f'<p><a href="{escape(absolute(request, value.url))}">{escape(value.title)}</a></p>')
    return "".join(parts)


def plain_text(html: str) -> str:
    text = _BLOCK_END.sub("\n\n", html)
    lines = [" ".join(unescape(strip_tags(chunk)).split()) for chunk in text.split("\n\n")]
    return "\n\n".join(line for line in lines if line)


# --- JSON-LD -------------------------------------------------------------------------------------

def publisher(context: SiteContext) -> dict:
    return {"@type": "GovernmentOrganization", "name": context.site.site_name or context.site.hostname,
            "url": context.portal_base_url}


def article_json_ld(item: dict, context: SiteContext) -> dict:
    return {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": item["title"][:110],
        "description": item["summary"], "url": item["url"], "mainEntityOfPage": item["url"],
        "datePublished": item["first_published_at"], "dateModified": item["last_published_at"],
        "inLanguage": "vi", "publisher": publisher(context),
        "image": [r["url"] for r in item["image"]["renditions"] if r["format"] == "jpeg"] if item["image"] else [],
        "contentLocation": [{"@type": "AdministrativeArea", "name": a["name"]} for a in item["areas"]],
    }


VERDICT_RATING = {"false": 1, "misleading": 2, "unverified": 3, "true": 5}


def claim_review_json_ld(page: m.RebuttalPage, item: dict, context: SiteContext) -> dict:
    return {
        "@context": "https://schema.org", "@type": "ClaimReview", "url": item["url"],
        "claimReviewed": page.claim, "datePublished": item["first_published_at"], "inLanguage": "vi",
        "author": publisher(context),
        "itemReviewed": {"@type": "Claim", "appearance": page.circulated_on,
                         "datePublished": page.circulated_at.isoformat() if page.circulated_at else None},
        "reviewRating": {"@type": "Rating", "ratingValue": VERDICT_RATING[page.verdict], "bestRating": 5,
                         "worstRating": 1, "alternateName": page.get_verdict_display()},
    }


def event_json_ld(session: dict, section: m.ExamSectionPage, context: SiteContext) -> dict:
    return {
        "@context": "https://schema.org", "@type": "Event",
        "name": f"{section.title}: {session['subject']}", "startDate": session["starts_at"],
        "endDate": session["ends_at"], "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode", "inLanguage": "vi",
        "organizer": publisher(context),
        "location": {"@type": "AdministrativeArea", "name": context.site.site_name},
    }


def place_json_ld(venue: dict, province_name: str) -> dict:
    data = {
        "@context": "https://schema.org", "@type": "Place", "name": venue["name"],
        "address": {"@type": "PostalAddress", "streetAddress": venue["address"],
                    "addressLocality": venue["commune"]["name"], "addressRegion": province_name,
                    "addressCountry": "VN"},
    }
    if venue["location"]:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": venue["location"]["lat"],
                       "longitude": venue["location"]["lon"]}
    if venue["phone"]:
        data["telephone"] = venue["phone"]
    return data
