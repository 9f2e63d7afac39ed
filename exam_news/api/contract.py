"""The answers every operation of the API can give besides its own, written into the OpenAPI document so that
it says everything the server does (checked by schemathesis with all its checks, tests/api/test_openapi.py):

* 422 for a malformed, unknown or repeated query parameter (``params.refuse_unknown_parameters``);
* 414 when the request line is longer than the web server takes (runserver, gunicorn, a proxy: not JSON);
* 429 from the rate limit, with ``Retry-After`` (``cms.middleware.ApiProtectionMiddleware``);
* 503 when the database cannot be reached, with ``Retry-After`` (``cms.views.database_unavailable``).
"""

import copy

ERROR = {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}}
VALIDATION_ERROR = {
    "type": "object", "required": ["detail"],
    "properties": {"detail": {"type": "array", "items": {
        "type": "object", "required": ["loc", "msg", "type"],
        "properties": {"loc": {"type": "array", "items": {"type": ["string", "integer"]}},
                       "msg": {"type": "string"}, "type": {"type": "string"}}}}},
}
RETRY_AFTER = {"description": "Số giây nên chờ trước khi thử lại.", "required": True,
               "schema": {"type": "string", "pattern": r"^\d+$"}}

COMMON_RESPONSES = {
    "422": {"description": "Tham số không hợp lệ, không được hỗ trợ hoặc lặp lại (detail[].loc nêu tên tham số).",
            "content": {"application/json": {"schema": VALIDATION_ERROR}}},
    "414": {"description": "Địa chỉ yêu cầu quá dài (máy chủ web từ chối trước khi tới ứng dụng)."},
    "429": {"description": "Quá nhiều yêu cầu từ một địa chỉ trong một khoảng thời gian.",
            "headers": {"Retry-After": RETRY_AFTER},
            "content": {"application/json": {"schema": ERROR}}},
    "503": {"description": "Tạm thời không phục vụ được (cơ sở dữ liệu, hoặc dịch vụ mà thao tác cần).",
            "content": {"application/json": {"schema": {
                **ERROR, "properties": {**ERROR["properties"], "retry_after": {"type": "integer"}}}}}},
}
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def with_common_responses(document: dict) -> dict:
    """``document`` with the common answers added to every operation that does not describe its own."""
    for path_item in document.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status, response in COMMON_RESPONSES.items():
                if status not in responses and int(status) not in responses:
                    responses[status] = copy.deepcopy(response)
    return document
