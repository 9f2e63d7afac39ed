"""The Elasticsearch backend of the public search (used when ELASTICSEARCH_URL is set).

- ``index``: analysis settings, mapping and ``document_body`` (what is sent for one SearchDocument).
- ``queries``: the search and suggest request bodies, and reading responses back into search.types values.
- ``client``: the shared client built from settings, with the search and indexing timeouts.
- ``backend``: ``ElasticsearchBackend`` (search, suggest, incremental indexing, rebuild behind an alias, status).
- ``errors``: ``SearchBackendError``, raised for anything the caller should answer from the database instead.
"""
