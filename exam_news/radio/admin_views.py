"""Admin views for bulletins: propose items, export the live version, audio preview. Thin: the work is in
``bulletins``, ``script``, ``renderers`` and ``audio``."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from exam_news.models.radio import Bulletin
from exam_news.radio import audio, renderers
from exam_news.radio.bulletins import propose_into
from exam_news.radio.script import live_script

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
    bulletin = _bulletin(request, pk, "view")
    script = live_script(bulletin.pk)
    if script is None:
        messages.error(request, not_live_message())
        return redirect(edit_url(bulletin))
    try:
        wav = audio.render_wav(script.spoken_text)
        body = audio.wav_to_mp3(wav) if fmt == "mp3" else wav
    except audio.AudioUnavailable as error:
        messages.error(request, str(error))
        return redirect(edit_url(bulletin))
    response = HttpResponse(body, content_type="audio/mpeg" if fmt == "mp3" else "audio/wav")
    response["Content-Disposition"] = f'inline; filename="{renderers.file_name(script, fmt)}"'
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
]
