"""Rules that can stop a page from going public, shared by the admin form and ``publish()``."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from exam_news.models.release_bundles import ReleaseBundle


class PublishBlocked(PermissionDenied):
    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__(" ".join(reasons))


def consent_problems(names_minor: bool, given_by: str, given_on: datetime.date | None) -> list[str]:
    if not names_minor or (given_by.strip() and given_on):
        return []
    return [_(
        "Chưa thể xuất bản: nội dung nêu tên hoặc có ảnh học sinh chưa đủ 18 tuổi nhưng chưa ghi "
        "nhận sự đồng ý (người đồng ý và ngày đồng ý)."
    )]


def bundle_hold_problems(page_id: int | None, go_live_at: datetime.datetime | None,
                         now: datetime.datetime | None = None) -> list[str]:
    """A page held by a scheduled release bundle may only be published for the bundle's moment."""
    if page_id is None:
        return []
    now = now or timezone.now()
    bundle = ReleaseBundle.objects.holding(page_id, now).first()
    if bundle is None or (go_live_at is not None and go_live_at >= bundle.release_at):
        return []
    moment = date_format(timezone.localtime(bundle.release_at), "d/m/Y H:i")
    return [_("Chưa thể xuất bản: trang thuộc gói phát hành “%(name)s”, chỉ được công bố lúc %(at)s.")
            % {"name": bundle.name, "at": moment}]
