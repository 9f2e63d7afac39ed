"""The API rate limit counted once for all workers (issue #20, point 2): separate processes, each with its own
Redis clients (and threads with their own connections), share one counter through the cache. Runs a private
redis-server on a free port; the workers are real processes started with the project's settings."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server")
WINDOW = 86_400  # one day: the test never runs across a window's end (it waits, if it would)

# CI installs Redis (scripts/test → scripts/services redis); elsewhere the test needs redis-server installed.
pytestmark = pytest.mark.skipif(REDIS_SERVER is None and not os.environ.get("CI"),
                                reason="redis-server is not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    import redis

    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen([REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(folder)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail("redis-server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def worker(redis_url: str, tmp_path: Path, *args: str, limit: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update({"REDIS_URL": redis_url, "CACHE_KEY_PREFIX": tmp_path.name, "API_RATE_LIMIT": str(limit),
                "API_RATE_WINDOW": str(WINDOW), "MUA_THI_VAR_DIR": str(tmp_path), "DEBUG": "0"})
    return subprocess.Popen([sys.executable, "-m", "tests.ops.rate_limit_worker", *args], cwd=ROOT, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def result(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def test_two_processes_counting_at_once_allow_the_limit_once_in_all(redis_url, tmp_path):
    """Two processes × 4 threads × 25 requests of one client at the same instant, limit 70: exactly 70 pass.
    With counters per process (the local-memory cache) each process alone would let 70 through: 140."""
    now = str(1_800_000_000.0)  # one window for all, whatever the clock does meanwhile
    processes = [worker(redis_url, tmp_path, "hits", "203.0.113.9", "4", "25", now, limit=70) for _ in range(2)]
    for process in processes:  # both ready (Django set up, threads made): then both start at once
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    counts = [result(process) for process in processes]
    assert sum(c["allowed"] for c in counts) == 70
    assert sum(c["refused"] for c in counts) == 200 - 70


def test_a_client_that_spent_its_limit_in_one_worker_gets_429_from_another(redis_url, tmp_path):
    if time.time() % WINDOW > WINDOW - 300:  # not across the end of the window
        time.sleep(WINDOW - time.time() % WINDOW + 1)
    first = result(worker(redis_url, tmp_path, "requests", "203.0.113.20", "3", limit=3))
    assert first["statuses"] == [200, 200, 200]
    second = result(worker(redis_url, tmp_path, "requests", "203.0.113.20", "2", limit=3))
    assert second["statuses"] == [429, 429]
    assert all(1 <= int(seconds) <= WINDOW for seconds in second["retry_after"])
    other = result(worker(redis_url, tmp_path, "requests", "203.0.113.21", "1", limit=3))
    assert other["statuses"] == [200]  # another client has its own counter
