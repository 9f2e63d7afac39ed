"""Import of exam sessions into the section's schedule page, as one new revision.

The file is the whole timetable: the schedule's sessions become exactly the rows of the file
(matching rows keep their identity). The revision is left for review unless ``publish`` is set.
"""

import datetime
from typing import BinaryIO

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.text import fold
from exam_news.importers import cells
from exam_news.importers.tables import Column, ImportReport, Row, RowError, parse_row, read_rows, validated
from exam_news.models import ExamSectionPage, ExamSession, Slot
from exam_news.sections import schedule_page_of

COLUMNS = {
    "date": Column("Ngày thi", ("Ngày",), required=True),
    "slot": Column("Buổi", ("Buổi thi",), required=True),
    "subject": Column("Môn thi", ("Bài thi", "Môn thi/Bài thi", "Môn"), required=True),
    "arrival_time": Column("Giờ có mặt", ("Giờ thí sinh có mặt", "Có mặt")),
    "paper_handout_time": Column("Giờ phát đề", ("Phát đề",)),
    "start_time": Column("Giờ bắt đầu", ("Giờ bắt đầu làm bài", "Bắt đầu làm bài"), required=True),
    "end_time": Column("Giờ kết thúc", ("Kết thúc",)),
    "duration": Column("Thời gian làm bài (phút)", ("Thời gian làm bài", "Thời gian (phút)", "Số phút")),
    "notes": Column("Ghi chú", ()),
}
SLOTS = {"sang": Slot.MORNING, "buoi sang": Slot.MORNING, "chieu": Slot.AFTERNOON,
         "buoi chieu": Slot.AFTERNOON, "morning": Slot.MORNING, "afternoon": Slot.AFTERNOON}
PARSERS = {
    "date": cells.date, "subject": cells.text, "notes": cells.text, "arrival_time": cells.time_of_day,
    "paper_handout_time": cells.time_of_day, "start_time": cells.time_of_day,
    "end_time": cells.time_of_day, "duration": cells.integer,
    "slot": lambda v: cells.choice(v, SLOTS, _("buổi (Sáng/Chiều)")),
}


def import_schedule(section: ExamSectionPage, file: BinaryIO, filename: str, *, dry_run: bool = False,
                    publish: bool = False, user=None) -> ImportReport:
    rows, warnings = read_rows(file, filename, COLUMNS)
    report = ImportReport(dry_run=dry_run, rows=len(rows), warnings=warnings)
    page = schedule_page_of(section).get_latest_revision_as_object()
    existing = {_key(s.date, s.slot, s.subject): s for s in page.sessions.all()}
    sessions: list[ExamSession] = []
    seen: dict[tuple, int] = {}
    for row in rows:
        session = _session_from_row(row, existing, report)
        if session is None:
            continue
        key = _key(session.date, session.slot, session.subject)
        if key in seen:
            report.errors.append(RowError(row.number, COLUMNS["subject"].header,
                                          _("trùng buổi thi với dòng %(other)s.") % {"other": seen[key]}))
            continue
        seen[key] = row.number
        sessions.append(session)
    report.updated = sum(1 for s in sessions if s.pk)
    report.created = len(sessions) - report.updated
    report.removed = len(set(existing) - set(seen))
    if report.errors or dry_run:
        return report
    sessions.sort(key=lambda s: (s.date, s.start_time))
    with transaction.atomic():
        page.sessions = sessions
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user, skip_permission_checks=True)
        log(instance=section, action="exam_news.import_schedule", user=user,
            data={"file": filename, "created": report.created, "updated": report.updated,
                  "removed": report.removed, "published": publish})
    return report


def _key(date: datetime.date, slot: str, subject: str) -> tuple:
    return (date, slot, fold(subject))


def _session_from_row(row: Row, existing: dict, report: ImportReport) -> ExamSession | None:
    errors_before = len(report.errors)
    values = parse_row(row, PARSERS, COLUMNS, report)
    if len(report.errors) > errors_before:
        return None
    duration = values.pop("duration")
    if values["end_time"] is None:
        if duration is None or values["start_time"] is None:
            report.errors.append(RowError(row.number, COLUMNS["end_time"].header,
                                          _("cần giờ kết thúc hoặc thời gian làm bài (phút).")))
            return None
        start = datetime.datetime.combine(datetime.date.min, values["start_time"])
        values["end_time"] = (start + datetime.timedelta(minutes=duration)).time()
    key = _key(values["date"], values["slot"], values["subject"]) if values["date"] else None
    session = existing.get(key) or ExamSession()
    for name, value in values.items():
        setattr(session, name, value)
    if not validated(session, row, COLUMNS, report, exclude=["page", "sort_order"]):
        return None
    return session
