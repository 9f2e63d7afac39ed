"""Date and date-time inputs that leave an impossible date as typed, say so at once, and let the form refuse it.

Wagtail's date picker re-reads the field when it loses focus and rolls an impossible date over
(31/02/2025 becomes 03/03/2025, silently). With ``validateOnBlur`` off the text stays as the editor typed it;
``cms/js/strict-dates.js`` checks it when the field loses focus and shows the message under it, and Django's
date field refuses it on saving (the project's catalogue words that error the same way). Only day/month/year
order and four-digit years are read (config/formats/vi), so "05/06/25" or "06/05/2025 as May" cannot be taken
the wrong way round.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

DATE_MESSAGE = _("Ngày không có thật hoặc sai dạng: hãy nhập ngày/tháng/năm, ví dụ 26/06/2025.")
DATETIME_MESSAGE = _(
    "Ngày giờ không có thật hoặc sai dạng: hãy nhập ngày/tháng/năm giờ:phút, ví dụ 26/06/2025 07:30.")


class _StrictMixin:
    strict_kind = "date"
    strict_message = DATE_MESSAGE

    class Media:
        js = ["cms/js/strict-dates.js"]

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-strict-date"] = self.strict_kind
        attrs["data-strict-date-message"] = str(self.strict_message)
        return attrs

    def get_config(self) -> dict:
        return {**super().get_config(), "validateOnBlur": False}


class StrictDateInput(_StrictMixin, AdminDateInput):
    pass


class StrictDateTimeInput(_StrictMixin, AdminDateTimeInput):
    strict_kind = "datetime"
    strict_message = DATETIME_MESSAGE
