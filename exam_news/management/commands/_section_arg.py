from django.core.management.base import CommandError

from exam_news.models import ExamSectionPage
from exam_news.sections import SectionNotFound, resolve_section

SECTION_HELP = "Chuyên mục kỳ thi: id, slug hoặc LOẠI:NĂM (ví dụ thpt:2027)."


def section_from_option(value: str) -> ExamSectionPage:
    try:
        return resolve_section(value)
    except SectionNotFound as exc:
        raise CommandError(str(exc)) from exc
