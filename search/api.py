"""``/api/v1/search`` and ``/api/v1/search/suggest``: one query over every kind of public exam content."""

import datetime
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from cms.models import AdministrativeUnit
from exam_news.api.context import site_context
from exam_news.api.params import AreaParams, QueryParams, SectionParam, resolve_area, resolve_sections
from exam_news.api.schemas import NotFoundOut, ValidationErrorOut
from exam_news.kinds import label
from search import analysis, service
from search.sync import elasticsearch_enabled
from search.types import KINDS, SearchQuery, SearchResults

router = Router(tags=["Tìm kiếm"])
ERRORS = {404: NotFoundOut, 422: ValidationErrorOut}
MAX_QUERY_CHARS = 200
MAX_PAGE_SIZE = 50
# At least one character that is not a space, a control character, punctuation or a symbol: a query of only those
# is refused; words that fold to nothing searchable (other scripts, emoji) find nothing. Written as an explicit
# list, without \w or \s: the server checks it with Python's re, while the document's readers use ECMA-262's
# dialect, in which \w is ASCII only ("đò" would have no word character) — a fuzzer then took "¹…{" for a
# query the server must refuse. The list means the same in both.
SEARCHABLE = (r"[^\x00-\x2F\x3A-\x40\x5B-\x60\x7B-\xBF\xD7\xF7\u2000-\u206F\u2190-\u2BFF\u3000-\u303F"
              r"\uFE30-\uFE4F\uFEFF\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]")

SearchKind = Literal["section", "session", "milestone", "venue", "news", "story", "results", "directive", "notice",
                     "rebuttal", "faq"]
assert SearchKind.__args__ == KINDS


class SearchParams(SectionParam, AreaParams):
    q: str = Field(..., min_length=1, max_length=MAX_QUERY_CHARS, pattern=SEARCHABLE,
                   description="Từ khóa, có dấu hoặc không dấu; gõ Telex thô (ddieemr thi) cũng hiểu. Cần ít nhất "
                               "một ký tự không phải khoảng trắng, dấu câu hay ký hiệu.")
    kind: SearchKind | None = Field(None, description="Chỉ tìm một loại nội dung.")
    year: int | None = Field(None, ge=2000, le=2100, description="Năm của kỳ thi.")
    page: int = Field(1, ge=1, le=50, description="Trang kết quả, bắt đầu từ 1.")
    page_size: int = Field(10, ge=1, le=MAX_PAGE_SIZE, description=f"Số kết quả mỗi trang (tối đa {MAX_PAGE_SIZE}).")


class SuggestParams(QueryParams):
    q: str = Field(..., min_length=1, max_length=100, pattern=SEARCHABLE,
                   description="Phần đã gõ, có ít nhất một ký tự không phải khoảng trắng, dấu câu "
                               "hay ký hiệu.")
    limit: int = Field(8, ge=1, le=20)


class AreaOut(Schema):
    code: str
    name: str
    level: str


class HitOut(Schema):
    kind: str
    title: str
    url: str
    snippet: str = Field(description="Đoạn trích, từ khớp nằm trong <mark>…</mark> (đã thoát HTML).")
    date: datetime.date | None
    areas: list[AreaOut]
    score: float
    section: str = Field(description="Chuyên mục, dạng LOẠI:NĂM.")
    year: int | None
    number: str = Field(description="Số ký hiệu văn bản hoặc mã điểm thi.")
    source_id: str = Field(description="Mã bài ở cổng cũ với bài được nhập; chuỗi rỗng nếu không.")


class FacetOut(Schema):
    value: str
    label: str
    count: int


class FacetsOut(Schema):
    kind: list[FacetOut]
    area: list[FacetOut]
    year: list[FacetOut]


class SuggestionOut(Schema):
    text: str
    kind: str
    url: str


class SearchOut(Schema):
    query: str
    interpreted_as: str | None = Field(description="Câu tìm đã hiểu (giải mã Telex, sửa lỗi gõ, sửa dấu), nếu khác.")
    message: str | None = Field(description="Câu báo cho người tìm, nếu có: “Đã tìm: …” khi câu gõ được sửa; "
                                            "báo khi không có kết quả khớp đủ các từ hoặc không có kết quả nào.")
    partial: bool = Field(description="true khi không mục nào có đủ các từ chính của câu tìm: kết quả là những mục "
                                      "khớp nhiều từ nhất.")
    did_you_mean: list[SuggestionOut] = Field(
        description="“Có phải bạn muốn tìm …”: tiêu đề gần câu gõ, khi không có kết quả khớp tốt (còn lại: rỗng).")
    faq: list[SuggestionOut] = Field(
        description="Câu hỏi - đáp được quan tâm của chuyên mục, khi không có kết quả khớp tốt (còn lại: rỗng).")
    backend: Literal["elasticsearch", "database"]
    total: int = Field(description="Số kết quả: đếm chính xác đến 1.000; nhiều hơn thì là số ước lượng.")
    total_exact: bool = Field(description="false khi total và số đếm theo loại, địa bàn, năm là số ước lượng "
                                          "(đếm chính xác đến 1.000 kết quả).")
    page: int
    page_size: int
    results: list[HitOut]
    facets: FacetsOut


class SuggestOut(Schema):
    query: str
    backend: Literal["elasticsearch", "database"]
    suggestions: list[SuggestionOut]


def searchable(q: str) -> bool:
    """Whether ``q`` has a word search can look for (letters of other scripts fold to none)."""
    return bool(analysis.analyse(q))


def _backend_name() -> str:
    return "elasticsearch" if elasticsearch_enabled() else "database"


DID_YOU_MEAN = 5


def search_message(typed: str, results: SearchResults) -> str | None:
    if results.total == 0:
        return _("Không tìm thấy kết quả cho “%(query)s”. Có thể thử từ khóa ngắn hơn, hoặc xem các gợi ý "
                 "và câu hỏi - đáp dưới đây.") % {"query": typed}
    if results.partial:
        return _("Không có mục nào khớp đủ các từ đã gõ; dưới đây là các mục khớp nhiều từ nhất.")
    return _("Đã tìm: %(query)s") % {"query": results.interpreted_as} if results.interpreted_as else None


def search_query(request, params: SearchParams) -> SearchQuery:
    context = site_context(request)
    sections = resolve_sections(params.section, list(context.sections.values())) if params.section else []
    area = resolve_area(params)
    codes = None
    if area is not None and area.unit.level != AdministrativeUnit.Level.PROVINCE:
        codes = frozenset(AdministrativeUnit.objects.filter(pk__in=area.unit_ids).values_list("code", flat=True))
    return SearchQuery(
        text=params.q, root=context.root_path, now=context.now,
        kinds=(params.kind,) if params.kind else (), section_keys=tuple(s.section_key for s in sections),
        year=params.year, area_codes=codes, include_province_wide=area.include_province_wide if area else True,
        offset=(params.page - 1) * params.page_size, limit=params.page_size,
    )


def _facets(results: SearchResults) -> dict:
    area_codes = [f.value for f in results.facets.get("area", [])]
    names = dict(AdministrativeUnit.objects.filter(
        code__in=area_codes, level__in=["commune", "legacy_district"]).values_list("code", "name"))
    return {
        "kind": [{"value": f.value, "label": str(label(f.value)), "count": f.count}
                 for f in results.facets.get("kind", [])],
        "area": [{"value": f.value, "label": names.get(f.value, f.value), "count": f.count}
                 for f in results.facets.get("area", [])],
        "year": [{"value": f.value, "label": f.value, "count": f.count} for f in results.facets.get("year", [])],
    }


@router.get("/search", response={200: SearchOut, **ERRORS}, summary="Tìm kiếm")
def search(request, params: Query[SearchParams]):
    """Tìm trong mọi nội dung công khai: chuyên mục, lịch thi, điểm thi, tin tức, văn bản, thông báo,
    chống tin giả, hỏi - đáp. Không phân biệt dấu (có dấu đúng được xếp trên), hiểu “d” thay “đ” và Telex
    thô; tra chính xác số văn bản, mã điểm thi. Kèm số đếm theo loại, địa bàn, năm."""
    query = search_query(request, params)
    results = service.search(query) if searchable(params.q) else SearchResults([], 0, _backend_name())
    did_you_mean, faq = [], []
    if results.total == 0 or results.partial:  # nothing matches well: suggestions and the most useful Q&A
        faq = [{"text": s.text, "kind": s.kind, "url": s.url} for s in service.useful_questions(query.root)]
        if searchable(params.q):
            did_you_mean = [{"text": s.text, "kind": s.kind, "url": s.url}
                            for s in service.did_you_mean(params.q, query.root, DID_YOU_MEAN)]
    return {
        "query": params.q, "interpreted_as": results.interpreted_as or None,
        "message": search_message(params.q, results), "partial": results.partial,
        "did_you_mean": did_you_mean, "faq": faq, "backend": results.backend,
        "total": results.total, "total_exact": results.total_exact, "page": params.page, "page_size": params.page_size,
        "results": [{
            "kind": h.kind, "title": h.title, "url": h.url, "snippet": h.snippet, "date": h.date,
            "areas": [{"code": a.code, "name": a.name, "level": a.level} for a in h.areas], "score": h.score,
            "section": h.section_key, "year": h.year, "number": h.number, "source_id": h.source_id,
        } for h in results.hits],
        "facets": _facets(results),
    }


@router.get("/search/suggest", response={200: SuggestOut, **ERRORS}, summary="Gợi ý khi đang gõ")
def suggest(request, params: Query[SuggestParams]):
    """Tiêu đề bắt đầu bằng phần đã gõ (từ cuối được hiểu là tiền tố)."""
    context = site_context(request)
    suggestions, backend = (service.suggest(params.q, context.root_path, params.limit) if searchable(params.q)
                            else ([], _backend_name()))
    return {"query": params.q, "backend": backend,
            "suggestions": [{"text": s.text, "kind": s.kind, "url": s.url} for s in suggestions]}
