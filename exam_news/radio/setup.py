"""Roles and review workflow for bulletins: the existing "Duyệt tin kỳ thi" workflow, on the snippet."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Workflow, WorkflowContentType

from cms.editorial import APPROVERS, AREA_EDITORS, PROVINCIAL_EDITORS, WORKFLOW_NAME
from exam_news.models.radio import Bulletin

PERMISSIONS = {
    PROVINCIAL_EDITORS: ["add_bulletin", "change_bulletin", "view_bulletin", "lock_bulletin",
                         "add_abbreviation", "change_abbreviation", "view_abbreviation"],
    AREA_EDITORS: ["view_bulletin"],
    APPROVERS: ["add_bulletin", "change_bulletin", "delete_bulletin", "view_bulletin", "publish_bulletin",
                "lock_bulletin", "unlock_bulletin", "add_abbreviation", "change_abbreviation",
                "delete_abbreviation", "view_abbreviation"],
}


@transaction.atomic
def ensure_radio_setup() -> Workflow | None:
    """Give the editorial groups bulletin/dictionary permissions and put bulletins under the review
    workflow (idempotent; call after ``cms.editorial.ensure_editorial_setup``)."""
    for group_name, codenames in PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.add(*Permission.objects.filter(content_type__app_label="exam_news",
                                                             codename__in=codenames))
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return None
    # The abbreviation dictionary is edited directly: it changes pronunciation, not published content.
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Bulletin, for_concrete_model=False),
        defaults={"workflow": workflow},
    )
    return workflow
