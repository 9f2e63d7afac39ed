"""Headless draft preview: a signed, expiring token lets a portal front end fetch a page's latest draft
through the API without a login cookie. Without a valid token drafts stay invisible."""

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.template.response import TemplateResponse
from ninja import Field, Query, Router
from wagtail.models import Page, Revision

from exam_news import models as m
from exam_news.api.context import site_context
from exam_news.api.details import detail
from exam_news.api.errors import NotFound
from exam_news.api.params import QueryParams
from exam_news.api.schemas import ItemDetailOut, NotFoundOut, ValidationErrorOut

SALT = "mua-thi.api.preview"
router = Router(tags=["Xem trước bản nháp"])


class PreviewForbidden(NotFound):
    def __init__(self, message: str):
        super().__init__(message)
        self.status_code = 403


def preview_token(page: Page) -> str:
    return signing.dumps({"page": page.pk, "revision": page.latest_revision_id}, salt=SALT, compress=True)


def revision_for(token: str) -> m.ExamContentPage:
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.API_PREVIEW_TOKEN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise PreviewForbidden("Mã xem trước đã hết hạn; hãy tạo mã mới trong trang quản trị.") from exc
    except signing.BadSignature as exc:
        raise PreviewForbidden("Mã xem trước không hợp lệ.") from exc
    revision = Revision.page_revisions.filter(pk=data.get("revision"), object_id=str(data.get("page"))).first()
    if revision is None:
        raise NotFound("Bản nháp của mã xem trước không còn tồn tại.")
    draft = revision.as_object()
    if not isinstance(draft, m.ExamContentPage):
        raise NotFound("Chỉ tin bài mới xem trước được qua API.")
    return draft


def admin_preview(request: HttpRequest, page: m.ExamContentPage) -> TemplateResponse:
    """The admin's preview of an edit: its API representation, plus a signed link a portal front end can use
    to fetch the latest saved draft."""
    item = detail(request, page, site_context(request))
    token_page = type(page).objects.filter(pk=page.pk).first() if page.pk else None
    api_url = request.build_absolute_uri(f"/api/v1/preview?token={preview_token(token_page)}") \
        if token_page and token_page.latest_revision_id else ""
    return TemplateResponse(request, "exam_news/preview.html", {
        "item": item, "api_url": api_url, "minutes": settings.API_PREVIEW_TOKEN_MAX_AGE // 60})


class PreviewParams(QueryParams):
    token: str = Field(..., min_length=10, max_length=2000, description="Mã xem trước do trang quản trị cấp.")


@router.get("/preview", response={200: ItemDetailOut, 403: NotFoundOut, 404: NotFoundOut, 422: ValidationErrorOut},
            summary="Xem trước bản nháp bằng mã ký số")
def preview(request, params: Query[PreviewParams]):
    draft = revision_for(params.token)
    return detail(request, draft, site_context(request))
