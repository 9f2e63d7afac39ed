"""Builders of small files for the upload tests."""

import io
import struct
import zipfile
import zlib

from PIL import Image

GPS_IFD = 0x8825


def jpeg_with_gps(size=(64, 48), orientation: int | None = None) -> bytes:
    img = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "MayAnh"  # Make
    if orientation:
        exif[0x0112] = orientation
    exif[GPS_IFD] = {1: "N", 2: (10.0, 23.0, 1.5), 3: "E", 4: (105.0, 25.0, 2.5)}
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png_bytes(size=(32, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 10)).save(out, "PNG")
    return out.getvalue()


def image_bytes(fmt: str, size=(32, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 20, 200)).save(out, fmt)
    return out.getvalue()


def png_bomb(width=10_000, height=10_000) -> bytes:
    """A real, valid grey PNG of width×height zero pixels: ~100 KB on disk, 100 megapixels decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def pdf_bytes() -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")


def ooxml_bytes(main_part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<x/>")
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return out.getvalue()
