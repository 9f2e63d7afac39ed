import io
import zipfile

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
    GIF_SECRET,
    GPS_IFD,
    VBA_DEFAULT,
    WORD_MACRO_MAIN,
    WORD_MAIN,
    XMP_SECRET,
    animated_gif_with_metadata,
    animated_png_with_metadata,
    animated_webp_with_metadata,
    docm_bytes,
    docx_bytes,
    gif_comment_blocks,
    image_bytes,
    jpeg_with_gps,
    pdf_bytes,
    plain_zip,
    png_bomb,
    png_bytes,
    repackaged,
    xlsx_bytes,
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


def frames_of(data: bytes) -> list[tuple[int, tuple]]:
    """(duration, colour of the middle pixel) of every frame."""
    img = Image.open(io.BytesIO(data))
    frames = []
    for index in range(img.n_frames):
        img.seek(index)
        pixel = img.convert("RGB").getpixel((12, 12))  # decoded first: WebP gives the duration then
        frames.append((int(img.info.get("duration", 0)), pixel))
    return frames


def test_animated_gif_comments_and_xmp_stripped_from_every_frame():
    raw = animated_gif_with_metadata(frames=3)
    assert gif_comment_blocks(raw) == 2 and GIF_SECRET in raw and XMP_SECRET in raw
    cleaned = clean_image_upload(SimpleUploadedFile("Ảnh động.gif", raw)).read()
    assert gif_comment_blocks(cleaned) == 0
    assert GIF_SECRET not in cleaned and XMP_SECRET not in cleaned and b"Frame 1 comment" not in cleaned
    assert b"XMP DataXMP" not in cleaned
    img = Image.open(io.BytesIO(cleaned))
    assert img.format == "GIF" and img.n_frames == 3 and img.info["loop"] == 0
    assert frames_of(cleaned) == frames_of(raw)  # same pictures, same timing
    assert [d for d, _ in frames_of(cleaned)] == [100, 200, 300]


def test_gif_that_plays_once_still_plays_once():
    frames = [Image.new("RGB", (24, 24), (80 * i, 0, 0)) for i in range(2)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=150, comment=b"x")
    cleaned = clean_image_upload(SimpleUploadedFile("a.gif", out.getvalue())).read()
    img = Image.open(io.BytesIO(cleaned))
    assert img.n_frames == 2 and "loop" not in img.info and gif_comment_blocks(cleaned) == 0


def test_animated_webp_exif_and_xmp_stripped_timing_kept():
    raw = animated_webp_with_metadata()
    assert XMP_SECRET in raw and b"MayAnh" in raw
    cleaned = clean_image_upload(SimpleUploadedFile("dong.webp", raw)).read()
    assert XMP_SECRET not in cleaned and b"MayAnh" not in cleaned and b"EXIF" not in cleaned
    img = Image.open(io.BytesIO(cleaned))
    assert img.n_frames == 3 and img.info["loop"] == 2 and "exif" not in img.info and "xmp" not in img.info
    assert [d for d, _ in frames_of(raw)] == [d for d, _ in frames_of(cleaned)] == [100, 200, 300]
    for (_, before), (_, after) in zip(frames_of(raw), frames_of(cleaned), strict=True):  # lossy WebP: close
        assert all(abs(a - b) <= 6 for a, b in zip(before, after, strict=True)), (before, after)


def test_animated_png_text_and_exif_stripped_timing_kept():
    raw = animated_png_with_metadata()
    assert GIF_SECRET in raw
    cleaned = clean_image_upload(SimpleUploadedFile("dong.png", raw)).read()
    assert GIF_SECRET not in cleaned and b"eXIf" not in cleaned and b"tEXt" not in cleaned
    img = Image.open(io.BytesIO(cleaned))
    assert img.n_frames == 3 and img.info["loop"] == 0 and "exif" not in img.info
    assert frames_of(cleaned) == frames_of(raw)


@pytest.mark.parametrize(("data", "kind"), [
    (pdf_bytes(), "pdf"),
    (docx_bytes(), "docx"),
    (xlsx_bytes(), "xlsx"),
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


def test_office_kind_comes_from_the_content_types_not_the_part_names():
    # word/document.xml is there, but the package says its main part is a Word template (.dotx): not accepted
    template = repackaged(docx_bytes(), types=lambda xml: xml.replace(
        WORD_MAIN, "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"))
    assert detect_document_kind(io.BytesIO(template)) is None
    # the old check by names alone: [Content_Types].xml and word/document.xml, no content type for it
    bare = io.BytesIO()
    with zipfile.ZipFile(bare, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<x/>")
    assert detect_document_kind(io.BytesIO(bare.getvalue())) is None


@pytest.mark.parametrize("data", [
    docm_bytes(),  # a .docm as Word writes it, renamed .docx
    repackaged(docx_bytes(), types=lambda xml: xml.replace(WORD_MAIN, WORD_MACRO_MAIN)),  # macro main type only
    repackaged(docx_bytes(), types=lambda xml: xml.replace("<Default ", VBA_DEFAULT + "<Default ", 1)),
    repackaged(docx_bytes(), extra={"word/vbaProject.bin": b"VBA"}),  # a VBA project slipped in, types unchanged
], ids=["docm", "macro-main-type", "vba-content-type", "vba-part"])
def test_macro_enabled_office_files_refused(data):
    with pytest.raises(ValidationError, match="có chứa macro") as exc:
        clean_document_upload(SimpleUploadedFile("Quyết định.docx", data))
    assert exc.value.code == "macro_enabled_document"


@pytest.mark.parametrize(("name", "data", "kind"), [
    ("Danh sách.docx", xlsx_bytes(), "XLSX"),
    ("Quyết định.xlsx", docx_bytes(), "DOCX"),
    ("Quyết định.pdf", docx_bytes(), "DOCX"),
])
def test_office_package_must_carry_its_own_extension(name, data, kind):
    with pytest.raises(ValidationError, match=f"không khớp với nội dung tệp \\(tài liệu {kind}\\)") as exc:
        clean_document_upload(SimpleUploadedFile(name, data))
    assert exc.value.code == "document_extension_mismatch"


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("Quyết định số 5.docx", docx_bytes(), "quyet-dinh-so-5.docx"),
    ("Danh sách.XLSX", xlsx_bytes(), "danh-sach.xlsx"),
])
def test_plain_office_files_accepted(name, data, expected):
    assert clean_document_upload(SimpleUploadedFile(name, data)).name == expected


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
    response = post_document(admin_client, "Danh sách.xlsx", xlsx_bytes())
    assert response.status_code == 302
    assert get_document_model().objects.get().file.name == "documents/danh-sach.xlsx"


def test_admin_image_upload_keeps_animation_without_comments(admin_client):
    response = post_image(admin_client, "Ảnh động.gif", animated_gif_with_metadata(frames=3))
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get()
    with image.file.open("rb") as f:
        stored = f.read()
    assert gif_comment_blocks(stored) == 0 and GIF_SECRET not in stored
    assert Image.open(io.BytesIO(stored)).n_frames == 3


def test_admin_document_docx_accepted(admin_client):
    response = post_document(admin_client, "Quyết định số 2.docx", docx_bytes())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert get_document_model().objects.get().file.name == "documents/quyet-dinh-so-2.docx"


@pytest.mark.parametrize(("name", "data", "message"), [
    ("Quyết định.docx", docm_bytes(), "có chứa macro (VBA) nên không được nhận"),
    ("Danh sách.docx", xlsx_bytes(), "Phần mở rộng .docx không khớp với nội dung tệp (tài liệu XLSX)"),
])
def test_admin_refuses_macro_and_mismatched_office_files(admin_client, name, data, message):
    response = post_document(admin_client, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_document_model().objects.exists()


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
