"""Valid HTML on every page: the W3C Nu Html Checker over a crawl of the whole public site.

The checker is the `vnu-jar` npm package (pinned in the Makefile, installed by `make vnu`
into the git-ignored .local/vnu) and runs on Java. Without it the test is skipped on a
developer's machine and fails in CI, which installs both (.ci/run).
"""

import json
import os
import re
import subprocess
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import NoReverseMatch, reverse

from faq.testing import set_password, unlock

pytestmark = [pytest.mark.django_db, pytest.mark.nu]

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = Path(os.environ.get("VNU_JAR") or ROOT / ".local/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
JAVA = os.environ.get("JAVA") or "/usr/bin/java"
# Not pages: files, feeds and what only staff reach.
NOT_PAGES = re.compile(r"^/(static|media|admin)/|/downloads/|/feed/|\.xml$|\.txt$")
MAX_PAGES = 400
CONTROL = "(control page)"
CONTROL_HTML = (
    '<!DOCTYPE html><html lang="en"><title>x</title><time datetime="2026-11-29T11:33:10.202291+09:00">x</time>'
)
CONTROL_ERROR = "A fraction of a second must be one, two, or three digits"


def checker():
    if VNU_JAR.is_file() and os.path.exists(JAVA):
        return [JAVA, "-Xss1024k", "-jar", str(VNU_JAR)]
    message = f"The Nu Html Checker needs {VNU_JAR} (make vnu) and Java at {JAVA}"
    if os.environ.get("CI") or os.environ.get("REQUIRE_VNU"):
        pytest.fail(message)
    pytest.skip(message)


def links(html, base):
    for href in re.findall(r'<a\b[^>]*\shref="([^"#]*)', html):
        url = urljoin(base, href.replace("&amp;", "&"))
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith(("/en/", "/ja/")):
            continue
        if NOT_PAGES.search(parts.path):
            continue
        yield parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client, start):
    """Every HTML page reachable from ``start`` by following the site's own links."""
    pages, queue, seen = {}, deque(start), set(start)
    while queue and len(pages) < MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        pages[path] = (response.status_code, html)
        for link in links(html, path):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return pages


def optional(name, query=""):
    """A URL that a part of the site still in progress may not have yet."""
    try:
        return reverse(name) + query
    except NoReverseMatch:
        return None


def nu_errors(pages, folder):
    """The checker's errors per path, in one run of the JVM over all the saved pages."""
    names = {}
    # A control page with a known error proves the checker ran and was read.
    pages = {**pages, CONTROL: (200, CONTROL_HTML)}
    for number, (path, (_status, html)) in enumerate(sorted(pages.items())):
        file = folder / f"page-{number:04d}.html"
        file.write_text(html, encoding="utf-8")
        names[f"file:{file.resolve()}"] = path
    result = subprocess.run(
        [
            *checker(),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, sorted(folder.glob("*.html"))),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = {}
    for message in report["messages"]:
        if message.get("type") in ("error", "non-document-error"):
            where = names.get(message.get("url"), message.get("url"))
            errors.setdefault(where, []).append(f"line {message.get('lastLine')}: {message.get('message')}")
    assert CONTROL_ERROR in " ".join(errors.pop(CONTROL, [])), "the checker did not report the control page"
    return errors


def test_the_nu_checker_finds_no_error_on_any_page(client, demo, tmp_path):
    checker()
    start = ["/en/", "/ja/", "/en/organisations/", "/ja/organisations/", "/en/no-such-page/", "/ja/no-such-page/"]
    for lang in ("en", "ja"):
        from django.utils import translation

        with translation.override(lang):
            start += [url for url in (optional("search:results", "?q=PA"), optional("search:results", "?q=")) if url]
    pages = crawl(client, start)

    # The Q&A as an organisation sees it once unlocked, every version in both languages.
    set_password()
    for lang in ("en", "ja"):
        unlock(client, lang)
        pages.update(crawl(client, [f"/{lang}/faq/{version}/" for version in ("bilingual", "english", "japanese")]))

    print(f"Nu Html Checker: {len(pages)} pages")  # noqa: T201 (shown with -s)
    assert len(pages) > 60
    assert {status for status, _html in pages.values()} <= {200, 404}
    assert any(path.startswith("/ja/faq/japanese/") for path in pages)
    errors = nu_errors(pages, tmp_path)
    assert errors == {}, json.dumps(errors, ensure_ascii=False, indent=1)
