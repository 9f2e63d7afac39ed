"""Articles of every kind: the unified news stream, per-kind lists, active notices and item detail."""

import datetime
from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja import Path as NinjaPath

from exam_news import models as m
from exam_news.api.context import site_context
from exam_news.api.details import detail
from exam_news.api.errors import NotFound, ParameterError
from exam_news.api.images import image_payloads
from exam_news.api.items import item_summary, labels_for
from exam_news.api.pagination import paginate
from exam_news.api.params import MAX_ID, ContentFilters, in_area, resolve_area, resolve_sections
from exam_news.api.rendering import trusted_json
from exam_news.api.schemas import ItemDetailOut, ItemPage, NotFoundOut, ValidationErrorOut
from exam_news.kinds import ARTICLE_KINDS, article_model
from exam_news.public.visibility import in_sections, public

router = Router(tags=["Tin bài"])
ERRORS = {404: NotFoundOut, 422: ValidationErrorOut}


ItemKind = Literal["news", "story", "results", "directive", "notice", "rebuttal", "faq"]
assert ItemKind.__args__ == ARTICLE_KINDS


class KindParam(Schema):
    kind: ItemKind | None = Field(None, description="Lọc theo loại tin bài.")


LIST_FIELDS = ("path", "depth", "url_path", "title", "live", "expire_at", "first_published_at", "last_published_at",
               "content_type", "date", "summary", "image", "source_id")


def base_queryset() -> QuerySet:
    return (
        m.ExamContentPage.objects.select_related("content_type").only(*LIST_FIELDS)
        .order_by("-date", "-pk")
    )


def filtered(request: HttpRequest, filters: ContentFilters, queryset: QuerySet) -> QuerySet:
    context = site_context(request)
    queryset = public(queryset, context)
    queryset = in_sections(queryset, resolve_sections(filters.section, list(context.sections.values())))
    queryset = in_area(queryset, resolve_area(filters))
    if filters.date_from:
        queryset = queryset.filter(date__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(date__lte=filters.date_to)
    if filters.tag:
        queryset = queryset.filter(topics__slug=filters.tag)
    if filters.updated_since:
        try:  # in UTC: databases reject unusual offsets such as +21:01
            since = filters.updated_since.astimezone(datetime.UTC)
        except OverflowError:  # before year 1 or after 9999 in UTC: before or after everything
            return queryset if filters.updated_since.year == datetime.MINYEAR else queryset.none()
        queryset = queryset.filter(last_published_at__gte=since)
    return queryset


def serializer(request: HttpRequest):
    context = site_context(request)
    def serialize(pages):
        images = image_payloads(request, {p.image_id for p in pages if p.image_id})
        labels = labels_for([p.pk for p in pages])
        return [item_summary(request, page, context, images, labels) for page in pages]

    return serialize


def kind_models(kind: str | None) -> list[type]:
    if kind is None:
        return [article_model(k) for k in ARTICLE_KINDS]
    if kind not in ARTICLE_KINDS:
        raise ParameterError("kind", f"kind phải là một trong: {', '.join(ARTICLE_KINDS)}.")
    return [article_model(kind)]


def of_kinds(queryset: QuerySet, models: list[type]) -> QuerySet:
    from django.contrib.contenttypes.models import ContentType

    if len(set(models)) == len(ARTICLE_KINDS):
        return queryset  # every article page is one of the kinds
    types = ContentType.objects.get_for_models(*models).values()
    return queryset.filter(content_type__in=list(types))


@router.get("/news", response={200: ItemPage, **ERRORS}, summary="Dòng tin chung mọi loại")
def news_stream(request, filters: Query[ContentFilters], kind: Query[KindParam]):
    """Mọi tin bài đang công khai (tin tức, gương sáng, kết quả, văn bản, thông báo, chống tin giả, hỏi đáp),
    mới nhất trước."""
    queryset = of_kinds(filtered(request, filters, base_queryset()), kind_models(kind.kind))
    return trusted_json(paginate(request, queryset, filters, serializer(request)))


def _kind_list(kind: str, path: str, summary: str):
    model = article_model(kind)

    def endpoint(request, filters: Query[ContentFilters]):
        queryset = of_kinds(filtered(request, filters, base_queryset()), [model])
        return trusted_json(paginate(request, queryset, filters, serializer(request)))

    endpoint.__name__ = f"list_{kind}"
    router.get(path, response={200: ItemPage, **ERRORS}, summary=summary, operation_id=f"list_{kind}")(endpoint)


for _kind, _path, _summary in [
    ("story", "/stories", "Gương điển hình, tiếp sức mùa thi"),
    ("results", "/results", "Tin kết quả thi"),
    ("directive", "/directives", "Văn bản chỉ đạo"),
    ("notice", "/notices", "Thông báo khẩn, cảnh báo"),
    ("rebuttal", "/rebuttals", "Chống tin giả"),
    ("faq", "/faq", "Hỏi - đáp"),
]:
    _kind_list(_kind, _path, _summary)


@router.get("/notices/active", response={200: ItemPage, **ERRORS}, summary="Thông báo đang có hiệu lực")
def active_notices(request, filters: Query[ContentFilters]):
    """Thông báo có hiệu lực tại thời điểm gọi (valid_from ≤ bây giờ < valid_until), khẩn cấp trước."""
    in_force = m.NoticePage.objects.in_force_at(site_context(request).now)
    queryset = of_kinds(filtered(request, filters, base_queryset()), [m.NoticePage]).filter(
        pk__in=in_force.values("pk"))
    return trusted_json(paginate(request, queryset, filters, serializer(request)))


@router.get("/items/{item_id}", response={200: ItemDetailOut, **ERRORS}, summary="Chi tiết một tin bài")
def item_detail(request, item_id: int = NinjaPath(..., ge=1, le=MAX_ID)):
    context = site_context(request)
    page = public(base_queryset(), context).filter(pk=item_id).first()
    if page is None:
        raise NotFound(f"Không có tin bài công khai với id {item_id}.")
    return detail(request, page, context)
