"""Server time of the article edit page in the admin (issue #18: ≤ 300 ms with the demo data).

    DATABASE_URL=sqlite:////tmp/admin-bench.sqlite3 .venv/bin/python bench/admin/edit_page.py [--prepare] [-n 30]

``--prepare`` migrates that database and loads the units and the demo content first. The page is requested
in-process through Django's test client as a provincial editor (the full middleware stack, no network), after
two warm-up requests; it prints median, p95 and max of the server time, the SQL query count and the size.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prepare", action="store_true")
    parser.add_argument("-n", type=int, default=30)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to a scratch database (e.g. sqlite:////tmp/admin-bench.sqlite3).")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    if args.prepare:
        call_command("migrate", verbosity=0)
        call_command("load_admin_units", verbosity=0)
        call_command("load_demo", verbosity=0)

    from django.contrib.auth import get_user_model

    from exam_news.models import NewsPage

    user = get_user_model().objects.filter(is_superuser=True).first() or get_user_model().objects.create_superuser(
        "bench-admin", password="bench-only-Password-1")
    page = NewsPage.objects.live().order_by("pk").first()
    client = Client()
    client.force_login(user)
    url = f"/admin/pages/{page.pk}/edit/"
    for _ in range(2):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(args.n):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    times.sort()
    print(f"{url} ({page.title[:50]}…) n={args.n}: median {statistics.median(times):.0f} ms, "
          f"p95 {times[int(len(times) * 0.95) - 1]:.0f} ms, max {times[-1]:.0f} ms; "
          f"{len(queries)} queries; {len(response.content) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
