"""Demo bulletin: Đài truyền thanh phường Long Xuyên, morning of 25/06/2025 (eve of the 2025 exam),
proposed from the demo content and approved through the review workflow. Idempotent."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.editorial import APPROVERS
from cms.models import RadioStation
from exam_news.models import ExamSectionPage
from exam_news.models.radio import BroadcastSlot, Bulletin
from exam_news.radio.bulletins import default_title, propose_into

DEMO_STATION = "Đài truyền thanh phường Long Xuyên"
DEMO_DATE = datetime.date(2025, 6, 25)
DEMO_SLOT = BroadcastSlot.MORNING
DEMO_APPROVER = "duyettin.demo"


def demo_approver():
    """A named approver without a usable password (the sign-off block shows a real name)."""
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_APPROVER, defaults={"first_name": "Nguyễn Thị Thu Hà"})
    if created:
        user.set_unusable_password()
        user.save()
    group = Group.objects.filter(name=APPROVERS).first()
    if group is not None:
        user.groups.add(group)
    return user


def approve(bulletin: Bulletin, user) -> None:
    """Submit the latest revision to the bulletin's workflow and approve every task as ``user``
    (publishes directly when no workflow is assigned)."""
    workflow = bulletin.get_workflow()
    if workflow is None:
        bulletin.get_latest_revision().publish(user=user)
        return
    state = workflow.start(bulletin, user)
    while state.status == state.STATUS_IN_PROGRESS and state.current_task_state is not None:
        state.current_task_state.approve(user=user)
        state.refresh_from_db()


def ensure_demo_bulletin(section: ExamSectionPage) -> Bulletin | None:
    station = RadioStation.objects.filter(name=DEMO_STATION).select_related("area").first()
    if station is None:
        return None
    existing = Bulletin.objects.filter(station=station, broadcast_date=DEMO_DATE, slot=DEMO_SLOT).first()
    if existing is not None:
        return existing
    bulletin = Bulletin(
        title=default_title(station, DEMO_DATE, DEMO_SLOT.label), station=station, section=section,
        broadcast_date=DEMO_DATE, slot=DEMO_SLOT, live=False,
    )
    bulletin.save()
    user = demo_approver()
    propose_into(bulletin, user=user)
    bulletin.refresh_from_db()
    approve(bulletin, user)
    bulletin.refresh_from_db()
    return bulletin
