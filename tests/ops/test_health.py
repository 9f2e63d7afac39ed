import pytest
from django.db import OperationalError

from cms import health


@pytest.mark.django_db
def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_reports_every_check_when_all_are_up(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    for name in ("database", "cache", "storage", "search"):
        assert body[name]["ok"] is True
        assert isinstance(body[name]["ms"], float | int)
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_is_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused by 10.0.0.5")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == {"ok": False, "error": "OperationalError", "ms": body["database"]["ms"]}
    assert body["cache"]["ok"] is True
    assert "10.0.0.5" not in response.content.decode()  # no addresses or settings in the body


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_is_down(client, settings):
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }}
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["cache"]["ok"] is False
    assert body["database"]["ok"] is True


@pytest.mark.django_db
def test_readyz_checks_elasticsearch_when_configured(client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1/"  # nothing listens there
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["search"]["ok"] is False


@pytest.mark.django_db
def test_health_endpoints_reject_writes(client):
    assert client.post("/readyz").status_code == 405
    assert client.post("/healthz").status_code == 405
