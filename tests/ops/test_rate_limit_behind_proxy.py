"""The API rate limit behind a proxy (issue #20, point 2): a real reverse proxy on loopback in front of the live
application, clients reaching it from different loopback addresses (127.0.0.2, 127.0.0.3: routed to `lo`, but
not the allow-listed 127.0.0.1), and the rule for who is spared the limit."""

import contextlib
import http.client
import http.server
import itertools
import json
import logging
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from cms import middleware

API = "/api/v1/sections"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "server", "date"}


class ForwardingHandler(http.server.BaseHTTPRequestHandler):
    """What nginx's ``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`` does: appends the address
    it was reached from to whatever X-Forwarded-For the client sent, then passes the request on (to the next
    upstream in turn) and the answer back, status and headers included."""

    upstreams: Iterator[str]

    def do_GET(self):  # noqa: N802
        sent = self.headers.get("X-Forwarded-For")
        forwarded = f"{sent}, {self.client_address[0]}" if sent else self.client_address[0]
        request = urllib.request.Request(next(self.upstreams) + self.path, headers={"X-Forwarded-For": forwarded})
        try:
            answer = urllib.request.urlopen(request, timeout=30)
        except urllib.error.HTTPError as refused:
            answer = refused
        with answer:
            body = answer.read()
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                if name.lower() not in HOP_BY_HOP:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def reverse_proxy(*upstreams: str) -> Iterator[int]:
    """A proxy on a free loopback port in front of ``upstreams`` (round robin); yields its port."""
    handler = type("Handler", (ForwardingHandler,), {"upstreams": itertools.cycle(upstreams)})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def get(port: int, source: str = "127.0.0.1", path: str = API, **headers: str) -> Answer:
    """A GET from the loopback address ``source`` to ``port`` on 127.0.0.1."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    try:
        connection.request("GET", path, headers={"Host": "localhost", **headers})
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def statuses(port: int, source: str, times: int, **headers: str) -> list[int]:
    return [get(port, source, **headers).status for _ in range(times)]


@pytest.fixture
def limited(settings):
    settings.API_RATE_LIMIT = 3
    settings.API_RATE_WINDOW = 60
    settings.API_RATE_LIMIT_ALLOWLIST = ["127.0.0.1", "::1"]  # the default: loopback is spared
    cache.clear()
    yield settings
    cache.clear()


def upstream_port(live_server) -> int:
    return int(live_server.url.rsplit(":", 1)[1])


# --- Through a real proxy (the live server's writes are flushed after; the migrations' rows are put back)

LIVE = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@LIVE
def test_behind_one_trusted_proxy_each_client_is_limited_by_its_own_address(live_server, home, limited):
    limited.TRUSTED_PROXY_COUNT = 1
    with reverse_proxy(live_server.url) as proxy:
        assert statuses(proxy, "127.0.0.2", 3) == [200, 200, 200]
        refused = get(proxy, "127.0.0.2")
        assert refused.status == 429
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        assert "Quá nhiều yêu cầu" in json.loads(refused.body)["detail"]
        # A client cannot pass itself off as loopback: the proxy appends the address it really came from.
        assert get(proxy, "127.0.0.2", **{"X-Forwarded-For": "127.0.0.1"}).status == 429
        assert statuses(proxy, "127.0.0.3", 3) == [200, 200, 200]  # another client is not affected
        # Loopback is spared when it really is the client: through the proxy from 127.0.0.1, or direct.
        assert statuses(proxy, "127.0.0.1", 5) == [200] * 5
    assert statuses(upstream_port(live_server), "127.0.0.1", 5) == [200] * 5


@LIVE
def test_behind_a_local_proxy_with_no_proxy_trusted_clients_are_not_spared(live_server, home, limited, caplog,
                                                                           monkeypatch):
    """The issue's finding: with TRUSTED_PROXY_COUNT=0 (the default) behind a proxy on the same machine every
    client looked like loopback, which is spared: no one was limited. Now a request forwarded by a local proxy
    is never spared; as no proxy is trusted, its clients are counted together under the proxy's address."""
    limited.TRUSTED_PROXY_COUNT = 0
    monkeypatch.setattr(middleware, "_warned_about_untrusted_proxy", False)
    with caplog.at_level(logging.WARNING, logger="cms.middleware"), reverse_proxy(live_server.url) as proxy:
        assert statuses(proxy, "127.0.0.2", 3) == [200, 200, 200]
        assert get(proxy, "127.0.0.2").status == 429
        assert get(proxy, "127.0.0.3").status == 429  # the same counter: the proxy's address
        assert get(proxy, "127.0.0.1").status == 429  # not even a local client can be told from the others
    assert statuses(upstream_port(live_server), "127.0.0.1", 5) == [200] * 5  # direct loopback: spared
    warnings = [r.getMessage() for r in caplog.records if "TRUSTED_PROXY_COUNT=0" in r.getMessage()]
    assert len(warnings) == 1 and "set TRUSTED_PROXY_COUNT" in warnings[0]  # said once per process


# --- The rule, request by request


@pytest.mark.parametrize(("proxies", "peer", "forwarded", "client", "spared"), [
    (0, "127.0.0.1", "", "127.0.0.1", True),  # a local caller (monitoring, the benchmark)
    (0, "", "", "", True),  # a Unix socket or an in-process caller
    (0, "127.0.0.1", "203.0.113.5", "127.0.0.1", False),  # a local proxy's client: unknown, never spared
    (0, "", "203.0.113.5", "", False),  # the same through a Unix socket
    (0, "127.0.0.1", "127.0.0.1", "127.0.0.1", False),  # the header alone proves nothing
    (0, "198.51.100.7", "127.0.0.1", "198.51.100.7", False),  # a remote client naming loopback
    (1, "127.0.0.1", "", "127.0.0.1", True),  # direct to the application from this machine
    (1, "127.0.0.1", "203.0.113.5", "203.0.113.5", False),  # through the local proxy
    (1, "127.0.0.1", "127.0.0.1, 203.0.113.5", "203.0.113.5", False),  # a client naming loopback itself
    (1, "127.0.0.1", "203.0.113.5, 127.0.0.1", "127.0.0.1", True),  # a local client through the proxy
    (2, "127.0.0.1", "127.0.0.1, 203.0.113.5, 10.0.0.2", "203.0.113.5", False),  # two proxies
    (2, "127.0.0.1", "203.0.113.5, 127.0.0.1, 10.0.0.2", "127.0.0.1", True),
])
def test_who_is_the_client_and_who_is_spared(settings, proxies, peer, forwarded, client, spared):
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.API_RATE_LIMIT_ALLOWLIST = ["127.0.0.1", "::1"]
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get(API, REMOTE_ADDR=peer, **headers)
    assert middleware.client_ip(request) == client
    assert middleware.rate_limit_exempt(request, client) is spared


def test_an_allow_listed_portal_server_stays_spared_when_it_sends_x_forwarded_for(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.API_RATE_LIMIT_ALLOWLIST = ["192.0.2.10"]
    request = RequestFactory().get(API, REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert middleware.rate_limit_exempt(request, middleware.client_ip(request)) is True


# --- check --deploy


def test_check_deploy_warns_when_workers_would_count_apart_or_the_proxy_is_not_trusted(settings):
    from cms.checks import check_rate_limit_setup

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # BEHIND_TLS_PROXY=1
    settings.TRUSTED_PROXY_COUNT = 0
    assert [m.id for m in check_rate_limit_setup()] == ["cms.W002", "cms.W003"]
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    settings.TRUSTED_PROXY_COUNT = 1
    assert check_rate_limit_setup() == []
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.API_RATE_LIMIT = 0  # no limit: nothing to count
    assert check_rate_limit_setup() == []
