"""Request-wide middleware: request ids, API rate and size limits, security headers."""

import contextlib
import functools
import ipaddress
import logging
import math
import re
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse

from cms.logging import request_id_var

logger = logging.getLogger(__name__)

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


# --- API protection: per-client rate limit and request size limit.


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or — behind ``TRUSTED_PROXY_COUNT`` proxies that append to
    ``X-Forwarded-For`` — the address the outermost trusted proxy saw. Never trusts the header otherwise."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    return hops[-proxies] if len(hops) >= proxies else hops[0]


def is_local(ip: str) -> bool:
    """A loopback address, or none at all (a Unix socket, an in-process WSGI client)."""
    if not ip:
        return True
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False


def forwarded_by_untrusted_local_proxy(request: HttpRequest) -> bool:
    """A proxy on this machine forwarded the request (X-Forwarded-For from a loopback or socket peer) while
    ``TRUSTED_PROXY_COUNT`` is 0: the peer is the proxy, and who the client is cannot be told."""
    return (settings.TRUSTED_PROXY_COUNT <= 0 and bool(request.META.get("HTTP_X_FORWARDED_FOR", "").strip())
            and is_local(request.META.get("REMOTE_ADDR", "")))


_warned_about_untrusted_proxy = False


def _warn_once_about_untrusted_proxy(peer: str) -> None:
    global _warned_about_untrusted_proxy
    if not _warned_about_untrusted_proxy:
        _warned_about_untrusted_proxy = True
        logger.warning(
            "X-Forwarded-For from the local proxy %s while TRUSTED_PROXY_COUNT=0: its clients are not exempt from "
            "the API rate limit and are counted together as %s; set TRUSTED_PROXY_COUNT (1 behind one nginx)",
            peer or "(socket)", peer or "(socket)")


def rate_limit_exempt(request: HttpRequest, ip: str) -> bool:
    """Whether the client ``ip`` (from :func:`client_ip`) is spared the API rate limit: only when it is in
    ``API_RATE_LIMIT_ALLOWLIST`` (loopback by default) and really is the client. A request that a proxy on
    this machine forwarded while no proxy is trusted is never spared (else, behind a local proxy, every
    client would look like loopback and no one would be limited)."""
    if forwarded_by_untrusted_local_proxy(request):
        _warn_once_about_untrusted_proxy(ip)
        return False
    return allow_listed(ip)


@functools.lru_cache(maxsize=8)
def _allowlist(entries: tuple[str, ...]) -> tuple:
    networks = []
    for entry in entries:
        with contextlib.suppress(ValueError):
            networks.append(ipaddress.ip_network(entry, strict=False))
    return tuple(networks)


def allow_listed(ip: str) -> bool:
    networks = _allowlist(tuple(settings.API_RATE_LIMIT_ALLOWLIST))
    if not networks:
        return False
    # No socket address means a local caller (a Unix socket, an in-process WSGI client): treat as loopback.
    ip = ip or "127.0.0.1"
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(address in network for network in networks)


def hit(ip: str, limit: int, window: int, now: float | None = None) -> tuple[bool, int]:
    """Counts one request in the client's fixed window. Returns (allowed, seconds to the window's end).
    The counter lives in the default cache, so with Redis every worker and process counts in one place:
    ``add`` (SET NX with expiry) then ``incr`` (INCR) are atomic there. A local-memory cache counts per
    process (``check --deploy`` warns, cms.W002).
    A cache that is down or misbehaving lets the request through: limiting must never cause an outage."""
    now = time.time() if now is None else now
    window_start = int(now // window) * window
    retry_after = max(1, math.ceil(window_start + window - now))
    key = f"ratelimit:api:{ip}:{window_start}"
    try:
        cache.add(key, 0, window + 1)
        count = cache.incr(key)
    except Exception:  # missing key (expired between add and incr), or the cache is down
        return True, retry_after
    if count is None:  # django-redis with IGNORE_EXCEPTIONS swallows the outage
        return True, retry_after
    return count <= limit, retry_after


def json_error(detail: str, status: int, **headers) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status)
    response["Cache-Control"] = "no-store"
    for name, value in headers.items():
        response[name] = value
    return response


class ApiProtectionMiddleware:
    """Rate limit (``API_RATE_LIMIT`` requests per ``API_RATE_WINDOW`` seconds per client, 429 with
    ``Retry-After``) and body size limit (``API_MAX_BODY_BYTES``, 413) for ``/api/``. Listed above the
    response cache so that cached answers count too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            refused = self._refuse(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    @staticmethod
    def _refuse(request: HttpRequest) -> HttpResponse | None:
        limit, window = settings.API_RATE_LIMIT, settings.API_RATE_WINDOW
        if limit > 0 and window > 0:
            ip = client_ip(request)
            if not rate_limit_exempt(request, ip):
                allowed, retry_after = hit(ip, limit, window)
                if not allowed:
                    return json_error(
                        f"Quá nhiều yêu cầu: tối đa {limit} yêu cầu mỗi {window} giây. "
                        f"Thử lại sau {retry_after} giây.", 429, **{"Retry-After": str(retry_after)})
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return json_error("Content-Length không hợp lệ.", 400)
        if length > settings.API_MAX_BODY_BYTES:
            return json_error(f"Nội dung yêu cầu quá lớn (tối đa {settings.API_MAX_BODY_BYTES} byte).", 413)
        return None


# --- Security headers that Django 5.2 does not set itself.

ADMIN_AND_DOCS = ("/admin/", "/api/v1/docs")


class SecurityHeadersMiddleware:
    """``Permissions-Policy`` on every response; ``Content-Security-Policy`` on the admin and the API
    docs (the public site is headless, the API answers JSON). Views that set their own keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if settings.ADMIN_CONTENT_SECURITY_POLICY and request.path.startswith(ADMIN_AND_DOCS):
            response.headers.setdefault("Content-Security-Policy", settings.ADMIN_CONTENT_SECURITY_POLICY)
        return response
