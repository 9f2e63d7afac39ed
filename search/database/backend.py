"""The database search backend: the embedded default and the fallback when Elasticsearch fails.

The folded terms live in ``SearchEntry``; SQLite matches them with two FTS5 tables, PostgreSQL with stripped
tsvectors and GIN indexes (migration 0003): one over every word, one over title, codes and places only (the
"strong" matches). Filters are tokens in the same indexes (``search.filters``). The databases choose the
candidates; ``search.ranking`` orders them in Python, so both give the same order. No match for every word →
typos are corrected from the indexed vocabulary → still nothing → any word may match (ranked by how many do).

Django remakes SQLite tables for some schema changes; a later migration that alters ``SearchEntry`` on SQLite
must recreate the FTS5 triggers and the ``search_entry_facets`` index (see migration 0003).
"""


import dataclasses
import math

from django.utils import timezone

from search import analysis, synonyms
from search.database import frequencies, tables
from search.database.counts import Counts, facet_counts
from search.database.engines import match_for
from search.database.estimation import totals
from search.database.hits import HIT_FIELDS, SUGGESTION_FIELDS, hit, hit_rows, ranked_keys
from search.database.matching import Match
from search.database.tables import ENTRY, TERM, among, fetch
from search.models import SearchEntry
from search.spelling import corrections, near_words
from search.syllables import is_syllable
from search.types import SearchQuery, SearchResults, Suggestion

RELAX_BELOW = 20  # fewer entries than this with every word: those with most of the words are found too
MAX_CORRECTIONS = 4  # a word's corrections matched (in any of them), the most common first
BESIDE_SAMPLE = 30  # entries read to tell whether a correction is written next to its neighbour
MAX_LOOSE_WORDS = 7  # when some words may be missing, the rarest seven are matched (the others still rank)


class DatabaseBackend:
    name = "database"

    def search(self, query: SearchQuery) -> SearchResults:
        analysed = analysis.analyse(query.text)
        interpreted = analysed.decoded if analysed.decoded != analysed.text else ""
        groups = [g.alternatives for g in analysed.core]  # question and filler words are not required
        match = match_for(groups, query)
        if match is None:
            return SearchResults(hits=[], total=0, backend=self.name, facets=facet_counts([], 1.0))
        window = min(tables.MAX_RESULTS, max(tables.MIN_CANDIDATES, query.offset + query.limit))
        counts = totals(match, window) if all_indexed(groups) else Counts(0, True, facet_counts([], 1.0))
        fixed = None  # the words with the corrections that found something
        if counts.total == 0:
            candidate = corrected_groups(groups, query)
            if candidate != groups:
                match = match_for(candidate, query)
                counts = totals(match, window)
                analysed = with_core_alternatives(analysed, candidate)
                fixed = candidate if counts.total else None
        elif counts.total < RELAX_BELOW and (candidate := pair_corrected(groups, query)):
            candidate_match = match_for(candidate, query)
            candidate_counts = totals(candidate_match, window)
            if candidate_counts.total > counts.total:
                match, counts, fixed = candidate_match, candidate_counts, candidate
                analysed = with_core_alternatives(analysed, candidate)
        made = corrections_made(groups, fixed) if fixed else {}
        if fixed:
            interpreted = " ".join(alts[0] for alts in fixed)
        analysed = frequencies.weighted(analysed, query.root)
        matched = [(match, counts)]
        if counts.total < RELAX_BELOW and analysed.loosenable:
            matched += loose_matches(analysed, query, window, counts.total)
        # The same query in other words (synonyms and abbreviations both ways), every word of them required;
        # not when its own words already fill the candidates (only the newest of those would be ranked).
        asked = [analysed]
        for text in synonyms.variants(analysed.decoded) if counts.total < tables.MIN_CANDIDATES else ():
            variant = frequencies.weighted(analysis.analyse(text), query.root)
            variant_match = match_for([g.alternatives for g in variant.core], query)
            variant_counts = totals(variant_match, window)
            if variant_counts.total:
                asked.append(variant)
                matched.append((variant_match, variant_counts))
        partial = matched[0][1].total == 0 and len(asked) == 1
        counts = max((c for _, c in matched), key=lambda c: c.total)
        results = SearchResults(hits=[], total=counts.total, backend=self.name, facets=counts.facets,
                                interpreted_as=interpreted, corrections=made,
                                total_exact=counts.exact and len(asked) == 1,
                                partial=partial and counts.total > 0)
        if counts.total == 0 or query.offset >= tables.MAX_RESULTS:
            return results
        ranked = ranked_keys([(m, c) for m, c in matched if c.total], asked, window)
        ranked = ranked[query.offset:query.offset + query.limit]
        entries = hit_rows([key for _, key in ranked], HIT_FIELDS)
        shown = analysis.merged(asked)  # the snippet marks the synonyms' words too
        results.hits = [hit(entries[key], score, shown) for score, key in ranked]
        return results

    def suggest(self, text: str, root: str, now=None, limit: int = 8) -> list[Suggestion]:
        analysed = analysis.analyse(text)
        if not analysed:
            return []
        query = SearchQuery(text=text, root=root, now=now or timezone.now())
        match = match_for([g.alternatives for g in analysed.groups], query, prefix_last=True)
        # PostgreSQL: a short last word stands for hundreds of words; the probe tells whether the newest titles
        # are found sooner row by row than through the index.
        estimate = match.probe().estimate() if match.PROBE_FIRST else None
        ranked = ranked_keys([(match, estimate)], [analysed], tables.MIN_CANDIDATES, prefix_last=True)[:limit]
        entries = hit_rows([key for _, key in ranked], SUGGESTION_FIELDS)
        return [Suggestion(text=entries[key]["title"], kind=entries[key]["kind"], url=entries[key]["url"], key=key)
                for _, key in ranked]

    def counts(self) -> dict[str, int]:
        from django.db.models import Count
        return dict(SearchEntry.objects.values_list("kind").annotate(n=Count("id")).order_by("kind"))


def corrected_groups(groups: list[tuple[str, ...]], query: SearchQuery) -> list[tuple[str, ...]]:
    """Unknown words with their likely corrections from the indexed vocabulary: the nearest ones, those written
    next to the query's known words beside them first ("hoại" after "huyện", before "Sơn": "Thoại"), then those in
    most documents (the search engine ranks its typo matches with them too); the ranking, which rewards words
    kept together, tells which of them the best items hold. A query whose every word would change keeps its
    words when each is spelt as a Vietnamese syllable can be ("khiếu nại": words the index lacks, not typos),
    or when no two of the corrections are written together anywhere."""
    corrected = corrections(groups)
    known = [typed if alternatives == typed else None for typed, alternatives in zip(groups, corrected, strict=True)]
    fixed = []
    for i, (typed, alternatives) in enumerate(zip(groups, corrected, strict=True)):
        extra = [a for a in alternatives if a not in typed]
        if extra:
            counts = correction_counts(extra, query)
            extra = [a for a in extra if counts[a]]
            before, after = known[i - 1] if i else None, known[i + 1] if i + 1 < len(known) else None
            beside = written_beside(extra, before, after, query) if len(extra) > MAX_CORRECTIONS else {}
            extra = sorted(extra, key=lambda a: (-beside.get(a, 0), -counts[a]))[:MAX_CORRECTIONS]
        fixed.append(tuple([*extra, *typed]) if extra else typed)
    if len(groups) > 1 and all(f != g for f, g in zip(fixed, groups, strict=True)) and (
            all(is_syllable(g[0]) for g in groups) or not held_together(fixed, query)):
        return groups  # every word well spelt, or "corrected" into words never written together: words it lacks
    return fixed


def written_beside(words: list[str], before: tuple[str, ...] | None, after: tuple[str, ...] | None,
                   query: SearchQuery) -> dict[str, int]:
    """For each word, in how many of the newest entries holding it and a neighbour it is written right after
    ``before`` or right before ``after`` (each in any of its spellings): none without a neighbour."""
    neighbours = [g for g in (before, after) if g]
    return {word: _holding(_next_to(word, before, after), entry_terms(
        [i for g in neighbours for i in match_for([(word,), g], query).newest(BESIDE_SAMPLE, head=False)]))
        for word in words}


def written_beside_any(words: list[str], before: tuple[str, ...] | None, after: tuple[str, ...] | None,
                       query: SearchQuery) -> dict[str, int]:
    """``written_beside`` in one statement: among the newest entries holding one of the words and the neighbour."""
    ids = match_for([tuple(words), before or after], query).newest(BESIDE_SAMPLE * 3, head=False)
    rows = entry_terms(ids)
    return {word: _holding(_next_to(word, before, after), rows) for word in words}


def _next_to(word: str, before: tuple[str, ...] | None, after: tuple[str, ...] | None) -> list[str]:
    """" b word " for each spelling of ``before``, " word a " for each of ``after``."""
    return [f" {b} {word} " for b in before or ()] + [f" {word} {a} " for a in after or ()]


def _holding(pairs: list[str] | set[str], rows: list[tuple[str, str, str]]) -> int:
    """How many of the entries (their term lists: ``entry_terms``) have one of the padded pairs in one list."""
    return sum(any(pair in f" {terms} " for terms in row for pair in pairs) for row in rows)


def entry_terms(ids: list[int]) -> list[tuple[str, str, str]]:
    """The title, place and text terms of these entries."""
    if not ids:
        return []
    condition, params = among("id", sorted(set(ids)))
    return fetch(f"SELECT title_terms, place_terms, text_terms FROM {ENTRY} WHERE {condition}", params)


def pair_corrected(groups: list[tuple[str, ...]], query: SearchQuery) -> list[tuple[str, ...]] | None:
    """Two words of the index never written together ("phú khảo", "kế quả"): a typo that made another word. The
    word nearest to one of them that is written next to the other in most entries ("phúc", "kết") is added to its
    spellings. None when the two are written together somewhere, or no near word is."""
    if len(groups) != 2 or any(a.isdigit() or len(a) < 2 for g in groups for a in g) or held_together(groups, query):
        return None
    options = []  # (entries where it is written next to the other word, the near word, which word it stands for)
    for i, typed in enumerate(groups):
        near = list(dict.fromkeys(w for a in typed for w in near_words(a) if w not in typed))
        if near:
            other = groups[1 - i]
            written = written_beside_any(near, other if i else None, None if i else other, query)
            options += [(n, w, i) for w, n in written.items() if n]
    if not options:
        return None
    _, word, i = max(options, key=lambda o: o[0])
    return [(word, *g) if j == i else g for j, g in enumerate(groups)]


def corrections_made(groups: list[tuple[str, ...]], fixed: list[tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Each word corrected (folded, as typed) → its corrections, likeliest first."""
    return {typed[0]: tuple(a for a in alternatives if a not in typed)
            for typed, alternatives in zip(groups, fixed, strict=True) if alternatives != typed}


def held_together(groups: list[tuple[str, ...]], query: SearchQuery) -> bool:
    """Whether two consecutive words, in any of their spellings, are written one after the other in one of the
    newest entries holding them all."""
    match = match_for(groups, query)
    ids = match.newest(tables.MIN_CANDIDATES, head=False) if match else []
    pairs = {f" {a} {b} " for one, two in zip(groups, groups[1:], strict=False) for a in one for b in two}
    return _holding(pairs, entry_terms(ids)) > 0


def correction_counts(words: list[str], query: SearchQuery) -> dict[str, int]:
    """How many of the site's entries hold each word: the counts the ranking's weights read too, kept for minutes
    (``frequencies.site_counts``), so a correction's count is looked up once."""
    return frequencies.site_counts(set(words), query.root)


def loose_levels(words: int) -> list[int]:
    """How many of the query's words an entry must have when not all: all but one, then fewer, down to half
    of them. Two words stay both required (one of them is looked for only when nothing has both)."""
    least = max(2, math.ceil(0.5 * words))
    return list(range(words - 1, least - 1, -1))


def loose_matches(analysed: analysis.AnalysedQuery, query: SearchQuery, window: int,
                  found: int) -> list[tuple["Match", Counts]]:
    """Matches of most of the words, loosest last, until RELAX_BELOW entries are found (in the spirit of
    Elasticsearch's ``minimum_should_match``). With nothing found at half of them, any one word."""
    core = sorted(analysed.core, key=lambda g: -g.weight)[:MAX_LOOSE_WORDS]
    groups = [g.alternatives for g in core]
    matched = []
    for required in loose_levels(len(groups)):
        match = match_for(groups, query, required=required)
        counts = totals(match, window)
        if counts.total > found:
            matched.append((match, counts))
            found = counts.total
        if found >= RELAX_BELOW:
            return matched
    if found == 0 and len(groups) > 1:
        match = match_for(groups, query, any_word=True)
        counts = totals(match, window)
        if counts.total:
            matched.append((match, counts))
    return matched


def all_indexed(groups: list[tuple[str, ...]]) -> bool:
    """Whether every word, in one of its spellings, is in the indexed vocabulary (numbers are not kept there):
    if one is not, nothing matches all the words, and counting is skipped (typos, mostly)."""
    words = sorted({a for alternatives in groups for a in alternatives if not a.isdigit()})
    condition, params = among("term", words)
    known = {row[0] for row in fetch(f"SELECT term FROM {TERM} WHERE {condition}", params)} if words else set()
    return all(any(a.isdigit() or a in known for a in alternatives) for alternatives in groups)


def with_core_alternatives(analysed: analysis.AnalysedQuery,
                           groups: list[tuple[str, ...]]) -> analysis.AnalysedQuery:
    """The query with new alternatives for its core words (``analysed.core``, in order), e.g. typo corrections."""
    replaced = iter(groups)
    core = set(map(id, analysed.core))
    return dataclasses.replace(analysed, groups=tuple(
        dataclasses.replace(g, alternatives=next(replaced)) if id(g) in core else g for g in analysed.groups))
