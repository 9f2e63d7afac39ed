"""Wagtail's own migrations create data with English names that the admin shows as they are: the groups
"Editors" and "Moderators", the workflow and task "Moderators approval", the root page and the root collection "Root". Renamed in
Vietnamese while they still carry Wagtail's names (a name an administrator changed is left alone)."""

from django.db import migrations

RENAMES = [  # model, field, Wagtail's name, ours
    ("auth.Group", "name", "Editors", "Biên tập viên (mặc định của Wagtail)"),
    ("auth.Group", "name", "Moderators", "Người kiểm duyệt (mặc định của Wagtail)"),
    ("wagtailcore.Workflow", "name", "Moderators approval", "Duyệt bởi người kiểm duyệt (mặc định của Wagtail)"),
    ("wagtailcore.Task", "name", "Moderators approval", "Duyệt bởi người kiểm duyệt (mặc định của Wagtail)"),
    ("wagtailcore.Page", "title", "Root", "Gốc"),
    ("wagtailcore.Collection", "name", "Root", "Gốc"),
]


def rename(apps, forwards: bool) -> None:
    for model, field, wagtail_name, our_name in RENAMES:
        old, new = (wagtail_name, our_name) if forwards else (our_name, wagtail_name)
        manager = apps.get_model(model).objects
        if manager.filter(**{field: new}).exists():
            continue
        rows = manager.filter(**{field: old})
        if model == "wagtailcore.Page":
            rows.filter(depth=1).update(title=new, draft_title=new)
        elif model == "wagtailcore.Collection":
            rows.filter(depth=1).update(name=new)
        else:
            rows.update(**{field: new})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_repair_vietnamese_slugs"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(lambda apps, _editor: rename(apps, True),
                                       lambda apps, _editor: rename(apps, False))]
