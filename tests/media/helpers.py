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


def docx_bytes(text: str = "Quyết định công bố điểm thi") -> bytes:
    """A real Word document, made by python-docx."""
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    """A real Excel workbook, made by openpyxl."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Số báo danh", "Điểm"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
VBA_DEFAULT = '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'


def repackaged(data: bytes, *, types=lambda xml: xml, extra: dict[str, bytes] | None = None) -> bytes:
    """The same package with [Content_Types].xml passed through `types` and parts added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "[Content_Types].xml":
                content = types(content.decode()).encode()
            target.writestr(item.filename, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def docm_bytes() -> bytes:
    """A macro-enabled Word document (.docm) as Word writes one: macro main type, a VBA project part."""
    return repackaged(
        docx_bytes(),
        types=lambda xml: xml.replace(WORD_MAIN, WORD_MACRO_MAIN).replace("<Default ", VBA_DEFAULT + "<Default ", 1),
        extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 VBA project: Sub AutoOpen()"},
    )


def animated_gif_with_metadata(frames: int = 3) -> bytes:
    """An animated GIF (distinct frames, 100/200/300 ms, looping forever) with a comment block in the first
    frame and, in frame 2, another comment block and an XMP application extension."""
    images = [Image.new("RGB", (24, 24), (40 * i, 200 - 40 * i, 90)) for i in range(frames)]
    out = io.BytesIO()
    images[0].save(out, "GIF", save_all=True, append_images=images[1:], duration=[100 * (i + 1) for i in range(frames)],
                   loop=0, comment=b"Frame 1 comment")
    data = out.getvalue()
    frame_starts = [start for kind, start in _gif_blocks(data) if kind == b"\x21\xf9"]  # graphic controls
    insert_at = frame_starts[1]
    comment = b"\x21\xfe" + bytes([len(GIF_SECRET)]) + GIF_SECRET + b"\x00"
    xmp = b"\x21\xff\x0bXMP DataXMP" + bytes([len(XMP_SECRET)]) + XMP_SECRET + b"\x00"
    return data[:insert_at] + comment + xmp + data[insert_at:]


GIF_SECRET = b"GPS 10.38N 105.43E chup tai nha"
XMP_SECRET = b"<x:xmpmeta>Tac gia: Nguyen Van A</x:xmpmeta>"


def _gif_blocks(data: bytes) -> list[tuple[bytes, int]]:
    """(kind, offset) of every block after a GIF's header: b"\x21" + label for extensions, b"\x2c" for images."""
    def skip_sub_blocks(pos: int) -> int:
        while data[pos]:
            pos += data[pos] + 1
        return pos + 1

    flags = data[10]
    pos = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    blocks = []
    while data[pos] != 0x3B:
        if data[pos] == 0x21:
            blocks.append((data[pos:pos + 2], pos))
            pos = skip_sub_blocks(pos + 2)
        else:
            assert data[pos] == 0x2C
            blocks.append((b"\x2c", pos))
            local = data[pos + 9]
            pos += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0)
            pos = skip_sub_blocks(pos + 1)
    return blocks


def gif_comment_blocks(data: bytes) -> int:
    return sum(kind == b"\x21\xfe" for kind, _ in _gif_blocks(data))


def animated_webp_with_metadata() -> bytes:
    images = [Image.new("RGB", (24, 24), (40 * i, 90, 200 - 40 * i)) for i in range(3)]
    exif = Image.Exif()
    exif[0x010F] = "MayAnh"
    exif[GPS_IFD] = {1: "N", 2: (10.0, 23.0, 1.5)}
    out = io.BytesIO()
    images[0].save(out, "WEBP", save_all=True, append_images=images[1:], duration=[100, 200, 300], loop=2,
                   exif=exif, xmp=XMP_SECRET, lossless=True)
    return out.getvalue()


def animated_png_with_metadata() -> bytes:
    from PIL import PngImagePlugin

    images = [Image.new("RGB", (24, 24), (200 - 40 * i, 40 * i, 90)) for i in range(3)]
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", GIF_SECRET.decode())
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (10.0, 23.0, 1.5)}
    out = io.BytesIO()
    images[0].save(out, "PNG", save_all=True, append_images=images[1:], duration=[100, 200, 300], loop=0,
                   pnginfo=text, exif=exif)
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return out.getvalue()
