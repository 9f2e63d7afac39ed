"""A malformed parameter: the 422 keeps pydantic's list (loc, type, ctx) and says each problem in Vietnamese."""

import pytest

from exam_news.api.validation_messages import message_for

pytestmark = pytest.mark.django_db


def detail(client, path: str, params: dict) -> dict:
    response = client.get(path, params)
    assert response.status_code == 422 and response["Content-Type"].startswith("application/json")
    [error] = response.json()["detail"]
    return error


def test_a_query_of_punctuation_only_names_q_in_vietnamese(client):
    error = detail(client, "/api/v1/search/suggest", {"q": "?!…"})
    assert error["loc"] == ["query", "q"] and error["type"] == "string_pattern_mismatch"
    assert error["msg"].startswith("q không đúng dạng quy định")


@pytest.mark.parametrize(("params", "expected"), [
    ({"q": "thi", "page": "0"}, "page phải lớn hơn hoặc bằng 1."),
    ({"q": "thi", "page": "hai"}, "page phải là số nguyên."),
    ({}, "Thiếu tham số bắt buộc q."),
    ({"q": "x" * 201}, "q dài quá 200 ký tự."),
    ({"q": "thi", "kind": "tin"}, "kind phải là một trong: "),
])
def test_each_kind_of_problem_is_said_in_vietnamese(client, params, expected):
    assert detail(client, "/api/v1/search", params)["msg"].startswith(expected)


def test_our_own_validators_keep_their_message_without_pydantics_prefix():
    error = {"type": "value_error", "loc": ("query", "date"), "msg": "Value error, date: cần dạng 2025-06-26."}
    assert message_for(error) == "date: cần dạng 2025-06-26."


def test_an_error_type_without_a_message_keeps_pydantics():
    assert message_for({"type": "url_parsing", "loc": ("query", "u"), "msg": "Input should be a valid URL"}) == \
        "Input should be a valid URL"
