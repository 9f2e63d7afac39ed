"""The values every search backend shares: what is indexed, what is asked, what comes back.

Both backends (the database one and Elasticsearch) index the same ``SearchDocument`` and answer the same
``SearchQuery`` with the same ``SearchResults``, so the API and the tests do not care which one answered.
"""

import datetime
from dataclasses import dataclass, field

from exam_news.kinds import SEARCH_KINDS

KINDS = SEARCH_KINDS  # what search indexes, named as on every channel (exam_news.kinds)


@dataclass(frozen=True)
class AreaRef:
    code: str
    name: str
    level: str  # "commune" or "legacy_district" (see cms.AdministrativeUnit.Level)


@dataclass(frozen=True)
class SearchDocument:
    """One searchable thing, built by a pure function from the published content (search.documents)."""

    key: str  # "page:42", "venue:7", "session:3", "milestone:5": unique across kinds, stable across rebuilds
    kind: str  # one of KINDS
    root: str  # tree path of the province home page that owns it: the site scope
    section_key: str  # "thpt:2025" ("" for content outside a section)
    year: int | None
    title: str
    summary: str = ""
    body: str = ""  # plain text: StreamField, rich text and structured fields flattened
    number: str = ""  # directive number ("860/STTTT-TTBCXB") or venue code ("AG-012")
    address: str = ""
    areas: tuple[AreaRef, ...] = ()  # tagged units expanded: communes and the legacy districts they replaced
    date: datetime.date | None = None
    expires_at: datetime.datetime | None = None  # hidden from this moment (page expiry, notice validity)
    url: str = ""  # public URL on the province portal
    source_id: str = ""  # id in the legacy portal for imported articles
    path: str = ""  # tree path of the page (of the owning section for venues; of the schedule for sessions)
    section_title: str = ""  # "Kỳ thi tốt nghiệp THPT năm 2025": searchable, lightly weighted

    @property
    def area_codes(self) -> tuple[str, ...]:
        return tuple(a.code for a in self.areas)


@dataclass(frozen=True)
class SearchQuery:
    text: str
    root: str  # site scope: only documents whose ``root`` equals this
    now: datetime.datetime  # documents with ``expires_at <= now`` are not found
    kinds: tuple[str, ...] = ()  # empty: every kind
    section_keys: tuple[str, ...] = ()  # empty: every section
    year: int | None = None
    area_codes: frozenset[str] | None = None  # None: no area filter; else documents tagged with any of these
    include_province_wide: bool = True  # with an area filter, also documents without areas
    offset: int = 0
    limit: int = 20


@dataclass(frozen=True)
class SearchHit:
    key: str
    kind: str
    title: str
    url: str
    snippet: str  # HTML-escaped text, matches wrapped in <mark>…</mark>
    date: datetime.date | None
    areas: tuple[AreaRef, ...]
    score: float
    section_key: str
    year: int | None
    number: str = ""
    source_id: str = ""


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass
class SearchResults:
    hits: list[SearchHit]
    total: int
    backend: str  # "database" or "elasticsearch"
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)  # "kind", "area", "year"
    interpreted_as: str = ""  # the query as understood (Telex decoded, typos corrected) when it differs
    corrections: dict[str, tuple[str, ...]] = field(default_factory=dict)  # typo (folded) → its corrections
    total_exact: bool = True  # False: ``total`` and the facet counts are estimates (very common words)
    partial: bool = False  # True: no item has every word that matters; these have most of them


@dataclass(frozen=True)
class Suggestion:
    text: str  # the title (or number) to complete to
    kind: str
    url: str
    key: str
