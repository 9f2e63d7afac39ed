"""Vietnamese for the English that Wagtail writes outside any translation catalogue.

- Form fields Wagtail declares without a label (Django then shows the field's name: "Page", "Content types") and
  table columns it labels from the attribute name ("Port", "Site name", "Root page").
- Permission names, stored in the database in English when ``migrate`` creates them ("Can add đơn vị hành
  chính", "Publish any page"): rewritten in Vietnamese after every migrate, from each model's (translated)
  verbose name, so new models are covered without a list.
"""

from django.contrib.auth.models import Permission
from django.utils import translation
from django.utils.translation import gettext_lazy as _

ACTIONS = {"add": _("Thêm"), "change": _("Sửa"), "delete": _("Xoá"), "view": _("Xem")}
# Wagtail's own page and collection permissions (wagtailcore migrations), by codename.
NAMED = {
    "bulk_delete_page": _("Xoá trang có trang con"),
    "lock_page": _("Khoá và mở khoá trang do mình khoá"),
    "publish_page": _("Xuất bản mọi trang"),
    "unlock_page": _("Mở khoá mọi trang"),
    "access_admin": _("Vào trang quản trị"),
    "choose_image": _("Chọn ảnh"),
    "choose_document": _("Chọn tài liệu"),
    "lock_snippet": _("Khoá"),
    "unlock_snippet": _("Mở khoá"),
    "publish_snippet": _("Xuất bản"),
}
NAMED_PREFIXES = {"lock_": _("Khoá"), "unlock_": _("Mở khoá"), "publish_": _("Xuất bản")}


def permission_name(codename: str, verbose_name: str) -> str | None:
    """The Vietnamese name of a permission, or None to leave it as it is (custom names are already ours)."""
    if codename in NAMED:
        return str(NAMED[codename])
    action, _sep, _model = codename.partition("_")
    if action in ACTIONS:
        return f"{ACTIONS[action]} {verbose_name}"
    for prefix, label in NAMED_PREFIXES.items():
        if codename.startswith(prefix):
            return f"{label} {verbose_name}"
    return None


def name_permissions_in_vietnamese(sender=None, using: str = "default", **kwargs) -> int:
    """post_migrate (acting once, for the last app with models, when every app's permissions exist): rename the
    permissions still named in English; returns how many changed."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not None:
        if sender is not with_models[-1]:  # post_migrate is sent only to apps with models
            return 0
        # This receiver is connected before auth's own (cms comes first): make the last app's permissions now.
        create_permissions(sender, verbosity=0, using=using, apps=kwargs.get("apps", apps))
    changed = 0
    with translation.override("vi"):
        for permission in Permission.objects.using(using).select_related("content_type"):
            if not permission.name.startswith(("Can ", "Delete ", "Lock", "Publish ", "Unlock ")):
                continue
            model = permission.content_type.model_class()
            verbose_name = str(model._meta.verbose_name) if model else permission.content_type.model
            name = permission_name(permission.codename, verbose_name)
            if name and name != permission.name:
                permission.name = name[:255]
                permission.save(update_fields=["name"], using=using)
                changed += 1
    return changed


def label_wagtail_fields() -> None:
    from wagtail.admin.forms.workflows import WorkflowContentTypeForm, WorkflowPageForm
    from wagtail.sites.views import IndexView as SitesIndex
    from wagtail.users.forms import PagePermissionsForm

    WorkflowPageForm.base_fields["page"].label = _("Trang")
    PagePermissionsForm.base_fields["page"].label = _("Trang")
    WorkflowContentTypeForm.base_fields["content_types"].label = _("Loại nội dung")
    labels = {"port": _("Cổng"), "site_name": _("Tên trang web"), "root_page": _("Trang gốc")}
    for column in SitesIndex.columns:
        if column.name in labels:
            column.label = labels[column.name]
