from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.areas import scope_of
from cms.models import ProvinceHomePage
from exam_news.models import ExamKind, ExamSectionPage


def venue_form_class(base: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """The snippet form for venues, refusing a commune outside an area editor's scope."""

    class VenueForm(base):
        def clean_commune(self):
            commune = self.cleaned_data.get("commune")
            scope = scope_of(self.for_user)
            if commune is not None and scope is not None and commune.pk not in scope:
                raise forms.ValidationError(_("Xã/phường này không thuộc địa bàn được phân công cho bạn."))
            return commune

    return VenueForm


class NewSectionForm(forms.Form):
    home = forms.ModelChoiceField(ProvinceHomePage.objects.all(), label=gettext_lazy("Cổng tỉnh"))
    kind = forms.ChoiceField(choices=ExamKind.choices, label=gettext_lazy("Loại kỳ thi"))
    year = forms.IntegerField(label=gettext_lazy("Năm"), validators=[MinValueValidator(2000),
                                                                    MaxValueValidator(2100)])
    publish = forms.BooleanField(label=gettext_lazy("Xuất bản ngay khung chuyên mục"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        homes = self.fields["home"].queryset
        if homes.count() == 1:
            self.initial.setdefault("home", homes.first())


class ImportForm(forms.Form):
    KIND_CHOICES = [("venues", gettext_lazy("Danh sách điểm thi")), ("schedule", gettext_lazy("Lịch thi"))]

    section = forms.ModelChoiceField(ExamSectionPage.objects.order_by("-year"),
                                     label=gettext_lazy("Chuyên mục kỳ thi"))
    kind = forms.ChoiceField(choices=KIND_CHOICES, label=gettext_lazy("Loại dữ liệu"))
    file = forms.FileField(label=gettext_lazy("Tệp .xlsx hoặc .csv"),
                           help_text=gettext_lazy("Tệp được kiểm tra và xem trước; chỉ ghi khi bạn bấm “Nhập thật”."))
    publish = forms.BooleanField(label=gettext_lazy("Xuất bản lịch thi ngay (không qua duyệt)"),
                                 required=False)

    MAX_BYTES = 10 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 10 MB)."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
        return upload


class ConfirmImportForm(forms.Form):
    """“Nhập thật”: the token of a previewed file kept on the server."""

    token = forms.CharField(max_length=100, widget=forms.HiddenInput)
