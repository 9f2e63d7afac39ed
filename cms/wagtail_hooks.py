from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import audit
from cms.models import AdministrativeUnit, EditorScope, RadioStation, WebhookDelivery, WebhookSubscription


class AdministrativeUnitFilterSet(WagtailFilterSet):
    class Meta:
        model = AdministrativeUnit
        fields = ["level"]


class AdministrativeUnitViewSet(SnippetViewSet):
    """Reference data loaded by ``manage.py load_admin_units``; browsable, not hand-edited."""

    model = AdministrativeUnit
    icon = "globe"
    menu_label = _("Đơn vị hành chính")
    list_display = ["code", "name", "level", "parent", "valid_until"]
    search_fields = ["code", "name", "short_name"]
    filterset_class = AdministrativeUnitFilterSet
    list_per_page = 50
    inspect_view_enabled = True

    def get_queryset(self, request):
        return AdministrativeUnit.objects.select_related("parent")


class EditorScopeViewSet(SnippetViewSet):
    model = EditorScope
    icon = "group"
    menu_label = _("Phân quyền địa bàn")
    list_display = ["user"]


class RadioStationViewSet(SnippetViewSet):
    model = RadioStation
    icon = "microphone"
    menu_label = _("Đài truyền thanh")
    list_display = ["name", "level", "area"]


class PlatformSnippets(SnippetViewSetGroup):
    items = (AdministrativeUnitViewSet, EditorScopeViewSet, RadioStationViewSet)
    menu_icon = "cogs"
    menu_label = _("Danh mục dùng chung")
    menu_name = "platform"
    menu_order = 900


register_snippet(PlatformSnippets)


class WebhookSubscriptionViewSet(SnippetViewSet):
    model = WebhookSubscription
    icon = "link-external"
    menu_label = _("Cổng nhận thông báo")
    list_display = ["name", "url", "kinds", "active"]


class WebhookDeliveryViewSet(SnippetViewSet):
    """The delivery log editors can read: what was sent where, and whether it arrived."""

    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Nhật ký gửi thông báo")
    list_display = ["event", "subscription", "status", "attempts", "last_status_code", "last_error",
                    "give_up_reason", "created_at", "delivered_at"]
    list_filter = ["status", "subscription"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return WebhookDelivery.objects.select_related("subscription")


class NotificationSnippets(SnippetViewSetGroup):
    items = (WebhookSubscriptionViewSet, WebhookDeliveryViewSet)
    menu_icon = "link-external"
    menu_label = _("Thông báo thay đổi")
    menu_name = "webhooks"
    menu_order = 910


register_snippet(NotificationSnippets)


hooks.register("register_log_actions", audit.register_log_actions)
