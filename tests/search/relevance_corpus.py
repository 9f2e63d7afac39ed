"""The corpus the relevance measurements search: the demo content (with the 2024 articles the demo imports
from the old portal), loaded and indexed in the current database.

Shared by the relevance tests (inside a transaction they roll back) and by ``bench/search/relevance.py``
(in a throwaway database)."""

import io

from django.core.management import call_command

from search import sync
from search.models import SearchEntry


def load_demo_index() -> str:
    """Load the demo content, rebuild the database search index from it and return the site root it lives under."""
    call_command("load_demo", stdout=io.StringIO())
    sync.rebuild_database()
    return SearchEntry.objects.values_list("root", flat=True).first() or ""
