import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms.webhook_targets import validate_webhook_url


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookSubscription(models.Model):
    """A portal that wants to be told when published content changes."""

    name = models.CharField(_("tên cổng nhận"), max_length=200)
    url = models.URLField(
        _("địa chỉ nhận (URL)"), validators=[validate_webhook_url],
        help_text=_("Địa chỉ HTTPS của cổng nhận sự kiện (POST JSON), trên Internet công cộng; địa chỉ nội bộ chỉ "
                    "khi quản trị hệ thống đã cho phép trong cấu hình máy chủ."),
    )
    secret = models.CharField(
        _("khoá bí mật"), max_length=200, default=new_secret,
        help_text=_("Dùng để ký HMAC-SHA256 thời điểm, mã lần gửi và nội dung gửi đi (tiêu đề X-MuaThi-Signature)."),
    )
    areas = models.ManyToManyField(
        "cms.AdministrativeUnit", verbose_name=_("địa bàn quan tâm"), blank=True, related_name="+",
        help_text=_("Để trống: mọi địa bàn. Nội dung toàn tỉnh luôn được gửi."),
    )
    kinds = models.CharField(
        _("loại nội dung"), max_length=300, blank=True,
        help_text=_("Các loại cách nhau bởi dấu phẩy (news, story, results, directive, notice, rebuttal, faq, "
                    "schedule, venue); để trống: mọi loại."),
    )
    active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("secret"), FieldPanel("areas"),
              FieldPanel("kinds"), FieldPanel("active")]

    class Meta:
        verbose_name = _("đăng ký nhận thông báo thay đổi")
        verbose_name_plural = _("đăng ký nhận thông báo thay đổi")

    def __str__(self) -> str:
        return self.name

    @property
    def kind_list(self) -> list[str]:
        return [k.strip() for k in self.kinds.split(",") if k.strip()]


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ gửi")
        DELIVERED = "delivered", _("Đã gửi")
        FAILED = "failed", _("Thất bại (đã hết lượt thử)")

    uuid = models.UUIDField(_("mã lần gửi"), default=uuid.uuid4, unique=True, editable=False,
                            help_text=_("Gửi trong tiêu đề X-MuaThi-Delivery; giữ nguyên qua các lần thử lại."))
    subscription = models.ForeignKey(WebhookSubscription, verbose_name=_("cổng nhận"), on_delete=models.CASCADE,
                                     related_name="deliveries")
    event = models.CharField(_("sự kiện"), max_length=50)
    payload = models.JSONField(_("nội dung"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    next_attempt_at = models.DateTimeField(_("lần thử tiếp theo"), null=True, blank=True, db_index=True)
    last_status_code = models.PositiveSmallIntegerField(_("mã HTTP gần nhất"), null=True, blank=True)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("gửi thành công lúc"), null=True, blank=True)
    # Taken by the one sender (background thread or publish_due) that makes the current attempt.
    claimed_at = models.DateTimeField(_("đang gửi từ lúc"), null=True, blank=True, editable=False)
    gave_up_at = models.DateTimeField(_("dừng gửi lúc"), null=True, blank=True)
    give_up_reason = models.CharField(_("lý do dừng gửi"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("nhật ký gửi thông báo")
        verbose_name_plural = _("nhật ký gửi thông báo")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription}"
