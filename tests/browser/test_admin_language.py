"""A walk through the admin screens an editor uses, failing on untranslated English and on browser errors.

Each screen's visible text (body and <title>), the titles, placeholders, aria-labels and tooltips of its
controls, with its tabs, its action menu and its side panels opened, is checked for English UI words
(tests/browser/english.py). The findings, page by page, are also written to
var/browser-screenshots/english-report.txt.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from cms.slugs import vietnamese_slug
from tests.browser.conftest import BROWSER_TEST, SCREENSHOTS, login
from tests.browser.english import english_strings

pytestmark = BROWSER_TEST

REPORT = SCREENSHOTS / "english-report.txt"

COLLECT_JS = """() => {
  const texts = [document.title, document.body.innerText];
  const controls = 'button, input:not([type=hidden]), select, textarea, a, [role=button], [role=tab], '
    + '[data-w-tooltip-content-value]';
  for (const el of document.querySelectorAll(controls)) {
    for (const name of ['title', 'placeholder', 'aria-label', 'data-w-tooltip-content-value']) {
      const value = el.getAttribute(name);
      if (value) texts.push(value);
    }
    if (el.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(el.type) && el.value) texts.push(el.value);
  }
  return texts;
}"""


@dataclass
class Screen:
    name: str
    url: str
    explore: Callable | None = None  # opens what the screen hides (tabs, menus, panels), collecting after each


def collect(page) -> list[str]:
    return page.evaluate(COLLECT_JS)


def open_editor_parts(page) -> list[str]:
    """Every tab, the action menu and each side panel (status, preview, checks, comments) of an edit form."""
    texts = []
    for tab in page.locator("[role=tab]").all():
        if tab.is_visible():
            tab.click()
            texts += collect(page)
    toggle = page.locator("footer .w-dropdown__toggle")
    if toggle.count():
        toggle.first.click()
        page.locator("footer .w-dropdown__content").first.wait_for()
        texts += collect(page)
        page.keyboard.press("Escape")
    for panel in page.locator("[data-side-panel-toggle]").all():
        name = panel.get_attribute("data-side-panel-toggle")
        panel.click()
        page.locator(f"[data-side-panel='{name}']").wait_for()
        page.wait_for_timeout(300)  # the comments and checks panels render after opening
        texts += collect(page)
        panel.click()
    return texts


def open_dropdowns(page) -> list[str]:
    """The "more" menus of a listing's first rows."""
    texts = []
    for toggle in page.locator("main table .w-dropdown__toggle").all()[:2]:
        if toggle.is_visible():
            toggle.click()
            texts += collect(page)
            page.keyboard.press("Escape")
    return texts


def screens(demo, item, in_review) -> list[Screen]:
    from django.contrib.auth.models import Group
    from wagtail.models import Task, Workflow
    from wagtail.snippets.models import get_snippet_models

    section, workflow = demo.section, Workflow.objects.get(name="Duyệt tin kỳ thi")
    found = [
        Screen("dashboard", reverse("wagtailadmin_home")),
        Screen("page explorer: section", reverse("wagtailadmin_explore", args=[section.pk]), open_dropdowns),
        Screen("page explorer: news index", reverse("wagtailadmin_explore", args=[demo.news_index.pk]),
               open_dropdowns),
        Screen("add page form (news)", reverse("wagtailadmin_pages:add", args=["exam_news", "newspage",
                                                                              demo.news_index.pk]), open_editor_parts),
        Screen("edit page form (news)", reverse("wagtailadmin_pages:edit", args=[item.pk]), open_editor_parts),
        Screen("edit page form (in review, as approver would see it)",
               reverse("wagtailadmin_pages:edit", args=[in_review.pk]), open_editor_parts),
        Screen("page history", reverse("wagtailadmin_pages:history", args=[item.pk])),
        Screen("page usage", reverse("wagtailadmin_pages:usage", args=[item.pk])),
        Screen("workflows list", reverse("wagtailadmin_workflows:index")),
        Screen("workflow edit", reverse("wagtailadmin_workflows:edit", args=[workflow.pk])),
        Screen("workflow tasks list", reverse("wagtailadmin_workflows:task_index")),
        Screen("workflow task edit", reverse("wagtailadmin_workflows:edit_task",
                                             args=[Task.objects.filter(workflow_tasks__workflow=workflow)
                                                   .first().pk])),
        Screen("report: workflows", reverse("wagtailadmin_reports:workflow")),
        Screen("report: workflow tasks", reverse("wagtailadmin_reports:workflow_tasks")),
        Screen("report: site history", reverse("wagtailadmin_reports:site_history")),
        Screen("report: locked pages", reverse("wagtailadmin_reports:locked_pages")),
        Screen("report: aging pages", reverse("wagtailadmin_reports:aging_pages")),
        Screen("new exam section", reverse("exam_news_admin:new_section")),
        Screen("spreadsheet import", reverse("exam_news_admin:import")),
    ]
    for model in sorted(get_snippet_models(), key=lambda m: m._meta.label):
        viewset = model.snippet_viewset
        label = model._meta.verbose_name_plural
        found.append(Screen(f"snippets: {label} ({model._meta.label})", reverse(viewset.get_url_name("list")),
                            open_dropdowns))
        if getattr(viewset, "add_view_enabled", True) and model.__name__ not in ("WebhookDelivery",
                                                                                  "AdministrativeUnit"):
            found.append(Screen(f"snippets: {label} — add form", reverse(viewset.get_url_name("add")),
                                open_editor_parts))
    editors = Group.objects.get(name="Biên tập viên cấp tỉnh")
    found += [
        Screen("images", reverse("wagtailimages:index")),
        Screen("image upload", reverse("wagtailimages:add_multiple")),
        Screen("documents", reverse("wagtaildocs:index")),
        Screen("document upload", reverse("wagtaildocs:add_multiple")),
        Screen("users", reverse("wagtailusers_users:index"), open_dropdowns),
        Screen("user edit", reverse("wagtailusers_users:edit", args=[demo.editor.pk]), open_editor_parts),
        Screen("user add", reverse("wagtailusers_users:add")),
        Screen("groups", reverse("wagtailusers_groups:index")),
        Screen("group edit", reverse("wagtailusers_groups:edit", args=[editors.pk])),
        Screen("account settings", reverse("wagtailadmin_account"), open_editor_parts),
        Screen("sites", reverse("wagtailsites:index")),
        Screen("collections", reverse("wagtailadmin_collections:index")),
        Screen("redirects", reverse("wagtailredirects:index")),
    ]
    return found


def test_admin_pages_are_in_vietnamese_without_browser_errors(demo, new_page, shot, console):
    from django.utils import timezone

    from exam_news.models import NewsPage
    from tests.exam_news.factories import add_page, news

    item = NewsPage.objects.live().order_by("pk").first()  # a demo news item, published
    in_review = add_page(demo.section, news("Lịch tiếp nhận hồ sơ phúc khảo năm 2026"), publish=False,
                         user=demo.editor)
    in_review.get_workflow().start(in_review, demo.editor)
    locked = NewsPage.objects.live().order_by("pk")[1]  # so that the locked pages report has a row
    NewsPage.objects.filter(pk=locked.pk).update(locked=True, locked_by=demo.editor, locked_at=timezone.now())

    english: dict[str, list[str]] = {}
    errors: dict[str, list[str]] = {}

    anonymous = new_page()
    for name, url in (("login page", reverse("wagtailadmin_login")),
                      ("password reset page", reverse("wagtailadmin_password_reset"))):
        anonymous.goto(url)
        shot(anonymous, name.replace(" ", "-"))
        english[f"{name} ({url})"] = english_strings(collect(anonymous))
        errors[f"{name} ({url})"] = console.take()

    page = new_page()
    login(page, demo.admin)
    console.take()
    for screen in screens(demo, item, in_review):
        key = f"{screen.name} ({screen.url})"
        response = page.goto(screen.url)
        assert response.ok, f"{key}: HTTP {response.status}"
        page.locator("#wagtail-sidebar").first.wait_for(state="attached")
        texts = collect(page)
        shot(page, vietnamese_slug(screen.name, 60))
        if screen.explore:
            texts += screen.explore(page)
        english[key] = english_strings(texts)
        errors[key] = console.take()

    lines = ["English UI words on the admin screens (tests/browser/test_admin_language.py)", ""]
    total = sum(len(found) for found in english.values())
    lines.append(f"{total} strings with English words on {sum(1 for f in english.values() if f)} of "
                 f"{len(english)} screens")
    lines.append("")
    for key, found in english.items():
        lines.append(f"== {key}: {len(found)}")
        lines += [f"   {text}" for text in found]
    lines += ["", "Browser console errors and page errors:"]
    lines += [f"   {key}: {error}" for key, found in errors.items() for error in found] or ["   none"]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")

    problems = []
    if any(errors.values()):
        problems.append("Browser errors:\n" + "\n".join(f"  {key}: {e}" for key, found in errors.items()
                                                         for e in found))
    if total:
        problems.append(f"Untranslated English ({total} strings; the full list is in {REPORT}):\n" + "\n".join(
            f"  {key}: {len(found)}\n" + "\n".join(f"      {text}" for text in found)
            for key, found in english.items() if found))
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)

