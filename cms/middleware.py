"""Request-wide middleware: request ids."""

import re
import uuid

from django.http import HttpRequest, HttpResponse

from cms.logging import request_id_var

REQUEST_ID_HEADER = "X-Request-ID"
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,100}")


def incoming_request_id(request: HttpRequest) -> str:
    """The proxy's id when it is a safe token (it ends up in logs and headers), else a fresh one."""
    candidate = request.META.get("HTTP_X_REQUEST_ID", "")
    if SAFE_REQUEST_ID.fullmatch(candidate):
        return candidate
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Gives every request an id (``request.request_id``), visible to logging and returned as
    ``X-Request-ID`` on every response. Listed first so that even redirects and errors carry it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = incoming_request_id(request)
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response
