"""Release bundles: several pages that become public together at one scheduled moment.

Scheduling a bundle gives each page's latest revision ``go_live_at = release_at`` and publishes it,
which in Wagtail means "approved, waiting": nothing is public yet. ``release_due_bundles`` (run every
minute by ``manage.py publish_due``) then publishes all pages of a due bundle in one transaction.
Until then ``publish()`` refuses any earlier publication of a held page (see publishing.py).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from exam_news.models import ReleaseBundle


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
    """Publish every scheduled bundle whose moment has come, each one all-or-nothing."""
    now = now or timezone.now()
    released = []
    for bundle in ReleaseBundle.objects.due(now):
        with transaction.atomic():
            for item in bundle.items.select_related("page"):
                page = item.page.specific
                revision = (page.revisions.filter(approved_go_live_at__isnull=False)
                            .order_by("-created_at", "-id").first()) or page.latest_revision
                revision.publish(skip_permission_checks=True)
            bundle.status = ReleaseBundle.Status.RELEASED
            bundle.released_at = now
            bundle.save(update_fields=["status", "released_at"])
            log(instance=bundle, action="exam_news.bundle_release", data={"released_at": now.isoformat()})
        released.append(bundle)
    return released
