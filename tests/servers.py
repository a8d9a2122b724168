"""Real servers for the serving tests: redis-server, a PostgreSQL cluster and gunicorn.

Each is started on a free loopback port in a temporary folder and stopped by the test that
started it; the machine's own PostgreSQL and Redis are never touched.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from stack.http import form_fields

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_BIN = Path("/usr/lib/postgresql/15/bin")
REDIS_SERVER = shutil.which("redis-server")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


class RedisServer:
    """A throw-away redis-server: capped memory with LRU eviction, as the README asks of production."""

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", str(self.workdir), "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: port_open(self.port), 10, "redis-server")

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)

    def pause(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(timeout=10)


@contextmanager
def redis_server(workdir):
    server = RedisServer(workdir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


class PostgresCluster:
    """A throw-away PostgreSQL cluster (initdb + pg_ctl), run as a non-root user when we are root."""

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.data = self.workdir / "pgdata"
        self.port = free_port()
        self.user = "postgres" if os.geteuid() == 0 else None

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/jetportal"

    def _run(self, *command, check=True):
        if self.user:
            command = ("runuser", "-u", self.user, "--", *command)
        return subprocess.run(command, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)

    def init(self):
        self.workdir.mkdir(parents=True, exist_ok=True)
        if self.user:
            shutil.chown(self.workdir, self.user)
            self.workdir.chmod(0o700)
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        self._run(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "jetportal")

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.workdir} -c fsync=off"
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-l", str(self.workdir / "log"), "start"
        )

    def stop(self):
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)


def gunicorn_env(workdir, port, **extra):
    """The production profile on plain HTTP, with a fresh secret and only the variables it needs."""
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "jetportal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_HTTPS": "0",
        "DATABASE_URL": f"sqlite:///{Path(workdir) / 'site.sqlite3'}",
        "MEDIA_ROOT": str(Path(workdir) / "media"),
        "DOCUMENT_ROOT": str(Path(workdir) / "documents"),
        "CACHE_URL": f"file://{Path(workdir) / 'cache'}",
        "LOG_LEVEL": "ERROR",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",
        "PORT": str(port),
        **extra,
    }


def prepare_site(env):
    """Migrate, collect static files and load the demo, as `make run` does."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, timeout=300)


@contextmanager
def gunicorn(env, log_path):
    """gunicorn on env's PORT; its log goes to ``log_path``, never to a pipe nobody reads."""
    port = int(env["PORT"])
    command = [str(BIN / "gunicorn"), "--config", "jetportal/gunicorn.conf.py", "--access-logfile", "/dev/null"]
    with open(log_path, "ab") as log:
        process = subprocess.Popen(command + ["jetportal.wsgi"], env=env, cwd=ROOT, stdout=log, stderr=log)
    try:
        wait_until(lambda: port_open(port) or process.poll() is not None, 60, "gunicorn to listen")
        assert process.poll() is None, Path(log_path).read_text(errors="replace")[-3000:]
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def resubmit_admin_form(admin_client, url, **changes):
    """Open an admin change form, change some fields, and save it as an editor would."""
    data = form_fields(admin_client.get(url).content.decode())
    data.pop("csrfmiddlewaretoken", None)
    data.update(changes)
    data["_save"] = "Save"
    return admin_client.post(url, data)
