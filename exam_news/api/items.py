"""Articles as API dictionaries: the list summary (with areas and topics) and the rendered body."""

from django.http import HttpRequest
from wagtail.documents import get_document_model
from wagtail.models import Page

from exam_news import models as m
from exam_news.api.images import absolute, figure_html, image_payloads, local_iso
from exam_news.kinds import kind_of
from exam_news.public.body import LinkTargets, linked_ids
from exam_news.public.body import body_html as render_body
from exam_news.public.site import SiteContext
from exam_news.public.visibility import public


def area(unit) -> dict:
    return {"code": unit.code, "name": unit.name, "level": unit.level}


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
    kind = kind_of(page.specific_class)
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


def body_html(request: HttpRequest, page: m.ExamContentPage, context: SiteContext) -> str:
    page_ids, doc_ids = linked_ids(page.body, "page"), linked_ids(page.body, "document")
    page_urls = {p.pk: context.public_url(p) for p in
                 public(Page.objects.filter(pk__in=page_ids), context).only("url_path")} if page_ids else {}
    documents = get_document_model().objects.filter(pk__in=doc_ids) if doc_ids else []
    targets = LinkTargets(
        page_urls=page_urls, document_urls={d.pk: absolute(request, d.url) for d in documents},
        absolute=lambda url: absolute(request, url),
        image_html=lambda image, caption: figure_html(request, image, caption))
    return render_body(page.body, targets)
