"""Structured logs: one JSON object per line, carrying the id of the request being served.

Turned on with ``LOG_FORMAT=json`` (see ``config/settings.py``). The request id comes from
``cms.middleware.RequestIdMiddleware`` through a context variable, so every log line written while a
request is served — ours, Django's, Wagtail's — can be joined with the proxy's access log.

The JSON is python-json-logger's; the fields are fixed: time (ISO 8601, UTC), level, logger, message,
request_id, status_code (Django's request and server loggers), exc_info and stack_info when present. Other
``extra`` attributes are left out, so objects such as Django's ``request`` never reach the log.
"""

import contextvars
import logging
from typing import Any

from pythonjsonlogger.json import JsonFormatter as _LibraryJsonFormatter

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

_FIELDS = {"time", "level", "logger", "message", "request_id", "status_code", "exc_info", "stack_info"}


def current_request_id() -> str | None:
    return request_id_var.get()


class JsonFormatter(_LibraryJsonFormatter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__("{levelname}{name}{message}", style="{", timestamp="time", json_ensure_ascii=False,
                         rename_fields={"levelname": "level", "name": "logger"})

    def add_fields(self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]) -> None:
        super().add_fields(log_data, record, message_dict)
        log_data["request_id"] = getattr(record, "request_id", None) or request_id_var.get()
        for name in log_data.keys() - _FIELDS:
            del log_data[name]
        if not isinstance(log_data.get("status_code"), int):
            log_data.pop("status_code", None)
