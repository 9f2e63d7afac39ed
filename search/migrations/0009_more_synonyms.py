from django.db import migrations


def add_sets(apps, schema_editor):
    from search.synonyms import ADDED_IN_0009, install_built_in

    install_built_in(apps.get_model("mua_thi_search", "SearchSynonym"), ADDED_IN_0009)


class Migration(migrations.Migration):
    """The built-in synonym sets added after 0007 (abbreviations, i/y spellings), for databases migrated before."""

    dependencies = [
        ('mua_thi_search', '0008_spellings'),
    ]

    operations = [migrations.RunPython(add_sets, migrations.RunPython.noop)]
