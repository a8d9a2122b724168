"""The production shape on one machine: nginx (TLS, HTTP/2) in front of two gunicorn app hosts
sharing PostgreSQL, Redis and one folder of uploads.

    .venv/bin/python deploy/stack.py start [--fresh]   # what `make stack` runs
    .venv/bin/python deploy/stack.py stop              # what `make stack-stop` runs
    .venv/bin/python deploy/stack.py revive            # start whatever part is not running
    .venv/bin/python deploy/stack.py nginx-conf ...    # deploy/nginx/jetportal.conf for a real server

Everything the stack starts runs in the background with a pid file under its folder
(STACK_DIR, default .local/stack), and `stop` stops exactly those processes. The settings
come from the environment (STACK_*; see DEFAULTS) so the tests can run a stack of their own.
"""

import argparse
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx" / "jetportal.conf"
VENV_BIN = ROOT / ".venv" / "bin"
MODULES = Path("/usr/lib/nginx/modules")
BROTLI_MODULES = ("ngx_http_brotli_filter_module.so", "ngx_http_brotli_static_module.so")

DEFAULTS = {
    "STACK_DIR": str(ROOT / ".local" / "stack"),
    "STACK_HTTPS_PORT": "8443",
    "STACK_HTTP_PORT": "8080",
    "STACK_APP_PORTS": "8101,8102",
    "STACK_DATABASE_URL": "postgres://postgres@127.0.0.1:5432/jetportal_stack",
    "STACK_REDIS_URL": "redis://127.0.0.1:6379/8",
    # nginx talks to the app hosts from this address, and the app trusts X-Forwarded-For only
    # from it: a client reaching gunicorn directly (from 127.0.0.1) can't forge its address.
    "STACK_PROXY_ADDRESS": "127.0.0.2",
    "STACK_WORKERS": "2",
    "STACK_THREADS": "2",
    # Empty: the repository's staticfiles/ (what `make run` collects too).
    "STACK_STATIC_ROOT": "",
}

BROTLI_FILTER = """\
    brotli on;
    brotli_comp_level 5;
    brotli_types text/css text/plain text/xml application/javascript application/json
                 application/xml application/atom+xml application/rss+xml image/svg+xml;"""


class Stack:
    def __init__(self, environ=None):
        environ = os.environ if environ is None else environ
        self.config = {name: environ.get(name, "").strip() or default for name, default in DEFAULTS.items()}
        self.dir = Path(self.config["STACK_DIR"]).resolve()
        self.https_port = int(self.config["STACK_HTTPS_PORT"])
        self.http_port = int(self.config["STACK_HTTP_PORT"])
        self.app_ports = [int(port) for port in self.config["STACK_APP_PORTS"].split(",") if port.strip()]
        self.proxy_address = self.config["STACK_PROXY_ADDRESS"]
        self.site_url = f"https://127.0.0.1:{self.https_port}"
        self.static_root = Path(self.config["STACK_STATIC_ROOT"] or ROOT / "staticfiles").resolve()
        self.shared = self.dir / "shared"
        self.run = self.dir / "run"
        self.logs = self.dir / "logs"
        self.cert = self.dir / "tls" / "cert.pem"
        self.key = self.dir / "tls" / "key.pem"
        self.nginx_conf = self.dir / "nginx" / "nginx.conf"
        self.environ = environ

    # --- paths and environments --------------------------------------------------------------

    def app_pid_file(self, index):
        return self.run / f"app-{index}.pid"

    @property
    def nginx_pid_file(self):
        return self.run / "nginx.pid"

    @property
    def access_log(self):
        return self.logs / "nginx-access.log"

    def app_log(self, index):
        return self.logs / f"app-{index}.log"

    def secret_key(self):
        if self.environ.get("DJANGO_SECRET_KEY"):
            return self.environ["DJANGO_SECRET_KEY"]
        path = ROOT / ".local" / "secret_key"
        if not path.exists():
            import secrets

            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(50) + "\n")
            path.chmod(0o600)
        return path.read_text().strip()

    def app_environ(self, port=None):
        """Production settings as an app host behind the stack's nginx sees them, and nothing else."""
        base = {name: self.environ[name] for name in ("PATH", "HOME", "LANG", "TZ") if name in self.environ}
        env = {
            **base,
            "DJANGO_SETTINGS_MODULE": "jetportal.settings.production",
            "DJANGO_SECRET_KEY": self.secret_key(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": self.site_url,
            "BEHIND_HTTPS_PROXY": "1",
            "TRUSTED_PROXY_COUNT": "1",
            "TRUSTED_PROXY_ADDRESSES": self.proxy_address,
            "DATABASE_URL": self.config["STACK_DATABASE_URL"],
            "REDIS_URL": self.config["STACK_REDIS_URL"],
            "MEDIA_ROOT": str(self.shared / "media"),
            "DOCUMENT_ROOT": str(self.shared / "documents"),
            "STATIC_ROOT": str(self.static_root),
            "SERVE_MEDIA": "0",
            "DOCUMENT_X_ACCEL_PREFIX": "/_documents/",
            "WEB_CONCURRENCY": self.config["STACK_WORKERS"],
            "GUNICORN_THREADS": self.config["STACK_THREADS"],
            "FORWARDED_ALLOW_IPS": self.proxy_address,
            "PYTHONUNBUFFERED": "1",
        }
        if port is not None:
            env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
        return env

    def manage(self, *args, **kwargs):
        kwargs.setdefault("check", True)
        return subprocess.run([VENV_BIN / "python", "manage.py", *args], cwd=ROOT, env=self.app_environ(), **kwargs)

    # --- start ---------------------------------------------------------------------------------

    def start(self, fresh=False, quiet=False):
        nginx = ensure_nginx()
        for folder in (self.run, self.logs, self.shared / "media", self.shared / "documents", self.cert.parent):
            folder.mkdir(parents=True, exist_ok=True)
        if self.is_running() and not fresh:
            # Already up: start only what has stopped, and keep the certificate nginx is using.
            self.revive(nginx)
            if not quiet:
                self.banner()
            return
        self.stop(quiet=True)
        busy = [port for port in self.ports() if port_open(port)]
        if busy:
            sys.exit(f"Ports {busy} are in use by something else: stop it first.")
        if fresh:
            shutil.rmtree(self.shared, ignore_errors=True)
            (self.shared / "media").mkdir(parents=True)
            (self.shared / "documents").mkdir(parents=True)
        self.prepare_database(fresh)
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("load_demo", capture_output=quiet)
        if not quiet:
            self.manage("demo_admin")
        self.make_certificate()
        self.write_nginx_conf()
        self.revive(nginx)
        if not quiet:
            self.banner()

    def banner(self):
        print()
        print(f"  The stack is at {self.site_url}/en/organisations/ (日本語: {self.site_url}/ja/organisations/)")
        print(f"  http://127.0.0.1:{self.http_port}/ redirects there; app hosts on ports {self.app_ports}")
        print(f"  The certificate is generated ({self.cert}): tell your browser to accept it.")
        print(f"  Logs in {self.logs}; `make stack-stop` stops it.")
        print(f"  Admin password lost? DATABASE_URL={self.config['STACK_DATABASE_URL']} \\")
        print("    .venv/bin/python manage.py changepassword admin")
        print()

    def ports(self):
        return [self.https_port, self.http_port, *self.app_ports]

    def revive(self, nginx=None):
        """Start every part that is not running (after a host was killed, say) and wait for it."""
        nginx = nginx or ensure_nginx()
        for index, port in enumerate(self.app_ports, start=1):
            if self.alive(self.app_pid_file(index), "gunicorn") is None:
                self.start_app(index, port)
        if self.alive(self.nginx_pid_file, "nginx") is None:
            subprocess.run(
                [nginx, "-c", str(self.nginx_conf), "-e", str(self.logs / "nginx-error.log")], check=True, cwd=self.dir
            )
        for port in self.ports():
            wait_for(lambda port=port: port_open(port), 60, f"port {port}")
        wait_for(self.answers, 30, "the site through nginx")

    def start_app(self, index, port):
        log = open(self.app_log(index), "ab")
        subprocess.Popen(
            [
                VENV_BIN / "gunicorn",
                "--config",
                "jetportal/gunicorn.conf.py",
                "--pid",
                str(self.app_pid_file(index)),
                "jetportal.wsgi",
            ],
            cwd=ROOT,
            env=self.app_environ(port),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own process group: stopping (or killing) a host takes its workers with it.
            start_new_session=True,
        )
        log.close()

    def answers(self):
        context = ssl.create_default_context(cafile=str(self.cert))
        try:
            with urllib.request.urlopen(f"{self.site_url}/robots.txt", context=context, timeout=5) as response:
                return response.status == 200
        except OSError:
            return False

    def prepare_database(self, fresh):
        import psycopg

        url = urlsplit(self.config["STACK_DATABASE_URL"])
        name = url.path.lstrip("/")
        admin_url = url._replace(path="/postgres").geturl()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            if fresh:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')
        if fresh:
            import redis

            # The stack's own Redis database only; every other one on the machine is left alone.
            redis.Redis.from_url(self.config["STACK_REDIS_URL"]).flushdb()

    def make_certificate(self):
        """A new self-signed certificate for 127.0.0.1 and localhost at every start."""
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "30", "-subj", "/CN=JET Portal local stack",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-keyout", str(self.key), "-out", str(self.cert),
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip
        self.key.chmod(0o600)

    def write_nginx_conf(self):
        folder = self.nginx_conf.parent
        for name in TEMP_PATHS:
            (folder / "tmp" / name).mkdir(parents=True, exist_ok=True)
        site = render_site(
            server_name="127.0.0.1 localhost",
            listen_https=f"127.0.0.1:{self.https_port}",
            listen_http=f"127.0.0.1:{self.http_port}",
            site_url=self.site_url,
            tls_certificate=self.cert,
            tls_certificate_key=self.key,
            app_servers=[f"127.0.0.1:{port}" for port in self.app_ports],
            proxy_bind=self.proxy_address,
            static_root=self.static_root,
            media_root=self.shared / "media",
            document_root=self.shared / "documents",
            access_log=self.access_log,
        )
        (folder / "jetportal.conf").write_text(site)
        modules = "".join(f"load_module {MODULES / name};\n" for name in BROTLI_MODULES if brotli_available())
        # Run as root (CI), the workers would become "nobody" and could not read a checkout under /root.
        user = "user root;\n" if os.geteuid() == 0 else ""
        temp = "\n".join(f"    {name}_temp_path {folder / 'tmp' / name};" for name in TEMP_PATHS)
        self.nginx_conf.write_text(
            f"""# Generated by deploy/stack.py for the loopback stack; a server uses Debian's nginx.conf.
{user}{modules}worker_processes 2;
pid {self.nginx_pid_file};
error_log {self.logs / "nginx-error.log"} warn;
events {{
    worker_connections 1024;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
{temp}
    include {folder / "jetportal.conf"};
}}
"""
        )
        nginx = ensure_nginx()
        result = subprocess.run(
            [nginx, "-t", "-q", "-c", str(self.nginx_conf), "-e", str(self.logs / "nginx-error.log")],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            sys.exit(f"nginx refused the configuration:\n{result.stderr}")

    # --- stop ----------------------------------------------------------------------------------

    def alive(self, pid_file, marker):
        """The pid in ``pid_file`` if that process is still the one we started, else None."""
        try:
            pid = int(pid_file.read_text().strip())
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError):
            return None
        if marker not in command or (marker == "gunicorn" and str(pid_file) not in command):
            return None
        if marker == "nginx" and str(self.nginx_conf) not in command:
            return None
        return pid

    def parts(self):
        """(pid file, what its command line must name) of every process the stack starts."""
        apps = [(self.app_pid_file(index), "gunicorn") for index in range(1, len(self.app_ports) + 1)]
        return [(self.nginx_pid_file, "nginx"), *apps]

    def is_running(self):
        return any(self.alive(pid_file, marker) is not None for pid_file, marker in self.parts())

    def stop(self, quiet=False):
        stopped = []
        for pid_file, marker in self.parts():
            pid = self.alive(pid_file, marker)
            if pid is not None:
                stop_group(pid)
                stopped.append(f"{pid_file.stem} ({pid})")
            pid_file.unlink(missing_ok=True)
        if not quiet:
            print("Stopped: " + ", ".join(stopped) if stopped else "Nothing of the stack was running.")

    def kill_app(self, index):
        """Kill one app host at once, workers and all, as a crashed machine would go."""
        pid = self.alive(self.app_pid_file(index), "gunicorn")
        if pid is not None:
            os.killpg(pid, signal.SIGKILL)
            wait_for(lambda: not Path(f"/proc/{pid}").exists() or _zombie(pid), 10, "the host to die")
        return pid


TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def _zombie(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


def stop_group(pid):
    """TERM the process (gunicorn and nginx both shut down gracefully on it), then KILL its group."""
    try:
        group = os.getpgid(pid)
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 25
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists() and not _zombie(pid):
        time.sleep(0.2)
    if group == pid:
        try:
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            pass


def port_open(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    sys.exit(f"Timed out waiting for {what}.")


# --- nginx ---------------------------------------------------------------------------------


def find_nginx():
    return shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"]))


def brotli_available():
    return all((MODULES / name).exists() for name in BROTLI_MODULES)


def ensure_nginx():
    """Debian's nginx (and its brotli modules where Debian has them), installed if missing."""
    nginx = find_nginx()
    if nginx and brotli_available():
        return nginx
    if os.geteuid() != 0:
        if nginx:
            return nginx
        sys.exit("nginx is not installed: sudo apt-get install nginx libnginx-mod-http-brotli-filter")
    wanted = [] if nginx else ["nginx"]
    for package in ("libnginx-mod-http-brotli-filter", "libnginx-mod-http-brotli-static"):
        if subprocess.run(["apt-cache", "show", package], capture_output=True).returncode == 0:
            wanted.append(package)
    if wanted:
        print(f"Installing {' '.join(wanted)} from Debian's packages", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        # Installing must not start the system's own nginx on port 80 (invoke-rc.d honours this).
        policy = Path("/usr/sbin/policy-rc.d")
        ours = not policy.exists()
        if ours:
            policy.write_text("#!/bin/sh\nexit 101\n")
            policy.chmod(0o755)
        try:
            subprocess.run(
                ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *wanted],
                check=not nginx,
                env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            )
        finally:
            if ours:
                policy.unlink(missing_ok=True)
    nginx = find_nginx()
    if not nginx:
        sys.exit("nginx could not be installed.")
    return nginx


def render_site(
    *,
    server_name,
    listen_https,
    listen_http,
    site_url,
    tls_certificate,
    tls_certificate_key,
    app_servers,
    static_root,
    media_root,
    document_root,
    access_log,
    proxy_bind="",
    brotli=None,
):
    """deploy/nginx/jetportal.conf with its parameters filled in; refuses to leave one empty."""
    brotli = brotli_available() if brotli is None else brotli
    values = {
        "SERVER_NAME": server_name,
        "LISTEN_HTTPS": listen_https,
        "LISTEN_HTTP": listen_http,
        "SITE_URL": site_url.rstrip("/"),
        "TLS_CERTIFICATE": tls_certificate,
        "TLS_CERTIFICATE_KEY": tls_certificate_key,
        "APP_SERVERS": "\n".join(f"    server {server} max_fails=1 fail_timeout=10s;" for server in app_servers),
        "PROXY_BIND": f"        proxy_bind {proxy_bind};" if proxy_bind else "",
        "STATIC_ROOT": str(static_root).rstrip("/"),
        "MEDIA_ROOT": str(media_root).rstrip("/"),
        "DOCUMENT_ROOT": str(document_root).rstrip("/"),
        "ACCESS_LOG": access_log,
        "BROTLI": BROTLI_FILTER if brotli else "    # (brotli: Debian's libnginx-mod-http-brotli-* not installed)",
        "BROTLI_STATIC": "        brotli_static on;" if brotli else "",
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        if name not in ("PROXY_BIND", "BROTLI_STATIC") and not str(value).strip():
            raise SystemExit(f"The nginx parameter {name} is empty.")
        text = text.replace("{{" + name + "}}", str(value))
    if "{{" in text:
        raise SystemExit("deploy/nginx/jetportal.conf has a parameter that stack.py does not fill in.")
    return text


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("start", help="start the stack in the background and print its address")
    start.add_argument("--fresh", action="store_true", help="drop the stack's database, Redis db and shared folder")
    start.add_argument("--quiet", action="store_true", help="no demo passwords, no banner (for tests)")
    commands.add_parser("stop", help="stop what `start` started")
    commands.add_parser("revive", help="start any part of a running stack that has stopped")
    conf = commands.add_parser("nginx-conf", help="print the nginx site file for a real deployment")
    conf.add_argument("--server-name", required=True, help="e.g. jet.example www.jet.example")
    conf.add_argument("--site-url", required=True, help="the canonical origin (SITE_URL), e.g. https://jet.example")
    conf.add_argument("--tls-certificate", required=True)
    conf.add_argument("--tls-certificate-key", required=True)
    conf.add_argument("--app", action="append", required=True, help="an app host, host:port (repeat per host)")
    conf.add_argument("--static-root", required=True, help="where collectstatic wrote (STATIC_ROOT)")
    conf.add_argument("--media-root", required=True)
    conf.add_argument("--document-root", required=True)
    conf.add_argument("--listen-https", default="443")
    conf.add_argument("--listen-http", default="80")
    conf.add_argument("--access-log", default="/var/log/nginx/jetportal.access.log")
    conf.add_argument("--proxy-bind", default="", help="the address nginx connects to the app hosts from")
    conf.add_argument("--brotli", action=argparse.BooleanOptionalAction, default=None)
    args = parser.parse_args(argv)

    if args.command == "nginx-conf":
        options = vars(args)
        options.pop("command")
        options["app_servers"] = options.pop("app")
        sys.stdout.write(render_site(**options))
        return
    stack = Stack()
    if args.command == "start":
        stack.start(fresh=args.fresh, quiet=args.quiet)
    elif args.command == "stop":
        stack.stop()
    elif args.command == "revive":
        stack.revive()


if __name__ == "__main__":
    main()
