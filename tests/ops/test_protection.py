import pytest
from django.core.cache import cache
from django.test import Client

from cms import middleware

REDIS_DOWN = {"default": {
    "BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
}}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def small_limit(settings):
    settings.API_RATE_LIMIT = 3
    settings.API_RATE_WINDOW = 60
    return settings


def get_sections(client, ip="203.0.113.7", **headers):
    return client.get("/api/v1/sections", REMOTE_ADDR=ip, headers=headers)


# --- Rate limit


@pytest.mark.django_db
def test_429_with_retry_after_once_the_limit_is_spent(client, small_limit):
    for _ in range(3):  # the 2nd and 3rd come from the response cache: they count as well
        assert get_sections(client).status_code == 200
    response = get_sections(client)
    assert response.status_code == 429
    assert "detail" in response.json()
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["X-Request-ID"]
    assert get_sections(client, ip="203.0.113.8").status_code == 200  # another client is not affected
    assert client.get("/healthz", REMOTE_ADDR="203.0.113.7").status_code == 200  # only /api/ is limited


def test_retry_after_is_the_time_to_the_end_of_the_window(settings):
    # 1_020_000 is a multiple of 60: the window is [1_020_000, 1_020_060).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl"}}
    assert middleware.hit("198.51.100.1", 2, 60, now=1_020_020.5) == (True, 40)
    assert middleware.hit("198.51.100.1", 2, 60, now=1_020_030.0) == (True, 30)
    assert middleware.hit("198.51.100.1", 2, 60, now=1_020_059.2) == (False, 1)
    assert middleware.hit("198.51.100.1", 2, 60, now=1_020_060.0) == (True, 60)  # a new window


@pytest.mark.django_db
def test_allow_listed_portal_servers_are_not_limited(client, small_limit):
    small_limit.API_RATE_LIMIT_ALLOWLIST = ["192.0.2.10", "198.51.100.0/28"]
    for ip in ("192.0.2.10", "198.51.100.5"):
        for _ in range(5):
            assert get_sections(client, ip=ip).status_code == 200
    for _ in range(3):
        get_sections(client, ip="198.51.100.20")
    assert get_sections(client, ip="198.51.100.20").status_code == 429


@pytest.mark.django_db
def test_loopback_is_exempt_by_default_but_not_once_the_allowlist_is_set(client, small_limit):
    for _ in range(5):
        assert get_sections(client, ip="127.0.0.1").status_code == 200
        assert get_sections(client, ip="").status_code == 200  # Unix socket / in-process caller
    small_limit.API_RATE_LIMIT_ALLOWLIST = ["192.0.2.10"]
    for _ in range(3):
        get_sections(client, ip="127.0.0.1")
    assert get_sections(client, ip="127.0.0.1").status_code == 429


@pytest.mark.django_db
def test_zero_turns_the_limit_off(client, settings):
    settings.API_RATE_LIMIT = 0
    for _ in range(5):
        assert get_sections(client).status_code == 200


@pytest.mark.django_db
def test_requests_pass_when_the_cache_is_down(client, small_limit):
    small_limit.CACHES = REDIS_DOWN
    for _ in range(5):
        assert get_sections(client).status_code == 200


@pytest.mark.django_db
def test_x_forwarded_for_is_trusted_only_behind_configured_proxies(client, small_limit):
    # Without trusted proxies a client cannot escape the limit by inventing X-Forwarded-For values.
    for i in range(3):
        assert get_sections(client, ip="10.0.0.1", **{"X-Forwarded-For": f"192.0.2.{i}"}).status_code == 200
    assert get_sections(client, ip="10.0.0.1", **{"X-Forwarded-For": "192.0.2.99"}).status_code == 429
    # Behind one proxy (10.0.0.1) the client is the last address it appended.
    cache.clear()
    small_limit.TRUSTED_PROXY_COUNT = 1
    for _ in range(3):
        assert get_sections(client, ip="10.0.0.1", **{"X-Forwarded-For": "1.2.3.4, 192.0.2.50"}).status_code == 200
    assert get_sections(client, ip="10.0.0.1", **{"X-Forwarded-For": "9.9.9.9, 192.0.2.50"}).status_code == 429
    assert get_sections(client, ip="10.0.0.1", **{"X-Forwarded-For": "192.0.2.51"}).status_code == 200


# --- Request size


@pytest.mark.django_db
def test_large_api_bodies_get_413(client):
    response = client.post("/api/v1/news", data=b"x" * (1024 * 1024 + 1), content_type="application/json")
    assert response.status_code == 413
    assert "detail" in response.json()
    small = client.post("/api/v1/news", data=b"{}", content_type="application/json")
    assert small.status_code != 413


def test_form_data_limit_comes_from_settings(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 5 * 1024 * 1024


# --- Security headers


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/login/", "/api/v1/docs"])
def test_admin_and_docs_pages_carry_a_content_security_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "img-src 'self' data: blob:" in csp
    assert "frame-ancestors 'self'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.django_db
def test_api_answers_carry_security_headers_but_no_page_policy(client):
    response = get_sections(client)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Permissions-Policy" in response
    assert "Content-Security-Policy" not in response


# --- Error bodies


@pytest.mark.django_db
@pytest.mark.urls("tests.ops.urls")
def test_500_pages_show_no_traceback_or_settings():
    client = Client(raise_request_exception=False)
    page = client.get("/ops-test/fail")
    assert page.status_code == 500
    assert b"Traceback" not in page.content and b"hunter2" not in page.content
    api = client.get("/api/ops-test/fail")
    assert api.status_code == 500
    assert api["Content-Type"] == "application/json"
    assert "Traceback" not in api.content.decode() and "hunter2" not in api.content.decode()
    assert set(api.json()) == {"detail"}


@pytest.mark.django_db
def test_an_api_endpoint_that_fails_answers_json_without_details(monkeypatch):
    def broken(request):
        raise RuntimeError("password=hunter2")

    monkeypatch.setattr("exam_news.api.reference.site_context", broken)
    response = Client(raise_request_exception=False).get("/api/v1/sections")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "hunter2" not in response.content.decode() and "Traceback" not in response.content.decode()
