"""Radio bulletins in the portal API: ``/api/v1/radio/…``. Only live (approved) versions are served;
a draft bulletin is a 404, exactly like an id that does not exist."""

import datetime

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from exam_news.api.params import MAX_ID, IsoDate, QueryParams
from exam_news.api.schemas import ValidationErrorOut
from exam_news.models.radio import Bulletin
from exam_news.radio import audio, renderers, stored_audio
from exam_news.radio.script import Script, live_script, live_scripts

router = Router(tags=["Bản tin truyền thanh"])


class ErrorOut(Schema):
    detail: str


class StationOut(Schema):
    name: str
    level: str
    area_code: str | None


class BulletinSectionOut(Schema):
    id: int
    title: str


class BulletinSummaryOut(Schema):
    id: int
    title: str
    station: StationOut
    section: BulletinSectionOut
    broadcast_date: datetime.date
    slot: str
    slot_label: str
    total_seconds: int
    item_count: int
    links: dict[str, str]


class ReadingProblemOut(Schema):
    field: str = Field(description="heading hoặc display_text")
    kind: str = Field(description="unknown_abbreviation, ambiguous_slash, ambiguous_number hoặc skipped_symbol")
    token: str
    start: int | None = Field(description="Vị trí (ký tự) trong trường; null nếu không tìm thấy nguyên dạng.")
    end: int | None
    reading: str = Field(description="Cách máy đang đọc tạm (nếu có).")


class BulletinItemOut(Schema):
    position: int
    kind: str
    kind_label: str
    heading: str
    display_text: str
    spoken_heading: str
    spoken_text: str
    spoken_overridden: bool
    target_area_codes: list[str]
    province_wide: bool
    valid_from: datetime.datetime | None
    valid_until: datetime.datetime | None
    priority: int
    priority_label: str
    seconds: int
    reading_problems: list[ReadingProblemOut]


class BulletinOut(Schema):
    id: int
    revision_id: int | None
    title: str
    station: StationOut
    section: BulletinSectionOut
    broadcast_date: datetime.date
    slot: str
    slot_label: str
    syllables_per_minute: int
    total_seconds: int
    reading_problem_count: int
    approved_by: str | None
    approved_at: datetime.datetime | None
    items: list[BulletinItemOut]


class BulletinFilters(QueryParams):
    station: int | None = Field(None, ge=1, le=MAX_ID, description="Id đài truyền thanh.")
    date: IsoDate | None = Field(None, description="Ngày phát (YYYY-MM-DD).")
    section: int | None = Field(None, ge=1, le=MAX_ID, description="Id chuyên mục kỳ thi.")


def _links(request, bulletin_id: int) -> dict[str, str]:
    base = request.build_absolute_uri(f"{request.path.rstrip('/')}/{bulletin_id}")
    return {"json": base, **{fmt: f"{base}.{fmt}" for fmt in ("txt", "docx", "ssml")}, "audio": f"{base}/audio.wav"}


def _script(bulletin_id: int) -> Script:
    script = live_script(bulletin_id) if 0 < bulletin_id <= MAX_ID else None
    if script is None:
        raise HttpError(404, _("Không có bản tin truyền thanh số %(id)s đã duyệt.") % {"id": bulletin_id})
    return script


def _file(script: Script, fmt: str, body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type=renderers.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'inline; filename="{renderers.file_name(script, fmt)}"'
    return response


def _file_doc(content_type: str, description: str, binary: bool = False) -> dict:
    schema = {"type": "string", "format": "binary"} if binary else {"type": "string"}
    return {"responses": {200: {"description": description, "content": {content_type: {"schema": schema}}}}}


@router.get("/bulletins", response={200: list[BulletinSummaryOut], 422: ValidationErrorOut},
            summary="Danh sách bản tin đã duyệt")
def list_bulletins(request, filters: Query[BulletinFilters]):
    """Live (approved) bulletins, newest broadcast date first; filter by station id, date, section id."""
    queryset = Bulletin.objects.all()
    if filters.station is not None:
        queryset = queryset.filter(station_id=filters.station)
    if filters.date is not None:
        queryset = queryset.filter(broadcast_date=filters.date)
    if filters.section is not None:
        queryset = queryset.filter(section_id=filters.section)
    scripts = live_scripts(queryset.order_by("-broadcast_date", "station__name", "slot", "pk"), with_approval=False)
    summaries = []
    for script in scripts:
        data = renderers.render_json(script)
        summaries.append({**{k: data[k] for k in ("id", "title", "station", "section", "broadcast_date", "slot",
                                                  "slot_label", "total_seconds")},
                          "item_count": len(script.items), "links": _links(request, script.bulletin_id)})
    return summaries


@router.get("/bulletins/{int:bulletin_id}", response={200: BulletinOut, 404: ErrorOut},
            summary="Bản tin (JSON: lời viết, lời đọc, địa bàn, hiệu lực, ưu tiên)")
def bulletin_json(request, bulletin_id: int):
    return renderers.render_json(_script(bulletin_id))


@router.get("/bulletins/{int:bulletin_id}.txt", response={404: ErrorOut}, summary="Bản tin dạng văn bản (UTF-8)",
            openapi_extra=_file_doc("text/plain; charset=utf-8", "Văn bản thuần UTF-8 cho hệ thống truyền thanh "
                                                                 "thông minh."))
def bulletin_text(request, bulletin_id: int):
    script = _script(bulletin_id)
    return _file(script, "txt", renderers.render_text(script).encode("utf-8"))


@router.get("/bulletins/{int:bulletin_id}.docx", response={404: ErrorOut}, summary="Bản tin dạng Word",
            openapi_extra=_file_doc(renderers.CONTENT_TYPES["docx"], "Kịch bản cho phát thanh viên.", binary=True))
def bulletin_docx(request, bulletin_id: int):
    script = _script(bulletin_id)
    return _file(script, "docx", renderers.render_docx(script))


@router.get("/bulletins/{int:bulletin_id}.ssml", response={404: ErrorOut}, summary="Bản tin dạng SSML",
            openapi_extra=_file_doc("application/ssml+xml; charset=utf-8", "SSML 1.1, xml:lang vi-VN."))
def bulletin_ssml(request, bulletin_id: int):
    script = _script(bulletin_id)
    return _file(script, "ssml", renderers.render_ssml(script).encode("utf-8"))


AUDIO_RETRY_AFTER_SECONDS = 5


def _audio_doc() -> dict:
    doc = _file_doc("audio/wav", "Âm thanh WAV, tạo một lần cho mỗi phiên bản đã duyệt (có ETag); 503 khi máy chủ "
                                 "chưa cài espeak-ng, espeak-ng quá thời gian hoặc bản nghe đang được tạo.",
                    binary=True)
    doc["responses"][304] = {"description": "Không đổi so với bản đã có (If-None-Match khớp ETag)."}
    return doc


def _audio_unavailable(error: audio.AudioUnavailable) -> JsonResponse:
    response = JsonResponse({"detail": str(error)}, status=503)
    response["Retry-After"] = str(AUDIO_RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@router.get("/bulletins/{int:bulletin_id}/audio.wav", response={404: ErrorOut, 503: ErrorOut},
            summary="Nghe thử (WAV, giọng tiếng Việt của espeak-ng)", openapi_extra=_audio_doc())
def bulletin_audio(request: HttpRequest, bulletin_id: int):
    """The approved version read aloud; made once per revision and dialect and kept with the media."""
    script = _script(bulletin_id)
    etag = stored_audio.etag(script)
    if etag in [tag.strip().removeprefix("W/") for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        try:
            wav = stored_audio.stored_wav(script)
        except audio.AudioUnavailable as error:
            return _audio_unavailable(error)
        response = HttpResponse(wav, content_type="audio/wav")
        response["Content-Disposition"] = f'inline; filename="{renderers.file_name(script, "wav")}"'
    response["ETag"] = etag
    # Revalidated every time (a 304 costs no synthesis): a withdrawn approval must not linger in caches.
    patch_cache_control(response, public=True, no_cache=True)
    return response


@router.get("/bulletins/{path:rest}", response={404: ErrorOut}, include_in_schema=False)
def bulletin_unknown(request, rest: str):
    raise HttpError(404, _("Không có tài nguyên “%(rest)s”: dùng /bulletins/{id}, /bulletins/{id}.txt, .docx, .ssml "
                           "hoặc /bulletins/{id}/audio.wav với id là số.") % {"rest": rest})
