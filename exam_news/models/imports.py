from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class KeptImportFile(models.Model):
    """A spreadsheet uploaded for an import preview, kept until its editor confirms it or it expires.

    Kept in the database, not on an app server's disk, so that the confirmation may reach any server.
    Only a hash of the token handed to the editor is stored.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey("exam_news.ExamSectionPage", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại dữ liệu"), max_length=20)
    filename = models.CharField(_("tên tệp"), max_length=255)
    content = models.BinaryField()
    publish = models.BooleanField(default=False)
    plan_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("tệp nhập đang chờ xác nhận")
        verbose_name_plural = _("tệp nhập đang chờ xác nhận")

    def __str__(self) -> str:
        return self.filename
