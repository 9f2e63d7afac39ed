"""Pages whose slug Wagtail's browser table mangled ("djim-thi-trng-thpt") get their Vietnamese slug
("diem-thi-truong-thpt"), with permanent redirects from the old addresses (cms.slug_repair)."""

from django.db import migrations

from cms.slug_repair import repair_mangled_slugs


def forwards(apps, schema_editor):
    repair_mangled_slugs(
        apps.get_model("wagtailcore", "Page"),
        apps.get_model("wagtailcore", "Site"),
        apps.get_model("wagtailredirects", "Redirect"),
        apps.get_model("wagtailcore", "Revision"),
        apps.get_model("contenttypes", "ContentType"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_webhooks"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Backwards keeps the repaired slugs: the redirects serve the old addresses either way.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
