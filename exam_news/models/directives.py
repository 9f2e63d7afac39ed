import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from exam_news.models.base import ExamContentPage, GuardedPublishMixin, SectionIndexPage

# "860/STTTT-BCVT&CNTT", "55/KH-UBND", "12/2025/TT-BGDĐT", "1234/QĐ-SGDĐT"
DOCUMENT_NUMBER = re.compile(r"^\d{1,6}(/\d{4})?/[A-ZĐ][A-ZĐ0-9&.\-]*$")


def document_number_error(number: str) -> str | None:
    if DOCUMENT_NUMBER.match(number.strip()):
        return None
    return _("Số ký hiệu “%(number)s” không đúng dạng số/KÝ HIỆU, ví dụ 860/STTTT-BCVT&CNTT "
             "hoặc 12/2025/TT-BGDĐT.") % {"number": number}


class DirectiveIndexPage(GuardedPublishMixin, SectionIndexPage):
    subpage_types = ["exam_news.DirectivePage"]

    class Meta:
        verbose_name = _("mục văn bản chỉ đạo")
        verbose_name_plural = _("mục văn bản chỉ đạo")


class DocumentType(models.TextChoices):
    OFFICIAL_LETTER = "cong_van", _("Công văn")
    PLAN = "ke_hoach", _("Kế hoạch")
    DECISION = "quyet_dinh", _("Quyết định")
    ANNOUNCEMENT = "thong_bao", _("Thông báo")
    INSTRUCTION = "chi_thi", _("Chỉ thị")
    CIRCULAR = "thong_tu", _("Thông tư")


class DirectivePage(ExamContentPage):
    """An official document (công văn, kế hoạch, quyết định …) with its registry data."""

    number = models.CharField(_("số, ký hiệu"), max_length=80, db_index=True,
                              help_text=_("Ví dụ: 860/STTTT-BCVT&CNTT"))
    doc_type = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentType.choices)
    issued_on = models.DateField(_("ngày ban hành"))
    issued_place = models.CharField(_("nơi ban hành"), max_length=100, blank=True,
                                    help_text=_("Địa danh ghi ở đầu văn bản, ví dụ: An Giang."))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    subject = models.CharField(_("trích yếu"), max_length=500, help_text=_("Dòng “V/v …” của văn bản."))
    recipients = models.TextField(_("kính gửi"), blank=True, help_text=_("Mỗi nơi nhận một dòng."))
    signer_name = models.CharField(_("người ký"), max_length=150)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=200,
                                    help_text=_("Ví dụ: KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"))
    document = models.ForeignKey(
        "cms.MediaDocument", verbose_name=_("tệp văn bản (PDF)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    references = ParentalManyToManyField(
        "self", verbose_name=_("văn bản được viện dẫn"), symmetrical=False, blank=True,
        related_name="cited_by",
    )
    external_references = models.TextField(
        _("văn bản viện dẫn khác"), blank=True,
        help_text=_("Văn bản không đăng trên cổng; mỗi văn bản một dòng."),
    )

    content_panels = [
        *ExamContentPage.content_panels[:1],
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("number"), FieldPanel("doc_type")]),
             FieldRowPanel([FieldPanel("issued_on"), FieldPanel("issued_place")]),
             FieldPanel("issuer"), FieldPanel("subject"), FieldPanel("recipients"),
             FieldRowPanel([FieldPanel("signer_name"), FieldPanel("signer_title")]),
             FieldPanel("document")],
            heading=_("Thông tin văn bản"),
        ),
        *ExamContentPage.content_panels[1:],
        FieldPanel("references"), FieldPanel("external_references"),
        *ExamContentPage.classification_panels,
    ]
    parent_page_types = ["exam_news.DirectiveIndexPage"]

    class Meta:
        verbose_name = _("văn bản chỉ đạo")
        verbose_name_plural = _("văn bản chỉ đạo")

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.recipients.splitlines() if line.strip(" -•\t")]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.number:
            self.number = self.number.strip()
            message = document_number_error(self.number)
            if message:
                errors["number"] = message
        if self.document_id and not self.document.file.name.lower().endswith(".pdf"):
            errors["document"] = _("Tệp văn bản đính kèm phải là PDF.")
        if errors:
            raise ValidationError(errors)
