"""SQL queries and response bytes per request, in process (warm: each URL is requested once first)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

client = Client()
print(f"{'url (in process, uncached, warm)':60} {'queries':>8} {'bytes':>8}")
for url in sys.argv[1:]:
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    print(f"{url[:60]:60} {len(queries):>8} {len(response.content):>8}")
