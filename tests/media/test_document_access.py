import pytest
from django.core.files.base import ContentFile

from cms.models import MediaDocument
from exam_news import models as m
from tests.exam_news.factories import add_page

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(title: str) -> MediaDocument:
    return MediaDocument.objects.create(title=title, file=ContentFile(PDF, name=f"{title}.pdf"))


def directive(document, **fields) -> m.DirectivePage:
    import datetime

    return m.DirectivePage(title="Kế hoạch tổ chức kỳ thi", number="55/KH-UBND", doc_type="ke_hoach",
                           issued_on=datetime.date(2025, 5, 2), issuer="UBND tỉnh", subject="V/v tổ chức kỳ thi",
                           signer_name="Nguyễn Văn A", signer_title="CHỦ TỊCH", document=document, **fields)


def download(client, document):
    response = client.get(document.url)
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response.status_code, body


def test_document_of_a_published_directive_is_public(client, section):
    document = pdf("ke-hoach")
    add_page(section, directive(document))
    assert download(client, document) == (200, PDF)


def test_document_of_a_draft_or_unpublished_page_is_not_public(client, section):
    document = pdf("ke-hoach-nhap")
    page = add_page(section, directive(document), publish=False)
    assert download(client, document)[0] == 404
    page.save_revision().publish()
    assert download(client, document)[0] == 200
    page.refresh_from_db()
    page.unpublish()
    assert download(client, document)[0] == 404


def test_unused_document_is_not_public_but_editors_can_open_it(client, section, provincial_editor):
    document = pdf("chua-dung")
    assert download(client, document)[0] == 404
    client.force_login(provincial_editor)
    assert download(client, document) == (200, PDF)


def test_documents_are_served_through_the_app(settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
