"""The project's URLs plus a few views that only tests need (logging, failing)."""

import logging

from django.http import HttpResponse
from django.urls import path

from config import urls as project_urls

logger = logging.getLogger("tests.ops")


def logs_a_line(request):
    logger.warning("inside the view")
    return HttpResponse("ok")


def fails(request):
    raise RuntimeError("secret=hunter2 in a failing view")


handler500 = project_urls.handler500

urlpatterns = [
    path("ops-test/log", logs_a_line),
    path("ops-test/fail", fails),
    path("api/ops-test/fail", fails),
    *project_urls.urlpatterns,
]
