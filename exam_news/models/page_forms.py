from django import forms
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.area_chooser import area_label
from cms.areas import choosable_units, scope_of, within_scope
from cms.models import ROOT_PATH_LENGTH, ProvinceHomePage
from exam_news.models.publishing_rules import bundle_hold_problems, consent_problems

GOING_PUBLIC_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")


class ExamContentPageForm(WagtailAdminPageForm):
    """Page form that enforces an area editor's scope and the rules that block publishing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "areas" in self.fields:
            self.fields["areas"].queryset = choosable_units(self._province(), self.for_user)
            self.fields["areas"].label_from_instance = area_label

    def _province(self):
        page = self.instance if self.instance.path else self.parent_page
        if page is None or not page.path:
            return None
        home = ProvinceHomePage.objects.filter(path=page.path[:ROOT_PATH_LENGTH]).select_related("province").first()
        return home.province if home else None

    def is_going_public(self) -> bool:
        return any(self.data.get(key) for key in GOING_PUBLIC_ACTIONS)

    def clean(self):
        cleaned = super().clean()
        self._check_area_scope(cleaned)
        if self.is_going_public():
            self._check_publish_rules(cleaned)
        return cleaned

    def _check_area_scope(self, cleaned: dict) -> None:
        if "areas" not in self.fields or scope_of(self.for_user) is None:
            return
        areas = cleaned.get("areas") or []
        if not within_scope(self.for_user, [a.pk for a in areas]):
            self.add_error("areas", forms.ValidationError(
                _("Bạn chỉ được soạn nội dung thuộc địa bàn được phân công; hãy chọn địa bàn của mình "
                  "(nội dung toàn tỉnh do biên tập viên cấp tỉnh phụ trách)."),
                code="area_scope",
            ))

    def _check_publish_rules(self, cleaned: dict) -> None:
        if "names_minor" in self.fields:
            for message in consent_problems(
                bool(cleaned.get("names_minor")), cleaned.get("consent_given_by") or "",
                cleaned.get("consent_given_on"),
            ):
                self.add_error("consent_given_by", message)
        if self.data.get("action-publish"):
            for message in bundle_hold_problems(self.instance.pk, cleaned.get("go_live_at")):
                self.add_error("go_live_at", message)


class ExamSectionPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        # Lets the model check for a duplicate (kind, year) among the new page's siblings.
        self.instance._clean_parent = self.parent_page
        return cleaned
