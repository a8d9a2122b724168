"""Served by gunicorn: the database going away, and a fuzz run of bad requests (0 answers of 5xx).

Both start their own servers on free loopback ports (see tests/servers.py) and stop them.
"""

import http.client
import os
import random
import shutil
import socket
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from servers import PG_BIN, PostgresCluster, free_port, gunicorn, gunicorn_env, prepare_site, wait_until

pytestmark = pytest.mark.skipif(os.name != "posix", reason="gunicorn runs on POSIX only")


def get(port, path, headers=None, timeout=10):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "identity", **(headers or {})})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


@pytest.fixture
def workdir():
    # Outside pytest's own (root-only) temporary folders: PostgreSQL runs as another user.
    path = Path(tempfile.mkdtemp(prefix="jetportal-serving-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.skipif(not (PG_BIN / "initdb").exists(), reason="PostgreSQL 15 server binaries are not installed")
def test_database_down_gives_a_translated_503_cached_pages_stay_and_it_recovers(workdir):
    cluster = PostgresCluster(workdir / "pg")
    cluster.init()
    try:
        port = free_port()
        env = gunicorn_env(workdir, port, DATABASE_URL=cluster.url, DATABASE_CONN_MAX_AGE="60")
        prepare_site(env)
        with gunicorn(env, workdir / "gunicorn.log"):
            for _ in range(2):  # every worker has it, or finds it in the shared cache
                for path in ("/en/organisations/", "/ja/organisations/"):
                    assert get(port, path)[0] == 200
            cluster.stop()

            for path in ("/en/organisations/", "/ja/organisations/"):
                status, _headers, html = get(port, path)
                assert status == 200 and "<h1>" in html
            for lang, text in (("en", "Temporarily unavailable"), ("ja", "一時的に利用できません")):
                for path in (f"/{lang}/updates/", f"/{lang}/no/such/page/", f"/{lang}/faq/unlock/"):
                    status, headers, html = get(port, path)
                    assert status == 503, (path, status)
                    assert int(headers["Retry-After"]) > 0
                    assert text in html and f'<html lang="{lang}">' in html

            cluster.start()
            wait_until(lambda: get(port, "/ja/updates/")[0] == 200, 15, "the site to use the database again")
            assert get(port, "/en/updates/")[0] == 200
    finally:
        cluster.stop()


# The fuzz run ---------------------------------------------------------------------------------

FUZZ_REQUESTS = 2400
PAGES = [
    "/",
    "/en/",
    "/ja/",
    "/en/organisations/",
    "/ja/organisations/prefectural-advisors/",
    "/en/updates/",
    "/ja/updates/feed/",
    "/en/faq/",
    "/en/faq/english/",
    "/ja/faq/unlock/",
    "/en/downloads/jet-pamphlet/",
    "/sitemap.xml",
    "/robots.txt",
    "/admin/login/",
    "/i18n/setlang/",
    "/static/css/site.css",
    "/media/x.webp",
]
ODD_SEGMENTS = [
    "..",
    "%2e%2e",
    "%00",
    "%ff%fe",
    "%E3%81",
    "日本語",
    "a" * 600,
    "%",
    "%%32%65",
    "\\",
    "~",
    "'\"<>",
    ";x=1",
    "%0d%0aSet-Cookie:%20a=b",
    "feed",
    "page",
    "..;",
    "%c0%ae",
]
ODD_VALUES = ["", "-1", "0", "99999999", "1e9", "%00", "%ff", "x" * 3000, "日本", "<script>", "1&page=2", "%", "+", " "]
HOSTS = [
    "{ok}",
    "{ok}",
    "evil.example",
    "127.0.0.1:9999",
    "localhost:abc",
    "",
    "[::1",
    "a b",
    "ＥＸＡＭＰＬＥ",
    "{ok}.",
    "x" * 300,
]
RANGES = [
    "bytes=0-0",
    "bytes=-1",
    "bytes=999999999-",
    "bytes=a-b",
    "bytes=5-1",
    ",".join(["bytes=0-1"] * 300),
    "lines=1-2",
]
LANGUAGES = ["ja", "en-GB,ja;q=0.5", "xx-YY;q=abc", "*;q=0", "ja;q=2", "a" * 500, "zh-Hant-TW", ",,,;"]
COOKIES = [
    "sessionid=abc",
    "sessionid=" + "x" * 40,
    "csrftoken=short",
    "messages=garbage",
    "messages=W1siX19qc29uX21lc3NhZ2UiXV0:1abc:sig",
    "django_language=xx",
    "a=" + "b" * 3000,
    "sessionid=%00",
    "=;=;=",
]
METHODS = ["GET", "GET", "GET", "HEAD", "POST", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "FOO"]
BODIES = [
    ("application/x-www-form-urlencoded", b"password=x&next=%2F%2Fevil.example"),
    ("application/x-www-form-urlencoded", b"language=ja&next=https://evil.example/"),
    ("application/x-www-form-urlencoded", b"username=admin&password=" + b"p" * 5000),
    ("application/x-www-form-urlencoded", b"%ff%fe=%00&&&=="),
    ("multipart/form-data; boundary=xyz", b'--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--xyz--\r\n'),
    ("multipart/form-data", b"no boundary at all"),
    ("application/json", b'{"a": [1, 2, {"b": null}]}'),
    ("text/plain", bytes(range(256))),
]


def fuzz_request(rng, port):
    """One request as bytes: any of the site's addresses, made odd in one or more ways."""
    path = rng.choice(PAGES)
    if rng.random() < 0.5:
        path = path.rstrip("/") + "/" + "/".join(rng.choice(ODD_SEGMENTS) for _ in range(rng.randint(1, 3))) + "/"
    if rng.random() < 0.6:
        names = ["page", "audience", "q", "next", "utm_source", "%ff", "a[]", "page"]
        path += "?" + "&".join(f"{rng.choice(names)}={rng.choice(ODD_VALUES)}" for _ in range(rng.randint(1, 4)))
    method = rng.choice(METHODS)
    ok = f"127.0.0.1:{port}"
    headers = {"Host": rng.choice(HOSTS).format(ok=ok), "Connection": "close"}
    extras = {
        "Range": RANGES,
        "Cookie": COOKIES,
        "Accept-Language": LANGUAGES,
        "Accept-Encoding": ["gzip", "br, gzip;q=0", "identity;q=0", "*"],
        "If-None-Match": ['"abc"', "*", "W/", "garbage"],
        "If-Modified-Since": ["yesterday", "Thu, 01 Jan 1970 00:00:00 GMT", "Sat, 29 Nov 2099 00:00:00 GMT"],
        "X-Forwarded-Proto": ["https", "gopher"],
        "X-Forwarded-For": ["1.2.3.4, 5.6.7.8", "garbage", "::1"],
        "X-Forwarded-Host": ["evil.example"],
        "Referer": ["https://evil.example/", "日本"],
    }
    for name, values in extras.items():
        if rng.random() < 0.2:
            headers[name] = rng.choice(values)
    body = b""
    if method in ("POST", "PUT", "PATCH") or rng.random() < 0.05:
        content_type, body = rng.choice(BODIES)
        headers["Content-Type"] = content_type
    headers["Content-Length"] = str(len(body))
    head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    return head.encode("utf-8", "surrogateescape") + b"\r\n" + body


def send(port, raw):
    """The status code of the answer, or None when the server closed without one."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(raw)
        received = b""
        while b"\r\n" not in received:
            chunk = sock.recv(4096)
            if not chunk:
                return None
            received += chunk
    parts = received.split(b"\r\n", 1)[0].split(b" ")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def test_a_fuzz_run_of_bad_requests_gets_no_5xx(tmp_path, capsys):
    port = free_port()
    env = gunicorn_env(tmp_path, port)
    prepare_site(env)
    rng = random.Random(9)
    requests = [fuzz_request(rng, port) for _ in range(FUZZ_REQUESTS)]
    statuses, failures, lock = Counter(), [], threading.Lock()
    with gunicorn(env, tmp_path / "gunicorn.log"):
        wait_until(
            lambda: send(port, f"GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()) == 200,
            30,
            "ready",
        )
        started = time.monotonic()

        def worker(share):
            for raw in share:
                status = send(port, raw)
                with lock:
                    statuses[status] += 1
                    if status is not None and status >= 500:
                        failures.append((status, raw[:300]))

        threads = [threading.Thread(target=worker, args=(requests[i::8],)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.monotonic() - started
    with capsys.disabled():
        summary = ", ".join(
            f"{status}: {count}" for status, count in sorted(statuses.items(), key=lambda item: str(item[0]))
        )
        print(f"\nfuzz: {sum(statuses.values())} requests in {seconds:.1f}s; answers {summary}")
    assert sum(statuses.values()) >= 2000
    assert failures == [], failures[:10]
    assert statuses[None] == 0
