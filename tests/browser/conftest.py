"""Browser tests: the editor's main flows in headless Chromium (Debian's `chromium`, driven by Playwright; no
browser download), against pytest-django's live server with the An Giang demo content.

Every step writes a numbered screenshot to ``var/browser-screenshots/<test>/NN-step.png`` (README, "Browser
tests"). Outside CI the tests skip when Chromium or Playwright is missing; under CI (``CI`` set, as
``scripts/test`` → ``scripts/services chromium`` installs it) they never skip.

Two parts of the UI are still changing, so each interaction with them is one helper below and nowhere else:
the "Địa bàn" chooser (:func:`choose_areas`, :func:`chosen_areas`) and the spreadsheet import's preview and
confirmation (:func:`run_import_dry_run`, :func:`confirm_import`).
"""

import io
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "browser-screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
PASSWORD = "mat-khau-Dai-123"
TIMEOUT_MS = 20_000

try:
    import playwright.sync_api as playwright_api
except ImportError:  # pragma: no cover - the `test` extra installs it
    playwright_api = None

if os.environ.get("CI"):
    MISSING = None  # CI installs Chromium (scripts/services chromium): a missing browser is a failure there
elif playwright_api is None:
    MISSING = "Playwright is not installed (pip install -e '.[test]')"
elif CHROMIUM is None:
    MISSING = "Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH)"
else:
    MISSING = None

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


# Every browser test module: `pytestmark = BROWSER_TEST`. Each test starts from the database as migrations left
# it (root page, locale, collection …; whatever earlier transactional tests flushed) and flushes its writes after.
BROWSER_TEST = [
    pytest.mark.skipif(MISSING is not None, reason=MISSING or ""),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# ---------------------------------------------------------------- browser (one per session)


@pytest.fixture(scope="package")
def browser():
    """One browser for the browser tests, closed when they are done (before the rest of the suite goes on).

    Playwright's synchronous API runs an event loop in this thread while the browser is open; the ORM calls of
    the fixtures are still synchronous calls between browser steps, so Django is told to allow them — only for
    as long as the browser is open (the setting would fail `check --deploy` in a later test's subprocess)."""
    if playwright_api is None:
        pytest.fail("Playwright is not installed: bash scripts/bootstrap-venv test")
    if CHROMIUM is None:
        pytest.fail("Chromium is not installed: run `bash scripts/services chromium` (CI does)")
    before = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with playwright_api.sync_playwright() as pw:
            # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
            chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                          args=["--no-sandbox", "--disable-dev-shm-usage"])
            yield chromium
            chromium.close()
    finally:
        if before is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = before
        _forget_content_types()


def _forget_content_types() -> None:
    """_ensure_tree made content types again under new ids after earlier flushes; the next transactional test
    restores the snapshot's ids, so the cached ones must go."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, answering one request at a time: with SQLite the server shares the test's
    in-memory connection, which concurrent requests (the editor's background pings) must not use at once."""
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
    from pytest_django.live_server_helper import LiveServer

    class OneAtATime(LiveServerThread):
        def _create_server(self, connections_override=None):
            return WSGIServer((self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False)

    server = LiveServer(request.config.getvalue("liveserver") or "localhost", start=False)
    old = server.thread
    server.thread = OneAtATime(old.host, static_handler=old.static_handler,
                               connections_override=old.connections_override, port=old.port)
    server.thread.daemon = True
    server.start()
    yield server
    server.stop()


@dataclass
class Console:
    """Console errors and uncaught page errors, with the address of the page that had them."""

    errors: list[str] = field(default_factory=list)

    def watch(self, page):
        def on_console(message):
            if message.type == "error":
                self.errors.append(f"{page.url}: console: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: page error: {error}"))

    def take(self) -> list[str]:
        errors, self.errors = self.errors, []
        return errors


@pytest.fixture
def console():
    return Console()


@pytest.fixture
def new_page(browser, live_server, console):
    """new_page() → a fresh browser context's page (its own cookies) at the live server, in Vietnamese."""
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                      viewport={"width": 1280, "height": 900}, accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        console.watch(page)
        return page

    yield make
    for context in contexts:
        context.close()


# ---------------------------------------------------------------- screenshots


class Screenshots:
    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    def __call__(self, page, step: str, full_page: bool = False) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def shot(request):
    """shot(page, "step-name") writes var/browser-screenshots/<test>/NN-step-name.png."""
    return Screenshots(SCREENSHOTS / request.node.name)


# ---------------------------------------------------------------- data


@dataclass
class Demo:
    home: object
    section: object  # the 2026 section (in preparation), where the tests write
    news_index: object
    editor: object  # Biên tập viên cấp tỉnh
    approver: object  # Người duyệt tin
    admin: object  # superuser


def _ensure_tree():
    """Wagtail's root page, default locale and root collection, and the admin-access permission (made by a
    Wagtail migration, not by post_migrate), in case a flush by an earlier transactional test left them out."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    # That flush also recreated the content types under new ids: forget the cached ones. (On PostgreSQL, after the
    # row-lock test of tests/api/results_day, the first browser test found even those gone: make them again.)
    ContentType.objects.clear_cache()
    if not Permission.objects.filter(codename="add_page").exists():
        from django.core.management.sql import emit_post_migrate_signal

        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    admin_type, _created = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    Permission.objects.get_or_create(content_type=admin_type, codename="access_admin",
                                     defaults={"name": "Vào trang quản trị"})
    Locale.objects.get_or_create(language_code="vi")
    if not Collection.objects.exists():
        Collection.add_root(name="Gốc")  # as migration cms/0004 names it
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Gốc", slug="root", content_type=ContentType.objects.get_for_model(Page)))


def vietnamese_user(django_user_model, username, group=None, superuser=False):
    from wagtail.users.models import UserProfile

    from tests.fixtures import make_user

    if superuser:
        user = django_user_model.objects.create_superuser(username, f"{username}@example.vn", PASSWORD)
    else:
        user = make_user(django_user_model, username, group)
    user.first_name, user.last_name = "Nguyễn", "Văn An"
    user.save()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "vi"
    profile.current_time_zone = "Asia/Ho_Chi_Minh"
    profile.save()
    return user


@pytest.fixture
def demo(transactional_db, live_server, django_user_model) -> Demo:
    """The An Giang demo content (load_demo), the editorial roles' users, all in Vietnamese."""
    from django.core.management import call_command

    from cms.editorial import APPROVERS, PROVINCIAL_EDITORS
    from exam_news.models import ExamSectionPage, NewsIndexPage

    _ensure_tree()
    call_command("load_demo", stdout=io.StringIO())
    section = ExamSectionPage.objects.get(kind="thpt", year=2026)
    return Demo(
        home=section.get_parent().specific, section=section,
        news_index=NewsIndexPage.objects.child_of(section).get(),
        editor=vietnamese_user(django_user_model, "btv-tinh", PROVINCIAL_EDITORS),
        approver=vietnamese_user(django_user_model, "duyet-tin", APPROVERS),
        admin=vietnamese_user(django_user_model, "quan-tri", superuser=True),
    )


# ---------------------------------------------------------------- steps shared by the flows


def login(page, user, shot=None):
    """Signs in through the admin's login form (password only: these users have no TOTP device)."""
    page.goto("/admin/login/")
    if shot:
        shot(page, "login-form")
    form = page.locator("form").filter(has=page.locator("#id_username"))
    form.locator("#id_username").fill(user.username)
    form.locator("#id_password").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.locator("input[name=username]").count() == 0, "still on the login form"


def messages_text(page) -> str:
    messages = page.locator(".messages")
    return messages.inner_text() if messages.count() else ""


# ---------------------------------------------------------------- the parts being rebuilt (one place each)


def choose_areas(page, names: list[str]) -> None:
    """Chooses these administrative units (their names as listed, e.g. "Phường Long Xuyên") in the page
    editor's "Địa bàn" field.

    The field is the area chooser (cms/area_chooser.py): a search box over the hidden ``<select multiple
    name="areas">``, whose results are buttons; each chosen unit becomes a chip.
    """
    chooser = page.locator("[data-area-chooser]")
    search = chooser.locator("[data-area-search]")
    for name in names:
        search.scroll_into_view_if_needed()
        search.fill(name)
        chooser.locator("[data-area-results] button", has_text=re.compile(rf"^{re.escape(name)}$")).click()
        chooser.locator("[data-area-chips] li[data-value]", has_text=name).wait_for()
    assert sorted(chosen_areas(page)) == sorted(names)


def chosen_areas(page) -> list[str]:
    """The names of the units chosen in the "Địa bàn" field (its chips), checked against the form's select."""
    chooser = page.locator("[data-area-chooser]")
    chips = chooser.locator("[data-area-chips] li[data-value]").evaluate_all(
        "chips => chips.map(c => c.firstChild.textContent.trim())")
    selected = chooser.locator("select").evaluate("e => Array.from(e.selectedOptions, o => o.textContent.trim())")
    assert sorted(chips) == sorted(selected), (chips, selected)
    return chips


def run_import_dry_run(page, file: Path, section_title: str, kind_label: str) -> str:
    """On the import screen (Nhập dữ liệu bảng tính): uploads ``file`` for the section to be checked and previewed,
    without writing anything, and returns the text of the preview (the "Kiểm tra xong, không có lỗi … N dòng: …"
    summary, or the errors, and the table of changes row by row).
    """
    upload = page.locator("main form[enctype='multipart/form-data']")
    upload.locator("select[name=section]").select_option(label=section_title)
    upload.locator("select[name=kind]").select_option(label=kind_label)
    upload.locator("input[name=file]").set_input_files(str(file))
    upload.locator("button[type=submit]").click()
    page.wait_for_load_state()
    preview = page.locator("main .import-preview")
    preview.wait_for()
    return preview.inner_text()


def confirm_import(page) -> str:
    """After :func:`run_import_dry_run`: writes the previewed file (kept on the server) with the "Nhập thật"
    button, and returns the success message."""
    page.locator("main form:has(input[name=token]) button[type=submit]").click()
    page.wait_for_load_state()
    return messages_text(page)
