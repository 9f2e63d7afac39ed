"""The project's Vietnamese catalogue completes Wagtail's and Django's: compiled, consistent with the glossary
(docs/glossary-vi.md), no glued words, and it wins over the shipped catalogues."""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "vi" / "LC_MESSAGES"
CATALOGUES = sorted(LOCALE.glob("*.po"))
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|\{[a-z_0-9]*\}")


def entries():
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            yield path.stem, entry


def msgstr(entry) -> str:
    return entry.msgstr or entry.msgstr_plural.get(0, "")


def test_the_catalogues_exist_and_are_complete():
    assert {p.stem for p in CATALOGUES} == {"django", "djangojs"}
    for path in CATALOGUES:
        po = polib.pofile(str(path))
        assert len(po) > 50 and po.untranslated_entries() == [] and po.fuzzy_entries() == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_the_compiled_catalogue_matches_its_source(path):
    with open(path.with_suffix(".mo"), "rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog
    for entry in polib.pofile(str(path)):
        key = entry.msgid if not entry.msgctxt else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural:
            assert catalog.get((key, 0)) == entry.msgstr_plural[0], entry.msgid
        else:
            assert catalog.get(key) == entry.msgstr, (entry.msgid, "run tools/i18n/compile_catalogue.py")


def test_placeholders_are_kept_and_never_glued_to_a_word():
    problems = []
    for _domain, entry in entries():
        text = msgstr(entry)
        wanted = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        if not set(PLACEHOLDER.findall(text)) <= wanted:
            problems.append(("unknown placeholder", entry.msgid, text))
        for match in PLACEHOLDER.finditer(text):
            after = text[match.end():match.end() + 1]
            before = text[match.start() - 1:match.start()] if match.start() else ""
            if (after.isalpha() and not re.search(re.escape(match.group()) + r"[A-Za-z]", entry.msgid)) or (
                    before.isalpha() and not re.search(r"[A-Za-z]" + re.escape(match.group()), entry.msgid)):
                problems.append(("glued", entry.msgid, text))
    assert problems == []


# One term per concept (docs/glossary-vi.md): the variants below are what the shipped catalogue mixed in.
NOT_OUR_TERMS = [r"\bxóa\b", r"\bhủy\b", r"\bkhóa\b", r"[Pp]hê chuẩn", r"\bsnippet", r"\bđoạn mã\b",
                 r"[Bb]ản thảo", r"[Cc]hỉnh sửa trang", r"\bLive\b", r"\bDraft\b"]


def test_the_glossary_terms_are_used_throughout():
    found = [(entry.msgid, msgstr(entry), pattern) for _domain, entry in entries() for pattern in NOT_OUR_TERMS
             if re.search(pattern, PLACEHOLDER.sub("", msgstr(entry)))]
    assert found == []


EDITOR_PATH = {  # what the issue saw in English, and the glossary's words for it
    "Sign in to Wagtail": "Đăng nhập",
    "Forgotten password?": "Quên mật khẩu",
    "Site summary": "",
    "Your most recent edits": "",
    "Awaiting your review": "duyệt",
    "Save draft": "Lưu bản nháp",
    "More actions": "",
    "Request changes": "Yêu cầu sửa",
    "Promote": "Đường dẫn và tìm kiếm",
    "For search engines": "tìm kiếm",
    "Go to the first error": "",
    "Autosave is paused": "Tự động lưu",
    "Live": "Công khai",
    "In Moderation": "Đang chờ duyệt",
    "Reports": "Báo cáo",
    "Site history": "Lịch sử trang",
    "Publish": "Xuất bản",
    "Unpublish": "Ngừng xuất bản",
    "Snippets": "Danh mục",
}


@pytest.mark.parametrize(("english", "term"), EDITOR_PATH.items())
def test_the_editor_path_reads_vietnamese(english, term):
    with translation.override("vi"):
        text = translation.gettext(english)
    assert text != english
    assert term in text
    assert not re.search(r"\b(the|your|and|of|to|for)\b", text)


def test_plural_and_glued_messages_read_naturally():
    with translation.override("vi"):
        assert translation.gettext("%(label)s and Publish") % {"label": translation.gettext("Approve")} == \
            "Duyệt và xuất bản"
        assert translation.gettext("Enter your %(username_field_name)s") % {
            "username_field_name": "tên đăng nhập"} == "Nhập tên đăng nhập của bạn"
        assert translation.ngettext("%(num)d minute", "%(num)d minutes", 5) % {"num": 5} == "5 phút"


@pytest.mark.django_db
def test_the_login_page_has_no_english_label(client):
    page = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Mật khẩu" in page and not re.search(r">\s*Password\s*<", page) and "Sign in" not in page


@pytest.mark.django_db
def test_the_header_actions_are_named_in_vietnamese(client, superuser):
    client.force_login(superuser)
    page = client.get("/admin/pages/").content.decode()
    assert 'aria-label="Thao tác"' in page and 'aria-label="Actions"' not in page


def test_wagtail_s_relative_times_read_vietnamese():
    import datetime

    from django.contrib.humanize.templatetags.humanize import naturaltime
    from django.utils import timezone

    with translation.override("vi"):
        assert naturaltime(timezone.now() - datetime.timedelta(seconds=12)) == "12\xa0giây trước"
        assert naturaltime(timezone.now() - datetime.timedelta(hours=3)) == "3\xa0giờ trước"


@pytest.mark.django_db
def test_permissions_are_named_in_vietnamese_after_migrate():
    from django.contrib.auth.models import Permission

    names = dict(Permission.objects.values_list("codename", "name"))
    assert names["add_group"] == "Thêm nhóm"
    assert names["publish_page"] == "Xuất bản mọi trang"
    assert names["change_examvenue"] == "Sửa điểm thi"
    assert not [n for n in names.values() if n.startswith(("Can ", "Publish ", "Lock", "Unlock ", "Delete "))]


@pytest.mark.django_db
def test_wagtail_s_default_data_carries_vietnamese_names():
    from django.contrib.auth.models import Group
    from wagtail.models import Page, Workflow

    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert Page.get_first_root_node().title == "Gốc"


def test_fields_and_columns_wagtail_leaves_unlabelled_are_labelled():
    from wagtail.admin.forms.workflows import WorkflowContentTypeForm, WorkflowPageForm
    from wagtail.sites.views import IndexView
    from wagtail.users.forms import PagePermissionsForm

    with translation.override("vi"):
        assert str(WorkflowPageForm.base_fields["page"].label) == "Trang"
        assert str(PagePermissionsForm.base_fields["page"].label) == "Trang"
        assert str(WorkflowContentTypeForm.base_fields["content_types"].label) == "Loại nội dung"
        assert {str(c.label) for c in IndexView.columns} >= {"Cổng", "Tên trang web", "Trang gốc"}


@pytest.mark.django_db
def test_listings_say_yes_no_and_system_in_vietnamese(client, superuser):
    client.force_login(superuser)
    users = client.get("/admin/users/").content.decode()
    assert re.search(r'icon-check[^<]*</use></svg><span class="w-sr-only">\s*Có\s*<', users)
    assert not re.search(r'w-sr-only">\s*True\s*<', users)
    from cms.admin_labels import permission_name

    assert permission_name("lock_bulletin", "bản tin") == "Khoá bản tin"
    assert permission_name("custom_thing", "x") is None
