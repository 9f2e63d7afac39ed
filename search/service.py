"""Public search: Elasticsearch when configured and healthy, otherwise the database, in the same request.

A failing or slow Elasticsearch costs one short timeout; after a few failures in a row the circuit breaker
skips it for a cool-down, so searches go straight to the database. ``SearchResults.backend`` says which
one answered.
"""

import logging

from django.utils import timezone

from search.database.backend import DatabaseBackend
from search.sync import elasticsearch, elasticsearch_enabled
from search.types import SearchQuery, SearchResults, Suggestion

logger = logging.getLogger(__name__)


def search(query: SearchQuery) -> SearchResults:
    if elasticsearch_enabled():
        from search.elastic.errors import SearchBackendError

        try:
            return elasticsearch().search(query)
        except SearchBackendError as error:
            logger.warning("Search answered from the database: the search engine failed (%s)", error)
    return DatabaseBackend().search(query)


def suggest(text: str, root: str, limit: int = 8) -> tuple[list[Suggestion], str]:
    now = timezone.now()
    if elasticsearch_enabled():
        from search.elastic.errors import SearchBackendError

        try:
            return elasticsearch().suggest(text, root, now, limit), "elasticsearch"
        except SearchBackendError as error:
            logger.warning("Suggestions answered from the database: the search engine failed (%s)", error)
    return DatabaseBackend().suggest(text, root, now, limit), "database"
