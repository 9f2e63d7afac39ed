"""Import of articles from a province's old portal (JSON Lines, one article per line), all-or-nothing.

Each line: ``id``, ``kind`` (news, story, directive, notice, rebuttal, faq), ``title``, ``summary``, ``body``
(plain text or HTML), ``published`` (ISO date or date-time) and ``area`` (a unit name or code, or a list of
them; empty means province-wide). Kind-specific optional keys are listed in ``KINDS``; any other key is
ignored with a warning.

Decisions:

* Times without an offset are Vietnamese local time (Asia/Ho_Chi_Minh); a date alone means 00:00 local.
  The page's ``date`` is the local date; ``first_published_at`` and ``last_published_at`` are set to the
  original moment when the page is created. Re-running with changed content publishes a new revision, so
  ``last_published_at`` then records the correction (portals syncing with ``updated_since`` see it) while
  ``first_published_at`` keeps the original moment.
* Items are keyed by (section, ``id``) through ``source_id``; unchanged items are left alone on a re-run.
* Areas are the province's current communes and its legacy districts (by 5-digit or 3-digit code, or by
  name ignoring diacritics, case and the unit-type prefix). A bare name shared by a legacy district and a
  current commune ("Tân Châu": the old town and today's ward) means the unit that existed on the
  publication date: the legacy district before the 1 July 2025 reorganisation, the commune after.
* Directives need registry data the old portal did not keep: the number comes from a ``number`` key or
  the title/body ("Số 860/STTTT-TTBCXB"), the type from ``doc_type``, the title's first words or the
  symbol's type code (a symbol without one, like 860/STTTT-TTBCXB, is a công văn); the issuer and signer
  get the placeholder ``UNKNOWN`` unless given, and editors' later corrections of them survive re-runs.
* Notices are historical: kind "other", valid for 24 hours from publication, so they never show as active.
"""

import datetime
import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from cms.areas import UnitNotFound, communes_of, legacy_districts_of, match_unit, split_unit_name
from cms.models import AdministrativeUnit
from cms.text import fold
from exam_news import models as m
from exam_news.importers.richtext import body_blocks, comparable
from exam_news.importers.tables import MAX_ROWS, Column, ImportFileError, ImportReport, Row, RowError, validated
from exam_news.kinds import article_model, kind_of
from exam_news.models.publishing_rules import PublishBlocked
from exam_news.sections import province_of

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# Communes replaced districts on 1 July 2025 (Resolution 202/2025/QH15).
REORGANISATION = datetime.datetime(2025, 7, 1, tzinfo=VIETNAM)
UNKNOWN = "(không rõ — nhập từ cổng cũ)"
LEGACY_SOURCE = "Bài đăng trên cổng thông tin cũ của tỉnh"
NOTICE_VALIDITY = datetime.timedelta(hours=24)
COMMON_KEYS = ("id", "kind", "title", "summary", "body", "published", "area")


@dataclass(frozen=True)
class Importable:
    """An article kind (``exam_news.kinds``) the import writes: where its pages go, and its own keys."""

    kind: str
    index: type[Page]
    extras: tuple[str, ...] = ()

    @property
    def page(self) -> type[m.ExamContentPage]:
        return article_model(self.kind)


KINDS = {spec.kind: spec for spec in (
    Importable("news", m.NewsIndexPage),
    Importable("story", m.StoryIndexPage, ("story_kind",)),
    Importable("directive", m.DirectiveIndexPage, ("number", "doc_type", "issuer", "signer")),
    Importable("notice", m.NoticeIndexPage),
    Importable("rebuttal", m.RebuttalIndexPage, ("official_source",)),
    Importable("faq", m.FAQIndexPage, ("question_topic",)),
)}
# Model fields reported under the JSON key they come from.
FIELD_KEYS = {
    "source_id": "id", "title": "title", "draft_title": "title", "summary": "summary", "body": "body",
    "date": "published",
    "number": "number", "doc_type": "doc_type", "issued_on": "published", "issuer": "issuer",
    "subject": "title", "signer_name": "signer", "signer_title": "signer", "claim": "summary",
    "official_source_title": "official_source", "valid_from": "published", "story_kind": "story_kind",
    "question_topic": "question_topic",
}
KEY_COLUMNS = {name: Column(key) for name, key in FIELD_KEYS.items()}

# "Số 860/STTTT-TTBCXB", "860/KH-UBND", "12/2025/TT-BGDĐT", "1234/QĐ-SGDĐT"
SYMBOL = r"\d{1,6}(?:/\d{4})?/[A-ZĐ][A-ZĐ0-9&.\-]*[A-ZĐ0-9]"
NUMBERED = re.compile(r"\b(?i:s[ốo])\s*(?:(?i:hiệu)\s*)?:?\s*(" + SYMBOL + r")")
BARE_SYMBOL = re.compile(r"(?<![\w/])(" + SYMBOL + r")(?![\w/])")
DOC_TYPE_WORDS = {fold(str(t.label)): t.value for t in m.DocumentType}
DOC_TYPE_CODES = {"KH": m.DocumentType.PLAN, "QĐ": m.DocumentType.DECISION, "TB": m.DocumentType.ANNOUNCEMENT,
                  "CT": m.DocumentType.INSTRUCTION, "TT": m.DocumentType.CIRCULAR}


@dataclass(frozen=True)
class LineError(RowError):
    """A bad line of a JSON Lines file; ``column`` is the JSON key ("" for the whole line)."""

    def __str__(self) -> str:
        if not self.column:
            return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Dòng %(row)s, trường “%(column)s”: %(message)s") % {
            "row": self.row, "column": self.column, "message": self.message}


class LineProblem(ValueError):
    def __init__(self, key: str, message: str):
        self.key = key
        super().__init__(message)


@dataclass
class Article:
    line: int
    kind: str
    page: m.ExamContentPage
    published: datetime.datetime
    areas: list[AdministrativeUnit] = field(default_factory=list)
    is_new: bool = True
    before: tuple | None = None  # what the existing page had, for telling whether anything changed
    changed: bool = True


def import_articles(section: m.ExamSectionPage, lines: Iterable[str | bytes], *, dry_run: bool = False,
                    user=None, filename: str = "") -> ImportReport:
    """Check every line; write (create or update and publish) only if all lines are good and not a dry run."""
    return _ArticleImport(section, dry_run=dry_run, user=user).run(lines, filename)


class _ArticleImport:
    def __init__(self, section: m.ExamSectionPage, *, dry_run: bool, user):
        self.section, self.user = section, user
        self.report = ImportReport(dry_run=dry_run)
        self.areas = AreaMatcher(province_of(section))
        self.existing = {p.source_id: p for p in
                         m.ExamContentPage.objects.descendant_of(section).exclude(source_id="").specific()}
        self.indexes = {kind: spec.index.objects.child_of(section).first() for kind, spec in KINDS.items()}
        self.seen: dict[str, int] = {}

    def run(self, lines: Iterable[str | bytes], filename: str) -> ImportReport:
        report = self.report
        articles = []
        for number, raw in enumerate(lines, start=1):
            if number > MAX_ROWS:
                raise ImportFileError(_("Tệp có quá %(max)s dòng.") % {"max": MAX_ROWS})
            article = self._line(number, raw)
            if article is not None:
                articles.append(article)
        if not report.rows:
            raise ImportFileError(_("Tệp không có dòng dữ liệu nào."))
        report.created = sum(a.is_new for a in articles)
        report.updated = sum(a.changed and not a.is_new for a in articles)
        report.unchanged = len(articles) - report.created - report.updated
        if report.errors or report.dry_run:
            return report
        try:
            with transaction.atomic():
                for article in articles:
                    if article.changed:
                        self._save(article)
                log(instance=self.section, action="exam_news.import_articles", user=self.user,
                    data={"file": filename, "created": report.created, "updated": report.updated})
        except _SaveFailed as failure:
            report.errors.append(failure.error)
            report.created = report.updated = report.unchanged = 0
        return report

    # --- reading and checking one line ---

    def _line(self, number: int, raw: str | bytes) -> Article | None:
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                self.report.rows += 1
                return self._fail(number, "", _("không đọc được dòng; tệp phải được lưu dạng UTF-8."))
        if number == 1:
            raw = raw.lstrip("\ufeff")  # a byte-order mark left by a text-mode read
        if not raw.strip():
            return None
        self.report.rows += 1
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            return self._fail(number, "", _("không phải JSON hợp lệ (%(reason)s, ký tự %(col)s).")
                              % {"reason": exc.msg, "col": exc.colno})
        if not isinstance(data, dict):
            return self._fail(number, "", _("mỗi dòng phải là một đối tượng JSON {…}."))
        errors_before = len(self.report.errors)
        try:
            article = self._article(number, data)
        except LineProblem as problem:
            return self._fail(number, problem.key, str(problem))
        if article is None or len(self.report.errors) > errors_before:
            return None
        if not validated(article.page, Row(number, data), KEY_COLUMNS, self.report,
                         exclude=["path", "depth", "slug", "url_path"], validate_unique=False):
            new = dict.fromkeys(LineError(e.row, e.column, e.message) for e in self.report.errors[errors_before:])
            self.report.errors[errors_before:] = list(new)  # title and draft_title say the same
            return None
        if not article.is_new:
            article.changed = _fingerprint(article.page, article.areas) != article.before
            problems = article.page.publish_problems() if article.changed else []
            if problems:
                return self._fail(number, "", " ".join(problems))
        return article

    def _fail(self, number: int, key: str, message: str) -> None:
        self.report.errors.append(LineError(number, key, message))
        return None

    def _article(self, number: int, data: dict[str, Any]) -> Article | None:
        source_id = _text(data, "id", required=True)
        if source_id in self.seen:
            raise LineProblem("id", _("mã “%(id)s” trùng với dòng %(other)s.")
                              % {"id": source_id, "other": self.seen[source_id]})
        self.seen[source_id] = number
        kind = _text(data, "kind", required=True).lower()
        if kind not in KINDS:
            raise LineProblem("kind", _("loại “%(kind)s” không hợp lệ; chọn một trong: %(choices)s.")
                              % {"kind": kind, "choices": ", ".join(KINDS)})
        spec = KINDS[kind]
        unknown = [k for k in data if k not in COMMON_KEYS and k not in spec.extras]
        if unknown:
            self.report.warnings.append(_("Dòng %(row)s: bỏ qua trường không dùng: %(keys)s.") % {
                "row": number, "keys": ", ".join(f"“{k}”" for k in unknown)})
        title = _text(data, "title", required=True)
        published = parse_published(data.get("published"))
        areas = self._areas(data.get("area"), published)
        page = self.existing.get(source_id)
        if page is not None and not isinstance(page, spec.page):
            old_kind = kind_of(page)
            raise LineProblem("kind", _("bài “%(id)s” đã được nhập với loại “%(old)s”; không đổi được loại khi "
                                        "nhập lại.") % {"id": source_id, "old": old_kind})
        is_new, before = page is None, None
        if is_new:
            if self.indexes[kind] is None:
                raise LineProblem("kind", _("chuyên mục chưa có trang mục “%(index)s”.")
                                  % {"index": spec.index._meta.verbose_name})
            page = spec.page(source_id=source_id)
        else:
            before = _fingerprint(page, list(page.areas.all()))
        summary = _text(data, "summary")
        limit = m.ExamContentPage._meta.get_field("summary").max_length
        if len(summary) > limit:  # a TextField's max_length is only checked by forms
            raise LineProblem("summary", _("dài %(n)s ký tự, tối đa %(max)s.") % {"n": len(summary), "max": limit})
        page.title, page.draft_title, page.summary = title, title, summary
        page.body = body_blocks(_text(data, "body"))
        page.date = published.astimezone(VIETNAM).date()
        page.first_published_at = published
        _KIND_FIELDS[kind](page, data, published, is_new)
        return Article(number, kind, page, published, areas, is_new=is_new, before=before)

    def _areas(self, value: Any, published: datetime.datetime) -> list[AdministrativeUnit]:
        if value is None or value == "":
            return []
        references = value if isinstance(value, list) else [value]
        if not all(isinstance(r, str | int) and not isinstance(r, bool) for r in references):
            raise LineProblem("area", _("phải là tên hoặc mã đơn vị hành chính (hoặc danh sách các tên, mã)."))
        units = []
        for reference in references:
            if str(reference).strip():
                try:
                    units.append(self.areas.match(str(reference), published))
                except UnitNotFound as exc:
                    raise LineProblem("area", str(exc)) from exc
        return list(dict.fromkeys(units))

    # --- writing ---

    def _save(self, article: Article) -> None:
        page = article.page
        try:
            if article.is_new:
                # Generated again among the real siblings; saving as live (published right after, in the
                # same transaction) runs the full clean that folds Vietnamese titles into ASCII slugs.
                page.slug, page.live = "", True
                self.indexes[article.kind].add_child(instance=page)
            page.areas.set(article.areas)
            revision = page.save_revision(user=self.user, log_action=True)
            revision.publish(user=self.user, skip_permission_checks=True)
        except (ValidationError, PublishBlocked) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else exc.reasons
            raise _SaveFailed(LineError(article.line, "", " ".join(messages))) from exc
        if article.is_new:
            Page.objects.filter(pk=page.pk).update(first_published_at=article.published,
                                                   last_published_at=article.published)


class _SaveFailed(Exception):
    def __init__(self, error: LineError):
        self.error = error


# --- values ------------------------------------------------------------------------------------------

def _text(data: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = data.get(key)
    if isinstance(value, int) and not isinstance(value, bool) and key == "id":
        value = str(value)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise LineProblem(key, _("phải là chuỗi ký tự."))
    value = value.strip()
    if required and not value:
        raise LineProblem(key, _("bắt buộc, không được để trống."))
    return value


def parse_published(value: Any) -> datetime.datetime:
    """An ISO date ("2024-06-27", 00:00 Vietnamese time) or date-time (local time unless an offset is given)."""
    if not isinstance(value, str) or not value.strip():
        raise LineProblem("published", _("bắt buộc: ngày đăng dạng ISO, ví dụ 2024-06-27 hoặc "
                                         "2024-06-27T08:30:00+07:00."))
    text = value.strip()
    try:
        if len(text) == 10:
            moment = datetime.datetime.combine(datetime.date.fromisoformat(text), datetime.time())
        else:
            moment = datetime.datetime.fromisoformat(text)
    except ValueError as exc:
        raise LineProblem("published", _("“%(v)s” không phải ngày hoặc thời điểm dạng ISO (ví dụ 2024-06-27 "
                                         "hoặc 2024-06-27T08:30:00+07:00).") % {"v": text}) from exc
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=VIETNAM)
    if moment > timezone.now():
        raise LineProblem("published", _("“%(v)s” ở tương lai; bài cũ phải có ngày đăng đã qua.") % {"v": text})
    return moment


def _fingerprint(page: m.ExamContentPage, areas: list[AdministrativeUnit]) -> tuple:
    """What the import sets on a page, to tell whether a re-run changes anything."""
    names = ["title", "summary", "date", "first_published_at", *sorted(_SPECIFIC_FIELDS.get(type(page), ()))]
    return (tuple(getattr(page, n) for n in names), tuple(comparable(page.body)),
            tuple(sorted(u.pk for u in areas)))


def _news(page, data, published, is_new) -> None:
    pass


def _story(page: m.StoryPage, data, published, is_new) -> None:
    page.story_kind = _text(data, "story_kind") or (page.story_kind if not is_new else m.StoryKind.STUDENT)


def _faq(page: m.QuestionPage, data, published, is_new) -> None:
    page.question_topic = _text(data, "question_topic") or (page.question_topic if not is_new
                                                            else m.QuestionTopic.OTHER)


def _notice(page: m.NoticePage, data, published, is_new) -> None:
    page.notice_kind, page.disaster_risk_level = m.NoticeKind.OTHER, None
    page.valid_from, page.valid_until = published, published + NOTICE_VALIDITY


def _rebuttal(page: m.RebuttalPage, data, published, is_new) -> None:
    page.claim = page.summary or page.title
    page.official_source_title = _text(data, "official_source") or _kept(page, "official_source_title",
                                                                         LEGACY_SOURCE, is_new)


def _directive(page: m.DirectivePage, data, published, is_new) -> None:
    body_text = " ".join(str(v) for _k, v in comparable(page.body))
    number = _text(data, "number") or find_document_number(page.title) or find_document_number(body_text)
    if not number:
        raise LineProblem("number", _("không tìm thấy số, ký hiệu văn bản trong tiêu đề hoặc nội dung (ví dụ "
                                      "“Số 860/STTTT-TTBCXB”); hãy thêm trường “number”."))
    page.number = number
    page.doc_type = _doc_type(_text(data, "doc_type"), page.title, number)
    page.issued_on = published.astimezone(VIETNAM).date()
    page.subject = directive_subject(page.title, number)[:500]
    page.issuer = _text(data, "issuer") or _kept(page, "issuer", UNKNOWN, is_new)
    signer = _text(data, "signer")
    page.signer_name = signer or _kept(page, "signer_name", UNKNOWN, is_new)
    page.signer_title = _kept(page, "signer_title", UNKNOWN, is_new)


def _kept(page, name: str, placeholder: str, is_new: bool) -> str:
    """A field the file does not give: keep what editors entered since, else the placeholder."""
    return placeholder if is_new else (getattr(page, name) or placeholder)


_KIND_FIELDS = {"news": _news, "story": _story, "directive": _directive, "notice": _notice,
                "rebuttal": _rebuttal, "faq": _faq}
_SPECIFIC_FIELDS = {
    m.StoryPage: ("story_kind",), m.QuestionPage: ("question_topic",),
    m.NoticePage: ("notice_kind", "valid_from", "valid_until"),
    m.RebuttalPage: ("claim", "official_source_title"),
    m.DirectivePage: ("number", "doc_type", "issued_on", "subject", "issuer", "signer_name", "signer_title"),
}


def find_document_number(text: str) -> str | None:
    """The document symbol in a title or text: after "Số"/"số" if written so, else the first symbol."""
    match = NUMBERED.search(text) or BARE_SYMBOL.search(text)
    return match.group(1) if match else None


def _doc_type(given: str, title: str, number: str) -> str:
    if given:
        key = fold(given)
        value = DOC_TYPE_WORDS.get(key, given if given in m.DocumentType.values else None)
        if value is None:
            raise LineProblem("doc_type", _("loại văn bản “%(v)s” không hợp lệ; chọn một trong: %(choices)s.")
                              % {"v": given, "choices": ", ".join(str(t.label) for t in m.DocumentType)})
        return value
    folded = fold(title)
    for words, value in DOC_TYPE_WORDS.items():
        if folded.startswith(words):
            return value
    # Nghị định 30/2020/NĐ-CP: a symbol names its type ("52/KH-UBND"), except a công văn's ("860/STTTT-TTBCXB").
    code = number.rsplit("/", 1)[-1].split("-", 1)[0]
    return DOC_TYPE_CODES.get(code, m.DocumentType.OFFICIAL_LETTER)


def directive_subject(title: str, number: str) -> str:
    """The title without its leading "Công văn số 860/…" and separators, else the whole title."""
    position = title.find(number)
    rest = title[position + len(number):] if position != -1 and position < 40 else title
    rest = rest.lstrip(" :,.;–—-\t")
    return (rest[:1].upper() + rest[1:]) if rest else title


# --- areas -------------------------------------------------------------------------------------------

class AreaMatcher:
    """The province's communes and legacy districts, matched by code or by name."""

    def __init__(self, province: AdministrativeUnit):
        self.communes = communes_of(province)
        self.districts = legacy_districts_of(province)
        self.units = [*self.communes, *self.districts]

    def match(self, reference: str, published: datetime.datetime) -> AdministrativeUnit:
        reference = reference.strip()
        if reference.isdigit():
            candidates = self.communes if len(reference) > 3 else self.districts
            return match_unit(reference, candidates)
        unit_type, key = split_unit_name(reference)
        found = [u for u in self.units if u.name_key == key]
        typed = [u for u in found if u.unit_type == unit_type]
        if unit_type and typed:
            found = typed
        if len(found) > 1:
            level = AdministrativeUnit.Level.LEGACY_DISTRICT if published < REORGANISATION \
                else AdministrativeUnit.Level.COMMUNE
            at_level = [u for u in found if u.level == level]
            found = at_level if len(at_level) == 1 else found
        if len(found) == 1:
            return found[0]
        if found:  # still ambiguous: match_unit names the candidates
            return match_unit(reference, AdministrativeUnit.objects.filter(pk__in=[u.pk for u in found]))
        message = _("không tìm thấy đơn vị hành chính “%(ref)s” trong tỉnh (xã, phường hiện nay hoặc huyện, "
                    "thị xã, thành phố trước sắp xếp).") % {"ref": reference}
        keys = {u.name_key: u for u in self.units}
        close = difflib.get_close_matches(key, keys, n=3, cutoff=0.75)
        if close:
            message += " " + _("Có phải: %(names)s?") % {"names": ", ".join(keys[k].name for k in close)}
        raise UnitNotFound(message)
