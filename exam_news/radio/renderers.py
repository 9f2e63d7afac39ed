"""Exports of a bulletin's live script: plain text, Word (.docx), SSML and JSON. Pure functions of a Script.

SSML note: the text is already in spoken form (numbers, dates, phone numbers and abbreviations are
written out in words by ``read_aloud``), so ``<say-as>`` is not used on it — asking an engine to
interpret "không hai chín sáu" as a telephone number would be wrong, and engines' Vietnamese number
rules are exactly what ``read_aloud`` replaces. Structure is carried by ``<p>``/``<s>`` and
``<break>``; the headings of urgent items get ``<emphasis>``.
"""

from __future__ import annotations

import datetime
import io
import re
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from exam_news.models.radio import Priority
from exam_news.radio.reading import format_duration
from exam_news.radio.script import Script, ScriptItem

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CONTENT_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "ssml": "application/ssml+xml; charset=utf-8",
    "json": "application/json",
}
SSML_NS = "http://www.w3.org/2001/10/synthesis"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ITEM_BREAK = "1500ms"
HEADING_BREAK = "500ms"
_SENTENCE_RE = re.compile(r"(?<=[.!?…])\s+")


def file_name(script: Script, extension: str) -> str:
    return f"ban-tin-{script.bulletin_id}-{script.broadcast_date:%Y%m%d}-{script.slot}.{extension}"


def dmy(value: datetime.date) -> str:
    return f"{value:%d/%m/%Y}"


def iso(value: datetime.datetime | None) -> str | None:
    return value.astimezone(TZ).isoformat() if value else None


def _header_lines(script: Script) -> list[str]:
    return [
        script.title,
        _("Đài: %(station)s") % {"station": script.station_name},
        _("Ngày phát: %(date)s – buổi %(slot)s") % {"date": dmy(script.broadcast_date),
                                                   "slot": script.slot_label.lower()},
        _("Tổng thời lượng đọc: %(duration)s (%(spm)s âm tiết/phút)") % {
            "duration": format_duration(script.total_seconds), "spm": script.syllables_per_minute},
    ]


# --- plain text -------------------------------------------------------------------------------------


def render_text(script: Script) -> str:
    """UTF-8 plain text for the smart-radio source systems: header, then heading + spoken text per item."""
    lines = [*_header_lines(script), ""]
    for item in script.items:
        lines += [f"{item.position}. {item.spoken_heading}",
                  _("(Thời lượng: %(duration)s)") % {"duration": format_duration(item.seconds)},
                  item.spoken_text, ""]
    lines.append(_("Hết bản tin. Tổng thời lượng: %(duration)s.") % {
        "duration": format_duration(script.total_seconds)})
    return "\n".join(lines) + "\n"


# --- Word -------------------------------------------------------------------------------------------


def render_docx(script: Script) -> bytes:
    """A .docx for the announcer: large type (16 pt body, 18–22 pt headings), per-item times, sign-off."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(16)
    for style_name, size in (("Title", 24), ("Heading 1", 20), ("Heading 2", 18)):
        document.styles[style_name].font.size = Pt(size)
        document.styles[style_name].font.name = "Times New Roman"

    document.add_heading(script.title, level=0)
    for line in _header_lines(script)[1:]:
        document.add_paragraph(line)
    for item in script.items:
        document.add_heading(f"{item.position}. {item.heading}", level=1)
        meta = document.add_paragraph()
        label = _("Thời lượng: %(duration)s – %(kind)s") % {
            "duration": format_duration(item.seconds), "kind": item.kind_label}
        if item.priority == Priority.URGENT:
            label += " – " + _("KHẨN")
        meta.add_run(label).italic = True
        document.add_paragraph(item.spoken_text)

    document.add_heading(_("Xác nhận"), level=2)
    approval = script.approval
    document.add_paragraph(_("Người duyệt: %(name)s") % {
        "name": approval.approver if approval else _("(chưa ghi nhận)")})
    if approval:
        moment = approval.approved_at.astimezone(TZ)
        document.add_paragraph(_("Duyệt lúc: %(time)s ngày %(date)s") % {
            "time": f"{moment:%H:%M}", "date": dmy(moment.date())})
    document.add_paragraph(_("Ngày phát: %(date)s") % {"date": dmy(script.broadcast_date)})
    document.add_paragraph(_("Phát thanh viên (ký, ghi rõ họ tên): ……………………………"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- SSML -------------------------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    return [s for s in (part.strip() for part in _SENTENCE_RE.split(" ".join(text.split()))) if s]


def _paragraph(parent: ET.Element, heading: str, text: str, *, emphasise: bool = False) -> None:
    paragraph = ET.SubElement(parent, f"{{{SSML_NS}}}p")
    first = ET.SubElement(paragraph, f"{{{SSML_NS}}}s")
    if emphasise:
        ET.SubElement(first, f"{{{SSML_NS}}}emphasis", level="strong").text = heading
    else:
        first.text = heading
    ET.SubElement(paragraph, f"{{{SSML_NS}}}break", time=HEADING_BREAK)
    for sentence in sentences(text):
        ET.SubElement(paragraph, f"{{{SSML_NS}}}s").text = sentence


def render_ssml(script: Script) -> str:
    """SSML 1.1: one ``<p>`` per item, ``<s>`` per sentence, ``<break>`` between items; XML-escaped."""
    ET.register_namespace("", SSML_NS)
    speak = ET.Element(f"{{{SSML_NS}}}speak", {"version": "1.1", XML_LANG: "vi-VN"})
    _paragraph(speak, script.station_name, _("Bản tin kỳ thi buổi %(slot)s.") % {"slot": script.slot_label.lower()})
    for item in script.items:
        ET.SubElement(speak, f"{{{SSML_NS}}}break", time=ITEM_BREAK)
        _paragraph(speak, item.spoken_heading, item.spoken_text, emphasise=item.priority == Priority.URGENT)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(speak, encoding="unicode")


# --- JSON -------------------------------------------------------------------------------------------


def item_json(script: Script, item: ScriptItem) -> dict:
    targets = list(item.area_codes) or ([script.station_area_code] if script.station_area_code else [])
    return {
        "position": item.position,
        "kind": item.kind,
        "kind_label": item.kind_label,
        "heading": item.heading,
        "display_text": item.display_text,
        "spoken_heading": item.spoken_heading,
        "spoken_text": item.spoken_text,
        "spoken_overridden": item.overridden,
        "target_area_codes": targets,
        "province_wide": not item.area_codes,
        "valid_from": iso(item.valid_from),
        "valid_until": iso(item.valid_until),
        "priority": item.priority,
        "priority_label": item.priority_label,
        "seconds": item.seconds,
        "reading_problems": [{"field": field, **problem.as_dict()} for field, problem in item.problems],
    }


def render_json(script: Script) -> dict:
    """The bulletin with, per item, display and spoken text, target areas, validity and priority."""
    approval = script.approval
    return {
        "id": script.bulletin_id,
        "revision_id": script.revision_id,
        "title": script.title,
        "station": {"name": script.station_name, "level": script.station_level,
                    "area_code": script.station_area_code},
        "section": {"id": script.section_id, "title": script.section_title},
        "broadcast_date": script.broadcast_date.isoformat(),
        "slot": script.slot,
        "slot_label": script.slot_label,
        "syllables_per_minute": script.syllables_per_minute,
        "total_seconds": script.total_seconds,
        "reading_problem_count": script.problem_count,
        "approved_by": approval.approver if approval else None,
        "approved_at": iso(approval.approved_at) if approval else None,
        "items": [item_json(script, item) for item in script.items],
    }
