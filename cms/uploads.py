"""Safe uploads: file types decided by content, size and pixel limits, metadata stripping, safe names.

Images are re-saved without metadata, every frame of an animation included (its timing and loop count kept).
Office files are what their [Content_Types].xml says the main part is (DOCX or XLSX, never macro-enabled),
and must carry that extension.

Plain functions used by the image and document admin forms (`cms/forms.py`). Every refusal is a
`ValidationError` with a Vietnamese message, so the editor sees a form error and no record is created.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

import defusedxml.ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
DOCUMENT_KINDS = {"pdf": "PDF", "docx": "DOCX", "xlsx": "XLSX"}
MAX_NAME_LENGTH = 80
DEFAULT_MAX_IMAGE_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_IMAGE_PIXELS = 40_000_000
DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# Office Open XML (ECMA-376 part 2, OPC): the content type of the main part says what a package is.
OPC_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
OPC_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
}
VBA_PROJECT_TYPE = "application/vnd.ms-office.vbaproject"
MAX_PACKAGE_XML_BYTES = 1024 * 1024  # [Content_Types].xml and _rels/.rels are a few KB


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


def _animation_options(img: Image.Image, info: ImageInfo) -> dict:
    """Save options that keep an animation's timing and loop count and drop the metadata of every frame.

    Pillow writes no EXIF, XMP or text chunk it is not given, except a GIF comment, which it copies from the
    first frame (the comments of later frames, and GIF XMP, are never written): that one is blanked. Each
    frame's duration is passed explicitly (for WebP Pillow would otherwise use the first frame's for all).
    """
    loop = img.info.get("loop")
    durations = []
    for frame in ImageSequence.Iterator(img):
        frame.load()  # WebP knows a frame's duration only once it is decoded
        durations.append(frame.info.get("duration", 0))
    img.seek(0)
    options: dict = {"save_all": True, "duration": durations}
    if loop is not None:  # a GIF without a loop count plays once; adding one would change that
        options["loop"] = loop
    if info.format == "GIF":
        options["comment"] = b""
    return options


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
            img.save(out, format=info.format, **_animation_options(img, info), **options)
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


def _package_error() -> ValidationError:
    return ValidationError(
        _("Tệp không phải là tài liệu PDF, DOCX hoặc XLSX hợp lệ (loại tệp được xác định theo nội dung, "
          "không theo phần mở rộng)."),
        code="invalid_document",
    )


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PACKAGE_XML_BYTES:
        return None
    return archive.read(info)  # reads at most file_size bytes


def _main_part_content_type(archive: zipfile.ZipFile) -> tuple[str | None, list[str]]:
    """The content type of the package's main part (the target of its officeDocument relationship), and every
    content type [Content_Types].xml declares."""
    raw_types, raw_rels = _read_part(archive, "[Content_Types].xml"), _read_part(archive, "_rels/.rels")
    if raw_types is None or raw_rels is None:
        return None, []
    types, rels = SafeET.fromstring(raw_types), SafeET.fromstring(raw_rels)
    defaults = {e.get("Extension", "").lower(): e.get("ContentType", "") for e in types.iter(f"{{{OPC_TYPES}}}Default")}
    overrides = {e.get("PartName", "").lower(): e.get("ContentType", "")
                 for e in types.iter(f"{{{OPC_TYPES}}}Override")}
    declared = [*defaults.values(), *overrides.values()]
    targets = [e.get("Target", "") for e in rels.iter(f"{{{OPC_RELATIONSHIPS}}}Relationship")
               if e.get("Type", "").endswith("/officeDocument") and e.get("TargetMode") != "External"]
    if len(targets) != 1:
        return None, declared
    part = posixpath.normpath("/" + targets[0])
    if part.lower() in overrides:
        return overrides[part.lower()], declared
    return defaults.get(part.rsplit(".", 1)[-1].lower()), declared


def office_package_kind(archive: zipfile.ZipFile) -> str | None:
    """'docx' or 'xlsx' when the package's main part has that kind's (macro-free) content type, else None.

    A macro-enabled package (.docm, .xlsm … under any name: a "macroEnabled" content type, a VBA project
    declared or present) is refused with its own message.
    """
    try:
        main_type, declared = _main_part_content_type(archive)
    except (SafeET.ParseError, DefusedXmlException, zipfile.BadZipFile, OSError, ValueError, RuntimeError,
            NotImplementedError, EOFError):
        return None
    names = [name.lower() for name in archive.namelist()]
    if (any("macroenabled" in t.lower() or t.lower() == VBA_PROJECT_TYPE for t in declared)
            or any(name.rsplit("/", 1)[-1] == "vbaproject.bin" for name in names)):
        raise ValidationError(
            _("Tệp Office có chứa macro (VBA) nên không được nhận. Hãy lưu lại thành tệp .docx hoặc .xlsx "
              "không có macro rồi tải lên lại."),
            code="macro_enabled_document",
        )
    return OFFICE_MAIN_TYPES.get((main_type or "").lower())


def detect_document_kind(f) -> str | None:
    """'pdf', 'docx' or 'xlsx' decided by content, else None.

    PDF by its magic bytes; DOCX and XLSX by the content type [Content_Types].xml gives the package's main part
    (`office_package_kind`, which refuses macro-enabled packages with a ValidationError).
    """
    f.seek(0)
    head = f.read(8)
    f.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(f) as archive:
            return office_package_kind(archive)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        f.seek(0)


def clean_document_upload(f):
    """Validate an uploaded document (PDF, DOCX, XLSX by content, size limit) and give it a safe name.

    An Office package must also carry its own extension (an XLSX named .docx is refused); a PDF under
    another name is renamed .pdf.
    """
    _check_size(f, max_document_bytes())
    kind = detect_document_kind(f)
    if kind is None:
        raise _package_error()
    extension = re.sub(r"[^a-z0-9]", "", os.path.splitext(getattr(f, "name", "") or "")[1].lower())[:10]
    if kind in OFFICE_MAIN_TYPES.values() and extension and extension != kind:
        raise ValidationError(
            _("Phần mở rộng .%(extension)s không khớp với nội dung tệp (tài liệu %(kind)s). Hãy đổi tên tệp "
              "thành .%(expected)s hoặc chọn đúng tệp.")
            % {"extension": extension, "kind": DOCUMENT_KINDS[kind], "expected": kind},
            code="document_extension_mismatch",
        )
    f.name = sanitize_filename(getattr(f, "name", ""), kind, default="tai-lieu")
    return f
