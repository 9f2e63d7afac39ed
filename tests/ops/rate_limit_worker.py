"""One worker process of tests/ops/test_rate_limit_shared.py: the project's settings (the cache from REDIS_URL),
counting API requests for the test and printing what it saw as JSON.

    python -m tests.ops.rate_limit_worker hits CLIENT THREADS PER_THREAD NOW  # hit() at a fixed instant
    python -m tests.ops.rate_limit_worker requests CLIENT COUNT               # GETs through the middleware
"""

import json
import os
import sys
import threading

import django


def count_hits(client: str, threads: int, per_thread: int, now: float) -> dict:
    """Waits for "go" on stdin (the other process is ready too), then counts from ``threads`` threads at
    once, each with its own cache connection."""
    from django.conf import settings

    from cms.middleware import hit

    allowed: list[bool] = []
    lock = threading.Lock()

    def run() -> None:
        mine = [hit(client, settings.API_RATE_LIMIT, settings.API_RATE_WINDOW, now=now)[0]
                for _ in range(per_thread)]
        with lock:
            allowed.extend(mine)

    workers = [threading.Thread(target=run) for _ in range(threads)]
    print("ready", flush=True)
    sys.stdin.readline()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {"allowed": sum(allowed), "refused": len(allowed) - sum(allowed)}


def send_requests(client: str, count: int) -> dict:
    from django.http import HttpResponse
    from django.test import RequestFactory

    from cms.middleware import ApiProtectionMiddleware

    protect = ApiProtectionMiddleware(lambda request: HttpResponse("ok"))
    answers = [protect(RequestFactory().get("/api/v1/sections", REMOTE_ADDR=client)) for _ in range(count)]
    return {"statuses": [a.status_code for a in answers], "retry_after": [a.get("Retry-After") for a in answers]}


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    mode, client, *rest = argv
    if mode == "hits":
        result = count_hits(client, int(rest[0]), int(rest[1]), float(rest[2]))
    else:
        result = send_requests(client, int(rest[0]))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
