"""Without the password, no question or answer of the Q&A appears in any response of the site."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.utils.html import strip_tags

from faq.models import Entry

SKIP_PREFIXES = ("/admin/", "/static/", "/media/")
MAX_PAGES = 400


def needles():
    """Questions, and a long-enough slice of every answer paragraph, in both languages."""
    found = set()
    for entry in Entry.objects.all():
        for code in ("en", "ja"):
            question = getattr(entry, f"question_{code}")
            if question:
                found.add(question)
            for paragraph in re.findall(r"<p>(.*?)</p>", getattr(entry, f"answer_{code}"), re.S):
                text = strip_tags(paragraph).strip()
                if len(text) >= 12:
                    found.add(text[:40])
    return found


def links(base, body):
    for href in re.findall(r'(?:href|src)="([^"#]*)', body) + re.findall(r"<loc>([^<]+)</loc>", body):
        url = urljoin(base, href.replace("&amp;", "&"))
        parts = urlsplit(url)
        if parts.scheme in ("", "http") and parts.netloc in ("", "testserver"):
            yield parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client, starts):
    seen, queue, responses = set(), list(starts), {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIP_PREFIXES):
            continue
        seen.add(path)
        response = client.get(path)
        # Downloads stream their bytes; read them too, a file must not carry Q&A text either.
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        text = raw.decode("utf-8", "replace")
        responses[path] = (response, text)
        kind = response.get("Content-Type", "")
        if response.status_code in (301, 302) and "Location" in response:
            queue.append(response["Location"])
        if response.status_code == 200 and ("html" in kind or "xml" in kind):
            queue.extend(links(path, text))
    return responses


@pytest.fixture
def site(client, demo):
    """The demo site as the public sees it, plus every URL of the Q&A tried without the password."""
    starts = ["/en/", "/ja/", "/sitemap.xml", "/robots.txt", "/en/updates/feed/", "/ja/updates/feed/"]
    starts += ["/en/no-such-page/", "/ja/faq/no-such-version/", "/en/faq/english/extra/"]
    for lang in ("en", "ja"):
        for version in ("bilingual", "english", "japanese"):
            starts += [f"/{lang}/faq/{version}/", f"/{lang}/faq/{version}/?q=ALT", f"/{lang}/faq/{version}/?q=任用団体"]
        starts += [f"/{lang}/faq/", f"/{lang}/faq/unlock/", f"/{lang}/faq/unlock/?next=/{lang}/faq/english/"]
    return crawl(client, starts)


def test_no_question_or_answer_appears_in_any_public_response(site, db):
    # One crawl, several checks: crawling the demo site takes a few seconds.
    paths = set(site)
    for expected in ("/en/organisations/", "/ja/organisations/", "/en/faq/", "/ja/faq/unlock/", "/sitemap.xml"):
        assert expected in paths
    assert len(paths) >= 20
    assert all(response.status_code < 500 for response, _text in site.values())

    texts = needles()
    assert len(texts) >= 60
    for path, (_response, body) in site.items():
        leaked = [text for text in texts if text in body]
        assert not leaked, f"{path} shows Q&A text: {leaked[:3]}"

    # Nothing of the Q&A is offered to search engines.
    assert "/faq/" not in site["/sitemap.xml"][1]
    robots = site["/robots.txt"][1]
    assert "Disallow: /en/faq/" in robots and "Disallow: /ja/faq/" in robots

    # Every response about the gated Q&A is for one visitor and not for indexing.
    gated = [path for path in site if re.match(r"^/(en|ja)/faq/(unlock|bilingual|english|japanese)/", path)]
    assert len(gated) >= 20
    for path in gated:
        response, _text = site[path]
        if response.status_code != 404:
            assert response["Cache-Control"] == "private, no-store", path
            assert response["X-Robots-Tag"] == "noindex", path


def test_a_failed_unlock_shows_no_q_and_a_either(client, demo):
    response = client.post("/en/faq/unlock/", {"password": "wrong", "next": "/en/faq/english/"})
    body = response.content.decode()
    assert not [text for text in needles() if text in body]
