"""Import of exam venues (điểm thi) from the department's spreadsheet, all-or-nothing."""

from typing import BinaryIO

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.areas import UnitNotFound, communes_of, legacy_districts_of, match_unit
from exam_news.importers import cells
from exam_news.importers.tables import Column, ImportReport, Row, RowError, parse_row, read_rows, validated
from exam_news.models import ExamSectionPage, ExamVenue
from exam_news.sections import province_of

COLUMNS = {
    "code": Column("Mã điểm thi", ("Mã ĐT", "Mã", "Mã điểm"), required=True),
    "name": Column("Tên điểm thi", ("Điểm thi", "Tên trường", "Tên điểm"), required=True),
    "address": Column("Địa chỉ", ("Địa chỉ điểm thi", "Số nhà, đường"), required=True),
    "commune": Column("Xã/Phường", ("Xã, phường", "Phường/Xã", "Xã/Phường/Đặc khu", "Xã", "Phường",
                                    "Mã xã", "Đơn vị hành chính"), required=True),
    "legacy_district": Column("Huyện cũ", ("Huyện (cũ)", "Quận/Huyện cũ", "Huyện trước sáp nhập")),
    "latitude": Column("Vĩ độ", ("Vĩ độ (lat)", "Lat", "Latitude")),
    "longitude": Column("Kinh độ", ("Kinh độ (lon)", "Lon", "Lng", "Longitude")),
    "rooms": Column("Số phòng thi", ("Số phòng",)),
    "candidates": Column("Số thí sinh", ("Số TS", "Tổng số thí sinh")),
    "phone": Column("Điện thoại", ("Số điện thoại", "SĐT", "Điện thoại liên hệ")),
    "access_notes": Column("Ghi chú", ("Lưu ý", "Lưu ý đường đi")),
}
PARSERS = {
    "code": cells.text, "name": cells.text, "address": cells.text, "phone": cells.text,
    "access_notes": cells.text, "latitude": cells.decimal_number, "longitude": cells.decimal_number,
    "rooms": cells.integer, "candidates": cells.integer,
}


def import_venues(section: ExamSectionPage, file: BinaryIO, filename: str, *, dry_run: bool = False,
                  user=None) -> ImportReport:
    """Validate every row; write only if all rows are valid and this is not a dry run."""
    rows, warnings = read_rows(file, filename, COLUMNS)
    report = ImportReport(dry_run=dry_run, rows=len(rows), warnings=warnings)
    province = province_of(section)
    communes, districts = communes_of(province), legacy_districts_of(province)
    existing = {v.code: v for v in ExamVenue.objects.filter(section=section)}
    seen: dict[str, int] = {}
    venues = []
    for row in rows:
        venue = _venue_from_row(row, section, existing, communes, districts, report)
        if venue is None:
            continue
        if venue.code in seen:
            report.errors.append(RowError(row.number, COLUMNS["code"].header,
                                          _("mã %(code)s trùng với dòng %(other)s.")
                                          % {"code": venue.code, "other": seen[venue.code]}))
            continue
        seen[venue.code] = row.number
        venues.append(venue)
    report.updated = sum(1 for v in venues if v.pk)
    report.created = len(venues) - report.updated
    if report.errors or dry_run:
        return report
    with transaction.atomic():
        for venue in venues:
            venue.save()
        log(instance=section, action="exam_news.import_venues", user=user,
            data={"file": filename, "created": report.created, "updated": report.updated})
    return report


def _venue_from_row(row: Row, section, existing, communes, districts, report) -> ExamVenue | None:
    errors_before = len(report.errors)
    values = parse_row(row, PARSERS, COLUMNS, report)
    venue = existing.get(values.get("code")) or ExamVenue(section=section)
    for name, value in values.items():
        setattr(venue, name, value)
    for name, candidates in (("commune", communes), ("legacy_district", districts)):
        reference = cells.text(row.values.get(name))
        if not reference:
            setattr(venue, name, None)
            continue
        try:
            setattr(venue, name, match_unit(reference, candidates))
        except UnitNotFound as exc:
            report.errors.append(RowError(row.number, COLUMNS[name].header, str(exc)))
    if len(report.errors) > errors_before:
        return None
    if not validated(venue, row, COLUMNS, report, exclude=["section"], validate_unique=False):
        return None
    return venue
