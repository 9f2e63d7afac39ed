"""The 422 for a malformed parameter in Vietnamese: pydantic's error list as it is (``loc``, ``type``, ``ctx``),
each ``msg`` said for the portal's readers. Types with no message here keep pydantic's text."""

from django.utils.translation import gettext as _

VALUE_ERROR_PREFIX = "Value error, "  # pydantic's prefix on the messages our own validators raise


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
    messages = {
        "missing": _("Thiếu tham số bắt buộc %(name)s."),
        "string_pattern_mismatch": _("%(name)s không đúng dạng quy định (xem pattern trong tài liệu API)."),
        "string_too_short": _("%(name)s phải có ít nhất %(min_length)s ký tự."),
        "string_too_long": _("%(name)s dài quá %(max_length)s ký tự."),
        "greater_than_equal": _("%(name)s phải lớn hơn hoặc bằng %(ge)s."),
        "greater_than": _("%(name)s phải lớn hơn %(gt)s."),
        "less_than_equal": _("%(name)s phải nhỏ hơn hoặc bằng %(le)s."),
        "less_than": _("%(name)s phải nhỏ hơn %(lt)s."),
        "int_parsing": _("%(name)s phải là số nguyên."),
        "int_from_float": _("%(name)s phải là số nguyên."),
        "bool_parsing": _("%(name)s phải là true hoặc false."),
        "literal_error": _("%(name)s phải là một trong: %(expected)s."),
        "enum": _("%(name)s phải là một trong: %(expected)s."),
    }
    template = messages.get(kind)
    if template is None:
        return str(error.get("msg", ""))
    try:
        return template % {"name": name, **{k: v for k, v in ctx.items() if isinstance(v, (str, int, float))}}
    except (KeyError, TypeError, ValueError):
        return str(error.get("msg", ""))


def in_vietnamese(errors: list[dict]) -> list[dict]:
    return [{**error, "msg": message_for(error)} for error in errors]
