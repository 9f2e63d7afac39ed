"""Import of exam sessions into the section's schedule page, as one new revision.

The file is the whole timetable: the schedule's sessions become exactly the rows of the file
(matching rows keep their identity; sessions the file leaves out are removed from the schedule, and
the plan lists them). The revision is left for review unless ``publish`` is set.
"""

import datetime
from typing import BinaryIO

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from cms.text import fold
from exam_news.importers import cells
from exam_news.importers.plan import Action, Compared, ImportPlan, RowChange, changes_between, shown, snapshot
from exam_news.importers.tables import Column, ImportReport, Row, RowError, parse_row, read_rows, validated
from exam_news.models import ExamSectionPage, ExamSession, ScheduleIndexPage, Slot
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
COMPARED = (
    Compared("date", COLUMNS["date"].header),
    Compared("slot", COLUMNS["slot"].header, lambda v: str(Slot(v).label) if v else shown(v)),
    *(Compared(name, COLUMNS[name].header) for name in ("subject", "arrival_time", "paper_handout_time",
                                                       "start_time", "end_time", "notes")),
)
PARSERS = {
    "date": cells.date, "subject": cells.text, "notes": cells.text, "arrival_time": cells.time_of_day,
    "paper_handout_time": cells.time_of_day, "start_time": cells.time_of_day,
    "end_time": cells.time_of_day, "duration": cells.integer,
    "slot": lambda v: cells.choice(v, SLOTS, _("buổi (Sáng/Chiều)")),
}


def import_schedule(section: ExamSectionPage, file: BinaryIO, filename: str, *, dry_run: bool = False,
                    publish: bool = False, user=None, expected_plan: str | None = None) -> ImportReport:
    """Validate every row and plan the new timetable against the schedule's latest revision; write a
    revision only if all rows are valid, this is not a dry run and (with ``expected_plan``, the digest of
    a previewed plan) the plan is still the one previewed — otherwise the report is ``stale``."""
    rows, warnings = read_rows(file, filename, COLUMNS)
    report = ImportReport(dry_run=dry_run, rows=len(rows), warnings=warnings)
    schedule = schedule_page_of(section)
    if dry_run:
        _plan(schedule, rows, report)
        return report
    with transaction.atomic():
        list(Page.objects.select_for_update().filter(pk=schedule.pk).values_list("pk", flat=True))
        page, sessions = _plan(schedule, rows, report)
        if report.errors:
            return report
        if expected_plan is not None and report.plan.digest() != expected_plan:
            report.stale = True
            return report
        sessions.sort(key=lambda s: (s.date, s.start_time))
        page.sessions = sessions
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user, skip_permission_checks=True)
        log(instance=section, action="exam_news.import_schedule", user=user,
            data={"file": filename, "created": report.created, "updated": report.updated,
                  "removed": report.removed, "published": publish})
    return report


def _plan(schedule: ScheduleIndexPage, rows: list[Row], report: ImportReport) -> tuple[ScheduleIndexPage,
                                                                                       list[ExamSession]]:
    """Compare each row with the session of the same day, slot and subject in the latest revision."""
    page = schedule.get_latest_revision_as_object()
    existing = {_key(s.date, s.slot, s.subject): s for s in page.sessions.all()}
    plan = ImportPlan()
    sessions: list[ExamSession] = []
    seen: dict[tuple, int] = {}
    for row in rows:
        found = _session_from_row(row, existing, report)
        if found is None:
            continue
        session, before = found
        key = _key(session.date, session.slot, session.subject)
        if key in seen:
            report.errors.append(RowError(row.number, COLUMNS["subject"].header,
                                          _("trùng buổi thi với dòng %(other)s.") % {"other": seen[key]}))
            continue
        seen[key] = row.number
        sessions.append(session)
        plan.rows.append(_change(row, session, before))
    gone = sorted((s for k, s in existing.items() if k not in seen), key=lambda s: (s.date, s.start_time))
    plan.rows.extend(RowChange(Action.REMOVED, session_key(s), s.subject) for s in gone)
    report.count(plan)
    return page, sessions


def session_key(session: ExamSession) -> str:
    """How the preview names a session: "26/06/2025 · Sáng · Ngữ văn"."""
    return f"{shown(session.date)} · {Slot(session.slot).label} · {session.subject}"


def _change(row: Row, session: ExamSession, before: dict | None) -> RowChange:
    if before is None:
        return RowChange(Action.NEW, session_key(session), session.subject, row.number)
    changes = changes_between(before, snapshot(session, COMPARED), COMPARED)
    action = Action.UPDATED if changes else Action.UNCHANGED
    return RowChange(action, session_key(session), session.subject, row.number, changes)


def _key(date: datetime.date, slot: str, subject: str) -> tuple:
    return (date, slot, fold(subject))


def _session_from_row(row: Row, existing: dict, report: ImportReport) -> tuple[ExamSession, dict | None] | None:
    """The session as the row gives it (the existing one, updated, if it has the same key) and what the
    existing one had before."""
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
    old = existing.get(key)
    before = snapshot(old, COMPARED) if old is not None else None
    session = old or ExamSession()
    for name, value in values.items():
        setattr(session, name, value)
    if not validated(session, row, COLUMNS, report, exclude=["page", "sort_order"]):
        return None
    return session, before
