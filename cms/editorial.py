"""Editorial roles and the review workflow, created idempotently for a province home page."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

PROVINCIAL_EDITORS = "Biên tập viên cấp tỉnh"
AREA_EDITORS = "Biên tập viên xã, phường"
APPROVERS = "Người duyệt tin"
WORKFLOW_NAME = "Duyệt tin kỳ thi"

PAGE_PERMISSIONS = {
    PROVINCIAL_EDITORS: ["add_page", "change_page"],
    AREA_EDITORS: ["add_page", "change_page"],
    APPROVERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
MEDIA_PERMISSIONS = {
    PROVINCIAL_EDITORS: ["add", "change", "choose"],
    AREA_EDITORS: ["add", "choose"],
    APPROVERS: ["add", "change", "choose", "delete"],
}
MODEL_PERMISSIONS = {
    PROVINCIAL_EDITORS: [
        "exam_news.add_examvenue", "exam_news.change_examvenue", "exam_news.delete_examvenue",
        "exam_news.view_examvenue", "exam_news.add_topic", "exam_news.change_topic",
        "exam_news.view_topic", "exam_news.add_releasebundle", "exam_news.change_releasebundle",
        "exam_news.view_releasebundle", "exam_news.import_content",
    ],
    AREA_EDITORS: [
        "exam_news.add_examvenue", "exam_news.change_examvenue", "exam_news.view_examvenue",
    ],
    APPROVERS: [
        "exam_news.add_examvenue", "exam_news.change_examvenue", "exam_news.delete_examvenue",
        "exam_news.view_examvenue", "exam_news.add_releasebundle", "exam_news.change_releasebundle",
        "exam_news.delete_releasebundle", "exam_news.view_releasebundle",
        "exam_news.schedule_releasebundle", "exam_news.import_content", "exam_news.view_topic",
    ],
}


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_editorial_setup(root: Page) -> Workflow:
    """Groups with page, media and model permissions under ``root``, and the review workflow."""
    access_admin = _permission("wagtailadmin.access_admin")
    groups = {}
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin, *(_permission(p) for p in MODEL_PERMISSIONS[name]))
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=_permission(f"wagtailcore.{codename}"),
            )
        for action in MEDIA_PERMISSIONS[name]:
            for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=Collection.get_first_root_node(),
                    permission=_permission(f"{app}.{action}_{model}"),
                )
        groups[name] = group

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task, created = GroupApprovalTask.objects.get_or_create(name=_("Duyệt nội dung"))
    if created or not task.groups.exists():
        task.groups.set([groups[APPROVERS]])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow
