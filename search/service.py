"""Public search: Elasticsearch when configured and healthy, otherwise the database, in the same request.

A failing or slow Elasticsearch costs one short timeout; after a few failures in a row the circuit breaker
skips it for a cool-down, so searches go straight to the database. ``SearchResults.backend`` says which
one answered.
"""

import logging

from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import strip_tags

from search.analysis import analyse
from search.database.backend import DatabaseBackend
from search.models import SearchEntry
from search.sync import elasticsearch, elasticsearch_enabled
from search.tone_fixes import corrected, retoned
from search.types import SearchQuery, SearchResults, Suggestion

logger = logging.getLogger(__name__)


def search(query: SearchQuery) -> SearchResults:
    results = None
    if elasticsearch_enabled():
        from search.elastic.errors import SearchBackendError

        try:
            results = elasticsearch().search(query)
        except SearchBackendError as error:
            logger.warning("Search answered from the database: the search engine failed (%s)", error)
    if results is None:
        results = DatabaseBackend().search(query)
    if results.hits and (results.corrections or not results.interpreted_as):
        results.interpreted_as = searched(query.text, results)
    return results


def searched(text: str, results: SearchResults) -> str:
    """What was searched, read back from what was found (``search.tone_fixes``): typos corrected as the results
    spell them, wrong tone marks as the results place them; "" when that is what was typed."""
    found = [part for h in results.hits for part in (h.title, strip_tags(h.snippet))]
    if not results.corrections:
        return retoned(text, found)
    fixed = corrected(analyse(text).decoded, results.corrections, found)
    return retoned(fixed, found) or fixed


def useful_questions(root: str, limit: int = 5) -> list[Suggestion]:
    """The Q&A column's first questions, in the editors' order, newest exam year first: what is offered when
    a search finds nothing that matches well."""
    now = timezone.now()
    rows = (SearchEntry.objects.filter(root=root, kind="faq")
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
            .order_by(F("year").desc(nulls_last=True), "path")
            .values_list("title", "kind", "url", "key")[:limit])
    return [Suggestion(text=title, kind=kind, url=url, key=key) for title, kind, url, key in rows]


def suggest(text: str, root: str, limit: int = 8) -> tuple[list[Suggestion], str]:
    now = timezone.now()
    if elasticsearch_enabled():
        from search.elastic.errors import SearchBackendError

        try:
            return elasticsearch().suggest(text, root, now, limit), "elasticsearch"
        except SearchBackendError as error:
            logger.warning("Suggestions answered from the database: the search engine failed (%s)", error)
    return DatabaseBackend().suggest(text, root, now, limit), "database"


def did_you_mean(text: str, root: str, limit: int = 5) -> list[Suggestion]:
    """"Có phải bạn muốn tìm …": titles that complete what was typed; else its words that matter; else its
    longest word that completes a title. At most three suggestion lookups."""
    core = [g.word for g in analyse(text).core]
    tries = list(dict.fromkeys([text, " ".join(core), *sorted(core, key=len, reverse=True)]))
    for attempt in tries[:3]:
        found, _backend = suggest(attempt, root, limit)
        if found:
            return found
    return []
