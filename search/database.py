"""The database search backend: the embedded default and the fallback when Elasticsearch fails.

The folded terms live in ``SearchEntry``; SQLite matches them with FTS5, PostgreSQL with a weighted tsvector
and a GIN index (migration 0002). The databases choose the candidates; ``search.ranking`` orders them in
Python, so both give the same order. No match for every word → typos are corrected from the indexed
vocabulary → still nothing → any word may match (ranked by how many do).
"""

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from search import analysis, ranking
from search.models import SearchEntry, SearchEntryArea, SearchTerm
from search.spelling import corrections
from search.types import AreaRef, FacetValue, SearchDocument, SearchHit, SearchQuery, SearchResults, Suggestion

ENTRY = "mua_thi_search_searchentry"
AREA = "mua_thi_search_searchentryarea"
FTS = "mua_thi_search_fts"
MIN_CANDIDATES = 200
MAX_RESULTS = 1000  # how deep results can be paged; the facet counts and the total stay exact
AREA_FACET_SIZE = 30
WRITE_CHUNK = 500


# --- Writing -------------------------------------------------------------------------------------

def entry_fields(doc: SearchDocument) -> dict:
    """The row for one document: its display fields and the folded terms the full-text index reads."""
    codes = analysis.terms(doc.number)
    if len(codes) > 1:
        codes.append(analysis.compact_code(doc.number))
    place = " ".join([doc.address, *(a.name for a in doc.areas)])
    text = " ".join([doc.summary, doc.body, doc.section_title, str(doc.year or "")])
    return {
        "key": doc.key, "kind": doc.kind, "root": doc.root, "path": doc.path, "section_key": doc.section_key,
        "section_title": doc.section_title,
        "year": doc.year, "date": doc.date, "expires_at": doc.expires_at, "title": doc.title,
        "summary": doc.summary, "body": doc.body, "number": doc.number, "address": doc.address, "url": doc.url,
        "source_id": doc.source_id, "areas": [{"code": a.code, "name": a.name, "level": a.level} for a in doc.areas],
        "province_wide": not doc.areas,
        "title_terms": " ".join(analysis.terms(doc.title)), "code_terms": " ".join(codes),
        "place_terms": " ".join(analysis.terms(place)),
        "toned_terms": " ".join(analysis.toned_terms(f"{doc.title} {doc.summary}")),
        "text_terms": " ".join(analysis.terms(text)),
    }


def write(docs: Iterable[SearchDocument]) -> int:
    docs = list(docs)
    for start in range(0, len(docs), WRITE_CHUNK):
        _write_chunk(docs[start:start + WRITE_CHUNK])
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


def delete(keys: Iterable[str]) -> int:
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


# --- Matching ------------------------------------------------------------------------------------

def _match_expression(groups: list[tuple[str, ...]], any_word: bool, prefix_last: bool) -> str:
    postgres = connection.vendor == "postgresql"
    parts = []
    for i, alternatives in enumerate(groups):
        prefix = prefix_last and i == len(groups) - 1
        if postgres:
            words = [f"{a}:*" if prefix else a for a in alternatives]
            parts.append("(" + " | ".join(words) + ")")
        else:
            words = [f'"{a}"*' if prefix else f'"{a}"' for a in alternatives]
            parts.append("(" + " OR ".join(words) + ")")
    joiner = (" | " if any_word else " & ") if postgres else (" OR " if any_word else " AND ")
    return joiner.join(parts)


def _filters(query: SearchQuery) -> tuple[str, list]:
    sql = ["e.root = %s", "(e.expires_at IS NULL OR e.expires_at > %s)"]
    params: list = [query.root, query.now]
    for column, values in (("kind", query.kinds), ("section_key", query.section_keys)):
        if values:
            sql.append(f"e.{column} IN ({', '.join(['%s'] * len(values))})")
            params += list(values)
    if query.year is not None:
        sql.append("e.year = %s")
        params.append(query.year)
    if query.area_codes is not None:
        codes = sorted(query.area_codes) or [""]
        tagged = (f"EXISTS (SELECT 1 FROM {AREA} a2 WHERE a2.entry_id = e.id "
                  f"AND a2.code IN ({', '.join(['%s'] * len(codes))}))")
        sql.append(f"(e.province_wide = %s OR {tagged})" if query.include_province_wide else tagged)
        params += ([True] if query.include_province_wide else []) + codes
    return " AND ".join(sql), params


def _matched_from(expression: str, join: str = "") -> tuple[str, list]:
    """FROM … WHERE clause selecting the entries the expression matches, aliased ``e``."""
    if connection.vendor == "postgresql":
        return f"FROM {ENTRY} e {join} WHERE e.tsv @@ to_tsquery('simple', %s)", [expression]
    return f"FROM {FTS} f JOIN {ENTRY} e ON e.id = f.rowid {join} WHERE {FTS} MATCH %s", [expression]


def _native_order() -> str:
    if connection.vendor == "postgresql":
        return "ts_rank('{0.1, 0.4, 0, 1}', e.tsv, to_tsquery('simple', %s)) DESC, e.id"
    return f"bm25({FTS}, 10.0, 10.0, 4.0, 0.0, 1.0), e.id"


def _candidates(expression: str, query: SearchQuery, limit: int, columns: str = "e.id") -> list[tuple]:
    where, where_params = _matched_from(expression)
    filters, filter_params = _filters(query)
    order_params = [expression] if connection.vendor == "postgresql" else []
    sql = f"SELECT {columns} {where} AND {filters} ORDER BY {_native_order()} LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*where_params, *filter_params, *order_params, limit])
        return cursor.fetchall()


def _count(expression: str, query: SearchQuery) -> int:
    where, where_params = _matched_from(expression)
    filters, filter_params = _filters(query)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {where} AND {filters}", [*where_params, *filter_params])
        return cursor.fetchone()[0]


def _facets(expression: str, query: SearchQuery) -> tuple[int, dict[str, list[FacetValue]]]:
    where, where_params = _matched_from(expression)
    filters, filter_params = _filters(query)
    params = [*where_params, *filter_params]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT e.kind, e.year, COUNT(*) {where} AND {filters} GROUP BY e.kind, e.year", params)
        rows = cursor.fetchall()
        joined, _ = _matched_from(expression, f"JOIN {AREA} a ON a.entry_id = e.id")
        cursor.execute(f"SELECT a.code, COUNT(*) {joined} AND {filters} GROUP BY a.code "
                       f"ORDER BY COUNT(*) DESC, a.code LIMIT {AREA_FACET_SIZE}", params)
        areas = cursor.fetchall()
    kinds: Counter = Counter()
    years: Counter = Counter()
    for kind, year, count in rows:
        kinds[kind] += count
        if year:
            years[str(year)] += count
    facets = {
        "kind": [FacetValue(k, n) for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))],
        "year": [FacetValue(y, n) for y, n in sorted(years.items(), reverse=True)],
        "area": [FacetValue(code, n) for code, n in areas],
    }
    return sum(kinds.values()), facets


def _ranked_keys(expression: str, query: SearchQuery, analysed: analysis.AnalysedQuery, limit: int,
                 prefix_last: bool = False) -> list[tuple[float, str]]:
    rows = _candidates(expression, query, limit, "e.key, e.title_terms, e.code_terms, e.place_terms, "
                                                 "e.toned_terms, e.text_terms, e.year, e.date")
    candidates = [
        ranking.Candidate(key=key, title_terms=tuple(title.split()), code_terms=frozenset(codes.split()),
                          place_terms=tuple(place.split()), toned_terms=frozenset(toned.split()),
                          text_terms=Counter(text.split()), year=year, date=_as_date(date))
        for key, title, codes, place, toned, text, year, date in rows
    ]
    return ranking.ranked(candidates, analysed, prefix_last)


def _as_date(value: datetime.date | str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value  # SQLite gives text


def _snippet(entry: SearchEntry, analysed: analysis.AnalysedQuery) -> str:
    for text in (entry.summary, entry.body, entry.address):
        if text and set(analysis.terms(text)) & analysed.folded_terms:
            return analysis.highlight(text, analysed)
    return analysis.highlight(entry.summary or entry.body, analysed)


def _hit(entry: SearchEntry, score: float, analysed: analysis.AnalysedQuery) -> SearchHit:
    return SearchHit(
        key=entry.key, kind=entry.kind, title=entry.title, url=entry.url, snippet=_snippet(entry, analysed),
        date=entry.date, areas=tuple(AreaRef(**a) for a in entry.areas), score=score,
        section_key=entry.section_key, year=entry.year, number=entry.number, source_id=entry.source_id,
    )


class DatabaseBackend:
    name = "database"

    def search(self, query: SearchQuery) -> SearchResults:
        analysed = analysis.analyse(query.text)
        interpreted = analysed.decoded if analysed.decoded != analysed.text else ""
        groups = [g.alternatives for g in analysed.groups]
        expression = _match_expression(groups, any_word=False, prefix_last=False)
        total, facets = _facets(expression, query)
        if total == 0:
            fixed = self._corrections(groups, query)
            if fixed != groups:
                expression = _match_expression(fixed, any_word=False, prefix_last=False)
                total, facets = _facets(expression, query)
                if total:
                    analysed = _with_alternatives(analysed, fixed)
                    interpreted = " ".join(alts[0] for alts in fixed)
            if total == 0 and len(groups) > 1:
                expression = _match_expression(fixed, any_word=True, prefix_last=False)
                total, facets = _facets(expression, query)
                analysed = _with_alternatives(analysed, fixed)
        if total == 0 or query.offset >= MAX_RESULTS:
            return SearchResults(hits=[], total=total, backend=self.name, facets=facets, interpreted_as=interpreted)
        window = min(MAX_RESULTS, max(MIN_CANDIDATES, query.offset + query.limit))
        ranked = _ranked_keys(expression, query, analysed, window)[query.offset:query.offset + query.limit]
        entries = SearchEntry.objects.in_bulk([key for _, key in ranked], field_name="key")
        hits = [_hit(entries[key], score, analysed) for score, key in ranked]
        return SearchResults(hits=hits, total=total, backend=self.name, facets=facets, interpreted_as=interpreted)

    def _corrections(self, groups: list[tuple[str, ...]], query: SearchQuery) -> list[tuple[str, ...]]:
        """Unknown words with their likely corrections, the one found in most documents first."""
        fixed = []
        for typed, alternatives in zip(groups, corrections(groups), strict=True):
            extra = [a for a in alternatives if a not in typed]
            if extra:
                counts = {a: _count(_match_expression([(a,)], False, False), query) for a in extra}
                extra = sorted((a for a in extra if counts[a]), key=lambda a: -counts[a])[:2]
            fixed.append(tuple([*extra, *typed]) if extra else typed)
        return fixed

    def suggest(self, text: str, root: str, now=None, limit: int = 8) -> list[Suggestion]:
        analysed = analysis.analyse(text)
        if not analysed:
            return []
        query = SearchQuery(text=text, root=root, now=now or timezone.now())
        expression = _match_expression([g.alternatives for g in analysed.groups], any_word=False, prefix_last=True)
        ranked = _ranked_keys(expression, query, analysed, MIN_CANDIDATES, prefix_last=True)[:limit]
        entries = SearchEntry.objects.in_bulk([key for _, key in ranked], field_name="key")
        return [Suggestion(text=entries[key].title, kind=entries[key].kind, url=entries[key].url, key=key)
                for _, key in ranked]

    def counts(self) -> dict[str, int]:
        from django.db.models import Count
        return dict(SearchEntry.objects.values_list("kind").annotate(n=Count("id")).order_by("kind"))


def _with_alternatives(analysed: analysis.AnalysedQuery, groups: list[tuple[str, ...]]) -> analysis.AnalysedQuery:
    return analysis.AnalysedQuery(
        text=analysed.text, decoded=analysed.decoded,
        groups=tuple(analysis.TermGroup(word=g.word, alternatives=alts, toned=g.toned)
                     for g, alts in zip(analysed.groups, groups, strict=True)),
    )
