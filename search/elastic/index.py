"""The index: analysis settings, mapping and the body indexed for one SearchDocument.

Folding. ``vi_folded`` is the standard tokenizer + ``lowercase`` + ``asciifolding`` with ``preserve_original``:
"Điểm" is indexed as both "điểm" and "diem" at one position, so an unaccented query matches every form and an
accented query matches its exact form as well (ranking it higher). Lucene's ASCIIFoldingFilter maps U+0111 "đ" to
"d" and U+0110 "Đ" to "D" (its table lists them under LATIN SMALL/CAPITAL LETTER D WITH STROKE), so no ``mapping``
char filter is needed for đ: the folded token equals ``cms.text.fold`` for Vietnamese words. The filter only maps
precomposed characters, not combining marks, so every text is sent in NFC (all Vietnamese letters have a
precomposed form); the query side (``search.analysis.analyse``) is NFC already.

Other fields: ``.exact`` sub-fields (lowercase only, no folding) for the exact-diacritics bonus; ``title.shingles``
(folded 2–3 word shingles) so multi-syllable words and names ("tân châu") rank as units; ``number.keyword`` (a
lowercased, folded keyword) and ``number_compact`` (``compact_code``) for directive numbers and venue codes;
``suggest``, a ``search_as_you_type`` field (title and number) for suggestions, filtered by root like the search.
"""

import datetime
import unicodedata

from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Index,
    InnerDoc,
    Integer,
    Keyword,
    MetaField,
    Object,
    SearchAsYouType,
    Text,
    analyzer,
    normalizer,
    token_filter,
)

from search import ranking
from search.analysis import compact_code
from search.types import SearchDocument

folding_preserving = token_filter("vi_asciifolding_preserve", "asciifolding", preserve_original=True)
shingles = token_filter(
    "vi_shingles", "shingle", min_shingle_size=2, max_shingle_size=3, output_unigrams=False
)

vi_folded = analyzer("vi_folded", tokenizer="standard", filter=["lowercase", folding_preserving])
vi_exact = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])
vi_shingle = analyzer("vi_shingle", tokenizer="standard", filter=["lowercase", "asciifolding", shingles])
# search_as_you_type builds its own shingle and edge-n-gram sub-fields on top of this analyzer.
vi_suggest = analyzer("vi_suggest", tokenizer="standard", filter=["lowercase", "asciifolding"])
vi_code = normalizer("vi_code", filter=["lowercase", "asciifolding"])


def _folded_text(**fields: Text | Keyword) -> Text:
    return Text(analyzer=vi_folded, fields=fields) if fields else Text(analyzer=vi_folded)


class AreaDoc(InnerDoc):
    code = Keyword()
    name = _folded_text(exact=Text(analyzer=vi_exact))
    level = Keyword()


class SearchDoc(Document):
    key = Keyword()
    kind = Keyword()
    root = Keyword()
    section_key = Keyword()
    section_title = _folded_text()
    path = Keyword()
    year = Integer()
    title = _folded_text(exact=Text(analyzer=vi_exact), shingles=Text(analyzer=vi_shingle))
    summary = _folded_text(exact=Text(analyzer=vi_exact))
    body = _folded_text()
    number = _folded_text(keyword=Keyword(normalizer=vi_code))
    number_compact = Keyword()
    address = _folded_text(exact=Text(analyzer=vi_exact))
    areas = Object(AreaDoc)
    area_codes = Keyword()
    province_wide = Boolean()
    date = Date(format="strict_date")
    expires_at = Date()
    url = Keyword(index=False)
    source_id = Keyword()
    suggest = SearchAsYouType(analyzer=vi_suggest, max_shingle_size=3)
    rank = Object(enabled=False)  # search.ranking's terms, kept in _source, not indexed

    class Meta:
        dynamic = MetaField("strict")


def _index(name: str = "muathi") -> Index:
    index = Index(name)
    # One shard: the corpus is small (thousands of documents per province), and term statistics must not differ
    # between shards or rankings in tests and production drift.
    index.settings(number_of_shards=1)
    index.document(SearchDoc)
    return index


def index_settings() -> dict:
    return _index().to_dict()["settings"]


def mapping_body() -> dict:
    return _index().to_dict()["mappings"]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _datetime(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: datetime.date | None) -> str | None:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.isoformat() if value is not None else None


def document_body(doc: SearchDocument) -> dict:
    title = _nfc(doc.title)
    number = _nfc(doc.number)
    return {
        "key": doc.key,
        "kind": doc.kind,
        "root": doc.root,
        "section_key": doc.section_key,
        "section_title": _nfc(doc.section_title),
        "path": doc.path,
        "year": doc.year,
        "title": title,
        "summary": _nfc(doc.summary),
        "body": _nfc(doc.body),
        "number": number,
        "number_compact": compact_code(number) or None,
        "address": _nfc(doc.address),
        "areas": [{"code": a.code, "name": _nfc(a.name), "level": a.level} for a in doc.areas],
        "area_codes": list(doc.area_codes),
        "province_wide": not doc.areas,
        "date": _date(doc.date),
        "expires_at": _datetime(doc.expires_at),
        "url": doc.url,
        "source_id": doc.source_id,
        "suggest": [text for text in (title, number) if text],
        "rank": ranking.terms_of(doc),
    }
