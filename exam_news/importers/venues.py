"""Import of exam venues (điểm thi) from the department's spreadsheet, all-or-nothing.

Venues are matched by code; a venue of the section that the file does not list is left as it is. The
plan says, per row, whether the venue is new, updated (which fields, old → new) or unchanged; only new
and updated venues are written.
"""

from typing import BinaryIO

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.areas import UnitNotFound, communes_of, legacy_districts_of
from exam_news.importers import cells
from exam_news.importers.plan import Action, Compared, ImportPlan, RowChange, changes_between, snapshot
from exam_news.importers.tables import Column, ImportReport, Row, RowError, parse_row, read_rows, validated
from exam_news.importers.units import UnitLookup
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
UNIT_FIELDS = ("commune", "legacy_district")
COMPARED = tuple(Compared(name, column.header) for name, column in COLUMNS.items() if name != "code")


def import_venues(section: ExamSectionPage, file: BinaryIO, filename: str, *, dry_run: bool = False,
                  user=None, expected_plan: str | None = None) -> ImportReport:
    """Validate every row and plan the changes; write only if all rows are valid and this is not a dry run.

    With ``expected_plan`` (the digest of a previewed plan), nothing is written either when the plan
    has changed since: the report is then ``stale`` and carries the new plan.
    """
    rows, warnings = read_rows(file, filename, COLUMNS)
    report = ImportReport(dry_run=dry_run, rows=len(rows), warnings=warnings)
    province = province_of(section)
    units = {"commune": UnitLookup(communes_of(province)),
             "legacy_district": UnitLookup(legacy_districts_of(province))}
    if dry_run:
        _plan(section, rows, units, report, lock=False)
        return report
    with transaction.atomic():
        venues = _plan(section, rows, units, report, lock=True)
        if report.errors:
            return report
        if expected_plan is not None and report.plan.digest() != expected_plan:
            report.stale = True
            return report
        for venue in venues:
            venue.section = section
            venue.save()
        log(instance=section, action="exam_news.import_venues", user=user,
            data={"file": filename, "created": report.created, "updated": report.updated,
                  "unchanged": report.unchanged})
    return report


def _plan(section: ExamSectionPage, rows: list[Row], units: dict[str, UnitLookup], report: ImportReport, *,
          lock: bool) -> list[ExamVenue]:
    """Compare each row with the section's venue of that code (all loaded in one query); the venues to save."""
    venues = ExamVenue.objects.filter(section=section).select_related(*UNIT_FIELDS)
    if lock:
        venues = venues.select_for_update(of=("self",))
    existing = {v.code: v for v in venues}
    plan = ImportPlan()
    seen: dict[str, int] = {}
    to_save = []
    for row in rows:
        venue = _venue_from_row(row, existing, units, report)
        if venue is None:
            continue
        if venue.code in seen:
            report.errors.append(RowError(row.number, COLUMNS["code"].header,
                                          _("mã %(code)s trùng với dòng %(other)s.")
                                          % {"code": venue.code, "other": seen[venue.code]}))
            continue
        seen[venue.code] = row.number
        change = _change(row, venue, existing.get(venue.code))
        plan.rows.append(change)
        if change.action != Action.UNCHANGED:
            to_save.append(venue)
    plan.untouched = len(set(existing) - set(seen))
    report.count(plan)
    return to_save


def _change(row: Row, venue: ExamVenue, old: ExamVenue | None) -> RowChange:
    if old is None:
        return RowChange(Action.NEW, venue.code, venue.name, row.number)
    before, after = snapshot(old, COMPARED), snapshot(venue, COMPARED)
    changes = changes_between(before, after, COMPARED)
    if not changes:
        return RowChange(Action.UNCHANGED, venue.code, venue.name, row.number)
    warnings = []
    if before["name"] != after["name"]:
        warnings.append(_("Tên điểm thi sẽ đổi: %(old)s → %(new)s") % {"old": old.name, "new": venue.name})
    if before["address"] != after["address"]:
        warnings.append(_("Địa chỉ điểm thi sẽ đổi: %(old)s → %(new)s") % {"old": old.address, "new": venue.address})
    return RowChange(Action.UPDATED, venue.code, venue.name, row.number, changes, tuple(warnings))


def _venue_from_row(row: Row, existing: dict[str, ExamVenue], units: dict[str, UnitLookup],
                    report: ImportReport) -> ExamVenue | None:
    """The venue as the row gives it (with the existing venue's id when the code is known), validated.

    It is validated before its section is attached: the file's codes were checked against the section's
    venues above, so the model need not look each one up again.
    """
    errors_before = len(report.errors)
    values = parse_row(row, PARSERS, COLUMNS, report)
    old = existing.get(values.get("code"))
    venue = ExamVenue(pk=old.pk if old else None, **values)
    for name in UNIT_FIELDS:
        reference = cells.text(row.values.get(name))
        if not reference:
            setattr(venue, name, None)
            continue
        try:
            setattr(venue, name, units[name].match(reference))
        except UnitNotFound as exc:
            report.errors.append(RowError(row.number, COLUMNS[name].header, str(exc)))
    if len(report.errors) > errors_before:
        return None
    # Units matched among the province's own need no existence check; an empty commune is still refused.
    matched = [name for name in UNIT_FIELDS if getattr(venue, f"{name}_id")]
    if not validated(venue, row, COLUMNS, report, exclude=["section", *matched], validate_unique=False):
        return None
    return venue
