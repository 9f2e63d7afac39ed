# Change notifications hardened (issue #20): a delivery id that is signed and kept across retries, the claim
# one sender takes before an attempt, the give-up recorded, and the subscription URL checked when saved.

import uuid

import cms.models.webhooks
import cms.webhook_targets
from django.db import migrations, models


def give_each_delivery_an_id(apps, schema_editor):
    WebhookDelivery = apps.get_model("cms", "WebhookDelivery")
    for delivery in WebhookDelivery.objects.filter(uuid__isnull=True).only("pk").iterator():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):

    dependencies = [
        ("cms", "0004_vietnamese_wagtail_defaults"),
    ]

    operations = [
        migrations.AddField(
            model_name="webhookdelivery",
            name="uuid",
            field=models.UUIDField(editable=False, null=True, verbose_name="mã lần gửi"),
        ),
        migrations.RunPython(give_each_delivery_an_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="mã lần gửi",
                                   help_text="Gửi trong tiêu đề X-MuaThi-Delivery; giữ nguyên qua các lần thử lại."),
        ),
        migrations.AddField(
            model_name="webhookdelivery",
            name="claimed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="đang gửi từ lúc"),
        ),
        migrations.AddField(
            model_name="webhookdelivery",
            name="gave_up_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="dừng gửi lúc"),
        ),
        migrations.AddField(
            model_name="webhookdelivery",
            name="give_up_reason",
            field=models.CharField(blank=True, max_length=500, verbose_name="lý do dừng gửi"),
        ),
        migrations.AlterField(
            model_name="webhooksubscription",
            name="secret",
            field=models.CharField(default=cms.models.webhooks.new_secret, help_text="Dùng để ký HMAC-SHA256 thời điểm, mã lần gửi và nội dung gửi đi (tiêu đề X-MuaThi-Signature).", max_length=200, verbose_name="khoá bí mật"),
        ),
        migrations.AlterField(
            model_name="webhooksubscription",
            name="url",
            field=models.URLField(help_text="Địa chỉ HTTPS của cổng nhận sự kiện (POST JSON), trên Internet công cộng; địa chỉ nội bộ chỉ khi quản trị hệ thống đã cho phép trong cấu hình máy chủ.", validators=[cms.webhook_targets.validate_webhook_url], verbose_name="địa chỉ nhận (URL)"),
        ),
    ]
