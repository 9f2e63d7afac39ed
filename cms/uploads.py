"""Safe uploads: file types decided by content, size and pixel limits, metadata stripping, safe names.

Plain functions used by the image and document admin forms (`cms/forms.py`). Every refusal is a
`ValidationError` with a Vietnamese message, so the editor sees a form error and no record is created.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
DOCUMENT_KINDS = {"pdf": "PDF", "docx": "DOCX", "xlsx": "XLSX"}
MAX_NAME_LENGTH = 80
DEFAULT_MAX_IMAGE_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_IMAGE_PIXELS = 40_000_000
DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ImageInfo:
    format: str  # Pillow's name: JPEG, PNG, WEBP, GIF
    width: int
    height: int
    frames: int

    @property
    def extension(self) -> str:
        return IMAGE_FORMATS[self.format]


def max_image_bytes() -> int:
    return getattr(settings, "MAX_IMAGE_BYTES", DEFAULT_MAX_IMAGE_BYTES)


def max_image_pixels() -> int:
    return getattr(settings, "MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS)


def max_document_bytes() -> int:
    return getattr(settings, "MAX_DOCUMENT_BYTES", DEFAULT_MAX_DOCUMENT_BYTES)


def _size_of(f) -> int:
    size = getattr(f, "size", None)
    if size is None:
        pos = f.tell()
        f.seek(0, os.SEEK_END)
        size = f.tell()
        f.seek(pos)
    return size


def _check_size(f, limit: int) -> None:
    size = _size_of(f)
    if size > limit:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s). Dung lượng tối đa là %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


def sanitize_filename(name: str, extension: str | None = None, default: str = "tep") -> str:
    """ASCII-only, lower-case name of safe characters (a-z 0-9 . _ -), the stem at most 80 characters.

    Vietnamese is folded ("Ảnh thí sinh Đà Nẵng.JPG" → "anh-thi-sinh-da-nang.jpg"); directory parts are
    dropped; `extension`, when given (decided by content), replaces the one in the name.
    """
    name = re.split(r"[\\/]", name or "")[-1]
    stem, ext = os.path.splitext(name)
    if extension is not None:
        ext = "." + extension
    folded = unicodedata.normalize("NFKD", stem.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9_-]+", "-", folded.lower()).strip("-_")[:MAX_NAME_LENGTH].strip("-_") or default
    ext = re.sub(r"[^a-z0-9]", "", ext.lower())[:10]
    return f"{stem}.{ext}" if ext else stem


def inspect_image(f) -> ImageInfo:
    """Decide the image type by content and enforce the byte and pixel limits, without decoding pixels.

    The dimensions come from the header (`Image.open` is lazy), so a decompression bomb is refused before
    any pixel is decoded; `verify()` then checks the file's structure.
    """
    _check_size(f, max_image_bytes())
    f.seek(0)
    limit = max_image_pixels()
    too_many = ValidationError(
        _("Ảnh có quá nhiều điểm ảnh (%(pixels)s). Tối đa %(limit)s megapixel; hãy thu nhỏ ảnh trước khi tải lên.")
        % {"pixels": _("không xác định"), "limit": limit // 1_000_000},
        code="file_too_many_pixels",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(f) as img:
                fmt = img.format
                width, height = img.size
                frames = getattr(img, "n_frames", 1) or 1
                if fmt in IMAGE_FORMATS and width * height > limit:
                    raise ValidationError(
                        _("Ảnh có quá nhiều điểm ảnh (%(width)s×%(height)s = %(pixels)s megapixel). "
                          "Tối đa %(limit)s megapixel; hãy thu nhỏ ảnh trước khi tải lên.")
                        % {"width": width, "height": height, "pixels": round(width * height / 1_000_000, 1),
                           "limit": limit // 1_000_000},
                        code="file_too_many_pixels",
                    )
                if fmt in IMAGE_FORMATS:
                    img.verify()
    except Image.DecompressionBombError:
        raise too_many from None
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(
            _("Tệp không phải là ảnh hợp lệ. Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF."), code="invalid_image"
        ) from exc
    finally:
        f.seek(0)
    if fmt not in IMAGE_FORMATS:
        raise ValidationError(
            _("Định dạng ảnh %(format)s không được nhận. Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF.")
            % {"format": fmt or "?"},
            code="invalid_image_format",
        )
    if width * height * frames > limit * 4:  # animations: every frame is decoded for renditions
        raise too_many
    return ImageInfo(fmt, width, height, frames)


def strip_image_metadata(f, info: ImageInfo) -> bytes:
    """Re-save the image without EXIF/GPS, XMP, comments or text chunks; EXIF orientation is applied first.

    The ICC colour profile (no personal data) is kept so colours stay right.
    """
    f.seek(0)
    with Image.open(f) as img:
        icc = img.info.get("icc_profile")
        out = io.BytesIO()
        options = {"icc_profile": icc} if icc else {}
        if info.frames > 1:
            img.save(out, format=info.format, save_all=True, **options)
        else:
            clean = ImageOps.exif_transpose(img)
            clean.info.pop("exif", None)
            clean.info.pop("xmp", None)
            clean.info.pop("XML:com.adobe.xmp", None)
            clean.info.pop("comment", None)
            if info.format == "JPEG":
                if clean.mode not in ("RGB", "L", "CMYK"):
                    clean = clean.convert("RGB")
                clean.save(out, format="JPEG", quality=90, optimize=True, **options)
            elif info.format == "PNG":
                kwargs = {"optimize": True}
                if "transparency" in img.info:
                    kwargs["transparency"] = img.info["transparency"]
                clean.save(out, format="PNG", **kwargs, **options)
            elif info.format == "WEBP":
                clean.save(out, format="WEBP", quality=90, **options)
            else:
                clean.save(out, format=info.format, **options)
    f.seek(0)
    return out.getvalue()


def clean_image_upload(f) -> ContentFile:
    """Validate an uploaded image and return a metadata-free copy with a sanitised name (extension by content)."""
    info = inspect_image(f)
    data = strip_image_metadata(f, info)
    _check_size(io.BytesIO(data), max_image_bytes())
    return ContentFile(data, name=sanitize_filename(getattr(f, "name", ""), info.extension, default="anh"))


def detect_document_kind(f) -> str | None:
    """'pdf', 'docx' or 'xlsx' decided by content (PDF magic; OOXML zip with its main part), else None."""
    f.seek(0)
    head = f.read(8)
    f.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(f) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        f.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def clean_document_upload(f):
    """Validate an uploaded document (PDF, DOCX, XLSX by content, size limit) and give it a safe name."""
    _check_size(f, max_document_bytes())
    kind = detect_document_kind(f)
    if kind is None:
        raise ValidationError(
            _("Tệp không phải là tài liệu PDF, DOCX hoặc XLSX hợp lệ (loại tệp được xác định theo nội dung, "
              "không theo phần mở rộng)."),
            code="invalid_document",
        )
    f.name = sanitize_filename(getattr(f, "name", ""), kind, default="tai-lieu")
    return f
