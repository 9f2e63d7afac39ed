"""The exam-season dashboard of the admin home: what is going on in the current sections, for one user.

``exam_season(user)`` reads everything with a constant number of queries, whatever the number of sections,
pages, notices or imports: the current sections and their parts, counts per kind and status, the items
waiting for the user's review, the next scheduled release bundle, the notices in force (the one public
rule, ``exam_news.public``) and the latest spreadsheet imports (from Wagtail's audit log, where the
importers record them). An area editor's counts cover only the pages they may edit.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import registry as log_actions
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.areas import scope_of
from cms.models import ROOT_PATH_LENGTH
from exam_news import kinds
from exam_news import models as m
from exam_news.public.site import root_context
from exam_news.public.visibility import in_sections, public

IMPORT_ACTIONS = ("exam_news.import_venues", "exam_news.import_schedule", "exam_news.import_articles")
REVIEW_LIMIT = 10
NOTICE_LIMIT = 10
IMPORT_LIMIT = 5


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class SectionSummary:
    title: str
    live: bool
    edit_url: str
    explore_url: str
    parts: tuple[Link, ...]


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    published: int = 0  # live (possibly with changes in review or in a draft)
    in_review: int = 0  # in a review workflow now
    scheduled: int = 0  # not live, approved to go live at a moment (or held by a release bundle)
    drafts: int = 0  # not live, neither in review nor scheduled


@dataclass(frozen=True)
class ReviewItem:
    title: str
    url: str
    requested_by: str
    since: datetime.datetime
    task: str

    @property
    def moment(self) -> str:
        return format_moment(self.since)


@dataclass(frozen=True)
class NextRelease:
    name: str
    url: str
    section_title: str
    release_at: datetime.datetime
    seconds_left: int
    item_count: int

    @property
    def moment(self) -> str:
        return format_moment(self.release_at)

    @property
    def countdown(self) -> str:
        return countdown_text(self.seconds_left)

    @property
    def countdown_templates(self) -> dict[str, str]:
        return countdown_templates()


@dataclass(frozen=True)
class ActiveNotice:
    title: str
    url: str
    kind_label: str
    urgency_label: str
    valid_until: datetime.datetime | None

    @property
    def until(self) -> str:
        if self.valid_until is None:
            return _("đến khi thu hồi")
        return _("đến %(moment)s") % {"moment": format_moment(self.valid_until)}


@dataclass(frozen=True)
class ImportRecord:
    label: str
    at: datetime.datetime
    section_title: str
    user: str
    file: str
    result: str

    @property
    def moment(self) -> str:
        return format_moment(self.at)


@dataclass(frozen=True)
class Dashboard:
    sections: tuple[SectionSummary, ...]
    counts: tuple[KindCount, ...]
    area_only: bool  # the counts cover only the pages of the user's areas
    reviews: tuple[ReviewItem, ...]
    reviews_total: int
    next_release: NextRelease | None
    show_release: bool
    notices: tuple[ActiveNotice, ...]
    imports: tuple[ImportRecord, ...]
    show_imports: bool

    @property
    def total(self) -> KindCount:
        return KindCount("total", _("Tổng"), *(sum(getattr(c, f) for c in self.counts)
                                               for f in ("published", "in_review", "scheduled", "drafts")))


def format_moment(moment: datetime.datetime) -> str:
    """dd/mm/yyyy HH:MM in the current time zone (Asia/Ho_Chi_Minh unless the editor chose another)."""
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def countdown_text(seconds: int) -> str:
    """"còn 2 ngày 3 giờ", "còn 5 giờ 12 phút", "còn 4 phút 09 giây", "còn 30 giây" — the same wording as
    ``static/exam_news/js/countdown.js``, which keeps it up to date in the browser."""
    if seconds <= 0:
        return _("đã đến giờ phát hành")
    days, rest = divmod(int(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return _("còn %(days)s ngày %(hours)s giờ") % {"days": days, "hours": hours}
    if hours:
        return _("còn %(hours)s giờ %(minutes)s phút") % {"hours": hours, "minutes": minutes}
    if minutes:
        return _("còn %(minutes)s phút %(seconds)s giây") % {"minutes": minutes, "seconds": f"{secs:02d}"}
    return _("còn %(seconds)s giây") % {"seconds": secs}


COUNTDOWN_FORMS = {
    "days": {"days": "{days}", "hours": "{hours}"},
    "hours": {"hours": "{hours}", "minutes": "{minutes}"},
    "minutes": {"minutes": "{minutes}", "seconds": "{seconds}"},
    "seconds": {"seconds": "{seconds}"},
}


def countdown_templates() -> dict[str, str]:
    """The wordings of ``countdown_text`` with {placeholders}, for the script that updates it in the browser."""
    wordings = {"days": _("còn %(days)s ngày %(hours)s giờ"), "hours": _("còn %(hours)s giờ %(minutes)s phút"),
                "minutes": _("còn %(minutes)s phút %(seconds)s giây"), "seconds": _("còn %(seconds)s giây")}
    return {"due": _("đã đến giờ phát hành"),
            **{form: wordings[form] % COUNTDOWN_FORMS[form] for form in COUNTDOWN_FORMS}}


def exam_season(user: AbstractBaseUser, now: datetime.datetime | None = None) -> Dashboard:
    """Everything the dashboard panel shows to ``user`` at ``now``."""
    now = now or timezone.now()
    root = PagePermissionPolicy().explorable_root_instance(user)
    sections = current_sections(root)
    scope = scope_of(user)
    show_release = user.has_perm("exam_news.view_releasebundle")
    show_imports = user.has_perm("exam_news.import_content")
    reviews, reviews_total = review_queue(user)
    return Dashboard(
        sections=section_summaries(sections),
        counts=kind_counts(sections, scope),
        area_only=scope is not None,
        reviews=reviews,
        reviews_total=reviews_total,
        next_release=next_release(root, now) if show_release and root is not None else None,
        show_release=show_release,
        notices=active_notices(sections, now),
        imports=latest_imports(root) if show_imports and root is not None else (),
        show_imports=show_imports,
    )


def current_sections(root: Page | None) -> list[m.ExamSectionPage]:
    """The sections of the newest year of each province site below ``root`` (live or not), by title."""
    if root is None:
        return []
    rows = list(m.ExamSectionPage.objects.filter(path__startswith=root.path)
                .only("pk", "title", "path", "depth", "live", "year", "kind").order_by("-year", "kind"))
    newest: dict[str, int] = {}
    for section in rows:
        newest.setdefault(section.path[:ROOT_PATH_LENGTH], section.year)
    return [s for s in rows if s.year == newest[s.path[:ROOT_PATH_LENGTH]]]


def section_summaries(sections: list[m.ExamSectionPage]) -> tuple[SectionSummary, ...]:
    if not sections:
        return ()
    children = Page.objects.filter(reduce(or_, (Q(path__startswith=s.path, depth=s.depth + 1) for s in sections)))
    parts: dict[str, list[Link]] = {}
    for child in children.order_by("path").only("pk", "title", "path"):
        parts.setdefault(child.path[:-Page.steplen], []).append(
            Link(child.title, reverse("wagtailadmin_explore", args=[child.pk])))
    return tuple(SectionSummary(
        title=s.title, live=s.live, edit_url=reverse("wagtailadmin_pages:edit", args=[s.pk]),
        explore_url=reverse("wagtailadmin_explore", args=[s.pk]), parts=tuple(parts.get(s.path, ())),
    ) for s in sections)


def editable_in_areas(pages: QuerySet, scope: set[int]) -> QuerySet:
    """The pages an area editor may edit: tagged, and only with units of their scope (``cms.areas.within_scope``,
    read from the pages' saved areas: a draft that moves a live page to another area counts where it is live)."""
    through = m.ExamContentPage.areas.through
    tags = through.objects.filter(examcontentpage_id=OuterRef("pk"))
    return pages.filter(Exists(tags)).exclude(Exists(tags.exclude(administrativeunit_id__in=scope)))


def kind_counts(sections: list[m.ExamSectionPage], scope: set[int] | None) -> tuple[KindCount, ...]:
    """Published, in review, scheduled and draft pages of each article kind in ``sections`` (one query)."""
    if not sections:
        return tuple(KindCount(k.name, str(k.label)) for k in kinds.ARTICLES)
    pages = in_sections(m.ExamContentPage.objects.all(), sections)
    if scope is not None:
        pages = editable_in_areas(pages, scope)
    page_type = ContentType.objects.get_for_model(Page)
    object_id = Cast(OuterRef("pk"), output_field=CharField())
    rows = (pages.alias(
        reviewing=Exists(WorkflowState.objects.filter(base_content_type=page_type, object_id=object_id,
                                                      status=WorkflowState.STATUS_IN_PROGRESS)),
        waiting=Exists(Revision.objects.filter(base_content_type=page_type, object_id=object_id,
                                               approved_go_live_at__isnull=False)),
    ).order_by().values("content_type_id").annotate(
        published=Count("pk", filter=Q(live=True)),
        in_review=Count("pk", filter=Q(reviewing=True)),
        scheduled=Count("pk", filter=Q(live=False, reviewing=False, waiting=True)),
        drafts=Count("pk", filter=Q(live=False, reviewing=False, waiting=False)),
    ))
    types = ContentType.objects.get_for_models(*(k.model for k in kinds.ARTICLES))
    kind_of_type = {types[k.model].pk: k.name for k in kinds.ARTICLES}
    found = {kind_of_type[row.pop("content_type_id")]: row for row in rows
             if row["content_type_id"] in kind_of_type}
    return tuple(KindCount(k.name, str(k.label), **found.get(k.name, {})) for k in kinds.ARTICLES)


def review_queue(user: AbstractBaseUser) -> tuple[tuple[ReviewItem, ...], int]:
    """The newest items waiting for ``user``'s review (pages and snippets such as bulletins) and how many."""
    states = TaskState.objects.reviewable_by(user)
    total = states.count()
    if not total:
        return (), 0
    rows = (states.select_related("revision", "task", "workflow_state__requested_by")
            .order_by("-started_at", "-pk")[:REVIEW_LIMIT])
    items = []
    for state in rows:
        revision = state.revision
        requester = state.workflow_state.requested_by
        items.append(ReviewItem(
            title=revision.object_str, url=_edit_url(revision.content_type_id, revision.object_id),
            requested_by=(requester.get_full_name() or requester.get_username()) if requester else "",
            since=state.started_at, task=state.task.name,
        ))
    return tuple(items), total


def _edit_url(content_type_id: int, object_id: str) -> str:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is not None and issubclass(model, Page):
        return reverse("wagtailadmin_pages:edit", args=[object_id])
    viewset = getattr(model, "snippet_viewset", None)
    try:
        return reverse(viewset.get_url_name("edit"), args=[object_id]) if viewset else ""
    except NoReverseMatch:
        return ""


def next_release(root: Page, now: datetime.datetime) -> NextRelease | None:
    """The earliest scheduled release bundle below ``root`` (also one whose moment passed, still waiting)."""
    bundle = (m.ReleaseBundle.objects.filter(status=m.ReleaseBundle.Status.SCHEDULED,
                                             section__path__startswith=root.path)
              .select_related("section").annotate(item_count=Count("items")).order_by("release_at", "pk").first())
    if bundle is None:
        return None
    return NextRelease(
        name=bundle.name, url=_edit_url(ContentType.objects.get_for_model(m.ReleaseBundle).pk, str(bundle.pk)),
        section_title=bundle.section.title, release_at=bundle.release_at,
        seconds_left=max(0, int((bundle.release_at - now).total_seconds())), item_count=bundle.item_count,
    )


def active_notices(sections: list[m.ExamSectionPage], now: datetime.datetime) -> tuple[ActiveNotice, ...]:
    """Notices of the current sections in force and public now (the one public rule), newest first."""
    notices: list[m.NoticePage] = []
    for root_path in sorted({s.path[:ROOT_PATH_LENGTH] for s in sections}):
        context = root_context(root_path, now)
        if context is None:
            continue
        found = public(m.NoticePage.objects.in_force_at(now), context)
        found = in_sections(found, [s for s in sections if s.path.startswith(root_path)])
        notices += found.only("pk", "title", "notice_kind", "urgency", "valid_from", "valid_until") \
            .order_by("-valid_from", "-pk")[:NOTICE_LIMIT]
    notices.sort(key=lambda n: (n.valid_from, n.pk), reverse=True)
    return tuple(ActiveNotice(
        title=n.title, url=reverse("wagtailadmin_pages:edit", args=[n.pk]), kind_label=n.get_notice_kind_display(),
        urgency_label=n.get_urgency_display(), valid_until=n.valid_until,
    ) for n in notices[:NOTICE_LIMIT])


def latest_imports(root: Page) -> tuple[ImportRecord, ...]:
    """The latest spreadsheet and legacy-portal imports below ``root``, as the importers logged them."""
    entries = (PageLogEntry.objects.filter(action__in=IMPORT_ACTIONS, page__path__startswith=root.path)
               .select_related("user").order_by("-timestamp", "-pk")[:IMPORT_LIMIT])
    return tuple(ImportRecord(
        label=_action_label(entry), at=entry.timestamp,
        section_title=entry.label, user=_user_name(entry),
        file=(entry.data or {}).get("file", ""), result=import_result(entry.data or {}),
    ) for entry in entries)


def _action_label(entry: PageLogEntry) -> str:
    # get_formatter (unlike get_action_label) first collects the actions the register_log_actions hooks register.
    formatter = log_actions.get_formatter(entry)
    return str(formatter.label) if formatter else entry.action


def import_result(data: dict) -> str:
    """"12 mới, 3 cập nhật, 40 không đổi, 1 xoá, đã xuất bản" from what the importer logged."""
    parts = [_("%(count)s mới") % {"count": data.get("created", 0)},
             _("%(count)s cập nhật") % {"count": data.get("updated", 0)}]
    if data.get("unchanged"):
        parts.append(_("%(count)s không đổi") % {"count": data["unchanged"]})
    if data.get("removed"):
        parts.append(_("%(count)s xoá") % {"count": data["removed"]})
    if "published" in data:
        parts.append(_("đã xuất bản") if data["published"] else _("chờ duyệt"))
    return ", ".join(parts)


def _user_name(entry: PageLogEntry) -> str:
    # The commands (import_venues, import_articles …) log without a user.
    return entry.user_display_name if entry.user_id else _("dòng lệnh")
