#!/usr/bin/env python
"""Speed and memory of the main pages, as ratios measured in one run.

Serves the demo site with gunicorn (production settings, a throw-away SQLite database
and cache), then loads each main page and, in alternating rounds, a "floor" page of
the same size that goes through the same server and middleware but does no work (no
query, no template). Prints requests/s and p99 latency for each, the page/floor
throughput ratio (the bar is 0.80), the SQL-free size of each page compressed, and
the workers' memory before and after the load.

Usage: make benchmark   (or .venv/bin/python scripts/benchmark.py --seconds 3 --clients 8)
Only loopback addresses are contacted; every loop is bounded in count and time.
"""

import argparse
import gzip
import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PAGES = [
    "/en/",
    "/en/organisations/",
    "/ja/organisations/",
    "/en/organisations/prefectural-advisors/",
    "/en/updates/",
    "/ja/updates/",
    "/en/updates/feed/",
    "/en/faq/",
]
BAR = 0.80


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, path, timeout=10):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def load(port, path, seconds, clients, max_requests=200_000):
    """Requests/s and latencies for ``path`` from ``clients`` threads for ``seconds``."""
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        while time.perf_counter() < deadline and len(mine) < max_requests // clients:
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept-Encoding": "identity"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors[0] += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            mine.append(time.perf_counter() - start)
        connection.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan")
    return {"rps": len(latencies) / elapsed, "p99_ms": p99 * 1000, "errors": errors[0], "n": len(latencies)}


def rss_kib(pids):
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3.0, help="length of each measurement")
    parser.add_argument("--rounds", type=int, default=2, help="alternating page/floor rounds per page")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="jetportal-bench-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jetportal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_HTTPS": "0",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "CACHE_URL": os.environ.get("CACHE_URL", f"file://{workdir / 'cache'}"),
        "JETPORTAL_BENCHMARK_FLOOR": "1",
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": str(args.workers),
        "PORT": str(port),
    }
    manage = [PYTHON, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "--config",
            "jetportal/gunicorn.conf.py",
            "--access-logfile",
            "/dev/null",
            "jetportal.wsgi",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                if fetch(port, "/robots.txt")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("gunicorn did not start")
        for _ in range(3):  # let every worker import and warm up
            for path in PAGES:
                fetch(port, path)
        pids = worker_pids(server.pid)
        memory_before = rss_kib(pids)

        print(
            f"gunicorn: {args.workers} workers, {args.clients} clients, {args.rounds}×{args.seconds:.0f}s per page and floor\n"
        )
        header = f"{'page':42} {'KB gz':>6} {'req/s':>8} {'p99 ms':>7} {'floor r/s':>10} {'floor p99':>9} {'ratio':>6}"
        print(header)
        print("-" * len(header))
        failures = []
        for path in PAGES:
            status, body = fetch(port, path)
            if status != 200:
                failures.append(f"{path} answered {status}")
                continue
            floor = f"/__floor__/{len(body)}/"
            page_runs, floor_runs = [], []
            for _ in range(args.rounds):
                page_runs.append(load(port, path, args.seconds, args.clients))
                floor_runs.append(load(port, floor, args.seconds, args.clients))
            page_rps = statistics.mean(run["rps"] for run in page_runs)
            floor_rps = statistics.mean(run["rps"] for run in floor_runs)
            ratio = page_rps / floor_rps
            errors = sum(run["errors"] for run in page_runs + floor_runs)
            print(
                f"{path:42} {len(gzip.compress(body)) / 1024:6.1f} {page_rps:8.0f} {max(r['p99_ms'] for r in page_runs):7.1f}"
                f" {floor_rps:10.0f} {max(r['p99_ms'] for r in floor_runs):9.1f} {ratio:6.2f}"
            )
            if ratio < BAR:
                failures.append(f"{path}: {ratio:.2f} of the floor's throughput (bar {BAR})")
            if errors:
                failures.append(f"{path}: {errors} failed requests")
        memory_after = rss_kib(pids)
        print(
            f"\nworkers' memory (RSS): {memory_before / 1024:.0f} MiB after warm-up, {memory_after / 1024:.0f} MiB after the load"
            f" (ratio {memory_after / max(memory_before, 1):.2f})"
        )
        # The site search over 10,000 items, in its own throw-away database (goal: median ≤ 50 ms).
        if subprocess.run([PYTHON, str(ROOT / "scripts" / "search_benchmark.py")], cwd=ROOT).returncode:
            failures.append("site search: median above 50 ms")
        if failures:
            print("\nBelow the bar:\n- " + "\n- ".join(failures))
            return 1
        print(f"\nEvery main page reached at least {BAR:.0%} of its floor's throughput.")
        return 0
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
