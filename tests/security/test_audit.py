from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, ModelLogEntry

from cms import audit
from cms.editorial import APPROVERS


def entries(action):
    return list(ModelLogEntry.objects.filter(action=action).order_by("pk"))


def test_group_membership_changes_are_logged_from_both_sides(approver, superuser):
    group = Group.objects.get(name=APPROVERS)
    approver.groups.remove(group)
    group.user_set.add(approver)
    approver.groups.clear()
    logged = entries(audit.USER_GROUPS)
    changes = [(e.data["change"], e.data["group"], e.object_id) for e in logged]
    assert changes[-3:] == [("removed", APPROVERS, str(approver.pk)), ("added", APPROVERS, str(approver.pk)),
                            ("removed", APPROVERS, str(approver.pk))]


def test_group_permission_changes_are_logged(home):
    group = Group.objects.get(name=APPROVERS)
    permission = Permission.objects.get(codename="add_user")
    group.permissions.add(permission)
    group.permissions.remove(permission)
    logged = entries(audit.GROUP_PERMISSIONS)[-2:]
    assert [(e.data["change"], e.data["permissions"], e.object_id) for e in logged] == [
        ("added", ["auth.add_user"], str(group.pk)), ("removed", ["auth.add_user"], str(group.pk))]


def test_page_permission_grant_and_revoke_are_logged(home):
    group = Group.objects.create(name="Nhóm thử")
    perm = GroupPagePermission.objects.create(group=group, page=home,
                                              permission=Permission.objects.get(codename="publish_page"))
    perm.delete()
    added = entries(audit.GROUP_PAGE_PERMISSION_ADD)[-1]
    removed = entries(audit.GROUP_PAGE_PERMISSION_REMOVE)[-1]
    for entry in (added, removed):
        assert entry.object_id == str(group.pk)
        assert entry.data["page_id"] == home.pk
        assert entry.data["permission"] == "wagtailcore.publish_page"


def test_admin_change_records_the_acting_user_and_shows_in_site_history(client, superuser, approver):
    client.force_login(superuser)
    group = Group.objects.get(name=APPROVERS)
    form = {"username": approver.username, "email": "duyet@example.vn", "first_name": "Duyệt",
            "last_name": "Tin", "is_active": "on", "groups": []}
    response = client.post(reverse("wagtailusers_users:edit", args=[approver.pk]), form)
    assert response.status_code == 302, response.context["form"].errors
    entry = entries(audit.USER_GROUPS)[-1]
    assert entry.data == {"change": "removed", "group": APPROVERS, "group_id": group.pk,
                          "user": approver.username}
    assert entry.user_id == superuser.pk
    history = client.get(reverse("wagtailadmin_reports:site_history"))
    assert "Đổi nhóm người dùng" in history.content.decode()


def test_suppressed_logs_nothing(approver):
    before = ModelLogEntry.objects.count()
    with audit.suppressed():
        approver.groups.clear()
    assert ModelLogEntry.objects.count() == before
