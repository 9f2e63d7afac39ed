"""SQL queries and response bytes per request, in process, with the response cache off.

"cold": our internal caches just cleared (site context, counts, image payloads recomputed);
"warm": the steady state of a long-lived worker between two publications.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def queries(client: Client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return len(captured), len(response.content)


client = Client()
print(f"{'url (in process, response cache off)':62} {'cold':>5} {'warm':>5} {'bytes':>7}")
for url in sys.argv[1:]:
    client.get(url)
    cache.clear()
    cold, _ = queries(client, url)
    warm, size = queries(client, url)
    print(f"{url[:62]:62} {cold:>5} {warm:>5} {size:>7}")
