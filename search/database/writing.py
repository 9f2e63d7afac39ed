"""Writing search documents into the index tables (``SearchEntry`` and its areas), in chunks."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from search import analysis, filters, ranking
from search.database import frequencies, spellings
from search.database.tables import WRITE_CHUNK
from search.models import SearchEntry, SearchEntryArea, SearchSpelling, SearchTerm
from search.types import SearchDocument

# --- Writing -------------------------------------------------------------------------------------

def entry_fields(doc: SearchDocument) -> dict:
    """The row for one document: its display fields and the folded terms the full-text index reads."""
    terms = ranking.terms_of(doc)
    return {
        "key": doc.key, "kind": doc.kind, "root": doc.root, "path": doc.path, "section_key": doc.section_key,
        "section_title": doc.section_title,
        "year": doc.year, "date": doc.date, "expires_at": doc.expires_at, "title": doc.title,
        "summary": doc.summary, "body": doc.body, "number": doc.number, "address": doc.address, "url": doc.url,
        "source_id": doc.source_id, "areas": [{"code": a.code, "name": a.name, "level": a.level} for a in doc.areas],
        "province_wide": not doc.areas,
        "title_terms": terms["title"], "code_terms": terms["codes"], "place_terms": terms["place"],
        "toned_terms": terms["toned"], "text_terms": terms["text"],
        "filter_terms": filters.document_tokens(key=doc.key, root=doc.root, kind=doc.kind, year=doc.year,
                                                section_key=doc.section_key, area_codes=doc.area_codes),
    }


def write(docs: Iterable[SearchDocument]) -> int:
    docs = list(docs)
    for start in range(0, len(docs), WRITE_CHUNK):
        _write_chunk(docs[start:start + WRITE_CHUNK])
    frequencies.reset()  # this process counts words again; the others within frequencies.KEEP_SECONDS
    spellings.reset()
    return len(docs)


@transaction.atomic
def _write_chunk(docs: list[SearchDocument]) -> None:
    rows = {doc.key: entry_fields(doc) for doc in docs}
    SearchEntry.objects.filter(key__in=rows).delete()
    entries = SearchEntry.objects.bulk_create([SearchEntry(**row) for row in rows.values()])
    by_key = {e.key: e for e in entries}
    SearchEntryArea.objects.bulk_create([
        SearchEntryArea(entry=by_key[doc.key], code=code)
        for doc in docs for code in dict.fromkeys(doc.area_codes)
    ])
    vocabulary = {t for row in rows.values() for column in ("title_terms", "code_terms", "place_terms", "text_terms")
                  for t in row[column].split() if not t.isdigit()}
    SearchTerm.objects.bulk_create([SearchTerm(term=t) for t in vocabulary], ignore_conflicts=True)
    spelt = set().union(*(analysis.spellings(f"{doc.title}\n{doc.summary}\n{doc.body}") for doc in docs))
    SearchSpelling.objects.bulk_create([SearchSpelling(term=t) for t in spelt], ignore_conflicts=True)


def delete(keys: Iterable[str]) -> int:
    frequencies.reset()
    return SearchEntry.objects.filter(key__in=list(keys)).delete()[1].get(SearchEntry._meta.label, 0)


def replace_under(path: str, docs: list[SearchDocument]) -> list[str]:
    """Make the index hold exactly ``docs`` for the pages at or below ``path``; returns the keys removed."""
    fresh = {doc.key for doc in docs}
    with transaction.atomic():
        stale = [k for k in SearchEntry.objects.filter(path__startswith=path).values_list("key", flat=True)
                 if k not in fresh]
        delete(stale)
        write(docs)
    return stale


def clear() -> None:
    SearchEntry.objects.all().delete()
    frequencies.reset()


def purge_expired(now: datetime.datetime | None = None) -> int:
    """Removes the entries past their expiry, which searches exclude anyway (``publish_due``, every minute)."""
    expired = SearchEntry.objects.filter(expires_at__lte=now or timezone.now())
    return expired.delete()[1].get(SearchEntry._meta.label, 0)
