"""Query parameters of the portal API, checked as strictly as the OpenAPI document describes them, so that
what the document allows the server accepts and what it forbids the server refuses:

* types, patterns, enums and bounds by ninja and pydantic (422 naming the parameter); patterns with
  Python's ``re``, the engine JSON Schema validators use, and dates only in their ISO 8601 form;
* parameters an operation does not know, or repeated ones, by ``refuse_unknown_parameters`` on every
  operation (422 naming the parameter);
* a well-formed reference to nothing (an area code, a section, a page past the last) as 404 naming it."""

import datetime
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict

from cms.areas import area_unit_ids
from cms.models import AdministrativeUnit
from exam_news import models as m
from exam_news.api.errors import NotFound, ParameterError
from exam_news.public.visibility import in_area as public_in_area

MAX_PAGE_SIZE = 100
MAX_ID = 2**63 - 1  # the largest value a BIGINT primary key holds
Level = AdministrativeUnit.Level

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
RFC_3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")


def _written_as(pattern: re.Pattern, form: str) -> BeforeValidator:
    """Pydantic also reads ``0`` as 1970-01-01 and a date without its time as a datetime; the document
    promises ISO 8601 (JSON Schema ``format``), so anything else is refused."""
    def check(value):
        if isinstance(value, str) and not pattern.fullmatch(value):
            raise ValueError(f"cần dạng {form}")
        return value

    return BeforeValidator(check)


IsoDate = Annotated[datetime.date, _written_as(ISO_DATE, "YYYY-MM-DD")]
IsoDateTime = Annotated[datetime.datetime, _written_as(RFC_3339, "ISO 8601 có múi giờ, như 2025-06-01T08:00:00+07:00")]


class QueryParams(Schema):
    """Patterns checked with Python's ``re`` (as JSON Schema validators do), not pydantic's Rust engine:
    both then agree on every string, ``$`` before a final newline included."""

    model_config = ConfigDict(regex_engine="python-re")


class PageParams(QueryParams):
    page: int = Field(1, ge=1, le=1_000_000, description="Trang kết quả, bắt đầu từ 1.")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description=f"Số mục mỗi trang (tối đa {MAX_PAGE_SIZE}).")


class SectionParam(QueryParams):
    section: str | None = Field(None, min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9_:-]*$",
                                description="Chuyên mục: LOẠI:NĂM (thpt:2025), slug hoặc id. Mặc định: mọi "
                                            "chuyên mục đang xuất bản. Không có chuyên mục đang xuất bản nào như "
                                            "vậy: 404.")


class AreaParams(QueryParams):
    area: str | None = Field(None, pattern=r"^\d{2}(\d|\d{3})?$",
                             description="Mã xã/phường (5 số), huyện cũ (3 số) hoặc tỉnh (2 số), theo /areas. "
                                         "Mã đúng dạng mà không có đơn vị nào: 404.")
    exclude_province_wide: bool = Field(False, description="Bỏ các nội dung toàn tỉnh; chỉ có tác dụng kèm area.")


class ContentFilters(PageParams, SectionParam, AreaParams):
    date_from: IsoDate | None = Field(None, description="Từ ngày (YYYY-MM-DD), theo ngày đăng.")
    date_to: IsoDate | None = Field(None, description="Đến ngày (YYYY-MM-DD), theo ngày đăng; trước date_from thì "
                                                      "không có kết quả.")
    tag: str | None = Field(None, max_length=100, description="Mã chủ đề (slug).")
    updated_since: IsoDateTime | None = Field(
        None, description="Chỉ mục xuất bản/cập nhật từ thời điểm này (ISO 8601 có múi giờ), để đồng bộ gia tăng.")


def check_query(request: HttpRequest, allowed: Iterable[str]) -> None:
    """422 naming the first query parameter that is not ``allowed`` or is given more than once."""
    allowed = set(allowed)
    for name in request.GET:
        if name not in allowed:
            supported = f" Hỗ trợ: {', '.join(sorted(allowed))}." if allowed else " Không có tham số nào."
            raise ParameterError(name, f"Tham số không được hỗ trợ: {name}.{supported}", "unknown_parameter")
        if len(request.GET.getlist(name)) > 1:
            raise ParameterError(name, f"Tham số {name} chỉ được dùng một lần.")


def query_parameter_names(operation) -> frozenset[str]:
    """The query parameters a ninja operation declares (flattened as in the OpenAPI document)."""
    names = set()
    for model in operation.models:
        if getattr(model, "__ninja_param_source__", None) == "query":
            flat = getattr(model, "__ninja_flatten_map__", None)
            names.update(flat or (field.alias or name for name, field in model.model_fields.items()))
    return frozenset(names)


def refuse_unknown_parameters(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view decorator for the whole API (``NinjaAPI.add_decorator(..., mode="view")``): every operation
    answers an unknown or repeated query parameter with 422, like a malformed one."""
    operation = run.__self__
    allowed = query_parameter_names(operation)

    @functools.wraps(run)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            check_query(request, allowed)
        except ParameterError as error:
            return operation.api.on_exception(request, error)
        return run(request, *args, **kwargs)

    return checked


@dataclass(frozen=True)
class AreaFilter:
    unit: AdministrativeUnit
    unit_ids: frozenset[int]
    include_province_wide: bool


def resolve_area(params: AreaParams) -> AreaFilter | None:
    """The unit of ``area`` with what it stands for (``cms.areas.area_unit_ids``)."""
    if params.area is None:
        return None
    code = params.area.strip()  # the pattern's $ also matches before a final newline
    level = {2: Level.PROVINCE, 3: Level.LEGACY_DISTRICT, 5: Level.COMMUNE}[len(code)]
    unit = AdministrativeUnit.objects.filter(level=level, code=code).first()
    if unit is None:
        raise NotFound(f"area: không có đơn vị hành chính mã {code}.")
    return AreaFilter(unit, area_unit_ids(unit), include_province_wide=not params.exclude_province_wide)


def in_area(queryset: QuerySet, area: AreaFilter | None) -> QuerySet:
    if area is None:
        return queryset
    return public_in_area(queryset, area.unit_ids, area.include_province_wide)


def resolve_sections(reference: str | None, live_sections: list[m.ExamSectionPage]) -> list[m.ExamSectionPage]:
    if reference is None:
        return live_sections
    ref = reference.strip().lower()
    for section in live_sections:
        if ref in (str(section.pk), section.slug, section.section_key):
            return [section]
    raise NotFound(f"section: không có chuyên mục đang xuất bản “{reference.strip()}” (dùng LOẠI:NĂM như "
                   "thpt:2025, slug hoặc id).")
