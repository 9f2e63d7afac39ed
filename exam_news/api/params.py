"""Query parameters of the portal API. Types are checked by ninja (422 naming the parameter);
meaning (unknown parameters, unknown area or section) is checked here, also as 422."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema

from cms.areas import area_unit_ids
from cms.models import AdministrativeUnit
from exam_news import models as m
from exam_news.api.errors import ParameterError
from exam_news.public.visibility import in_area as public_in_area

MAX_PAGE_SIZE = 100
MAX_ID = 2**63 - 1  # the largest value a BIGINT primary key holds
Level = AdministrativeUnit.Level


class PageParams(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Trang kết quả, bắt đầu từ 1.")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description=f"Số mục mỗi trang (tối đa {MAX_PAGE_SIZE}).")


class SectionParam(Schema):
    section: str | None = Field(None, description="Chuyên mục: LOẠI:NĂM (thpt:2025), slug hoặc id. "
                                                  "Mặc định: mọi chuyên mục đang xuất bản.")


class AreaParams(Schema):
    area: str | None = Field(None, pattern=r"^\d{2}(\d|\d{3})?$",
                             description="Mã xã/phường (5 số), huyện cũ (3 số) hoặc tỉnh (2 số).")
    exclude_province_wide: bool = Field(False, description="Bỏ các nội dung toàn tỉnh (chỉ dùng kèm area).")


class ContentFilters(PageParams, SectionParam, AreaParams):
    date_from: datetime.date | None = Field(None, description="Từ ngày (YYYY-MM-DD), theo ngày đăng.")
    date_to: datetime.date | None = Field(None, description="Đến ngày (YYYY-MM-DD), theo ngày đăng.")
    tag: str | None = Field(None, max_length=100, description="Mã chủ đề (slug).")
    updated_since: datetime.datetime | None = Field(
        None, description="Chỉ mục xuất bản/cập nhật từ thời điểm này (ISO 8601), để đồng bộ gia tăng.")


def reject_unknown(request: HttpRequest, *schemas: type[Schema]) -> None:
    allowed = {name for schema in schemas for name in schema.model_fields}
    for name in request.GET:
        if name not in allowed:
            raise ParameterError(name, f"Tham số không được hỗ trợ: {name}. Hỗ trợ: {', '.join(sorted(allowed))}.",
                                 "unknown_parameter")
        if len(request.GET.getlist(name)) > 1:
            raise ParameterError(name, f"Tham số {name} chỉ được dùng một lần.")


@dataclass(frozen=True)
class AreaFilter:
    unit: AdministrativeUnit
    unit_ids: frozenset[int]
    include_province_wide: bool


def resolve_area(params: AreaParams) -> AreaFilter | None:
    """The unit of ``area`` with what it stands for (``cms.areas.area_unit_ids``)."""
    if params.area is None:
        if params.exclude_province_wide:
            raise ParameterError("exclude_province_wide", "exclude_province_wide chỉ dùng kèm tham số area.")
        return None
    code = params.area
    level = {2: Level.PROVINCE, 3: Level.LEGACY_DISTRICT, 5: Level.COMMUNE}[len(code)]
    unit = AdministrativeUnit.objects.filter(level=level, code=code).first()
    if unit is None:
        raise ParameterError("area", f"Không có đơn vị hành chính mã {code}.")
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
    raise ParameterError("section", f"Không có chuyên mục đang xuất bản “{reference}” (dùng LOẠI:NĂM như "
                                    "thpt:2025, slug hoặc id).")
