"""Operational endpoints (health) and error views."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.http import require_GET

from cms import health


def _uncached(response: JsonResponse) -> JsonResponse:
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is alive and answering. Touches neither database nor cache."""
    return _uncached(JsonResponse({"status": "ok"}))


@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Database, cache, media storage and search, each reported; 503 if any fails."""
    ok, checks = health.run_checks()
    return _uncached(JsonResponse({"status": "ok" if ok else "unavailable", **checks},
                                  status=200 if ok else 503))


DATABASE_RETRY_AFTER = 5  # seconds: a restarting PostgreSQL is usually back by then


def server_error(request: HttpRequest, *args, **kwargs):
    """500 without any detail: JSON for the API, Django's plain page elsewhere. With DEBUG off Django
    never puts a traceback or settings in the body; this keeps API clients on JSON too. When the database
    cannot be reached the answer is a 503 with Retry-After: the service is down for now, not broken."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_unavailable(request)
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": "Lỗi máy chủ. Vui lòng thử lại sau."}, status=500)
        response["Cache-Control"] = "no-store"
        return response
    return defaults.server_error(request, *args, **kwargs)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    message = "Cơ sở dữ liệu tạm thời không truy cập được. Vui lòng thử lại sau ít giây."
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message, "retry_after": DATABASE_RETRY_AFTER}, status=503)
    else:
        response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
