"""deploy/nginx/mua-thi.conf, run by a real nginx: the mirror answers with the API's bytes, content type and
Last-Modified; everything it must not answer goes to the application."""

import http.server
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from exam_news import mirror
from tests.exam_news.factories import add_page, news

ROOT = Path(__file__).resolve().parents[3]
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)

pytestmark = [
    # CI installs nginx (scripts/test → scripts/services nginx); elsewhere the test needs it installed.
    pytest.mark.skipif(NGINX is None and not os.environ.get("CI"), reason="nginx is not installed"),
    pytest.mark.django_db,
]


class StandIn(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = f"application:{self.path}:{self.headers.get('Authorization', '')}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def nginx(tmp_path, settings):
    settings.MIRROR_ROOT = str(tmp_path / "mirror")
    port = free_port()
    stand_in = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    threading.Thread(target=stand_in.serve_forever, daemon=True).start()
    app = f"127.0.0.1:{stand_in.server_address[1]}"
    site = (ROOT / "deploy/nginx/mua-thi.conf").read_text()
    site = site.replace("/srv/mua-thi/mirror", str(tmp_path / "mirror")).replace("127.0.0.1:8000", app)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "tmp").mkdir()
    (tmp_path / "nginx.conf").write_text(f"""
worker_processes 1;
{"user root;" if os.geteuid() == 0 else ""}
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log warn;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {tmp_path}/tmp; proxy_temp_path {tmp_path}/tmp; fastcgi_temp_path {tmp_path}/tmp;
  uwsgi_temp_path {tmp_path}/tmp; scgi_temp_path {tmp_path}/tmp;
  include {tmp_path}/site.conf;
}}
""")
    subprocess.run([NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)], check=True)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stand_in.shutdown()
        subprocess.run([NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path), "-s", "quit"], check=False)
        time.sleep(0.2)


def get(base: str, path: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(base + path, headers={"Host": "localhost", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_the_mirror_serves_the_api_bytes_and_falls_back_to_the_application(client, portal, nginx):
    item = add_page(portal, news("Thí sinh xem điểm thi từ 8 giờ"))
    assert mirror.rebuild() is not None
    for path in ["/api/v1/news", "/api/v1/sections", "/api/v1/feeds/news.rss", "/api/v1/feeds/news.atom",
                 "/api/v1/feeds/schedule.ics", "/api/v1/feeds/venues.geojson", f"/api/v1/items/{item.pk}"]:
        status, headers, body = get(nginx, path)
        api = client.get(path, HTTP_HOST="localhost")
        assert status == api.status_code == 200, path
        assert headers.get("x-served-from") == "mirror", path
        assert body == api.content, path
        assert headers["content-type"] == api["Content-Type"], path
        assert headers["last-modified"] == api["Last-Modified"], path
        assert re.fullmatch(r"public, max-age=5, s-maxage=5", headers["cache-control"]), path

    # What the mirror must not answer reaches the application.
    for path, extra in [("/api/v1/news", {"Authorization": "Bearer x"}),
                        ("/api/v1/news", {"Origin": "https://tanchau.angiang.gov.vn"}),
                        ("/api/v1/news?page=2", {}), ("/api/v1/news?x=/../../etc/passwd", {}),
                        ("/api/v1/search?q=diem+thi", {}), ("/admin/login/", {})]:
        status, headers, body = get(nginx, path, **extra)
        assert "x-served-from" not in headers, path
        assert body.decode().startswith(f"application:{path}"), (path, body[:80])

    mirror.suspend()
    time.sleep(1.1)  # nginx keeps open files for up to 1 s (open_file_cache_valid): the lead covers it
    status, headers, body = get(nginx, "/api/v1/news")
    assert "x-served-from" not in headers and body == b"application:/api/v1/news:"
