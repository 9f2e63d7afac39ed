"""The database search backend (the embedded default, and the fallback when Elasticsearch fails), in parts:
``writing`` the index, ``matching`` with ``sqlite`` and ``postgres`` (chosen by ``engines``), ``estimation`` of
counts (``counts`` holds what it finds), ``hits`` with their snippets, and the ``backend`` with typo correction
and suggestions. ``tables`` names the tables and the bounds every statement keeps."""
