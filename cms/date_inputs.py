"""Date and date-time inputs that leave an impossible date as typed, so the form rejects it.

Wagtail's date picker re-reads the field when it loses focus and rolls an impossible date over
(31/02/2025 becomes 03/03/2025, silently). With ``validateOnBlur`` off the text stays as the editor typed it and
Django's date field answers with a form error ("Nhập một ngày hợp lệ."); choosing in the calendar still works.
"""

from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput


class StrictDateInput(AdminDateInput):
    def get_config(self) -> dict:
        return {**super().get_config(), "validateOnBlur": False}


class StrictDateTimeInput(AdminDateTimeInput):
    def get_config(self) -> dict:
        return {**super().get_config(), "validateOnBlur": False}
