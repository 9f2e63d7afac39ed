"""The demo bulletin (Đài truyền thanh phường Long Xuyên, 25/06/2025) exported in every format,
through the renderer functions and through the API."""

import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from docx import Document

from exam_news.models import Bulletin, ItemKind
from exam_news.radio import renderers
from exam_news.radio.demo import DEMO_STATION
from exam_news.radio.script import live_script

NS = {"s": "http://www.w3.org/2001/10/synthesis"}


@pytest.mark.django_db
def test_demo_bulletin_is_approved_and_exports_in_every_format(client):
    call_command("load_demo")
    call_command("load_demo")  # idempotent
    bulletin = Bulletin.objects.get()
    assert bulletin.station.name == DEMO_STATION and bulletin.live
    script = live_script(bulletin.pk)
    kinds = [i.kind for i in script.items]
    assert kinds[0] == ItemKind.NOTICE
    assert kinds.index(ItemKind.SCHEDULE) < kinds.index(ItemKind.VENUES) < kinds.index(ItemKind.NEWS)
    assert script.approval.approver == "Nguyễn Thị Thu Hà"

    text = renderers.render_text(script)
    assert text.startswith(f"{script.title}\nĐài: {DEMO_STATION}\nNgày phát: 25/06/2025 – buổi sáng\n")
    assert "Lịch thi ngày hai mươi sáu tháng sáu năm hai nghìn không trăm hai mươi lăm" in text
    assert "THPT" not in text and "6h30" not in text  # everything in spoken form
    assert f"Tổng thời lượng: {script.total_seconds // 60} phút" in text

    document = Document(io.BytesIO(renderers.render_docx(script)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{i.position}. {i.heading}" for i in script.items]
    body = [p for p in document.paragraphs if p.style.name == "Normal"]
    assert all(p.style.font.size.pt >= 16 for p in body)
    texts = [p.text for p in document.paragraphs]
    assert script.items[0].spoken_text in texts
    assert any(t.startswith("Thời lượng: ") for t in texts)
    assert "Người duyệt: Nguyễn Thị Thu Hà" in texts and "Ngày phát: 25/06/2025" in texts

    root = ET.fromstring(renderers.render_ssml(script).encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2001/10/synthesis}speak"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi-VN"
    paragraphs = root.findall("s:p", NS)
    assert len(paragraphs) == len(script.items) + 1
    assert len(root.findall("s:break", NS)) == len(script.items)
    assert all(p.findall("s:s", NS) for p in paragraphs)
    assert paragraphs[1].find("s:s/s:emphasis", NS) is not None  # the urgent notice

    data = renderers.render_json(script)
    assert data["station"] == {"name": DEMO_STATION, "level": "commune", "area_code": "30307"}
    first = data["items"][0]
    assert first["kind"] == "notice" and first["priority"] == 1
    assert first["valid_from"].endswith("+07:00") and first["valid_until"] == "2025-06-27T12:00:00+07:00"
    assert "THPT" in first["display_text"] and "trung học phổ thông" in first["spoken_text"]
    assert data["total_seconds"] == sum(i["seconds"] for i in data["items"]) == script.total_seconds
    venues = next(i for i in data["items"] if i["kind"] == "venues")
    assert venues["target_area_codes"] == ["30307"]

    api = client.get(f"/api/v1/radio/bulletins/{bulletin.pk}")
    assert api.status_code == 200 and api["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(api.content)["items"] == json.loads(json.dumps(data["items"]))
    for fmt, content_type in (("txt", "text/plain; charset=utf-8"), ("ssml", "application/ssml+xml; charset=utf-8"),
                              ("docx", renderers.CONTENT_TYPES["docx"])):
        response = client.get(f"/api/v1/radio/bulletins/{bulletin.pk}.{fmt}")
        assert response.status_code == 200 and response["Content-Type"] == content_type, fmt
    assert client.get(f"/api/v1/radio/bulletins/{bulletin.pk}.txt").content.decode("utf-8") == text
    listed = client.get("/api/v1/radio/bulletins", {"date": "2025-06-25"}).json()
    assert [b["id"] for b in listed] == [bulletin.pk]
