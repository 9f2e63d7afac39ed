from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "mua_thi_search"
    verbose_name = _("Tìm kiếm")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from search import signals

        signals.connect()
