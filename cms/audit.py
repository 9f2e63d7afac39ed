"""Permission changes in Wagtail's audit log.

Group membership (``User.groups``, from either side), a group's model permissions (``Group.permissions``)
and page/collection permissions (``GroupPagePermission``, ``GroupCollectionPermission``) are logged as
``ModelLogEntry`` rows with the acting user taken from Wagtail's log context (the admin sets it), so they
appear in Reports → Site history next to publish/unpublish. Receivers are connected in ``CmsConfig.ready``.
"""

import contextlib
import contextvars

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.log_actions import log
from wagtail.models import GroupCollectionPermission, GroupPagePermission

USER_GROUPS = "cms.user_groups"
GROUP_PERMISSIONS = "cms.group_permissions"
GROUP_PAGE_PERMISSION_ADD = "cms.group_page_permission_add"
GROUP_PAGE_PERMISSION_REMOVE = "cms.group_page_permission_remove"
GROUP_COLLECTION_PERMISSION_ADD = "cms.group_collection_permission_add"
GROUP_COLLECTION_PERMISSION_REMOVE = "cms.group_collection_permission_remove"

_suppressed = contextvars.ContextVar("cms_audit_suppressed", default=False)
_before_clear = contextvars.ContextVar("cms_audit_before_clear", default=None)


@contextlib.contextmanager
def suppressed():
    """No audit entries inside (used by ``restore_content``, which reloads existing history)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def _perm_name(permission: Permission) -> str:
    return f"{permission.content_type.app_label}.{permission.codename}"


def _m2m_change(action: str, pk_set, related) -> tuple[set, str] | None:
    """The ids an m2m_changed event added or removed; a clear is remembered at pre_clear."""
    if _suppressed.get():
        return None
    if action == "pre_clear":
        _before_clear.set(set(related().values_list("pk", flat=True)))
        return None
    if action not in ("post_add", "post_remove", "post_clear"):
        return None
    if action == "post_clear":
        pk_set, change = _before_clear.get() or set(), "removed"
    else:
        change = "added" if action == "post_add" else "removed"
    return (pk_set, change) if pk_set else None


def user_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    found = _m2m_change(action, pk_set, lambda: instance.user_set.all() if reverse else instance.groups.all())
    if found is None:
        return
    pk_set, change = found
    User = get_user_model()
    if reverse:  # group.user_set.add(users…)
        pairs = [(user, instance) for user in User.objects.filter(pk__in=pk_set)]
    else:  # user.groups.add(groups…)
        pairs = [(instance, group) for group in Group.objects.filter(pk__in=pk_set)]
    for user, group in pairs:
        log(user, USER_GROUPS, data={"change": change, "group": group.name, "group_id": group.pk,
                                     "user": user.get_username()})


def group_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    found = _m2m_change(action, pk_set,
                        lambda: instance.group_set.all() if reverse else instance.permissions.all())
    if found is None:
        return
    pk_set, change = found
    if reverse:  # permission.group_set.add(groups…)
        for group in Group.objects.filter(pk__in=pk_set):
            log(group, GROUP_PERMISSIONS, data={"change": change, "permissions": [_perm_name(instance)]})
    else:
        names = sorted(_perm_name(p) for p in Permission.objects.filter(pk__in=pk_set).select_related(
            "content_type"))
        log(instance, GROUP_PERMISSIONS, data={"change": change, "permissions": names})


def _page_permission_data(obj: GroupPagePermission) -> dict:
    return {"page_id": obj.page_id, "page": str(obj.page.specific_deferred) if obj.page_id else None,
            "permission": _perm_name(obj.permission) if obj.permission_id else None}


def page_permission_saved(sender, instance, created, raw=False, **kwargs):
    if raw or _suppressed.get():
        return
    log(instance.group, GROUP_PAGE_PERMISSION_ADD, data=_page_permission_data(instance))


def page_permission_deleted(sender, instance, **kwargs):
    if _suppressed.get():
        return
    group = Group.objects.filter(pk=instance.group_id).first()
    if group is not None:  # not when the whole group is being deleted
        log(group, GROUP_PAGE_PERMISSION_REMOVE, data=_page_permission_data(instance))


def _collection_permission_data(obj: GroupCollectionPermission) -> dict:
    return {"collection_id": obj.collection_id, "collection": str(obj.collection),
            "permission": _perm_name(obj.permission)}


def collection_permission_saved(sender, instance, created, raw=False, **kwargs):
    if raw or _suppressed.get():
        return
    log(instance.group, GROUP_COLLECTION_PERMISSION_ADD, data=_collection_permission_data(instance))


def collection_permission_deleted(sender, instance, **kwargs):
    if _suppressed.get():
        return
    group = Group.objects.filter(pk=instance.group_id).first()
    if group is not None:
        log(group, GROUP_COLLECTION_PERMISSION_REMOVE, data=_collection_permission_data(instance))


def connect():
    User = get_user_model()
    m2m_changed.connect(user_groups_changed, sender=User.groups.through, dispatch_uid="cms_audit_user_groups")
    m2m_changed.connect(group_permissions_changed, sender=Group.permissions.through,
                        dispatch_uid="cms_audit_group_permissions")
    post_save.connect(page_permission_saved, sender=GroupPagePermission, dispatch_uid="cms_audit_gpp_save")
    post_delete.connect(page_permission_deleted, sender=GroupPagePermission, dispatch_uid="cms_audit_gpp_delete")
    post_save.connect(collection_permission_saved, sender=GroupCollectionPermission,
                      dispatch_uid="cms_audit_gcp_save")
    post_delete.connect(collection_permission_deleted, sender=GroupCollectionPermission,
                        dispatch_uid="cms_audit_gcp_delete")


def register_log_actions(actions):
    from django.utils.translation import gettext_lazy as _

    actions.register_action(USER_GROUPS, _("Đổi nhóm người dùng"), _("Đã thêm/bớt người dùng khỏi nhóm"))
    actions.register_action(GROUP_PERMISSIONS, _("Đổi quyền của nhóm"), _("Đã đổi quyền của nhóm"))
    actions.register_action(GROUP_PAGE_PERMISSION_ADD, _("Cấp quyền trang cho nhóm"),
                            _("Đã cấp quyền trên trang cho nhóm"))
    actions.register_action(GROUP_PAGE_PERMISSION_REMOVE, _("Thu hồi quyền trang của nhóm"),
                            _("Đã thu hồi quyền trên trang của nhóm"))
    actions.register_action(GROUP_COLLECTION_PERMISSION_ADD, _("Cấp quyền thư mục cho nhóm"),
                            _("Đã cấp quyền trên thư mục ảnh/tài liệu cho nhóm"))
    actions.register_action(GROUP_COLLECTION_PERMISSION_REMOVE, _("Thu hồi quyền thư mục của nhóm"),
                            _("Đã thu hồi quyền trên thư mục ảnh/tài liệu của nhóm"))
