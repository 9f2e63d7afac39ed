"""The exam-season panel, first on the Wagtail admin home (``construct_homepage_panels``). Thin: the data is
``exam_news.admin.dashboard.exam_season``."""

from collections.abc import Mapping
from typing import Any

from wagtail.admin.ui.components import Component

from exam_news.admin.dashboard import exam_season


class ExamSeasonPanel(Component):
    name = "exam_season"
    template_name = "exam_news/admin/dashboard_panel.html"
    order = 10  # before Wagtail's own panels (110 and up)

    class Media:
        js = ["exam_news/js/countdown.js"]

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
        request = parent_context["request"]
        return {"dashboard": exam_season(request.user), "request": request}


def add_exam_season_panel(request, panels: list) -> None:
    panels.insert(0, ExamSeasonPanel())
