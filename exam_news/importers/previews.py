"""Preview, then confirm: a spreadsheet is checked and its plan shown before anything is written; the very
file previewed is kept (in the database, for ``KEEP_FOR``) and applied on confirmation, unless the data
changed meanwhile so that the plan is no longer the one shown — then the new plan is shown instead.
"""

import datetime
import hashlib
import io
import secrets
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from exam_news.importers.schedule import import_schedule
from exam_news.importers.tables import ImportReport
from exam_news.importers.venues import import_venues
from exam_news.models import ExamSectionPage, KeptImportFile

IMPORTERS = {"venues": import_venues, "schedule": import_schedule}
KEEP_FOR = datetime.timedelta(hours=2)


class PreviewExpired(Exception):
    """The token names no kept file of this editor (expired, already applied, or not genuine)."""


@dataclass
class Preview:
    report: ImportReport
    kind: str
    section: ExamSectionPage
    filename: str
    publish: bool = False
    token: str | None = None  # confirms the kept file; None when there is nothing to confirm

    @property
    def applied(self) -> bool:
        return self.report.ok and not self.report.dry_run and not self.report.stale


def preview_import(*, user, section: ExamSectionPage, kind: str, filename: str, content: bytes,
                   publish: bool = False) -> Preview:
    """Check the file and plan its changes without writing them; keep the file if it can be applied.

    Raises ``ImportFileError`` (or ``SectionNotFound``) when the file or section cannot be used at all.
    """
    report = _run(kind, section, content, filename, dry_run=True, publish=publish)
    preview = Preview(report, kind, section, filename, publish)
    if report.ok:
        forget_expired()
        preview.token = secrets.token_urlsafe(32)
        KeptImportFile.objects.create(token_hash=_hash(preview.token), user=user, section=section, kind=kind,
                                      filename=filename, content=content, publish=publish,
                                      plan_digest=report.plan.digest())
    return preview


def confirm_import(*, user, token: str) -> Preview:
    """Apply the kept file if its plan is still the one previewed; otherwise return the new plan to confirm.

    Raises ``PreviewExpired`` when ``token`` is not a live preview of ``user``.
    """
    kept = _kept(user, token)
    report = _run(kept.kind, kept.section, bytes(kept.content), kept.filename, dry_run=False,
                  publish=kept.publish, user=user, expected_plan=kept.plan_digest)
    preview = Preview(report, kept.kind, kept.section, kept.filename, kept.publish)
    if report.stale and report.ok:
        kept.plan_digest = report.plan.digest()
        kept.save(update_fields=["plan_digest"])
        preview.token = token
    else:
        kept.delete()
    return preview


def forget_expired() -> int:
    """Delete kept files past their time; the number deleted."""
    deleted, _by_model = KeptImportFile.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    return deleted


def _kept(user, token: str) -> KeptImportFile:
    kept = (KeptImportFile.objects.select_related("section")
            .filter(token_hash=_hash(token), user=user, created_at__gte=timezone.now() - KEEP_FOR).first())
    if kept is None:
        raise PreviewExpired(_("Bản xem trước đã hết hạn hoặc không hợp lệ; hãy tải tệp lên và kiểm tra lại."))
    return kept


def _run(kind: str, section: ExamSectionPage, content: bytes, filename: str, *, publish: bool,
         **options) -> ImportReport:
    if kind == "schedule":
        options["publish"] = publish
    return IMPORTERS[kind](section, io.BytesIO(content), filename, **options)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
