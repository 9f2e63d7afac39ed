import datetime

from django.utils import timezone

from search.database.backend import DatabaseBackend
from search.models import SearchEntry
from search.types import SearchQuery


def find(text: str, root: str | None = None, **filters):
    root = root or SearchEntry.objects.values_list("root", flat=True).first() or ""
    now = filters.pop("now", None) or timezone.now()
    return DatabaseBackend().search(SearchQuery(text=text, root=root, now=now, **filters))


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


def day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)
