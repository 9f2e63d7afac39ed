from django.http import Http404, HttpResponseForbidden
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet, SnippetViewSetGroup

from cms.areas import scope_of, within_scope
from exam_news.admin import forms as admin_forms
from exam_news.admin import urls as admin_urls
from exam_news.admin.dashboard_panel import add_exam_season_panel
from exam_news.api import page_addresses
from exam_news.models import ExamVenue, ReleaseBundle, Topic
from exam_news.models.base import ExamContentPage
from exam_news.radio import wagtail_hooks as radio_hooks  # noqa: F401  (bulletins, dictionary)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("exam_news.create_section", _("Mở chuyên mục kỳ thi"),
                            _("Đã mở chuyên mục kỳ thi"))
    actions.register_action("exam_news.import_venues", _("Nhập điểm thi"), _("Đã nhập điểm thi từ bảng tính"))
    actions.register_action("exam_news.import_schedule", _("Nhập lịch thi"), _("Đã nhập lịch thi từ bảng tính"))
    actions.register_action("exam_news.import_articles", _("Nhập bài từ cổng cũ"),
                            _("Đã nhập bài viết từ cổng thông tin cũ"))
    actions.register_action("exam_news.bundle_schedule", _("Hẹn giờ gói phát hành"),
                            _("Đã hẹn giờ gói phát hành"))
    actions.register_action("exam_news.bundle_cancel", _("Huỷ hẹn giờ gói phát hành"),
                            _("Đã huỷ hẹn giờ gói phát hành"))
    actions.register_action("exam_news.bundle_release", _("Phát hành gói"), _("Đã phát hành gói"))
    actions.register_action("exam_news.bundle_release_failed", _("Phát hành gói không thành công"),
                            _("Phát hành gói không thành công"))


# The exam-season panel, first on the admin home (exam_news/admin/dashboard.py).
hooks.register("construct_homepage_panels", add_exam_season_panel)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("exam/", include((admin_urls.urlpatterns, "exam_news_admin"), namespace="exam_news_admin"))]


@hooks.register("register_admin_menu_item")
def register_new_section_menu_item():
    return MenuItem(_("Mở chuyên mục kỳ thi"), reverse("exam_news_admin:new_section"), icon_name="folder-open-inverse",
                    order=150)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return MenuItem(_("Nhập dữ liệu bảng tính"), reverse("exam_news_admin:import"), icon_name="upload",
                    order=160)


def _forbidden_for_area_editor(request, page):
    if scope_of(request.user) is None:
        return None
    specific = page.specific
    if isinstance(specific, ExamContentPage):
        area_ids = [a.pk for a in specific.get_latest_revision_as_object().areas.all()]
        if within_scope(request.user, area_ids):
            return None
    return HttpResponseForbidden(
        _("Trang này không thuộc địa bàn được phân công cho bạn.").encode()
    )


@hooks.register("before_edit_page")
def restrict_edit_to_area(request, page):
    return _forbidden_for_area_editor(request, page)


@hooks.register("before_delete_page")
def restrict_delete_to_area(request, page):
    return _forbidden_for_area_editor(request, page)


@hooks.register("before_create_page")
def restrict_create_to_content_pages(request, parent_page, page_class):
    if scope_of(request.user) is not None and not issubclass(page_class, ExamContentPage):
        return HttpResponseForbidden(_("Biên tập viên xã, phường chỉ tạo được bài viết.").encode())
    return None


class ExamVenueFilterSet(WagtailFilterSet):
    class Meta:
        model = ExamVenue
        fields = ["section", "commune"]


class AreaScopedObjectMixin:
    """Area editors get a 404 for venues outside their communes, as if they did not exist."""

    def get_object(self, queryset=None):
        venue = super().get_object(queryset)
        scope = scope_of(self.request.user)
        if scope is not None and venue.commune_id not in scope:
            raise Http404
        return venue


class VenueEditView(AreaScopedObjectMixin, EditView):
    pass


class VenueDeleteView(AreaScopedObjectMixin, DeleteView):
    pass


class ExamVenueViewSet(SnippetViewSet):
    edit_view_class = VenueEditView
    delete_view_class = VenueDeleteView
    model = ExamVenue
    icon = "site"
    menu_label = _("Điểm thi")
    list_display = ["code", "name", "address", "commune", "rooms", "candidates", "section"]
    search_fields = ["code", "name", "address"]
    filterset_class = ExamVenueFilterSet
    ordering = ["section", "code"]

    def get_form_class(self, for_update=False):
        return admin_forms.venue_form_class(super().get_form_class(for_update))

    def get_queryset(self, request):
        queryset = ExamVenue.objects.select_related("section", "commune")
        scope = scope_of(request.user)
        if scope is not None:
            queryset = queryset.filter(commune_id__in=scope)
        return queryset


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Chủ đề")
    list_display = ["name", "slug"]


class ReleaseBundleViewSet(SnippetViewSet):
    model = ReleaseBundle
    icon = "time"
    menu_label = _("Gói phát hành")
    list_display = ["name", "section", "release_at", "status", "release_error"]


class ExamSnippets(SnippetViewSetGroup):
    items = (ExamVenueViewSet, ReleaseBundleViewSet, TopicViewSet)
    menu_icon = "form"
    menu_label = _("Kỳ thi")
    menu_name = "exam"
    menu_order = 140


register_snippet(ExamSnippets)


@hooks.register("register_snippet_listing_buttons")
def bundle_schedule_buttons(snippet, user, next_url=None):
    from wagtail.admin.widgets import ListingButton

    if isinstance(snippet, ReleaseBundle) and user.has_perm("exam_news.schedule_releasebundle"):
        if snippet.status == ReleaseBundle.Status.DRAFT:
            yield ListingButton(_("Hẹn giờ phát hành"),
                                reverse("exam_news_admin:bundle_schedule", args=[snippet.pk]), priority=5)
        elif snippet.status == ReleaseBundle.Status.SCHEDULED:
            yield ListingButton(_("Huỷ hẹn giờ"), reverse("exam_news_admin:bundle_cancel", args=[snippet.pk]),
                                priority=5)


@hooks.register("before_serve_document")
def documents_only_through_published_content(document, request):
    from exam_news.public.downloads import may_download

    if not may_download(document, request.user):
        raise Http404
    return None


@hooks.register("before_serve_page")
def answer_headless(page, request, serve_args, serve_kwargs):
    """A page's address on this backend leads to where it is read (there are no HTML templates to render)."""
    return page_addresses.answer_for_page(page, request)
