from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from exam_news.admin.forms import ConfirmImportForm, ImportForm, NewSectionForm
from exam_news.importers.previews import KEEP_FOR, PreviewExpired, confirm_import, preview_import
from exam_news.importers.tables import ImportFileError
from exam_news.models import ReleaseBundle
from exam_news.releasing import cancel_bundle, schedule_bundle
from exam_news.sections import SectionNotFound, create_exam_section

EXAMPLES = Path(__file__).resolve().parent.parent / "importers" / "examples"


def new_section(request):
    form = NewSectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        home = form.cleaned_data["home"]
        if not home.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        try:
            section = create_exam_section(home, form.cleaned_data["kind"], form.cleaned_data["year"],
                                          user=request.user, publish=form.cleaned_data["publish"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Đã mở chuyên mục “%(title)s”.") % {"title": section.title})
            return redirect("wagtailadmin_explore", section.pk)
    return TemplateResponse(request, "exam_news/admin/new_section.html", {"form": form})


def import_data(request):
    """Upload → preview of every change (nothing written) → “Nhập thật” applies the kept file."""
    if not request.user.has_perm("exam_news.import_content"):
        raise PermissionDenied
    form, confirm_form, preview = ImportForm(), ConfirmImportForm(), None
    if request.method == "POST" and "token" in request.POST:
        confirm_form = ConfirmImportForm(request.POST)
        if confirm_form.is_valid():
            try:
                preview = confirm_import(user=request.user, token=confirm_form.cleaned_data["token"])
            except (PreviewExpired, ImportFileError, SectionNotFound) as exc:
                confirm_form.add_error(None, str(exc))
            else:
                if preview.applied:
                    report = preview.report
                    messages.success(request, _("Đã nhập “%(file)s”: %(created)s mới, %(updated)s cập nhật, "
                                                "%(removed)s bỏ khỏi lịch, %(unchanged)s không đổi.")
                                     % {"file": preview.filename, "created": report.created,
                                        "updated": report.updated, "removed": report.removed,
                                        "unchanged": report.unchanged})
                    return redirect("exam_news_admin:import")
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            upload = data["file"]
            try:
                preview = preview_import(user=request.user, section=data["section"], kind=data["kind"],
                                         filename=upload.name, content=upload.read(),
                                         publish=data["kind"] == "schedule" and data["publish"])
            except (ImportFileError, SectionNotFound) as exc:
                form.add_error("file", str(exc))
    return TemplateResponse(request, "exam_news/admin/import.html",
                            {"form": form, "confirm_form": confirm_form, "preview": preview,
                             "keep_hours": int(KEEP_FOR.total_seconds() // 3600)})


def example_file(request, name):
    path = EXAMPLES / name
    if path.parent != EXAMPLES or not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


def bundle_action(request, pk, action):
    if not request.user.has_perm("exam_news.schedule_releasebundle"):
        raise PermissionDenied
    bundle = get_object_or_404(ReleaseBundle, pk=pk)
    if request.method == "POST":
        try:
            if action == "schedule":
                schedule_bundle(bundle, user=request.user)
                messages.success(request, _("Đã hẹn giờ gói “%(name)s”.") % {"name": bundle.name})
            else:
                cancel_bundle(bundle, user=request.user)
                messages.success(request, _("Đã huỷ hẹn giờ gói “%(name)s”.") % {"name": bundle.name})
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect(reverse("wagtailsnippets_exam_news_releasebundle:list"))
    return TemplateResponse(request, "exam_news/admin/bundle_confirm.html", {"bundle": bundle, "action": action})
