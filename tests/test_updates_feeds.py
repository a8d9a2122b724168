"""Atom feeds per language and audience, and the updates in the sitemap."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from jetportal import clock
from jetportal.content import Status
from updates.testing import NOW, make_update

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


@pytest.fixture
def content():
    make_update(
        slug="for-jets",
        title_en="Conference dates",
        title_ja="研修の日程",
        audience_slugs=["current-jets", "former-jets"],
        date=datetime.date(2026, 9, 1),
    )
    make_update(
        slug="for-orgs",
        title_en="Manual revised",
        title_ja="マニュアルを改訂しました",
        summary_en="Fish & chips <b>not bold</b>",
        audience_slugs=["organisations"],
        date=datetime.date(2026, 10, 1),
        pinned=True,
    )
    make_update(slug="for-all", audience_slugs=["current-jets", "former-jets", "organisations", "service-providers"])
    make_update(slug="a-draft", status=Status.DRAFT, audience_slugs=["organisations"])
    make_update(slug="scheduled", publish_at=NOW + datetime.timedelta(minutes=1), audience_slugs=["organisations"])


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    # application/xml, so that a browser applies the feed's XSLT stylesheet (see updates.feeds).
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = {}
    for entry in root.findall(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link").get("href")
        slug = link.rstrip("/").rsplit("/", 1)[1]
        entries[slug] = {
            "link": link,
            "title": entry.findtext(f"{ATOM}title"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "categories": [c.get("term") for c in entry.findall(f"{ATOM}category")],
            "updated": entry.findtext(f"{ATOM}updated"),
        }
    return root, entries


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_main_feed_has_every_public_item_with_its_audiences(client, content, lang):
    root, entries = parse_feed(client, f"/{lang}/updates/feed/")
    assert root.get(XML_LANG) == lang
    assert set(entries) == {"for-jets", "for-orgs", "for-all"}
    assert entries["for-jets"]["categories"] == ["current-jets", "former-jets"]
    assert entries["for-orgs"]["categories"] == ["organisations"]
    assert entries["for-all"]["categories"] == ["current-jets", "former-jets", "organisations", "service-providers"]
    assert entries["for-orgs"]["link"] == f"http://testserver/{lang}/updates/for-orgs/"
    self_link = next(link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == f"http://testserver/{lang}/updates/feed/"


def test_feed_is_newest_first_whatever_is_pinned(client, content):
    _root, entries = parse_feed(client, "/en/updates/feed/")
    assert list(entries) == ["for-all", "for-orgs", "for-jets"]


@pytest.mark.parametrize(
    ("lang", "title", "feed_title"),
    [
        ("en", "Manual revised", "JET Programme: Latest Updates for Organisations"),
        ("ja", "マニュアルを改訂しました", "JETプログラム：団体向けの最新情報"),
    ],
)
def test_feed_titles_are_in_the_feeds_language(client, content, lang, title, feed_title):
    root, entries = parse_feed(client, f"/{lang}/updates/feed/organisations/")
    assert root.findtext(f"{ATOM}title") == feed_title
    assert entries["for-orgs"]["title"] == title


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        ("current-jets", {"for-jets", "for-all"}),
        ("former-jets", {"for-jets", "for-all"}),
        ("organisations", {"for-orgs", "for-all"}),
        ("service-providers", {"for-all"}),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_audience_feeds_carry_only_their_audience(client, content, audience, expected, lang):
    root, entries = parse_feed(client, f"/{lang}/updates/feed/{audience}/")
    assert set(entries) == expected
    for entry in entries.values():
        assert audience in entry["categories"]
    alternate = next(link for link in root.findall(f"{ATOM}link") if link.get("rel") == "alternate")
    assert alternate.get("href") == f"http://testserver/{lang}/updates/?audience={audience}"


def test_summary_text_is_escaped_once_for_atom(client, content):
    _root, entries = parse_feed(client, "/en/updates/feed/")
    # Atom's summary is HTML: the plain-text summary arrives as text, not as markup.
    assert entries["for-orgs"]["summary"] == "Fish &amp; chips &lt;b&gt;not bold&lt;/b&gt;"


def test_significant_change_moves_the_entry_updated_time(client, content):
    from updates.models import Update

    update = Update.objects.get(slug="for-jets")
    update.mark_significant_change(NOW - datetime.timedelta(hours=1))
    update.save()
    _root, entries = parse_feed(client, "/en/updates/feed/")
    assert entries["for-jets"]["updated"] == (NOW - datetime.timedelta(hours=1)).astimezone(datetime.UTC).isoformat()


def test_unknown_audience_feed_is_404(client, content):
    assert client.get("/en/updates/feed/nobody/").status_code == 404


def test_sitemap_lists_public_updates_with_language_alternates(client, content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    urls = {}
    for url in root.findall(f"{SITEMAP}url"):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        urls[url.findtext(f"{SITEMAP}loc")] = alternates
    locations = [loc for loc in urls if "/updates/" in loc]
    paths = {loc.split("://", 1)[1].split("/", 1)[1] for loc in locations}
    assert {"en/updates/for-orgs/", "ja/updates/for-orgs/", "en/updates/", "ja/updates/"} <= paths
    assert not any("a-draft" in loc or "scheduled" in loc for loc in locations)
    english = next(loc for loc in locations if loc.endswith("/en/updates/for-orgs/"))
    assert urls[english]["ja"].endswith("/ja/updates/for-orgs/")
    # x-default is the address without a language, which sends visitors to their own language.
    x_default = urls[english]["x-default"]
    assert x_default == "http://testserver/updates/for-orgs/"
    response = client.get("/updates/for-orgs/", headers={"accept-language": "ja"})
    assert response.status_code == 302 and response["Location"] == "/ja/updates/for-orgs/"


@pytest.mark.parametrize("url", ["/en/updates/feed/", "/ja/updates/feed/organisations/"])
def test_a_feed_names_its_xslt_stylesheet_which_is_served(client, content, url):
    response = client.get(url)
    head = response.content.decode()[:300]
    found = re.search(r'<\?xml-stylesheet href="([^"]+)"[^?]* type="text/xsl"\?>', head)
    assert found, head
    # Before the root element, as a processing instruction must be.
    assert head.index("<?xml-stylesheet") < head.index("<feed")
    xslt = b"".join(client.get(found.group(1)).streaming_content)
    assert b"<xsl:stylesheet" in xslt and b"What is a feed?" in xslt and "フィードとは".encode() in xslt
    # The CSS the page uses is named by the feed (at its hashed address), for the XSLT to link.
    css = ET.fromstring(response.content).find("{urn:x-jetportal:feed-page}stylesheet").get("href")
    assert css.startswith("/static/feeds/feed") and css.endswith(".css")
    assert client.get(css).status_code == 200


@pytest.mark.parametrize(
    "path, feed",
    [
        ("/en/updates/", "/en/updates/feed/"),
        ("/ja/updates/?audience=current-jets", "/ja/updates/feed/current-jets/"),
        ("/en/updates/?audience=organisations", "/en/updates/feed/organisations/"),
        ("/en/updates/for-orgs/", "/en/updates/feed/"),
    ],
)
def test_each_updates_page_links_the_feed_that_fits_it_and_says_what_a_feed_is(client, content, path, feed):
    html = client.get(path).content.decode()
    assert re.search(rf'<a class="feed-link" href="{re.escape(feed)}"', html)
    assert 'class="feed-note"' in html


@pytest.mark.parametrize("lang, note", [("en", "A feed tells a feed reader"), ("ja", "フィード")])
def test_the_for_organisations_page_links_the_organisations_feed(client, content, lang, note):
    from test_documents_factories import category_pages

    from pages.models import Page, Section

    organisations, _pas, _companies = category_pages()
    # Published before this module's frozen "now".
    Page.objects.update(publish_at=NOW - datetime.timedelta(days=1))
    Section.objects.create(page=organisations, kind=Section.Kind.UPDATES, heading_en="Latest Updates")
    html = client.get(f"/{lang}/organisations/").content.decode()
    feed = f"/{lang}/updates/feed/organisations/"
    assert re.search(rf'<a class="feed-link" href="{feed}"', html)
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in html
    assert f'href="/{lang}/updates/feed/"' not in html
    assert note in html.split('class="feed-note"')[1][:300]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_home_and_category_pages_announce_the_feed_that_fits_them(client, content, lang):
    from test_documents_factories import category_pages

    from pages.models import Page

    category_pages()
    Page.objects.update(publish_at=NOW - datetime.timedelta(days=1))
    home = client.get(f"/{lang}/").content.decode()
    assert f'<link rel="alternate" type="application/atom+xml" href="/{lang}/updates/feed/"' in home
    category = client.get(f"/{lang}/organisations/companies/").content.decode()
    feed = f"/{lang}/updates/feed/organisations/"
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in category
    assert "団体向けの最新情報（Atomフィード）" in category or lang == "en"
    # Visible too, with the line on what a feed is, for visitors who never read <head>.
    visible = category.split('class="feed-link-wrap"')[1]
    assert f'class="feed-link" href="{feed}"' in visible and 'class="feed-note"' in visible
    assert "団体向けの最新情報をAtomフィードで購読する" in visible or lang == "en"


def test_the_feed_stylesheet_is_sent_as_xml(client, content):
    # Firefox refuses a stylesheet sent as application/octet-stream with nosniff.
    head = client.get("/en/updates/feed/").content.decode()[:300]
    href = re.search(r'<\?xml-stylesheet href="([^"]+)"', head).group(1)
    response = client.get(href)
    assert response["Content-Type"].split(";")[0] in ("text/xml", "application/xml", "text/xsl")
