"""Admin for radio: bulletins (with workflow, reading times, exports) and the abbreviation dictionary.
Imported by ``exam_news/wagtail_hooks.py`` so Wagtail registers it."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, Panel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from exam_news.models.radio import Abbreviation, Bulletin
from exam_news.radio import admin_views, audio, check_admin, preview
from exam_news.radio.reading import duration_templates, format_duration


class ReadingTimePanel(Panel):
    """Per-item and total reading time of the saved draft, its audio preview (an inline player with the
    estimated and the real duration), the "propose" action and the export links."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "exam_news/radio/reading_time_panel.html"

        class Media:
            js = ["exam_news/js/audio_preview.js"]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            bulletin = self.instance
            script = admin_views.editor_script(bulletin)
            real = preview.known_seconds(script) if script and script.items else None
            next_url = self.request.get_full_path() if self.request else ""
            context.update({
                "checks": check_admin.item_checks(script, next_url) if script else [],
                "addresses": check_admin.item_addresses(script, next_url) if script else [],
                "problem_count": script.problem_count if script else 0,
                "bulletin": bulletin, "script": script,
                "total": format_duration(script.total_seconds) if script else "",
                "real_duration": format_duration(round(real)) if real is not None else "",
                "duration_templates": duration_templates(),
                "nothing_to_hear": admin_views.nothing_to_hear_message(),
                "formats": admin_views.EXPORT_FORMATS, "audio_available": audio.audio_available(),
                "mp3_available": audio.mp3_available(), "audio_message": audio.unavailable_message(),
                "not_live_message": admin_views.not_live_message(),
            })
            return context


class BulletinFilterSet(WagtailFilterSet):
    class Meta:
        model = Bulletin
        fields = ["station", "section", "broadcast_date", "slot", "live"]


class BulletinViewSet(SnippetViewSet):
    model = Bulletin
    icon = "media"
    menu_label = _("Bản tin truyền thanh")
    list_display = ["title", "station", "broadcast_date", "slot"]
    list_filter = None
    filterset_class = BulletinFilterSet
    search_fields = ["title"]
    ordering = ["-broadcast_date", "station__name"]
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("station"), FieldPanel("section")]),
        FieldRowPanel([FieldPanel("broadcast_date"), FieldPanel("slot"), FieldPanel("syllables_per_minute")]),
        MultiFieldPanel([ReadingTimePanel()], heading=_("Thời lượng đọc và xuất bản tin")),
        InlinePanel("items", heading=_("Các mục (kéo để sắp xếp)"), label=_("mục")),
    ]

    workflow_action_view_class = check_admin.BulletinWorkflowActionView

    def get_queryset(self, request):
        return Bulletin.objects.select_related("station")


class AbbreviationViewSet(SnippetViewSet):
    model = Abbreviation
    add_view_class = check_admin.AbbreviationCreateView
    icon = "openquote"
    menu_label = _("Từ điển viết tắt")
    list_display = ["written", "spoken", "note"]
    search_fields = ["written", "spoken", "note"]
    ordering = ["written"]


class RadioSnippets(SnippetViewSetGroup):
    items = (BulletinViewSet, AbbreviationViewSet)
    menu_icon = "media"
    menu_label = _("Truyền thanh")
    menu_name = "radio"
    menu_order = 145


register_snippet(RadioSnippets)


@hooks.register("register_admin_urls")
def register_radio_admin_urls():
    return [path("radio/bulletins/", include((admin_views.urlpatterns, "exam_news_radio"),
                                             namespace="exam_news_radio"))]


@hooks.register("after_edit_snippet")
def warn_about_reading_problems(request, instance):
    if isinstance(instance, Bulletin):
        check_admin.warn_if_unread(request, instance)


@hooks.register("register_snippet_listing_buttons")
def bulletin_listing_buttons(snippet, user, next_url=None):
    from wagtail.admin.widgets import ListingButton

    if not isinstance(snippet, Bulletin) or not user.has_perm("exam_news.view_bulletin"):
        return
    if user.has_perm("exam_news.change_bulletin"):
        yield ListingButton(_("Đề xuất nội dung"), reverse("exam_news_radio:propose", args=[snippet.pk]),
                            priority=5)
    if snippet.live:
        for priority, fmt in enumerate(admin_views.EXPORT_FORMATS, start=6):
            yield ListingButton(_("Tải %(fmt)s") % {"fmt": fmt.upper()},
                                reverse("exam_news_radio:export", args=[snippet.pk, fmt]), priority=priority)
