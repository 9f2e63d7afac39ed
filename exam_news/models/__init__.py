from exam_news.models.articles import (
    FAQIndexPage,
    NewsIndexPage,
    NewsPage,
    QuestionPage,
    QuestionTopic,
    RebuttalIndexPage,
    RebuttalPage,
    StoryIndexPage,
    StoryKind,
    StoryPage,
    Verdict,
)
from exam_news.models.base import ExamContentPage
from exam_news.models.directives import DirectiveIndexPage, DirectivePage, DocumentType
from exam_news.models.imports import KeptImportFile
from exam_news.models.notices import DisasterRiskLevel, NoticeIndexPage, NoticeKind, NoticePage, Urgency
from exam_news.models.radio import Abbreviation, BroadcastSlot, Bulletin, BulletinItem, ItemKind, Priority
from exam_news.models.release_bundles import ReleaseBundle, ReleaseBundleItem
from exam_news.models.results import ResultsIndexPage, ResultsPage, ScoreBand, SubjectAverage, TopScorer
from exam_news.models.schedule import ExamSession, Milestone, MilestoneKind, ScheduleIndexPage, Slot
from exam_news.models.section import ExamKind, ExamSectionPage, section_title
from exam_news.models.topics import Topic
from exam_news.models.venues import ExamVenue, VenueIndexPage

__all__ = [
    "Abbreviation", "BroadcastSlot", "Bulletin", "BulletinItem", "ItemKind", "Priority",
    "DirectiveIndexPage", "DirectivePage", "DisasterRiskLevel", "DocumentType", "ExamKind",
    "ExamContentPage", "ExamSectionPage", "ExamSession", "ExamVenue", "FAQIndexPage", "KeptImportFile",
    "Milestone", "MilestoneKind",
    "NewsIndexPage", "NewsPage", "NoticeIndexPage", "NoticeKind", "NoticePage", "QuestionPage",
    "QuestionTopic", "RebuttalIndexPage", "RebuttalPage", "ReleaseBundle", "ReleaseBundleItem",
    "ResultsIndexPage", "ResultsPage", "ScheduleIndexPage", "ScoreBand", "Slot", "StoryIndexPage",
    "StoryKind", "StoryPage", "SubjectAverage", "TopScorer", "Topic", "Urgency", "Verdict",
    "VenueIndexPage", "section_title",
]
