from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamNewsConfig(AppConfig):
    name = "exam_news"
    verbose_name = _("Thông tin kỳ thi")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms import generation
        from exam_news import mirror, signals
        from exam_news.api.preview import admin_preview
        from exam_news.models import ExamContentPage

        signals.connect()
        generation.on_bump(mirror.suspend)  # any content change takes the static mirror offline at once
        ExamContentPage.preview_renderer = staticmethod(admin_preview)
