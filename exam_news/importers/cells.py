"""Parsing spreadsheet cells written the Vietnamese way (dd/mm/yyyy, 7h30, 10,5)."""

import datetime
import re
from typing import Any

from django.utils.translation import gettext as _

from cms.text import fold

TIME = re.compile(r"^(\d{1,2})\s*(?:h|g|giờ|:)\s*(\d{1,2})?\s*(?:p|phút|')?$", re.IGNORECASE)
DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


class CellError(ValueError):
    pass


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def integer(value: Any) -> int | None:
    raw = text(value).replace(".", "").replace(" ", "")
    if raw == "":
        return None
    if not raw.isdigit():
        raise CellError(_("“%(v)s” không phải số nguyên.") % {"v": text(value)})
    return int(raw)


def decimal_number(value: Any) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    raw = text(value).replace(" ", "")
    if raw == "":
        return None
    normalised = raw.replace(",", ".") if raw.count(",") == 1 and "." not in raw else raw
    try:
        return float(normalised)
    except ValueError as exc:
        raise CellError(_("“%(v)s” không phải số.") % {"v": raw}) from exc


def date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    if raw == "":
        return None
    match = DATE.match(raw)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(raw)
    except ValueError as exc:
        raise CellError(_("“%(v)s” không phải ngày hợp lệ (dạng dd/mm/yyyy).") % {"v": raw}) from exc


def time_of_day(value: Any) -> datetime.time | None:
    if isinstance(value, datetime.datetime):
        return value.time()
    if isinstance(value, datetime.time):
        return value
    raw = text(value)
    if raw == "":
        return None
    match = TIME.match(raw)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return datetime.time(hour, minute)
    raise CellError(_("“%(v)s” không phải giờ hợp lệ (dạng 7h30 hoặc 07:30).") % {"v": raw})


def choice(value: Any, options: dict[str, str], label: str) -> str | None:
    raw = text(value)
    if raw == "":
        return None
    found = options.get(fold(raw))
    if found is None:
        raise CellError(_("“%(v)s” không hợp lệ cho %(label)s.") % {"v": raw, "label": label})
    return found
