import datetime
import functools

import pytest
from wagtail.models import Page, Site

from cms.admin_units import load_admin_units
from cms.editorial import APPROVERS, AREA_EDITORS, PROVINCIAL_EDITORS, ensure_editorial_setup
from cms.models import AdministrativeUnit, ProvinceHomePage
from exam_news.sections import create_exam_section
from tests.fixtures import AN_GIANG, LANG_SON, LONG_XUYEN, make_user, unit


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Two provinces' units are loaded once for the whole session (tests roll back their own writes)."""
    with django_db_blocker.unblock():
        load_admin_units([AN_GIANG, LANG_SON])


@pytest.fixture(scope="session", autouse=True)
def _restores_without_audit_entries():
    """A serialized rollback restores the migrations' rows into the flushed test database; setting their
    many-to-many links (a group's permissions, a user's groups) fires m2m_changed, which the audit log answers
    with entries. The restore is the test harness's, not an editor's action: it runs with the audit log suppressed,
    as restore_content does, into a database emptied of what an earlier test's flush left, with the snapshot's
    content types cached."""
    from django.db.backends.base.creation import BaseDatabaseCreation

    from cms import audit

    original = BaseDatabaseCreation.deserialize_db_from_string

    def quietly(self, data):
        from django.contrib.contenttypes.models import ContentType
        from django.core.management import call_command

        alias = self.connection.alias
        # A transactional test without serialized rollback leaves post_migrate's rows (content types,
        # permissions) behind its flush; the snapshot holds them under their own ids.
        if ContentType.objects.using(alias).exists():
            # Sequences kept as they are (as Django's own flush between transactional tests does): on PostgreSQL
            # a restart would hand out the ids the snapshot is about to take back.
            call_command("flush", database=alias, interactive=False, inhibit_post_migrate=True, verbosity=0,
                         reset_sequences=False)
        # Wagtail's Task.__init__ looks its content type up while the snapshot's tasks are built, before the
        # content-type rows are back: from a cold cache it would create them under other ids.
        _cache_content_types(alias, _content_types_in(data))
        with audit.suppressed():
            original(self, data)
        _sequences_past_restored_ids(self.connection)

    BaseDatabaseCreation.deserialize_db_from_string = quietly
    yield
    BaseDatabaseCreation.deserialize_db_from_string = original


def _sequences_past_restored_ids(connection) -> None:
    """The snapshot's rows come back with their ids, which PostgreSQL's sequences do not see (loaddata resets them
    the same way); without this the next row a test creates could take an id the snapshot holds."""
    from django.apps import apps
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


@pytest.fixture(autouse=True)
def _forget_recent_api_responses():
    """Each process keeps the last API responses it served; a test starts without them."""
    from exam_news.api.caching import _recent
    from search import synonyms
    from search.database import frequencies

    _recent.clear()
    frequencies.reset()  # the words' document counts each process keeps for minutes
    synonyms.reset()  # the synonym sets each process keeps for a minute


@pytest.fixture(autouse=True)
def _content_types_without_database(request):
    """Tests without database access still read content types from Django's cache (building an unsaved page),
    which the flushes of transactional tests empty. It is filled from the test database's snapshot — the rows a
    serialized rollback restores, with their ids — without a query: writing the rows would break the next
    transactional test, which restores them into an empty database."""
    database_fixtures = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}
    if request.node.get_closest_marker("django_db") or database_fixtures & set(request.fixturenames):
        return
    from django.db import DEFAULT_DB_ALIAS, connection

    _cache_content_types(DEFAULT_DB_ALIAS, _content_types_in(getattr(connection, "_test_serialized_contents", "")),
                         keep=True)


@functools.lru_cache(maxsize=2)  # the snapshot is read once, not once per test
def _content_types_in(snapshot: str) -> list:
    import json

    from django.contrib.contenttypes.models import ContentType

    return [ContentType(pk=row["pk"], app_label=row["fields"]["app_label"], model=row["fields"]["model"])
            for row in json.loads(snapshot or "[]") if row["model"] == "contenttypes.contenttype"]


def _cache_content_types(alias: str, content_types: list, keep: bool = False) -> None:
    """Django's content-type cache holding exactly these (``keep``: only adding those it lacks)."""
    from django.contrib.contenttypes.models import ContentType

    if not keep:
        ContentType.objects.clear_cache()
    cached = ContentType.objects._cache.get(alias, {})
    for content_type in content_types:
        if (content_type.app_label, content_type.model) not in cached:
            ContentType.objects._add_to_cache(alias, content_type)


@pytest.fixture
def home(db) -> ProvinceHomePage:
    if not AdministrativeUnit.objects.filter(code=AN_GIANG).exists():  # flushed by a transactional test
        load_admin_units([AN_GIANG, LANG_SON])
    root = Page.get_first_root_node()
    page = ProvinceHomePage(title="Cổng thông tin kỳ thi tỉnh An Giang", slug="an-giang",
                            province=unit(AN_GIANG, "province"))
    root.add_child(instance=page)
    page.save_revision().publish()
    Site.objects.update_or_create(is_default_site=True, defaults={
        "hostname": "localhost", "port": 80, "root_page": page, "site_name": page.title})
    ensure_editorial_setup(page)
    return page


@pytest.fixture
def section(home):
    return create_exam_section(
        home, "thpt", 2025, publish=True, exam_start=datetime.date(2025, 6, 26),
        exam_end=datetime.date(2025, 6, 27),
    )


@pytest.fixture
def provincial_editor(home, django_user_model):
    return make_user(django_user_model, "btv-tinh", PROVINCIAL_EDITORS)


@pytest.fixture
def approver(home, django_user_model):
    return make_user(django_user_model, "duyet-tin", APPROVERS)


@pytest.fixture
def area_editor(home, django_user_model):
    """A commune editor for Phường Long Xuyên."""
    return make_user(django_user_model, "btv-long-xuyen", AREA_EDITORS, [unit(LONG_XUYEN)])


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("quan-tri", password="mat-khau-Dai-123")
