import datetime
import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cms.logging import JsonFormatter, current_request_id

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def json_log():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("tests.ops")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


def lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.mark.django_db
def test_every_response_carries_a_generated_request_id(client):
    response = client.get("/healthz")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32 and int(request_id, 16) >= 0
    assert client.get("/healthz")["X-Request-ID"] != request_id
    assert client.get("/no-such-page/")["X-Request-ID"]  # errors too


@pytest.mark.django_db
def test_a_safe_incoming_request_id_is_kept(client):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-2025.06.26_abc-1"})
    assert response["X-Request-ID"] == "lb-2025.06.26_abc-1"


@pytest.mark.django_db
@pytest.mark.parametrize("unsafe", ["a b", "x" * 101, "id\r\nSet-Cookie: a=b", "<script>", ""])
def test_an_unsafe_incoming_request_id_is_replaced(client, unsafe):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=unsafe)
    assert response["X-Request-ID"] != unsafe
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.django_db
@pytest.mark.urls("tests.ops.urls")
def test_log_lines_written_during_a_request_carry_its_id(client, json_log):
    response = client.get("/ops-test/log", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 200
    [entry] = lines(json_log)
    assert entry["request_id"] == "req-42"
    assert entry["message"] == "inside the view"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "tests.ops"
    assert current_request_id() is None  # reset after the request


def test_json_formatter_writes_one_object_per_line_with_the_exception(json_log):
    logger = logging.getLogger("tests.ops")
    try:
        raise ValueError("điểm thi không tồn tại")
    except ValueError:
        logger.exception("import failed\nsecond line")
    raw = json_log.getvalue()
    assert raw.count("\n") == 1  # multi-line message and traceback stay on one line
    [entry] = lines(json_log)
    assert entry["message"] == "import failed\nsecond line"
    assert entry["request_id"] is None
    assert entry["time"].endswith("+00:00") and "T" in entry["time"]
    assert "ValueError: điểm thi không tồn tại" in entry["exc_info"]
    assert "Traceback" in entry["exc_info"]


def test_json_lines_carry_the_fixed_fields_only(json_log):
    logger = logging.getLogger("tests.ops")
    request = object()  # Django's request logger passes the request object as an extra
    logger.warning("Not Found: /x", extra={"status_code": 404, "request": request, "secret": "s3cr3t"})
    logger.warning("no status", extra={"status_code": "404"}, stack_info=True)
    first, second = lines(json_log)
    assert set(first) == {"time", "level", "logger", "message", "request_id", "status_code"}
    assert first["status_code"] == 404 and first["message"] == "Not Found: /x"
    assert datetime.datetime.fromisoformat(first["time"]).utcoffset() == datetime.timedelta(0)
    assert "s3cr3t" not in json_log.getvalue() and "object at" not in json_log.getvalue()
    assert "status_code" not in second and second["stack_info"].startswith("Stack (most recent call last)")


def test_log_format_json_is_wired_into_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "S3_BUCKET"}}
    env.update({"MUA_THI_VAR_DIR": str(tmp_path), "LOG_FORMAT": "json", "DJANGO_SETTINGS_MODULE": "config.settings"})
    code = "import django, logging; django.setup(); logging.getLogger('muathi.test').warning('xin chào')"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["message"] == "xin chào"
    assert entry["logger"] == "muathi.test"
    assert entry["level"] == "WARNING"
