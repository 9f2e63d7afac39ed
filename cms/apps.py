from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Nền tảng xuất bản")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db import models
        from django.db.models.signals import post_migrate
        from wagtail.admin.forms import models as wagtail_forms  # its own override first, then ours

        from cms import admin_labels, audit, checks  # noqa: F401 (checks registers the deploy checks)
        from cms.date_inputs import StrictDateInput, StrictDateTimeInput
        from cms.slugs import VietnameseSlugInput

        audit.connect()
        admin_labels.label_wagtail_fields()
        post_migrate.connect(admin_labels.name_permissions_in_vietnamese, dispatch_uid="vietnamese_permission_names")
        wagtail_forms.register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
        wagtail_forms.register_form_field_override(models.DateField, override={"widget": StrictDateInput})
        wagtail_forms.register_form_field_override(models.DateTimeField, override={"widget": StrictDateTimeInput})
