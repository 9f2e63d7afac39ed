"""The static mirror of the results-day hot set: files nginx serves without the application.

The hot responses (sections, schedule, venues, first pages of the news lists per kind and per area, their
item details, feeds) are rendered through the application itself, so each file holds exactly the bytes the
API serves, and written as one *generation* folder; a ``current`` symlink is switched to it atomically once
it is complete, so readers never see half of a release. Any content change takes the mirror offline at once
(``suspend``: the pointer is removed and nginx falls back to the application), and the scheduler rebuilds
it; it also steps aside shortly before each scheduled change, so no lifetime nginx hands out (``max-age``
``MIRROR_MAX_AGE``) reaches past the moment. See deploy/nginx/ and docs/DESIGN-NOTES.md.
"""

from exam_news.mirror.store import enabled, lead_seconds, rebuild, serving, status, suspend

__all__ = ["enabled", "lead_seconds", "rebuild", "serving", "status", "suspend"]
