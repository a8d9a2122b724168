"""The throttle holds across server processes: gunicorn with two workers, one count.

A per-process counter (or the default local-memory cache) would let each worker allow
its own five tries. This test makes sure both workers take part: a half-sent request
keeps one worker busy, so the requests sent meanwhile can only reach the other one,
and gunicorn's access log (with each worker's pid) shows who answered what.
"""

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PASSWORD = "two-workers-one-count-19"
# Production settings; only static files are served from the apps, so no collectstatic is needed.
SETTINGS_SHIM = """
from jetportal.settings.production import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"Timed out waiting for {what}")


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def server(tmp_path):
    """gunicorn with two sync workers on a migrated SQLite file, the local-memory cache, a password set."""
    (tmp_path / "faq_workers_settings.py").write_text(SETTINGS_SHIM)
    env = {
        **os.environ,
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "faq_workers_settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        # Each worker its own cache: the throttle must not depend on a shared one.
        "CACHE_URL": "locmem://",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "WARNING",
    }
    # Nothing from the test run's own environment that production would refuse or share.
    for name in ("REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    run = {"env": env, "cwd": ROOT, "check": True, "capture_output": True, "text": True}
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], **run)
    subprocess.run([PYTHON, "manage.py", "set_faq_password"], input=PASSWORD + "\n", **run)

    port = free_port()
    access_log, error_log = tmp_path / "access.log", tmp_path / "error.log"
    process = subprocess.Popen(
        [
            GUNICORN,
            "--workers=2",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{port}",
            "--timeout=60",
            f"--access-logfile={access_log}",
            "--access-logformat=%(p)s %(s)s %(m)s %(U)s",
            f"--error-logfile={error_log}",
            "jetportal.wsgi",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: port_open(port) or process.poll() is not None, 30, "gunicorn to listen")
        assert process.poll() is None, error_log.read_text()

        def booted():
            return len(re.findall(r"Booting worker with pid", error_log.read_text())) >= 2

        wait_until(booted, 30, "two gunicorn workers")
        yield {"port": port, "access_log": access_log, "error_log": error_log}
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Visitor:
    """A browser-like client: one cookie jar, the CSRF token from the form."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        page = self.opener.open(f"{self.base}/en/faq/unlock/", timeout=20).read().decode()
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def form(self, password):
        return urllib.parse.urlencode({"csrfmiddlewaretoken": self.token, "password": password}).encode()

    def post(self, password):
        request = urllib.request.Request(f"{self.base}/en/faq/unlock/", data=self.form(password))
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def cookie_header(self):
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)


class HalfSentPost:
    """A POST whose headers are only partly sent: the worker that accepts it waits, busy."""

    def __init__(self, visitor, port, password):
        body = visitor.form(password)
        self.first = f"POST /en/faq/unlock/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode()
        self.rest = (
            f"Cookie: {visitor.cookie_header()}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode() + body
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=20)
        self.sock.sendall(self.first)
        # Long enough for a worker to accept the connection and start waiting on it.
        time.sleep(0.5)

    def finish(self):
        self.sock.sendall(self.rest)
        chunks = []
        while chunk := self.sock.recv(65536):
            chunks.append(chunk)
        self.sock.close()
        status_line = b"".join(chunks).split(b"\r\n", 1)[0].decode()
        return int(status_line.split()[1])


def answered_by(access_log):
    """(pid, status) of every POST to the prompt, in order."""
    lines = access_log.read_text().splitlines()
    return [
        (match.group(1), int(match.group(2)))
        for line in lines
        if (match := re.match(r"<(\d+)> (\d{3}) POST /en/faq/unlock/", line))
    ]


@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in .venv")
@pytest.mark.skipif(sys.platform == "win32", reason="gunicorn runs on POSIX only")
def test_the_sixth_wrong_password_is_refused_whichever_worker_answers(server):
    port = server["port"]
    visitor = Visitor(port)

    # Worker A waits on a half-sent wrong try; tries 1-4 can only be answered by worker B.
    stalled = HalfSentPost(visitor, port, "wrong 5")
    for attempt in range(1, 5):
        status, body = visitor.post(f"wrong {attempt}")
        assert status == 200, body
        assert "The password is not correct." in body
    # Worker A now finishes the fifth wrong try: it sees B's four.
    assert stalled.finish() == 200

    # From now on every try is refused, by either worker: B busy, A answers; then the reverse.
    for _ in range(2):
        stalled = HalfSentPost(visitor, port, PASSWORD)
        status, body = visitor.post(PASSWORD)
        assert status == 429, body
        assert "Too many wrong passwords" in body
        assert stalled.finish() == 429

    wait_until(lambda: len(answered_by(server["access_log"])) >= 9, 10, "the access log")
    log = answered_by(server["access_log"])
    statuses = [status for _pid, status in log]
    assert statuses.count(200) == 5 and statuses.count(429) == 4
    wrong_pids = {pid for pid, status in log if status == 200}
    refused_pids = {pid for pid, status in log if status == 429}
    assert len(wrong_pids) == 2, f"both workers counted wrong tries: {log}"
    assert len(refused_pids) == 2, f"both workers refused: {log}"
