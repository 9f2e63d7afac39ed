"""The reading check in the bulletin editor: per item, what the reader could not handle, a one-click dictionary
entry (the abbreviation form opened with the token filled in, back to the bulletin when saved) or a jump to the
item's spoken override, and a warning whenever a bulletin is saved, submitted or approved with problems left."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.snippets.views.snippets import CreateView, WorkflowActionView

from exam_news.models.radio import Abbreviation, Bulletin
from exam_news.radio.check import Problem
from exam_news.radio.links import EMAIL_RE, URL_RE, read_link
from exam_news.radio.notes import AMBIGUOUS_NUMBER, AMBIGUOUS_SLASH, SKIPPED_SYMBOL, UNKNOWN_ABBREVIATION
from exam_news.radio.script import Script

KIND_LABELS = {
    UNKNOWN_ABBREVIATION: gettext_lazy("Từ viết tắt chưa có trong từ điển"),
    AMBIGUOUS_SLASH: gettext_lazy("Dấu gạch chéo chưa rõ nghĩa"),
    AMBIGUOUS_NUMBER: gettext_lazy("Con số chưa rõ cách đọc"),
    SKIPPED_SYMBOL: gettext_lazy("Ký hiệu không đọc được (bị bỏ qua)"),
}
FIELD_LABELS = {"heading": gettext_lazy("tiêu đề"), "display_text": gettext_lazy("nội dung")}


@dataclass(frozen=True)
class ProblemRow:
    token: str
    kind_label: str
    field_label: str
    start: int | None
    reading: str
    add_entry_url: str


@dataclass(frozen=True)
class ItemCheck:
    position: int
    heading: str
    override_field_id: str
    problems: tuple[ProblemRow, ...]


@dataclass(frozen=True)
class AddressRow:
    """An e-mail or web address in an item, its full and short readings, and a dictionary entry for it."""

    position: int
    address: str
    full: str
    short: str
    add_entry_url: str


def abbreviation_add_url(token: str, next_url: str = "", spoken: str = "") -> str:
    query = {"written": token, **({"spoken": spoken} if spoken else {}), **({"next": next_url} if next_url else {})}
    return f"{reverse(Abbreviation.snippet_viewset.get_url_name('add'))}?{urlencode(query)}"


def item_checks(script: Script, next_url: str = "") -> list[ItemCheck]:
    """Items that have problems, in broadcast order (the form's item rows are in the same order)."""
    checks = []
    for index, item in enumerate(script.items):
        if not item.problems:
            continue
        checks.append(ItemCheck(
            position=item.position, heading=item.heading, override_field_id=f"id_items-{index}-spoken_override",
            problems=tuple(_row(field, problem, next_url) for field, problem in item.problems),
        ))
    return checks


def _row(field: str, problem: Problem, next_url: str) -> ProblemRow:
    return ProblemRow(token=problem.token, kind_label=str(KIND_LABELS.get(problem.kind, problem.kind)),
                      field_label=str(FIELD_LABELS.get(field, field)), start=problem.start,
                      reading=problem.reading, add_entry_url=abbreviation_add_url(problem.token, next_url))


def item_addresses(script: Script, next_url: str = "") -> list[AddressRow]:
    """Addresses the items spell out, so an editor can choose a shorter reading (a dictionary entry for the
    whole address, filled with the short form to edit)."""
    rows = []
    for item in script.items:
        if item.overridden:
            continue
        found = [m.group().rstrip(".,;:!?)]}\"'") for m in (*EMAIL_RE.finditer(item.display_text),
                                                               *URL_RE.finditer(item.display_text))]
        for address in dict.fromkeys(a for a in found if "@" in a or not EMAIL_RE.search(a)):
            full, short = read_link(address), read_link(address, "short")
            fits = len(address) <= Abbreviation._meta.get_field("written").max_length
            rows.append(AddressRow(item.position, address, full, short,
                                   abbreviation_add_url(address, next_url, short) if fits else ""))
    return rows


def problems_message(count: int) -> str:
    return _("Lưu ý: bản tin còn %(count)s chỗ máy đọc chưa xử lý được (xem “Kiểm tra cách đọc”). Hãy thêm vào "
             "từ điển viết tắt hoặc sửa cách đọc của mục trước khi duyệt.") % {"count": count}


def warn_if_unread(request, bulletin: Bulletin) -> None:
    """A warning message while the saved draft still has reading problems (after save, submit or approve)."""
    from exam_news.radio.admin_views import editor_script

    script = editor_script(bulletin)
    if script is not None and script.problem_count:
        messages.warning(request, problems_message(script.problem_count))


class AbbreviationCreateView(CreateView):
    """The dictionary's add form, filled from ``?written=`` and returning to ``?next=`` once saved."""

    def get_initial_form_instance(self):
        written = " ".join(self.request.GET.get("written", "").split())[:60]
        spoken = " ".join(self.request.GET.get("spoken", "").split())[:300]
        if not written:
            return super().get_initial_form_instance()
        return Abbreviation(written=written, spoken=spoken)

    def get_add_url(self):
        url = super().get_add_url()
        next_url = get_valid_next_url_from_request(self.request)
        return f"{url}{'&' if '?' in url else '?'}{urlencode({'next': next_url})}" if next_url else url

    def get_success_url(self):
        return get_valid_next_url_from_request(self.request) or super().get_success_url()


class BulletinWorkflowActionView(WorkflowActionView):
    """Workflow actions from the modal (approve with a comment …) warn like the edit form does."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        warn_if_unread(request, Bulletin.objects.get(pk=self.object.pk))
        return response
