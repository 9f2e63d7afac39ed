"""While the database is unreachable: cached answers still go out, the rest is a JSON 503 with Retry-After."""

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.exam_news.factories import add_page, news

pytestmark = pytest.mark.django_db


def database_down(execute, sql, params, many, context):
    raise OperationalError("connection to server at \"127.0.0.1\", port 5432 failed: Connection refused")


def test_cached_answers_survive_and_the_rest_is_a_json_503_then_it_recovers(portal):
    add_page(portal, news("Lịch thi chính thức"))
    client = Client(raise_request_exception=False)
    cached = client.get("/api/v1/news")
    with connection.execute_wrapper(database_down):
        again = client.get("/api/v1/news")
        assert again.status_code == 200 and again.content == cached.content
        missed = client.get("/api/v1/news?page_size=5")
        assert missed.status_code == 503
        assert missed["Content-Type"].startswith("application/json")
        assert missed["Retry-After"] == "5" and missed["Cache-Control"] == "no-store"
        assert "Cơ sở dữ liệu" in missed.json()["detail"]
        admin = client.get("/admin/login/")
        assert admin.status_code == 503 and admin["Retry-After"] == "5"
    recovered = client.get("/api/v1/news?page_size=5")
    assert recovered.status_code == 200 and recovered.json()["count"] == 1


def programming_error(execute, sql, params, many, context):
    raise ValueError("không phải lỗi kết nối")


def test_other_server_errors_stay_a_plain_json_500(portal):
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(programming_error):
        response = client.get("/api/v1/venues?page_size=3")
    assert response.status_code == 500 and "Retry-After" not in response
    assert response.json() == {"detail": "Lỗi máy chủ. Vui lòng thử lại sau."}
