"""Release bundles: several pages that become public together at one scheduled moment.

Scheduling a bundle gives each page's latest revision ``go_live_at = release_at`` and publishes it,
which in Wagtail means "approved, waiting": nothing is public yet. ``release_due_bundles`` (run at the
moment itself by ``manage.py run_scheduler``, or every minute by ``manage.py publish_due`` from cron) then
publishes all pages of a due bundle in one transaction. Only pages that are not live can be scheduled.
Until then ``publish()`` refuses any earlier publication of a held page (see publishing.py).
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Revision

from exam_news.models import ReleaseBundle

logger = logging.getLogger(__name__)


def bundle_problems(bundle: ReleaseBundle, now: datetime.datetime) -> list[str]:
    problems = []
    if bundle.status != ReleaseBundle.Status.DRAFT:
        problems.append(_("Chỉ gói đang soạn mới hẹn giờ được (trạng thái hiện tại: %(status)s).")
                        % {"status": bundle.get_status_display()})
    if bundle.release_at <= now:
        problems.append(_("Thời điểm công bố phải ở tương lai."))
    items = list(bundle.items.select_related("page"))
    if not items:
        problems.append(_("Gói chưa có trang nào."))
    for item in items:
        page = item.page.specific
        if not page.is_descendant_of(bundle.section):
            problems.append(_("“%(title)s” không thuộc chuyên mục của gói.") % {"title": page.title})
            continue
        if page.live:
            # Scheduling would keep the live version public until the moment: the bundle would promise
            # that nothing in it is public before then, and be wrong.
            problems.append(_(
                "“%(title)s” đang được công khai: gói chỉ nhận trang chưa xuất bản. Hãy gỡ xuất bản trang "
                "trước (nội dung sẽ không còn công khai cho đến thời điểm công bố), hoặc bỏ trang khỏi gói."
            ) % {"title": page.title})
        draft = page.get_latest_revision_as_object()
        for reason in getattr(draft, "consent_problems", list)():
            problems.append(f"“{page.title}”: {reason}")
    return problems


@transaction.atomic
def schedule_bundle(bundle: ReleaseBundle, user=None, now: datetime.datetime | None = None) -> None:
    problems = bundle_problems(bundle, now or timezone.now())
    if problems:
        raise ValidationError(problems)
    for item in bundle.items.select_related("page"):
        draft = item.page.specific.get_latest_revision_as_object()
        draft.go_live_at = bundle.release_at
        revision = draft.save_revision(user=user, log_action=True)
        revision.publish(user=user, skip_permission_checks=True)
    bundle.status = ReleaseBundle.Status.SCHEDULED
    bundle.scheduled_by = user
    bundle.save(update_fields=["status", "scheduled_by"])
    log(instance=bundle, action="exam_news.bundle_schedule", user=user,
        data={"release_at": bundle.release_at.isoformat()})


@transaction.atomic
def cancel_bundle(bundle: ReleaseBundle, user=None) -> None:
    if bundle.status != ReleaseBundle.Status.SCHEDULED:
        raise ValidationError(_("Chỉ gói đã hẹn giờ mới huỷ được."))
    for item in bundle.items.select_related("page"):
        item.page.revisions.filter(approved_go_live_at__isnull=False).update(approved_go_live_at=None)
    bundle.status = ReleaseBundle.Status.CANCELLED
    bundle.save(update_fields=["status"])
    log(instance=bundle, action="exam_news.bundle_cancel", user=user)


def release_due_bundles(now: datetime.datetime | None = None) -> list[ReleaseBundle]:
    """Publish every scheduled bundle whose moment has come, each all-or-nothing in its own transaction.

    Each bundle is taken with a row lock (``SKIP LOCKED``): a run that finds it taken, or already released,
    leaves it alone, so two schedulers release it exactly once. A bundle that fails is rolled back, its
    reason kept on the bundle and in the audit log, and the others still go out.
    """
    now = now or timezone.now()
    released = []
    for bundle_id in ReleaseBundle.objects.due(now).values_list("pk", flat=True):
        try:
            bundle = _release(bundle_id, now)
        except Exception as error:  # one broken bundle must not hold back the others
            logger.exception("Release bundle %s failed", bundle_id)
            _record_failure(bundle_id, error)
            continue
        if bundle is not None:
            released.append(bundle)
    return released


@transaction.atomic
def _release(bundle_id: int, now: datetime.datetime) -> ReleaseBundle | None:
    bundle = (ReleaseBundle.objects.select_for_update(skip_locked=True)
              .filter(pk=bundle_id, status=ReleaseBundle.Status.SCHEDULED, release_at__lte=now).first())
    if bundle is None:
        return None  # another run holds it, or has released it
    for item in bundle.items.select_related("page"):
        page = item.page.specific
        revision = (page.revisions.filter(approved_go_live_at__isnull=False)
                    .order_by("-created_at", "-id").first()) or page.latest_revision
        revision.publish(skip_permission_checks=True)
    bundle.status = ReleaseBundle.Status.RELEASED
    bundle.released_at = now
    bundle.release_error = ""
    bundle.save(update_fields=["status", "released_at", "release_error"])
    log(instance=bundle, action="exam_news.bundle_release", data={"released_at": now.isoformat()})
    return bundle


def _record_failure(bundle_id: int, error: Exception) -> None:
    reason = f"{type(error).__name__}: {error}"[:1000]
    try:
        with transaction.atomic():
            bundle = ReleaseBundle.objects.filter(pk=bundle_id).first()
            if bundle is None:
                return
            bundle.release_error = reason
            bundle.save(update_fields=["release_error"])
            # Wagtail's own scheduler must not publish the pages one by one: the bundle stays all-or-nothing
            # (the next pass tries it again with each page's latest revision).
            page_ids = [str(pk) for pk in bundle.items.values_list("page_id", flat=True)]
            Revision.page_revisions.filter(object_id__in=page_ids, approved_go_live_at__isnull=False).update(
                approved_go_live_at=None)
            log(instance=bundle, action="exam_news.bundle_release_failed", data={"reason": reason})
    except Exception:
        logger.exception("Could not record the failure of release bundle %s", bundle_id)
