"""The 422 for a malformed parameter in Vietnamese: pydantic's error list as it is (``loc``, ``type``, ``ctx``),
each ``msg`` said for the portal's readers. Types with no message here keep pydantic's text."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

VALUE_ERROR_PREFIX = "Value error, "  # pydantic's prefix on the messages our own validators raise

MESSAGES = {  # by pydantic error type
    "missing": gettext_lazy("Thiếu tham số bắt buộc %(name)s."),
    "string_pattern_mismatch": gettext_lazy("%(name)s không đúng dạng quy định (xem pattern trong tài liệu API)."),
    "string_too_short": gettext_lazy("%(name)s phải có ít nhất %(min_length)s ký tự."),
    "string_too_long": gettext_lazy("%(name)s dài quá %(max_length)s ký tự."),
    "greater_than_equal": gettext_lazy("%(name)s phải lớn hơn hoặc bằng %(ge)s."),
    "greater_than": gettext_lazy("%(name)s phải lớn hơn %(gt)s."),
    "less_than_equal": gettext_lazy("%(name)s phải nhỏ hơn hoặc bằng %(le)s."),
    "less_than": gettext_lazy("%(name)s phải nhỏ hơn %(lt)s."),
    "int_parsing": gettext_lazy("%(name)s phải là số nguyên."),
    "int_from_float": gettext_lazy("%(name)s phải là số nguyên."),
    "bool_parsing": gettext_lazy("%(name)s phải là true hoặc false."),
    "literal_error": gettext_lazy("%(name)s phải là một trong: %(expected)s."),
    "enum": gettext_lazy("%(name)s phải là một trong: %(expected)s."),
}


def _name(error: dict) -> str:
    loc = error.get("loc") or ()
    return str(loc[-1]) if loc else _("giá trị")


def message_for(error: dict) -> str:
    """One error's message: what is wrong with which parameter, in Vietnamese."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    name = _name(error)
    if kind == "value_error":
        return str(error.get("msg", "")).removeprefix(VALUE_ERROR_PREFIX)
    template = MESSAGES.get(kind)
    if template is None:
        return str(error.get("msg", ""))
    try:
        return str(template) % {"name": name, **{k: v for k, v in ctx.items() if isinstance(v, (str, int, float))}}
    except (KeyError, TypeError, ValueError):
        return str(error.get("msg", ""))


def in_vietnamese(errors: list[dict]) -> list[dict]:
    return [{**error, "msg": message_for(error)} for error in errors]
