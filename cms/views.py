"""Operational endpoints (health) and error views."""

from django.http import HttpRequest, JsonResponse
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


def server_error(request: HttpRequest, *args, **kwargs):
    """500 without any detail: JSON for the API, Django's plain page elsewhere. With DEBUG off Django
    never puts a traceback or settings in the body; this keeps API clients on JSON too."""
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": "Lỗi máy chủ. Vui lòng thử lại sau."}, status=500)
        response["Cache-Control"] = "no-store"
        return response
    return defaults.server_error(request, *args, **kwargs)
