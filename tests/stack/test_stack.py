"""The production shape, tested through its real parts: nginx with TLS and HTTP/2 in front of two
gunicorn app hosts that share PostgreSQL, Redis and one folder of uploads (deploy/stack.py)."""

import secrets
import socket
import ssl
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from deploy.stack import BROTLI_MODULES, MODULES, brotli_available, ensure_nginx, render_site

from .conftest import access_log_lines
from .http import Visitor

pytestmark = pytest.mark.stack

PAGES = ["/en/organisations/", "/ja/organisations/", "/en/updates/", "/en/faq/", "/robots.txt"]


def upstreams(lines, needle):
    """The app hosts nginx used for the logged requests that contain ``needle``."""
    return {line.split(" up=")[1].split()[0] for line in lines if needle in line and " up=" in line}


def app_hosts(stack):
    return {f"127.0.0.1:{port}" for port in stack.app_ports}


# --- TLS, HTTP/2, headers ------------------------------------------------------------------


def curl_http2(stack, path, *options):
    """curl over HTTP/2 (ALPN); the response's status line and headers, lower-cased."""
    result = subprocess.run(
        ["curl", "-sS", "--http2", "--cacert", str(stack.cert), "-D", "-", "-o", "/dev/null",
         *options, f"{stack.site_url}{path}"],
        capture_output=True, text=True, timeout=30, check=True,
    )  # fmt: skip
    return result.stdout.lower()


def test_a_page_over_https_and_http2_with_hsts_secure_cookies_and_the_csp(stack, tmp_path):
    jar = tmp_path / "cookies.txt"
    head = curl_http2(stack, "/en/faq/unlock/", "-c", str(jar), "-H", "Accept-Encoding: br, gzip")
    assert head.startswith("http/2 200"), head
    assert "strict-transport-security: max-age=31536000; includesubdomains" in head
    assert "content-security-policy: " in head and "script-src 'self'" in head
    cookie = next(line for line in head.splitlines() if line.startswith("set-cookie: csrftoken="))
    assert "; secure" in cookie
    # HTML leaves compressed (the app's gzip; nginx's brotli or gzip for anything it left plain).
    assert "content-encoding: br" in head or "content-encoding: gzip" in head

    # A form sent over HTTP/2 passes the CSRF origin check (nginx passes the :authority on as
    # Host), and the session cookie of the unlock is Secure and HttpOnly too.
    token = next(line.split("\t")[-1] for line in jar.read_text().splitlines() if "\tcsrftoken\t" in line)
    head = curl_http2(
        stack, "/en/faq/unlock/", "-b", str(jar),
        "-H", f"Origin: {stack.site_url}", "-H", f"Referer: {stack.site_url}/en/faq/unlock/",
        "--data-urlencode", f"csrfmiddlewaretoken={token}", "--data-urlencode", f"password={stack.qa_password}",
    )  # fmt: skip
    assert head.startswith("http/2 302"), head
    session = next(line for line in head.splitlines() if line.startswith("set-cookie: sessionid="))
    assert "; secure" in session and "; httponly" in session


def test_plain_http_redirects_to_https(stack):
    connection = socket.create_connection(("127.0.0.1", stack.http_port), timeout=10)
    connection.sendall(
        b"GET /en/updates/?audience=organisations HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    reply = b""
    while chunk := connection.recv(65536):
        reply += chunk
    connection.close()
    head = reply.decode().split("\r\n\r\n")[0]
    assert head.startswith("HTTP/1.1 301")
    assert f"Location: {stack.site_url}/en/updates/?audience=organisations" in head


def test_static_files_come_from_nginx_with_far_future_caching(stack):
    visitor = Visitor(stack)
    page = visitor.get("/en/organisations/")
    stylesheet = next(part.split('"')[0] for part in page.text.split('href="')[1:] if part.startswith("/static/css/"))
    before = len(access_log_lines(stack))
    response = visitor.get(stylesheet, **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.header("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.header("Content-Encoding") == "gzip"
    # Served from the disk by nginx: no app host took part (static files are not logged at all).
    assert not upstreams(access_log_lines(stack, before), stylesheet)

    # Uploaded images too, from the shared folder, under names that never change.
    image = next(part.split('"')[0] for part in page.text.split('src="')[1:] if part.startswith("/media/"))
    before = len(access_log_lines(stack))
    response = visitor.get(image)
    assert response.status == 200
    assert response.header("Content-Type") == "image/webp"
    assert response.header("Cache-Control") == "public, max-age=31536000, immutable"
    assert upstreams(access_log_lines(stack, before, expect=image), image) == {"-"}


def test_nginx_accepts_the_site_file_as_a_deployment_renders_it(stack, tmp_path):
    site = render_site(
        server_name="jet.example",
        site_url="https://jet.example",
        listen_https="127.0.0.1:18443",
        listen_http="127.0.0.1:18080",
        tls_certificate=stack.cert,
        tls_certificate_key=stack.key,
        app_servers=["10.0.0.11:8000", "10.0.0.12:8000"],
        static_root=tmp_path,
        media_root=tmp_path,
        document_root=tmp_path,
        access_log=tmp_path / "access.log",
        proxy_bind="127.0.0.2",
    )
    (tmp_path / "jetportal.conf").write_text(site)
    modules = "".join(f"load_module {MODULES / name};\n" for name in BROTLI_MODULES if brotli_available())
    (tmp_path / "nginx.conf").write_text(
        f"{modules}pid {tmp_path / 'nginx.pid'};\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; include {tmp_path / 'jetportal.conf'}; }}\n"
    )
    checked = subprocess.run(
        [ensure_nginx(), "-t", "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


# --- two hosts, one site -------------------------------------------------------------------


def test_an_update_saved_through_one_host_is_shown_through_the_other(stack, database, admin_on_first_host):
    update_id, slug = database.execute(
        "SELECT id, slug FROM updates_update WHERE status = 'published' AND publish_at <= now() "
        "ORDER BY publish_at DESC LIMIT 1"
    ).fetchone()
    second_host = Visitor(stack, host=2)
    detail = f"/en/updates/{slug}/"
    # The second host has the page in its cache before the change.
    assert second_host.get(detail).status == 200
    assert second_host.get("/en/updates/").status == 200

    title = f"Changed on host one {secrets.token_hex(4)}"
    admin_on_first_host.save_change_form(f"/admin/updates/update/{update_id}/change/", {"title_en": title})

    # Saving retires every cached page at once, for every host (the generation lives in Redis).
    assert title in second_host.get(detail).text
    assert title in second_host.get("/en/updates/").text
    assert title in Visitor(stack).get(detail).text


def test_the_sixth_wrong_qa_password_is_refused_whichever_host_answers(stack, fresh_throttle):
    visitor = Visitor(stack)
    visitor.get("/en/faq/unlock/")
    before = len(access_log_lines(stack))
    for attempt in range(5):
        response = visitor.post("/en/faq/unlock/", {"password": f"wrong {attempt}"})
        assert response.status == 200, response.status
    # Every further try is refused, even the right password, by either host.
    for _ in range(4):
        response = visitor.post("/en/faq/unlock/", {"password": stack.qa_password})
        assert response.status == 429
        assert response.header("Retry-After")
    logged = access_log_lines(stack, before, expect='"POST /en/faq/unlock/', count=9)
    posts = [line for line in logged if '"POST /en/faq/unlock/' in line]
    assert upstreams([line for line in posts if '" 200 ' in line], "POST") == app_hosts(stack)
    assert upstreams([line for line in posts if '" 429 ' in line], "POST") == app_hosts(stack)


def test_a_forged_forwarded_for_sent_straight_to_gunicorn_does_not_reset_the_throttle(stack, fresh_throttle):
    visitor = Visitor(stack)
    visitor.get("/en/faq/unlock/")
    for attempt in range(5):
        assert visitor.post("/en/faq/unlock/", {"password": f"wrong {attempt}"}).status == 200
    # Through nginx, a forged address is only the left part of X-Forwarded-For: no escape.
    forged = {"X-Forwarded-For": "203.0.113.9"}
    assert visitor.post("/en/faq/unlock/", {"password": stack.qa_password}, headers=forged).status == 429

    # Straight to each gunicorn port, from 127.0.0.1 (not nginx's address), claiming to be someone else.
    for host in (1, 2):
        outsider = Visitor(stack, host=host, as_proxy=False)
        outsider.cookies = dict(visitor.cookies)
        response = outsider.post(
            "/en/faq/unlock/",
            {"password": stack.qa_password},
            headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"},
        )
        assert response.status == 429, response.text[:500]
        # Logged once: this request is the only one that went around nginx (everything nginx
        # passed on, from its own address, was not).
        log = Path(stack.app_log(host)).read_text()
        assert log.count("not through the expected 1 proxy hop(s)") == 1
        assert "not through the expected 1 proxy hop(s): counted by its connection address 127.0.0.1" in log


# --- documents -----------------------------------------------------------------------------


def pdf_bytes(size):
    return b"%PDF-1.4\n" + secrets.token_bytes(size)


def test_a_document_uploaded_through_one_host_downloads_through_the_other(stack, database, admin_on_first_host):
    document_id, slug = database.execute(
        "SELECT id, slug FROM documents_document WHERE file_en <> '' ORDER BY id LIMIT 1"
    ).fetchone()
    content = pdf_bytes(700_000)
    admin_on_first_host.save_change_form(
        f"/admin/documents/document/{document_id}/change/",
        {},
        files={"file_en": ("replaced handbook.pdf", content, "application/pdf")},
    )
    (stored,) = database.execute("SELECT file_en FROM documents_document WHERE id = %s", [document_id]).fetchone()
    assert (stack.shared / "documents" / stored).read_bytes() == content

    # The second host decides (and hands the new file to nginx) ...
    decided = Visitor(stack, host=2).get(f"/en/downloads/{slug}/")
    assert decided.status == 200
    assert decided.header("X-Accel-Redirect") == f"/_documents/{stored}"
    assert decided.body == b""
    # ... and through nginx every download is the new file, whichever host answers.
    before = len(access_log_lines(stack))
    for _ in range(4):
        response = Visitor(stack).get(f"/en/downloads/{slug}/")
        assert response.status == 200
        assert response.body == content
        assert "replaced handbook.pdf" in response.header("Content-Disposition")
    logged = access_log_lines(stack, before, expect=f"/en/downloads/{slug}/", count=4)
    assert upstreams(logged, f"/en/downloads/{slug}/") == app_hosts(stack)


def test_a_download_is_sent_by_nginx_with_ranges_and_304_and_counted_once(stack, database):
    slug, stored, count = database.execute(
        "SELECT slug, file_ja, download_count FROM documents_document WHERE file_ja <> '' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    on_disk = (stack.shared / "documents" / stored).read_bytes()
    path = f"/ja/downloads/{slug}/"
    visitor = Visitor(stack)
    before = len(access_log_lines(stack))

    full = visitor.get(path)
    assert full.status == 200
    assert full.body == on_disk
    assert full.header("Content-Length") == str(len(on_disk))
    assert full.header("Content-Type") == "application/pdf"
    assert full.header("Content-Disposition").startswith("attachment;")
    assert full.all("Accept-Ranges") == ["bytes"]
    etag = full.header("ETag")
    # The app's ETag, not nginx's own: the one If-None-Match and If-Range are judged by.
    assert etag == Visitor(stack, host=1).request("HEAD", path).header("ETag")
    # The bytes left nginx from its internal location, not a gunicorn worker.
    served = [line for line in access_log_lines(stack, before, expect=f'"GET {path} ') if f'"GET {path} ' in line]
    assert served and f"uri=/_documents/{stored}" in served[0]

    piece = visitor.get(path, Range="bytes=100-199")
    assert piece.status == 206
    assert piece.header("Content-Range") == f"bytes 100-199/{len(on_disk)}"
    assert piece.body == on_disk[100:200]
    assert visitor.get(path, Range="bytes=100-199", **{"If-Range": etag}).status == 206
    not_modified = visitor.get(path, **{"If-None-Match": etag})
    assert not_modified.status == 304
    assert not_modified.body == b""
    assert visitor.request("HEAD", path).status == 200
    # One download: the pieces, the 304 and HEAD are not counted again.
    assert downloads(database, slug) == count + 1

    # A range asked for a copy that is no longer current gets the whole (current) file.
    changed = visitor.get(path, Range="bytes=100-199", **{"If-Range": '"another"'})
    assert changed.status == 200
    assert changed.body == on_disk
    assert downloads(database, slug) == count + 2


def downloads(database, slug):
    return database.execute("SELECT download_count FROM documents_document WHERE slug = %s", [slug]).fetchone()[0]


# --- slow clients and a dying host ---------------------------------------------------------


def test_idle_slow_clients_do_not_hold_the_workers(stack):
    context = ssl.create_default_context(cafile=str(stack.cert))
    idle = []
    try:
        for index in range(32):
            raw = socket.create_connection(("127.0.0.1", stack.https_port), timeout=10)
            connection = context.wrap_socket(raw, server_hostname="127.0.0.1")
            if index % 2:
                # Headers that never end.
                connection.sendall(b"GET /en/organisations/ HTTP/1.1\r\nHost: 127.0.0.1:8443\r\nX-Slow: ")
            else:
                # A form whose body never finishes arriving.
                connection.sendall(
                    b"POST /en/faq/unlock/ HTTP/1.1\r\nHost: 127.0.0.1:8443\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\npassword="
                )
            idle.append(connection)

        def timed(path):
            started = time.monotonic()
            status = Visitor(stack).get(path).status
            return status, time.monotonic() - started

        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(timed, [PAGES[index % len(PAGES)] for index in range(20)]))
        assert [status for status, _ in results] == [200] * 20
        assert max(seconds for _, seconds in results) < 2, results
    finally:
        for connection in idle:
            connection.close()


def test_one_host_killed_during_a_load_of_gets_shows_no_error(stack):
    statuses = []
    stop = threading.Event()

    def load():
        visitor = Visitor(stack)
        for index in range(150):
            if stop.is_set():
                return
            statuses.append(visitor.get(PAGES[index % len(PAGES)]).status)

    threads = [threading.Thread(target=load) for _ in range(4)]
    try:
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        killed = stack.kill_app(1)
        assert killed is not None
        time.sleep(3)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        stop.set()
        stack.revive()
    assert len(statuses) > 40
    assert sorted(set(statuses)) == [200], {status: statuses.count(status) for status in set(statuses)}
