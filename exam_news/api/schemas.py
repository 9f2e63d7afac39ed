"""Response schemas of the portal API (they are the OpenAPI contract)."""

import datetime
from typing import Any

from ninja import Field, Schema


class AreaOut(Schema):
    code: str
    name: str
    level: str


class TopicOut(Schema):
    slug: str
    name: str


class RenditionOut(Schema):
    url: str
    width: int
    height: int
    format: str


class FocalPointOut(Schema):
    x: int
    y: int
    width: int
    height: int


class ImageOut(Schema):
    id: int
    title: str
    alt: str
    width: int
    height: int
    focal_point: FocalPointOut | None
    renditions: list[RenditionOut]


class SectionRef(Schema):
    id: int
    kind: str
    year: int
    title: str


class ItemOut(Schema):
    id: int
    kind: str
    title: str
    url: str
    api_url: str
    section: SectionRef | None
    date: datetime.date
    summary: str
    image: ImageOut | None
    areas: list[AreaOut]
    topics: list[TopicOut]
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None
    source_id: str = Field(description=(
        "Mã bài trên cổng thông tin cũ của tỉnh, cho bài được nhập từ cổng cũ (để chuyển hướng liên kết cũ); "
        "chuỗi rỗng với bài soạn trên hệ thống này."))


class DocumentOut(Schema):
    title: str
    url: str
    size: int | None
    mime_type: str


class DirectiveFields(Schema):
    number: str
    doc_type: str
    doc_type_label: str
    issued_on: datetime.date
    issued_place: str
    issuer: str
    subject: str
    recipients: list[str]
    signer_name: str
    signer_title: str
    document: DocumentOut | None
    references: list[SectionRef | dict[str, Any]]
    external_references: list[str]


class NoticeFields(Schema):
    notice_kind: str
    disaster_risk_level: int | None
    urgency: str
    valid_from: datetime.datetime
    valid_until: datetime.datetime | None
    active: bool
    venue_codes: list[str]


class RebuttalFields(Schema):
    claim: str
    circulated_on: str
    circulated_at: datetime.date | None
    verdict: str
    verdict_label: str
    official_source_title: str
    official_source_url: str


class SubjectAverageOut(Schema):
    subject: str
    average: float
    candidates: int | None


class ScoreBandOut(Schema):
    subject: str
    score_from: float
    score_to: float
    count: int


class TopScorerOut(Schema):
    name: str
    school: str
    combination: str
    total: float


class ResultsFields(Schema):
    candidates_registered: int | None
    candidates_sat: int | None
    graduates: int | None
    graduation_rate: float | None
    subject_averages: list[SubjectAverageOut]
    score_distribution: list[ScoreBandOut]
    top_scorers: list[TopScorerOut]


class ItemDetailOut(ItemOut):
    body_html: str
    body_text: str
    story_kind: str | None = None
    question_topic: str | None = None
    directive: DirectiveFields | None = None
    notice: NoticeFields | None = None
    rebuttal: RebuttalFields | None = None
    results: ResultsFields | None = None
    json_ld: dict[str, Any]


class Paginated(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None


class ItemPage(Paginated):
    results: list[ItemOut]


class SectionOut(Schema):
    id: int
    kind: str
    year: int
    title: str
    intro: str
    exam_start: datetime.date | None
    exam_end: datetime.date | None
    results_at: datetime.datetime | None
    url: str
    last_published_at: datetime.datetime | None


class SessionOut(Schema):
    date: datetime.date
    slot: str
    subject: str
    arrival_time: str | None
    paper_handout_time: str | None
    start_time: str
    end_time: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    duration_minutes: int
    notes: str
    json_ld: dict[str, Any]


class MilestoneOut(Schema):
    kind: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    description: str


class ScheduleOut(Schema):
    section: SectionRef
    sessions: list[SessionOut]
    milestones: list[MilestoneOut]
    last_published_at: datetime.datetime | None


class LocationOut(Schema):
    lat: float
    lon: float


class VenueOut(Schema):
    id: int
    code: str
    name: str
    address: str
    full_address: str
    section: SectionRef
    commune: AreaOut
    legacy_district: AreaOut | None
    location: LocationOut | None
    rooms: int | None
    candidates: int | None
    phone: str
    access_notes: str
    updated_at: datetime.datetime
    json_ld: dict[str, Any]


class VenuePage(Paginated):
    results: list[VenueOut]


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    level: str
    unit_type: str
    parent_code: str | None
    latitude: float | None
    longitude: float | None
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    successor_codes: list[str]


class UnitPage(Paginated):
    results: list[UnitOut]


class ErrorDetail(Schema):
    loc: list[str]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[ErrorDetail]


class NotFoundOut(Schema):
    detail: str
