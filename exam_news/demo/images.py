"""Placeholder photos for the demo, drawn with Pillow so no file has to be downloaded."""

import io

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

from cms.models import MediaImage

PALETTE = [((21, 101, 192), (66, 165, 245)), ((46, 125, 50), (129, 199, 132)),
           ((198, 40, 40), (239, 154, 154)), ((106, 27, 154), (206, 147, 216)),
           ((239, 108, 0), (255, 204, 128)), ((0, 105, 92), (128, 203, 196))]


def _gradient_jpeg(index: int, width: int = 1200, height: int = 800) -> bytes:
    top, bottom = PALETTE[index % len(PALETTE)]
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / (height - 1)
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    draw.ellipse([width // 3, height // 4, 2 * width // 3, 3 * height // 4], outline=(255, 255, 255), width=12)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def demo_image(index: int, title: str, alt_text: str) -> MediaImage:
    existing = MediaImage.objects.filter(title=title).first()
    if existing:
        return existing
    content = ImageFile(io.BytesIO(_gradient_jpeg(index)), name=f"demo-{index:02d}.jpg")
    return MediaImage.objects.create(title=title, alt_text=alt_text, file=content)
