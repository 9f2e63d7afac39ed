"""Keeping the search index in step with published content.

Publishing, unpublishing, moving or deleting a page, saving or deleting a venue, and every import (which
publishes pages and saves venues) schedule a re-index of what changed, run after the transaction commits.
The database index is rewritten at once. Elasticsearch, when configured, is sent the same documents; if it
cannot be reached the editor's action still succeeds, and the keys stay in the ``IndexChange`` journal for
``manage.py search_index retry`` (cron) with back-off. The journal also tells a rebuild what changed while it
ran. The database index is the source of truth for what is public; retries read it, not the pages.
"""

import datetime
import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cms import generation
from search import collect
from search.database import writing
from search.models import IndexChange, SearchEntry
from search.types import AreaRef, SearchDocument

logger = logging.getLogger(__name__)
RETRY_BATCH = 500
MAX_BACKOFF = datetime.timedelta(hours=1)
KEEP_JOURNAL = datetime.timedelta(days=7)


def elasticsearch_enabled() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


def elasticsearch():
    from search.elastic.backend import ElasticsearchBackend

    return ElasticsearchBackend()


def schedule(paths: Iterable[str] = (), venue_ids: Iterable[int] = ()) -> None:
    """Re-index the pages at or below ``paths`` and these venues once the current transaction commits."""
    paths, venue_ids = tuple(paths), tuple(venue_ids)
    if paths or venue_ids:
        transaction.on_commit(partial(apply, paths, venue_ids))


REDO = "redo:"  # journal keys naming a scope to index again (pages under a path, a venue), not a document
KEY_LENGTH = 40  # IndexChange.key


def redo_keys(paths: Iterable[str], venue_ids: Iterable[int]) -> list[str]:
    """Journal keys for this scope; a path too deep for a key stands for its nearest ancestor that fits
    (re-indexing a larger subtree is still right)."""
    room = KEY_LENGTH - len(REDO) - 2
    return ([f"{REDO}p:{path[:room - room % 4]}" for path in paths]
            + [f"{REDO}v:{venue_id}" for venue_id in venue_ids])


def apply(paths: Iterable[str], venue_ids: Iterable[int] = ()) -> list[str]:
    """Bring the index up to date for these pages and venues now; returns the keys that changed.

    The scope is recorded first: if the update fails (or the process dies) it stays in the journal and
    ``search_index retry`` does it again, for the database index and the engine alike."""
    paths, venue_ids = tuple(paths), tuple(venue_ids)
    redo = redo_keys(paths, venue_ids)
    try:
        _record(redo)
        changed = _index(paths, venue_ids)
    except Exception:  # the editor's action has committed; never turn it into an error page
        logger.exception("Search index update failed for %s %s; kept for `search_index retry`", paths, venue_ids)
        _postpone(redo, "index update failed")
        return []
    IndexChange.objects.filter(key__in=redo).delete()
    generation.bump()
    if changed and elasticsearch_enabled():
        journal(changed)
        push(changed)
    return changed


def _index(paths: tuple[str, ...], venue_ids: tuple[int, ...]) -> list[str]:
    changed: list[str] = []
    for path in paths:
        docs = collect.documents_under(path)
        changed += writing.replace_under(path, docs) + [doc.key for doc in docs]
    if venue_ids:
        docs, gone = collect.venue_documents(venue_ids)
        writing.write(docs)
        writing.delete(gone)
        changed += [doc.key for doc in docs] + gone
    return changed


def _record(keys: list[str], now: datetime.datetime | None = None) -> None:
    """Journal these keys as pending; one already pending keeps its attempts (and so its back-off)."""
    now = now or timezone.now()
    IndexChange.objects.bulk_create(
        [IndexChange(key=k, changed_at=now, pending=True, attempts=0, next_attempt_at=now, last_error="")
         for k in keys], ignore_conflicts=True,
    )


def _postpone(keys: list[str], error: str, now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    try:
        for change in IndexChange.objects.filter(key__in=keys, pending=True):
            change.attempts += 1
            change.next_attempt_at = now + min(datetime.timedelta(seconds=30 * 2 ** change.attempts), MAX_BACKOFF)
            change.last_error = error[:1000]
            change.save(update_fields=["attempts", "next_attempt_at", "last_error"])
    except Exception:  # the journal itself unreachable: nothing more can be kept
        logger.exception("Search journal unavailable")


def redo_pending(now: datetime.datetime | None = None) -> tuple[int, int]:
    """Index again the scopes whose update failed; returns (done, still pending)."""
    now = now or timezone.now()
    due = list(IndexChange.objects.filter(pending=True, next_attempt_at__lte=now, key__startswith=REDO)
               .order_by("changed_at").values_list("key", flat=True)[:RETRY_BATCH])
    done = 0
    for key in due:
        kind, _, value = key[len(REDO):].partition(":")
        paths, venue_ids = ((value,), ()) if kind == "p" else ((), (int(value),))
        apply(paths, venue_ids)
        done += not IndexChange.objects.filter(key=key, pending=True).exists()
    return done, IndexChange.objects.filter(pending=True, key__startswith=REDO).count()


def journal(keys: Iterable[str], now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    IndexChange.objects.bulk_create(
        [IndexChange(key=k, changed_at=now, pending=True, attempts=0, next_attempt_at=now, last_error="")
         for k in dict.fromkeys(keys)],
        update_conflicts=True, unique_fields=["key"],
        update_fields=["changed_at", "pending", "attempts", "next_attempt_at", "last_error"],
    )


def entry_document(entry: SearchEntry) -> SearchDocument:
    return SearchDocument(
        key=entry.key, kind=entry.kind, root=entry.root, path=entry.path, section_key=entry.section_key,
        year=entry.year, title=entry.title, summary=entry.summary, body=entry.body, number=entry.number,
        address=entry.address, areas=tuple(AreaRef(**a) for a in entry.areas), date=entry.date,
        expires_at=entry.expires_at, url=entry.url, source_id=entry.source_id,
        section_title=entry.section_title,
    )


def indexed_documents(keys: Iterable[str]) -> tuple[list[SearchDocument], list[str]]:
    """Documents as the database index holds them, and the keys it no longer holds (to delete)."""
    keys = list(dict.fromkeys(keys))
    entries = SearchEntry.objects.in_bulk(keys, field_name="key")
    return [entry_document(entries[k]) for k in keys if k in entries], [k for k in keys if k not in entries]


def push(keys: list[str], now: datetime.datetime | None = None) -> bool:
    """Send these keys to Elasticsearch; on failure they stay pending with a later retry time."""
    from search.elastic.errors import SearchBackendError

    now = now or timezone.now()
    docs, gone = indexed_documents(keys)
    try:
        backend = elasticsearch()
        if docs:
            backend.index_documents(docs)
        if gone:
            backend.delete_documents(gone)
    except SearchBackendError as error:
        logger.warning("Elasticsearch unavailable, %d change(s) queued: %s", len(keys), error)
        for change in IndexChange.objects.filter(key__in=keys, pending=True):
            change.attempts += 1
            change.next_attempt_at = now + min(datetime.timedelta(seconds=30 * 2 ** change.attempts), MAX_BACKOFF)
            change.last_error = str(error)[:1000]
            change.save(update_fields=["attempts", "next_attempt_at", "last_error"])
        return False
    IndexChange.objects.filter(key__in=keys, changed_at__lte=now).update(pending=False, last_error="")
    return True


def retry_pending(now: datetime.datetime | None = None) -> tuple[int, int]:
    """One retry round over the due backlog; returns (sent, still pending)."""
    now = now or timezone.now()
    IndexChange.objects.filter(pending=False, changed_at__lt=now - KEEP_JOURNAL).delete()
    due = list(IndexChange.objects.filter(pending=True, next_attempt_at__lte=now).exclude(key__startswith=REDO)
               .order_by("changed_at").values_list("key", flat=True)[:RETRY_BATCH])
    sent = len(due) if due and push(due, now) else 0
    return sent, IndexChange.objects.filter(pending=True).exclude(key__startswith=REDO).count()


def changed_since(moment: datetime.datetime) -> tuple[list[SearchDocument], list[str]]:
    """What changed from ``moment`` on (for a rebuild to re-apply), as documents and keys to delete."""
    keys = (IndexChange.objects.filter(changed_at__gte=moment).exclude(key__startswith=REDO)
            .values_list("key", flat=True))
    return indexed_documents(keys)


def rebuild_database() -> int:
    """Rebuild the database index from the published content."""
    with transaction.atomic():
        writing.clear()
        return writing.write(collect.all_documents())
