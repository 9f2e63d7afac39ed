import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.uploads import (
    clean_document_upload,
    clean_image_upload,
    detect_document_kind,
    inspect_image,
    sanitize_filename,
)
from tests.media.helpers import (
    GPS_IFD,
    image_bytes,
    jpeg_with_gps,
    ooxml_bytes,
    pdf_bytes,
    plain_zip,
    png_bomb,
    png_bytes,
)

# --- unit tests of cms.uploads


@pytest.mark.parametrize(("name", "ext", "expected"), [
    ("Ảnh thí sinh Đà Nẵng.JPG", None, "anh-thi-sinh-da-nang.jpg"),
    ("../../etc/passwd", None, "passwd"),
    ("C:\\Users\\x\\Quyết định số 12.PDF", "pdf", "quyet-dinh-so-12.pdf"),
    ("ảnh.png", "jpg", "anh.jpg"),
    ("<script>.gif", "gif", "script.gif"),
    ("🙂🙂.png", "png", "tep.png"),
])
def test_sanitize_filename(name, ext, expected):
    assert sanitize_filename(name, ext) == expected


def test_sanitize_filename_limits_length():
    name = sanitize_filename("Đề thi " * 50 + ".docx")
    assert name.endswith(".docx") and len(name) <= 80 + len(".docx")
    assert name.isascii()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_allowed_image_formats(fmt):
    info = inspect_image(io.BytesIO(image_bytes(fmt)))
    assert (info.format, info.width, info.height) == (fmt, 32, 32)


@pytest.mark.parametrize("fmt", ["BMP", "TIFF"])
def test_other_image_formats_refused(fmt):
    with pytest.raises(ValidationError, match="Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF"):
        inspect_image(io.BytesIO(image_bytes(fmt)))


def test_not_an_image_refused():
    with pytest.raises(ValidationError, match="không phải là ảnh hợp lệ"):
        inspect_image(io.BytesIO(b"%PDF-1.4 not an image"))


def test_truncated_image_refused():
    with pytest.raises(ValidationError, match="không phải là ảnh hợp lệ"):
        inspect_image(io.BytesIO(png_bytes()[:60]))


def test_decompression_bomb_refused_without_decoding():
    with pytest.raises(ValidationError, match="quá nhiều điểm ảnh") as exc:
        inspect_image(io.BytesIO(png_bomb()))
    assert "10000×10000" in exc.value.messages[0]


def test_pixel_and_byte_limits_follow_settings(settings):
    settings.MAX_IMAGE_PIXELS = 1000
    with pytest.raises(ValidationError, match="quá nhiều điểm ảnh"):
        inspect_image(io.BytesIO(image_bytes("PNG", (40, 40))))
    settings.MAX_IMAGE_PIXELS = 40_000_000
    settings.MAX_IMAGE_BYTES = 20
    with pytest.raises(ValidationError, match="Tệp quá lớn"):
        inspect_image(io.BytesIO(png_bytes()))


def test_gps_exif_stripped_and_orientation_applied():
    raw = jpeg_with_gps(size=(64, 48), orientation=6)  # 6: rotate 90° for display
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(GPS_IFD)
    cleaned = clean_image_upload(SimpleUploadedFile("Ảnh thí sinh.jpeg", raw))
    assert cleaned.name == "anh-thi-sinh.jpg"
    img = Image.open(io.BytesIO(cleaned.read()))
    assert img.format == "JPEG"
    assert img.size == (48, 64)
    assert len(img.getexif()) == 0
    assert b"Exif" not in cleaned.file.getvalue()


def test_image_extension_follows_content():
    cleaned = clean_image_upload(SimpleUploadedFile("anh.gif", png_bytes()))
    assert cleaned.name == "anh.png"


@pytest.mark.parametrize(("data", "kind"), [
    (pdf_bytes(), "pdf"),
    (ooxml_bytes("word/document.xml"), "docx"),
    (ooxml_bytes("xl/workbook.xml"), "xlsx"),
    (plain_zip(), None),
    (png_bytes(), None),
    (b"PK\x03\x04broken", None),
    (b"", None),
])
def test_detect_document_kind(data, kind):
    assert detect_document_kind(io.BytesIO(data)) == kind


def test_document_renamed_by_content_and_size_limit(settings):
    f = clean_document_upload(SimpleUploadedFile("Quyết định.docx", pdf_bytes()))
    assert f.name == "quyet-dinh.pdf"
    settings.MAX_DOCUMENT_BYTES = 10
    with pytest.raises(ValidationError, match="Tệp quá lớn"):
        clean_document_upload(SimpleUploadedFile("a.pdf", pdf_bytes()))


# --- through the Wagtail admin


@pytest.fixture
def admin_client(client, superuser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(superuser)
    return client


def post_image(client, name, data):
    return client.post("/admin/images/add/", {
        "title": "Ảnh thí sinh", "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile(name, data),
    })


def post_document(client, name, data):
    return client.post("/admin/documents/add/", {
        "title": "Quyết định", "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile(name, data),
    })


def test_admin_image_upload_strips_gps(admin_client):
    response = post_image(admin_client, "Ảnh tại điểm thi.jpg", jpeg_with_gps())
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get()
    assert image.file.name == "original_images/anh-tai-diem-thi.jpg"
    with image.file.open("rb") as f:
        stored = Image.open(io.BytesIO(f.read()))
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert len(stored.getexif()) == 0
    assert image.width == 64 and image.height == 48 and image.file_size == image.file.size
    rendition = image.get_rendition("fill-32x32|format-webp")
    with rendition.file.open("rb") as f:
        assert len(Image.open(io.BytesIO(f.read())).getexif()) == 0


def test_admin_refuses_decompression_bomb(admin_client):
    response = post_image(admin_client, "bom.png", png_bomb())
    assert response.status_code == 200
    assert "quá nhiều điểm ảnh" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_admin_refuses_non_image(admin_client):
    response = post_image(admin_client, "anh.jpg", pdf_bytes())
    assert response.status_code == 200
    assert "không phải là ảnh hợp lệ" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_admin_refuses_oversized_image(admin_client, settings):
    settings.MAX_IMAGE_BYTES = 20
    response = post_image(admin_client, "anh.png", png_bytes())
    assert response.status_code == 200
    assert "Tệp quá lớn" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_admin_document_pdf_accepted(admin_client):
    response = post_document(admin_client, "Quyết định số 1.pdf", pdf_bytes())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert get_document_model().objects.get().file.name == "documents/quyet-dinh-so-1.pdf"


def test_admin_document_xlsx_accepted(admin_client):
    response = post_document(admin_client, "Danh sách.xlsx", ooxml_bytes("xl/workbook.xml"))
    assert response.status_code == 302
    assert get_document_model().objects.get().file.name == "documents/danh-sach.xlsx"


@pytest.mark.parametrize(("name", "data"), [
    ("anh-doi-ten.pdf", png_bytes()),
    ("nen.docx", plain_zip()),
    ("tep.xlsx", b"hello"),
])
def test_admin_refuses_documents_by_content(admin_client, name, data):
    response = post_document(admin_client, name, data)
    assert response.status_code == 200
    assert "không phải là tài liệu PDF, DOCX hoặc XLSX" in response.content.decode()
    assert not get_document_model().objects.exists()
