"""Absolute addresses come from SITE_URL, never from the request; a forged Host gets a 400 page."""

import re

import pytest
from django.contrib.sites.models import Site
from django.core.management import call_command

pytestmark = pytest.mark.django_db

# One of every kind of page, with the 400 page's title in each language.
PAGES = [
    "/{lang}/",
    "/{lang}/organisations/",
    "/{lang}/organisations/prefectural-advisors/",
    "/{lang}/updates/",
    "/{lang}/updates/?page=2",
    "/{lang}/updates/for-orgs/",
    "/{lang}/updates/feed/",
    "/{lang}/faq/",
    "/{lang}/faq/english/",
    "/{lang}/faq/unlock/",
    "/{lang}/downloads/no-such-document/",
    "/{lang}/no/such/page/",
    "/sitemap.xml",
    "/robots.txt",
    "/admin/login/",
]
TITLES = {"en": "Bad request", "ja": "不正なリクエスト"}
FORGED_HOSTS = ["evil.example", "127.0.0.1:9999.evil", "evil.example:80", "[::1", "a b"]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("page", PAGES)
def test_a_disallowed_host_gets_the_400_page_in_the_layout(client, demo, lang, page):
    client.get(page.format(lang=lang))  # in the cache now, where it can be
    for host in FORGED_HOSTS:
        for method in ("get", "post", "head"):
            response = getattr(client, method)(page.format(lang=lang), headers={"host": host})
            assert response.status_code == 400, (page, host, method)
            if method == "head":
                continue
            html = response.content.decode()
            path_lang = lang if page.startswith("/{lang}/") else "en"
            assert f'<html lang="{path_lang}">' in html
            assert TITLES[path_lang] in html
            assert 'class="skip-link"' in html and 'class="site-footer"' in html
            assert "evil" not in html
            # An error page declares no canonical or alternates (tests/test_finish.py), so no absolute link is left.
            assert 'rel="canonical"' not in html and 'hreflang="x-default"' not in html


def _own_links(html):
    """Absolute links except the videos' (the only third party the pages link to)."""
    links = re.findall(r'(?:href|src)="(https?://[^"]+)"', html)
    return [link for link in links if not link.startswith("https://www.youtube.com/")]


@pytest.mark.parametrize(
    "headers",
    [
        {"host": "127.0.0.1:9999"},
        {"host": "localhost:1"},
        {"x-forwarded-proto": "https"},
        {"x-forwarded-host": "evil.example", "x-forwarded-proto": "https"},
    ],
)
@pytest.mark.parametrize(
    "page",
    [
        "/en/organisations/",
        "/ja/organisations/prefectural-advisors/",
        "/en/updates/",
        "/ja/updates/feed/",
        "/sitemap.xml",
    ],
)
def test_forged_origin_headers_on_a_miss_never_reach_a_later_visitor(client, demo, settings, headers, page):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    first = client.get(page, headers=headers)
    assert first.status_code == 200
    plain = client.get(page)
    assert plain.status_code == 200
    for response in (first, plain):
        links = _own_links(response.content.decode())
        assert links, page
        foreign = [link for link in links if not link.startswith("http://testserver/")]
        assert foreign == [], (headers, foreign)


def test_robots_and_feed_use_the_configured_origin(client, demo, settings):
    settings.SITE_URL = "https://jet.example"
    settings.ALLOWED_HOSTS = ["testserver", "jet.example"]
    assert "Sitemap: https://jet.example/sitemap.xml" in client.get("/robots.txt").content.decode()
    feed = client.get("/en/updates/feed/").content.decode()
    assert 'href="https://jet.example/en/updates/feed/"' in feed
    assert "testserver" not in feed


def test_migrate_sets_the_sites_record_from_site_url(settings):
    settings.SITE_URL = "https://jet.example:8443"
    call_command("migrate", "sites", verbosity=0)
    site = Site.objects.get(pk=settings.SITE_ID)
    assert site.domain == "jet.example:8443"
