"""Opening an exam section with its standard structure, and finding sections by reference."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from cms.models import ProvinceHomePage
from exam_news.models import (
    DirectiveIndexPage,
    ExamKind,
    ExamSectionPage,
    FAQIndexPage,
    NewsIndexPage,
    NoticeIndexPage,
    RebuttalIndexPage,
    ResultsIndexPage,
    ScheduleIndexPage,
    StoryIndexPage,
    VenueIndexPage,
    section_title,
)

STANDARD_STRUCTURE: list[tuple[type[Page], str, str, str]] = [
    (ScheduleIndexPage, "Lịch thi", "lich-thi", "Lịch thi các môn, giờ có mặt và các mốc thời gian."),
    (VenueIndexPage, "Điểm thi", "diem-thi", "Danh sách điểm thi, địa chỉ và lưu ý đường đi."),
    (NewsIndexPage, "Tin tức", "tin-tuc", "Tin hoạt động chuẩn bị và tổ chức kỳ thi."),
    (StoryIndexPage, "Gương sáng mùa thi", "guong-sang", "Gương học sinh, thầy cô và tình nguyện viên."),
    (ResultsIndexPage, "Kết quả thi", "ket-qua", "Kết quả, số liệu thống kê và phúc khảo."),
    (DirectiveIndexPage, "Văn bản chỉ đạo", "van-ban", "Công văn, kế hoạch, quyết định về kỳ thi."),
    (NoticeIndexPage, "Thông báo khẩn", "thong-bao", "Thông báo khẩn, cảnh báo thời tiết và thiên tai."),
    (RebuttalIndexPage, "Chống tin giả", "chong-tin-gia", "Cải chính thông tin sai sự thật về kỳ thi."),
    (FAQIndexPage, "Hỏi - đáp", "hoi-dap", "Giải đáp thắc mắc của thí sinh và phụ huynh."),
]
SLUG_PREFIX = {ExamKind.THPT: "tot-nghiep-thpt", ExamKind.GRADE10: "tuyen-sinh-lop-10",
               ExamKind.GRADE6: "tuyen-sinh-lop-6"}


class SectionNotFound(Exception):
    pass


def section_slug(kind: str, year: int) -> str:
    return f"{SLUG_PREFIX[kind]}-{year}"


@transaction.atomic
def create_exam_section(home: ProvinceHomePage, kind: str, year: int, *, user=None,
                        publish: bool = False, **fields) -> ExamSectionPage:
    """Create the section for (kind, year) under ``home`` with all its index pages.

    Raises ValidationError when the section already exists or the data is invalid.
    """
    if kind not in ExamKind.values:
        raise ValidationError(_("Loại kỳ thi “%(kind)s” không hợp lệ; chọn một trong: %(choices)s.")
                              % {"kind": kind, "choices": ", ".join(ExamKind.values)})
    section = ExamSectionPage(
        title=fields.pop("title", None) or section_title(kind, year), slug=section_slug(kind, year),
        kind=kind, year=year, live=False, **fields,
    )
    section._clean_parent = home
    section.full_clean(exclude=["path", "depth", "slug"])
    if Page.objects.child_of(home).filter(slug=section.slug).exists():
        raise ValidationError(_("Địa chỉ “%(slug)s” đã được dùng trong cổng này.") % {"slug": section.slug})
    home.add_child(instance=section)
    _save(section, user, publish)
    for page_class, title, slug, intro in STANDARD_STRUCTURE:
        child = page_class(title=title, slug=slug, intro=intro, live=False)
        section.add_child(instance=child)
        _save(child, user, publish)
    log(instance=section, action="exam_news.create_section", user=user,
        data={"kind": kind, "year": year})
    section.refresh_from_db()
    return section


def _save(page: Page, user, publish: bool) -> None:
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user, skip_permission_checks=True)


def resolve_section(reference: str) -> ExamSectionPage:
    """Find a section by id, slug or ``KIND:YEAR`` (e.g. ``thpt:2027``)."""
    reference = reference.strip()
    sections = ExamSectionPage.objects.all()
    if reference.isdigit():
        found = sections.filter(pk=int(reference))
    elif ":" in reference:
        kind, _sep, year = reference.partition(":")
        if not year.isdigit():
            raise SectionNotFound(_("“%(ref)s” không đúng dạng LOẠI:NĂM, ví dụ thpt:2027.") % {"ref": reference})
        found = sections.filter(kind=kind.lower(), year=int(year))
    else:
        found = sections.filter(slug=reference)
    matches = list(found[:2])
    if not matches:
        raise SectionNotFound(_("Không tìm thấy chuyên mục kỳ thi “%(ref)s” (dùng id, slug hoặc "
                                "LOẠI:NĂM, ví dụ thpt:2027).") % {"ref": reference})
    if len(matches) > 1:
        raise SectionNotFound(_("“%(ref)s” khớp nhiều chuyên mục (nhiều cổng tỉnh); hãy dùng id.")
                              % {"ref": reference})
    return matches[0]


def schedule_page_of(section: ExamSectionPage) -> ScheduleIndexPage:
    page = ScheduleIndexPage.objects.child_of(section).first()
    if page is None:
        raise SectionNotFound(_("Chuyên mục “%(title)s” chưa có trang Lịch thi.") % {"title": section.title})
    return page


def province_of(section: ExamSectionPage):
    """The province (administrative unit) of the portal the section belongs to."""
    home = section.get_parent().specific
    province = getattr(home, "province", None)
    if province is None:
        raise SectionNotFound(_("Trang chủ “%(title)s” chưa chọn tỉnh/thành phố.") % {"title": home.title})
    return province
