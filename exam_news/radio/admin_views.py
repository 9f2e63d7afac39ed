"""Admin views for bulletins: propose items, export the live version, audio preview. Thin: the work is in
``bulletins``, ``script``, ``renderers`` and ``audio``."""

import json
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from exam_news.models.radio import Bulletin
from exam_news.radio import audio, preview, renderers, stored_audio
from exam_news.radio.bulletins import propose_into
from exam_news.radio.script import Script, draft_script, live_script

EXPORT_FORMATS = ("txt", "docx", "ssml", "json")


def edit_url(bulletin: Bulletin) -> str:
    return reverse(Bulletin.snippet_viewset.get_url_name("edit"), args=[bulletin.pk])


def _bulletin(request, pk: int, permission: str) -> Bulletin:
    if not request.user.has_perm(f"exam_news.{permission}_bulletin"):
        raise PermissionDenied
    return get_object_or_404(Bulletin, pk=pk)


def export_response(script, fmt: str) -> HttpResponse:
    if fmt == "txt":
        body = renderers.render_text(script).encode("utf-8")
    elif fmt == "docx":
        body = renderers.render_docx(script)
    elif fmt == "ssml":
        body = renderers.render_ssml(script).encode("utf-8")
    else:
        body = json.dumps(renderers.render_json(script), ensure_ascii=False, indent=2).encode("utf-8")
    response = HttpResponse(body, content_type=renderers.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{renderers.file_name(script, fmt)}"'
    return response


def not_live_message() -> str:
    return _("Bản tin chưa được duyệt và xuất bản; chỉ xuất được bản tin đã duyệt. "
             "Hãy gửi duyệt theo quy trình “Duyệt tin kỳ thi”.")


def export(request, pk: int, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    bulletin = _bulletin(request, pk, "view")
    script = live_script(bulletin.pk)
    if script is None:
        messages.error(request, not_live_message())
        return redirect(edit_url(bulletin))
    return export_response(script, fmt)


def audio_preview(request, pk: int, fmt: str):
    if fmt not in ("wav", "mp3"):
        raise Http404
    bulletin = _bulletin(request, pk, "view")
    script = live_script(bulletin.pk)
    if script is None:
        messages.error(request, not_live_message())
        return redirect(edit_url(bulletin))
    try:
        wav = stored_audio.stored_wav(script)  # the listeners' file: same pace, made once per approved version
        body = audio.wav_to_mp3(wav) if fmt == "mp3" else wav
    except audio.AudioUnavailable as error:
        messages.error(request, str(error))
        return redirect(edit_url(bulletin))
    response = HttpResponse(body, content_type="audio/mpeg" if fmt == "mp3" else "audio/wav")
    response["Content-Disposition"] = f'inline; filename="{renderers.file_name(script, fmt)}"'
    return response


def editor_script(bulletin: Bulletin) -> Script | None:
    """The saved draft's script, as the editor's panel shows it (None until a station and section are chosen)."""
    if not (bulletin.pk and bulletin.station_id and bulletin.section_id):
        return None
    return draft_script(bulletin)


def nothing_to_hear_message() -> str:
    return _("Bản nháp chưa có mục nào để nghe thử.")


def draft_audio_preview(request, pk: int):
    """The saved draft read aloud, for the editor's inline player: WAV with its real duration in
    ``X-Audio-Duration`` (seconds); errors are short Vietnamese texts the player shows."""
    bulletin = _bulletin(request, pk, "view")
    script = editor_script(bulletin)
    if script is None or not script.items:
        return _plain(nothing_to_hear_message(), 404)
    try:
        result = preview.render_preview(script)
    except audio.AudioUnavailable as error:
        return _plain(str(error), 503)
    response = _ranged(request, result.wav, "audio/wav")
    response["Content-Disposition"] = f'inline; filename="{renderers.file_name(script, "wav")}"'
    response["X-Audio-Duration"] = f"{result.seconds:.2f}"
    return response


def _plain(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _ranged(request, body: bytes, content_type: str) -> HttpResponse:
    """The whole body, or the one byte range asked for (Safari plays audio only from ranged responses)."""
    match = re.fullmatch(r"bytes=(\d*)-(\d*)", request.headers.get("Range", "").strip())
    size = len(body)
    if not match or not (match.group(1) or match.group(2)):
        response = HttpResponse(body, content_type=content_type)
    else:
        first, last = match.groups()
        start = int(first) if first else max(0, size - int(last))
        end = min(size - 1, int(last)) if first and last else size - 1
        if start >= size or start > end:
            response = HttpResponse(status=416, content_type=content_type)
            response["Content-Range"] = f"bytes */{size}"
            return response
        response = HttpResponse(body[start:end + 1], status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response


@require_http_methods(["GET", "POST"])
def propose(request, pk: int):
    bulletin = _bulletin(request, pk, "change")
    if request.method == "POST":
        draft = bulletin.get_latest_revision_as_object() if bulletin.latest_revision_id else bulletin
        if draft.locked and draft.locked_by_id != request.user.pk:
            messages.error(request, _("Bản tin đang bị khoá bởi người khác."))
            return redirect(edit_url(bulletin))
        revision = propose_into(bulletin, user=request.user)
        count = len(revision.as_object().items.all())
        messages.success(request, _("Đã đề xuất %(count)s mục vào bản nháp; hãy sắp xếp, bỏ bớt và gửi duyệt.")
                         % {"count": count})
        return redirect(edit_url(bulletin))
    return TemplateResponse(request, "exam_news/radio/confirm_propose.html", {"bulletin": bulletin})


urlpatterns = [
    path("<int:pk>/propose/", propose, name="propose"),
    path("<int:pk>/export/<str:fmt>/", export, name="export"),
    path("<int:pk>/audio.<str:fmt>", audio_preview, name="audio"),
    path("<int:pk>/draft-preview.wav", draft_audio_preview, name="draft_audio"),
]
