"""The search-engine backend of the public search (Elasticsearch 8 or OpenSearch 2; used when SEARCH_URL is set).

- ``index``: analysis settings, mapping and ``document_body`` (what is sent for one SearchDocument).
- ``queries``: the search and suggest request bodies, and reading responses back into search.types values.
- ``engines``: each engine's own client behind one small adapter; ``client``: the process's clients from settings.
- ``lifecycle``: ``SearchIndex`` (the index behind an alias: creation, writes, zero-downtime rebuild, status).
- ``backend``: ``ElasticsearchBackend`` (search and suggest behind the circuit breaker of ``breaker``).
- ``errors``: ``SearchBackendError``, raised for anything the caller should answer from the database instead.
"""
