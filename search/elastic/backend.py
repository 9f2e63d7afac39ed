"""ElasticsearchBackend: the public search on an Elasticsearch or OpenSearch engine — search and suggest behind a
circuit breaker — over the index that ``lifecycle.SearchIndex`` creates, fills and rebuilds."""

import dataclasses
import datetime
import logging
from collections.abc import Callable

from search import synonyms
from search.analysis import AnalysedQuery, analyse, merged
from search.database import frequencies
from search.database.backend import (
    RELAX_BELOW,
    corrected_groups,
    corrections_made,
    loose_levels,
    pair_corrected,
    with_core_alternatives,
)
from search.elastic.breaker import get_breaker
from search.elastic.client import search_engine
from search.elastic.engines import Engine
from search.elastic.errors import SearchBackendError
from search.elastic.lifecycle import SearchIndex, describe
from search.elastic.queries import (
    BACKEND_NAME,
    page_body,
    page_keys,
    results_from_response,
    search_body,
    suggest_body,
    suggestions_from_response,
)
from search.types import SearchQuery, SearchResults, Suggestion

logger = logging.getLogger(__name__)


class ElasticsearchBackend(SearchIndex):
    name = BACKEND_NAME

    def _guarded(self, call: Callable[[Engine], dict]) -> dict:
        breaker = get_breaker()
        if not breaker.allow():
            raise SearchBackendError("The search engine is skipped while the circuit breaker is open", "circuit_open")
        engine = search_engine()
        try:
            response = call(engine)
        except engine.errors as exc:
            if engine.is_outage(exc):
                breaker.record_failure()
                logger.warning("Search engine unavailable: %s", describe(exc))
                raise SearchBackendError(describe(exc), "unavailable") from exc
            breaker.record_success()
            logger.error("The search engine refused a search request: %s", describe(exc))
            raise SearchBackendError(describe(exc), "error") from exc
        breaker.record_success()
        return response

    def search(self, query: SearchQuery) -> SearchResults:
        """As the database backend: every word that matters first (with the query in its synonyms' words too);
        with fewer than RELAX_BELOW found, most of them (``minimum_should_match``); with none, typo corrections."""
        analysed = frequencies.weighted(analyse(query.text), query.root)
        also = tuple(frequencies.weighted(analyse(text), query.root) for text in synonyms.variants(analysed.decoded))
        body = search_body(query, analysed, also=also)
        response = self._guarded(lambda engine: engine.search(self.alias, body))
        try:
            if not analysed:  # the newest in scope: the response is the page
                return results_from_response(response, analysed, query)
            found = response["hits"]["total"]["value"]
            typo_results = None
            if found == 0:
                typo_results, corrected = self._typo_search(query, analysed)
                if typo_results.total:
                    if typo_results.total < RELAX_BELOW and corrected.loosenable:
                        loose = self._loose(query, corrected, also, typo_results.total, alternatives=True)
                        if loose is not None:
                            results = self._with_page(loose, corrected, query, also=also)
                            results.interpreted_as = typo_results.interpreted_as
                            results.corrections = typo_results.corrections
                            return results
                    return typo_results
            if 0 < found < RELAX_BELOW and (fixed := pair_corrected([g.alternatives for g in analysed.core], query)):
                pair_results, _ = self._typo_search(query, analysed, fixed)  # "phú khảo": a typo made another word
                if pair_results.total > found:
                    return pair_results
            if found < RELAX_BELOW and analysed.loosenable:
                loose = self._loose(query, analysed, also, found)
                if loose is not None:
                    results = self._with_page(loose, analysed, query, also=also)
                    results.partial = found == 0
                    return results
            if found:
                return self._with_page(response, analysed, query, also=also)
        except (KeyError, TypeError, ValueError) as exc:
            raise SearchBackendError(f"Unexpected search response: {describe(exc)}") from exc
        return typo_results

    def _loose(self, query: SearchQuery, analysed: AnalysedQuery, also: tuple[AnalysedQuery, ...],
               found: int, alternatives: bool = False) -> dict | None:
        """The response for most of the words, or None when it finds no more. As the database backend, the
        strictest level (all words but one, then fewer, down to half) that finds RELAX_BELOW items, else the
        loosest: one request counts every level, a second asks for a stricter one when that is it. One word of
        two only when nothing has both. ``alternatives``: each word in any of its spellings."""
        levels = loose_levels(len(analysed.core))
        minimum = levels[-1] if levels else (1 if found == 0 else None)
        if minimum is None:
            return None

        def body_for(required: int) -> dict:
            return search_body(query, analysed, also=also, minimum=required, alternatives=alternatives)

        body = body_for(minimum)
        stricter = levels[:-1]
        body["aggs"].update({f"level_{required}": {"filter": body_for(required)["query"]}
                             for required in stricter})
        response = self._guarded(lambda engine: engine.search(self.alias, body))
        aggregations = response.get("aggregations") or {}
        counts = {required: aggregations.pop(f"level_{required}", {}).get("doc_count", 0) for required in stricter}
        level = next((required for required in stricter if counts[required] >= RELAX_BELOW), None)
        if level is not None:
            body = body_for(level)
            response = self._guarded(lambda engine: engine.search(self.alias, body))
        if response["hits"]["total"]["value"] == 0 and found == 0 and minimum > 1:
            body = body_for(1)
            response = self._guarded(lambda engine: engine.search(self.alias, body))
        return response if response["hits"]["total"]["value"] > found else None

    def _with_page(self, response: dict, analysed: AnalysedQuery, query: SearchQuery,
                   matched_as: AnalysedQuery | None = None, fuzzy: bool = False,
                   also: tuple[AnalysedQuery, ...] = ()) -> SearchResults:
        """The candidates ranked, then the page's hits fetched with their highlights."""
        keys = page_keys(response, analysed, query, also)
        body = page_body(keys, merged([matched_as or analysed, *also]), fuzzy)
        page = self._guarded(lambda engine: engine.search(self.alias, body)) if keys else {"hits": {"hits": []}}
        return results_from_response(response, analysed, query, page, also)

    def _typo_search(self, query: SearchQuery, analysed: AnalysedQuery,
                     fixed: list[tuple[str, ...]] | None = None) -> tuple[SearchResults, AnalysedQuery]:
        """Nothing found for the words as typed. As the database backend does, the words are corrected from the
        indexed vocabulary (the database's) and matched, corrected, across fields; the engine also allows typos
        within a field for what the vocabulary cannot correct. The ranking reads the corrections. ``fixed``: the
        words with their corrections already (``pair_corrected``)."""
        groups = [g.alternatives for g in analysed.core]
        fixed = fixed or corrected_groups(groups, query)
        corrected = frequencies.weighted(with_core_alternatives(analysed, fixed), query.root)  # as the database
        interpreted = " ".join(alternatives[0] for alternatives in fixed) if fixed != groups else ""
        matched_as = dataclasses.replace(corrected, decoded=interpreted) if interpreted else corrected
        typo_body = search_body(query, matched_as, fuzzy=True, alternatives=True)
        response = self._guarded(lambda engine: engine.search(self.alias, typo_body))
        try:
            results = self._with_page(response, corrected, query, matched_as, fuzzy=True)
        except (KeyError, TypeError, ValueError) as exc:
            raise SearchBackendError(f"Unexpected search response: {describe(exc)}") from exc
        if interpreted and results.total:
            results.interpreted_as = interpreted
            results.corrections = corrections_made(groups, fixed)
        return results, corrected

    def suggest(self, text: str, root: str, now: datetime.datetime, limit: int) -> list[Suggestion]:
        if not text.strip() or limit <= 0:
            return []
        body = suggest_body(text, root, now, limit)
        response = self._guarded(lambda engine: engine.search(self.alias, body))
        try:
            return suggestions_from_response(response, text)
        except (KeyError, TypeError, ValueError) as exc:
            raise SearchBackendError(f"Unexpected suggest response: {describe(exc)}") from exc
