from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from exam_news.admin.forms import ImportForm, NewSectionForm
from exam_news.importers.schedule import import_schedule
from exam_news.importers.tables import ImportFileError
from exam_news.importers.venues import import_venues
from exam_news.models import ReleaseBundle
from exam_news.releasing import cancel_bundle, schedule_bundle
from exam_news.sections import SectionNotFound, create_exam_section

EXAMPLES = Path(__file__).resolve().parent.parent / "importers" / "examples"
IMPORTERS = {"venues": import_venues, "schedule": import_schedule}


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
    if not request.user.has_perm("exam_news.import_content"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        options = {"dry_run": data["dry_run"], "user": request.user}
        if data["kind"] == "schedule":
            options["publish"] = data["publish"]
        try:
            report = IMPORTERS[data["kind"]](data["section"], upload, upload.name, **options)
        except (ImportFileError, SectionNotFound) as exc:
            form.add_error("file", str(exc))
        else:
            if report.ok and not report.dry_run:
                messages.success(request, _("Đã nhập %(rows)s dòng: %(created)s mới, %(updated)s cập nhật.")
                                 % {"rows": report.rows, "created": report.created, "updated": report.updated})
    return TemplateResponse(request, "exam_news/admin/import.html", {"form": form, "report": report})


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
