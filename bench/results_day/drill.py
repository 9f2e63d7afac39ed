"""Results-day drill: load across the hot set through nginx, every response checked, faults injected,
throughput measured with wrk. Started by run.sh, which has already set up everything it talks to.

Each response is judged against the release moment M (epoch seconds):
  wrong_state        released content received before M, or the pre-release state of a list that must
                     show it, requested more than 1 s after M
  cache_past_moment  a response before M whose lifetime (max(max-age, s-maxage) + stale-while-revalidate,
                     counted from when it was requested) reaches past M
"""

import argparse
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import threading
import time

LIFETIME = re.compile(r"(max-age|s-maxage|stale-while-revalidate)=(\d+)")


class Log:
    def __init__(self):
        self.lock = threading.Lock()
        self.records: list[tuple] = []
        self.events: list[tuple[float, str]] = []

    def add(self, record: tuple) -> None:
        with self.lock:
            self.records.append(record)

    def event(self, name: str) -> None:
        print(f"drill: {time.time():.3f} {name}", flush=True)
        with self.lock:
            self.events.append((time.time(), name))


def lifetime(cache_control: str) -> int | None:
    values = dict((k, int(v)) for k, v in LIFETIME.findall(cache_control or ""))
    if "max-age" not in values:
        return None
    return max(values["max-age"], values.get("s-maxage", 0)) + values.get("stale-while-revalidate", 0)


def shows_release(path: str, status: int, body: bytes, marker: str) -> bool:
    if "/items/" in path:
        return status == 200
    if path.startswith("/api/v1/search"):  # the query itself is echoed: look at the hits' titles only
        try:
            hits = json.loads(body).get("results", [])
        except (ValueError, AttributeError):
            return False
        return any(marker in (hit.get("title") or "") for hit in hits if isinstance(hit, dict))
    return marker.encode() in body


def worker(args, urls, log: Log, stop: threading.Event, quiet: threading.Event) -> None:
    connection = None
    while not stop.is_set():
        if quiet.is_set():  # while wrk measures, a trickle only
            time.sleep(0.2)
        path, must_show = random.choice(urls)
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", args.nginx_port, timeout=10)
        t0 = time.time()
        try:
            connection.request("GET", path, headers={"Host": args.host})
            response = connection.getresponse()
            body = response.read()
            status = response.status
            headers = {k.lower(): v for k, v in response.getheaders()}
            if headers.get("connection", "").lower() == "close":
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException) as error:
            status, body, headers = 0, str(error).encode(), {}
            connection.close()
            connection = None
        t1 = time.time()
        released = shows_release(path, status, body, args.marker)
        log.add((t0, t1, path, must_show, status, released, headers.get("cache-control", ""),
                 headers.get("x-served-from", "app"), headers.get("retry-after")))


def wrk(url: str, seconds: int, host: str, script: str | None = None) -> dict:
    command = ["wrk", "-t1", "-c8", f"-d{seconds}s", "--latency", "-H", f"Host: {host}"]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = {}
    for label in ("50%", "99%"):
        match = re.search(rf"^\s+{re.escape(label)}\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        percentiles[label] = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": round(rps), "p50_ms": round(percentiles["50%"], 2), "p99_ms": round(percentiles["99%"], 2),
            "non_2xx": int(non_2xx.group(1)) if non_2xx else 0}


def measure(args, log: Log, quiet: threading.Event) -> dict:
    hot = "/api/v1/news"
    results = {}
    quiet.set()
    try:
        # Alternated, best of three each: a 2-core virtual machine is noisy from one second to the next.
        runs: dict[str, list[dict]] = {"mirror": [], "nginx_same_bytes": []}
        for _ in range(3):
            log.event("wrk: mirror")
            runs["mirror"].append(wrk(f"http://127.0.0.1:{args.nginx_port}{hot}", args.wrk_seconds, args.host))
            log.event("wrk: nginx serving the same bytes as a plain file")
            runs["nginx_same_bytes"].append(
                wrk(f"http://127.0.0.1:{args.same_bytes_port}/same.json", args.wrk_seconds, args.host))
        for name, measured in runs.items():
            results[name] = max(measured, key=lambda run: run["rps"])
        log.event("wrk: application, cached path, at its maximum")
        results["app_max"] = wrk(f"http://127.0.0.1:{args.app_port}{hot}", args.wrk_seconds, args.host)
        half = results["app_max"]["rps"] / 2
        # wrk paces each of its 8 connections with delay(): 8 connections / delay ≈ half the maximum rate
        delay_ms = max(0.1, 8 / half * 1000 - results["app_max"]["p50_ms"])
        script = os.path.join(args.work, "pace.lua")
        with open(script, "w") as handle:
            handle.write(f"function delay() return {delay_ms:.3f} end\n")
        log.event(f"wrk: application at half its maximum ({half:.0f} req/s)")
        results["app_half"] = wrk(f"http://127.0.0.1:{args.app_port}{hot}", args.wrk_seconds, args.host, script)
    finally:
        quiet.clear()
    return results


def sh(command: str, log: Log, name: str) -> None:
    log.event(name)
    subprocess.run(command, shell=True, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def faults(args, moment: float, log: Log, stop: threading.Event) -> dict:
    """Redis down across the moment, one gunicorn worker killed a second before it, PostgreSQL restarted after."""
    windows = {}
    plan = [
        (moment - 12, "stop Redis", f"redis-cli -p {args.redis_port} shutdown nosave"),
        (moment - 1, "kill one gunicorn worker", None),
        (moment + 3, "start Redis", "bash scripts/services redis"),
        (moment + 15, "restart PostgreSQL", "pg_ctlcluster 15 main restart -m fast"),
    ]
    for at, name, command in plan:
        while time.time() < at and not stop.is_set():
            time.sleep(0.05)
        if name == "kill one gunicorn worker":
            found = subprocess.run(["pgrep", "-P", str(args.gunicorn_pid)], capture_output=True, text=True)
            workers = found.stdout.split()
            if workers:
                log.event(f"{name} (pid {workers[0]})")
                os.kill(int(workers[0]), signal.SIGKILL)
            continue
        start = time.time()
        sh(command, log, name)
        if name == "restart PostgreSQL":
            windows["postgres_down"] = [start - 0.5, time.time() + 2.0]  # until the workers have reconnected
    return windows


def summarise(args, log: Log, moment: float, measured: dict, windows: dict) -> dict:
    records = log.records
    latencies = sorted((t1 - t0) * 1000 for t0, t1, _, _, status, *_ in records if status)
    down = windows.get("postgres_down")
    wrong = late = early = past = 0
    errors_5xx = errors_500 = outside = connection_errors = 0
    first_seen = None
    problems: dict[str, int] = {}

    def problem(kind: str, path: str, served: str) -> None:
        key = f"{kind} {served} {path}"
        problems[key] = problems.get(key, 0) + 1
    for t0, t1, path, must_show, status, released, cache_control, served, _ in records:
        if status == 0:
            connection_errors += 1
            continue
        if status >= 500:
            errors_5xx += 1
            errors_500 += status == 500
            if status != 503 or not (down and down[0] <= t0 <= down[1]):
                outside += 1
            continue
        if released and t1 < moment:
            early += 1
            problem("early", path, served)
        if must_show and not released and t0 > moment + 1:
            late += 1
            problem("late", path, served)
        if released and (first_seen is None or t1 < first_seen):
            first_seen = t1
        if t1 < moment and status in (200, 304):
            life = lifetime(cache_control)
            if life is None or t0 + life > moment:
                past += 1
                problem("cache_past_moment", path, served)
    wrong = early + late
    mirror_share = sum(1 for r in records if r[7] == "mirror") / max(1, len(records))
    summary = {
        "faults": args.faults, "moment": moment, "requests": len(records),
        "errors_5xx": errors_5xx, "errors_500": errors_500, "errors_5xx_outside_postgres_restart": outside,
        "connection_errors": connection_errors,
        "wrong_state": wrong, "released_early": early, "released_late": late, "cache_past_moment": past,
        "first_release_seen_after_moment_s": round(first_seen - moment, 3) if first_seen else None,
        "p50_ms": round(statistics.median(latencies), 2) if latencies else None,
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 2) if latencies else None,
        "served_from_mirror": round(mirror_share, 3),
        "mirror_rps": measured["mirror"]["rps"], "nginx_same_bytes_rps": measured["nginx_same_bytes"]["rps"],
        "mirror_vs_nginx": round(measured["mirror"]["rps"] / measured["nginx_same_bytes"]["rps"], 3),
        "mirror_p99_ms": measured["mirror"]["p99_ms"],
        "nginx_same_bytes_p99_ms": measured["nginx_same_bytes"]["p99_ms"],
        "app_rps": measured["app_max"]["rps"], "app_p99_ms_at_max": measured["app_max"]["p99_ms"],
        "app_half_rate_rps": measured["app_half"]["rps"],
        "app_p50_ms_at_half": measured["app_half"]["p50_ms"], "app_p99_ms_at_half": measured["app_half"]["p99_ms"],
        "problems": dict(sorted(problems.items(), key=lambda item: -item[1])[:20]),
        "events": [[round(t - moment, 3), name] for t, name in log.events],
    }
    return summary


def main() -> None:
    parser = argparse.ArgumentParser()
    for name in ("nginx-port", "same-bytes-port", "app-port", "redis-port", "gunicorn-pid"):
        parser.add_argument(f"--{name}", type=int, required=True)
    parser.add_argument("--prepared", required=True, help="the JSON line printed by prepare.py")
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--work", required=True)
    parser.add_argument("--faults", type=int, default=1)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--after", type=float, default=35, help="seconds of load after the moment")
    parser.add_argument("--wrk-seconds", type=int, default=3)
    parser.add_argument("--areas", default="", help="comma-separated commune codes to include")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    prepared = json.loads(args.prepared)
    args.marker = prepared["marker"]
    moment = prepared["moment"]
    marked = ["/api/v1/news", "/api/v1/results", "/api/v1/feeds/news.rss", "/api/v1/feeds/news.atom",
              f"/api/v1/search?q={args.marker}"] + [f"/api/v1/items/{pk}" for pk in prepared["held"]]
    marked += [f"/api/v1/news?area={code}" for code in args.areas.split(",") if code]
    others = ["/api/v1/sections", "/api/v1/schedule", "/api/v1/venues", "/api/v1/notices/active",
              "/api/v1/feeds/schedule.ics", "/api/v1/feeds/venues.geojson", "/api/v1/stories"]
    urls = [(u, True) for u in marked] + [(u, False) for u in others]

    log, stop, quiet = Log(), threading.Event(), threading.Event()
    threads = [threading.Thread(target=worker, args=(args, urls, log, stop, quiet), daemon=True)
               for _ in range(args.threads)]
    log.event(f"load starts, {args.threads} connections; moment in {moment - time.time():.1f} s")
    for thread in threads:
        thread.start()
    measured = measure(args, log, quiet)
    windows: dict = {}
    fault_thread = None
    if args.faults:
        fault_thread = threading.Thread(target=lambda: windows.update(faults(args, moment, log, stop)), daemon=True)
        fault_thread.start()
    while time.time() < moment + args.after:
        time.sleep(0.2)
    stop.set()
    for thread in threads:
        thread.join(15)
    if fault_thread:
        fault_thread.join(30)
    summary = summarise(args, log, moment, measured, windows)
    with open(args.out, "w") as handle:
        json.dump(summary, handle, ensure_ascii=False, indent=2)
    print(json.dumps({k: v for k, v in summary.items() if k != "events"}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
