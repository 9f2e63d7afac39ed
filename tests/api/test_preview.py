import datetime

import pytest
import time_machine
from django.core import signing

from exam_news.api.preview import SALT, preview_token
from tests.exam_news.factories import add_page, news

pytestmark = pytest.mark.django_db


def test_valid_token_shows_the_latest_draft_without_login(client, portal):
    page = add_page(portal, news("Bản nháp chưa duyệt"), publish=False)
    response = client.get(f"/api/v1/preview?token={preview_token(page)}")
    assert response.status_code == 200
    assert response.json()["title"] == "Bản nháp chưa duyệt"
    assert response["Cache-Control"] == "private, no-store"
    assert client.get(f"/api/v1/items/{page.pk}").status_code == 404  # still invisible to everyone else


def test_draft_changes_of_a_live_page_are_previewed(client, portal):
    page = add_page(portal, news("Tiêu đề đang công khai"))
    draft = page.get_latest_revision_as_object()
    draft.title = "Tiêu đề sửa, chưa duyệt"
    draft.save_revision()
    page.refresh_from_db()
    assert client.get(f"/api/v1/preview?token={preview_token(page)}").json()["title"] == "Tiêu đề sửa, chưa duyệt"
    assert client.get(f"/api/v1/items/{page.pk}").json()["title"] == "Tiêu đề đang công khai"


def test_expired_token_is_refused(client, portal, settings):
    settings.API_PREVIEW_TOKEN_MAX_AGE = 3600
    page = add_page(portal, news(), publish=False)
    with time_machine.travel(datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=2)):
        token = preview_token(page)
    response = client.get(f"/api/v1/preview?token={token}")
    assert response.status_code == 403 and "hết hạn" in response.json()["detail"]


def test_tampered_token_is_refused(client, portal):
    page = add_page(portal, news(), publish=False)
    other = add_page(portal, news("Trang khác"), publish=False)
    token = preview_token(page)
    forged = signing.dumps({"page": other.pk, "revision": other.latest_revision_id}, salt="wrong-salt")
    for bad in (token[:-3] + "abc", forged, "khong-phai-ma-hop-le"):
        response = client.get(f"/api/v1/preview?token={bad}")
        assert response.status_code == 403, bad
    assert client.get("/api/v1/preview").status_code == 422


def test_token_salt_is_specific_to_preview(portal):
    page = add_page(portal, news(), publish=False)
    with pytest.raises(signing.BadSignature):
        signing.loads(preview_token(page), salt="something-else")
    assert signing.loads(preview_token(page), salt=SALT)["page"] == page.pk


def test_admin_preview_shows_the_api_representation_and_a_token_link(portal):
    page = add_page(portal, news("Xem trước trong quản trị"), publish=False)
    draft = page.get_latest_revision_as_object()
    draft.title = "Sửa chưa lưu"
    response = draft.make_preview_request()
    response.render()
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sửa chưa lưu" in html and "/api/v1/preview?token=" in html
