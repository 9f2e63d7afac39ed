"""Admin protection: the login lockout page (django-axes) and the client address it counts by."""

from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

from cms.middleware import client_ip


def login_client_ip(request: HttpRequest) -> str:
    """The same client address as the API rate limit (X-Forwarded-For only through trusted proxies)."""
    return client_ip(request)


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    title = _("Tạm khoá đăng nhập")
    message = _(
        "Tài khoản này đã đăng nhập sai quá %(limit)d lần từ địa chỉ của bạn nên tạm thời bị khoá. "
        "Vui lòng thử lại sau %(minutes)d phút hoặc liên hệ quản trị viên."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    body = (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
        f"<body><h1>{escape(title)}</h1><p>{escape(message)}</p></body></html>"
    )
    response = HttpResponse(body, status=429, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(minutes * 60)
    return response
