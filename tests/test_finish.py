"""The finish of an official site: valid dates and times, Japanese punctuation, the error pages."""

import re

import pytest
from django.utils import translation
from django.utils.timezone import localtime

from pages.models import Page
from updates.models import Update

pytestmark = pytest.mark.django_db

# HTML's date, time and global date-and-time strings: at most three fraction digits.
VALID_DATETIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?|\d{2}:\d{2}(:\d{2})?)$"
)


def pages_with_dates(lang):
    changed = Update.objects.exclude(significant_change_at=None).first()
    with translation.override(lang):
        changed_url = changed.get_absolute_url()
    return [
        f"/{lang}/organisations/",
        f"/{lang}/organisations/prefectural-advisors/",
        f"/{lang}/organisations/companies/",
        f"/{lang}/updates/",
        changed_url,
    ]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_time_element_has_a_valid_datetime(client, demo, lang):
    seen = 0
    for path in pages_with_dates(lang):
        html = client.get(path).content.decode()
        for value in re.findall(r'<time datetime="([^"]*)"', html):
            assert VALID_DATETIME.match(value), (path, value)
            seen += 1
    assert seen > 10


def test_last_updated_is_given_to_the_second_in_local_time(client, demo):
    page = Page.objects.get(path="organisations/companies/")
    html = client.get("/en/organisations/companies/").content.decode()
    # The page's own date comes first, before its documents' dates.
    value = re.search(r'<p class="last-updated">Last updated: <time datetime="([^"]*)"', html).group(1)
    assert value == localtime(page.updated_at).isoformat(timespec="seconds")
    assert value.endswith("+09:00") and "." not in value


def test_japanese_labels_use_full_width_colons(client, demo):
    texts = []
    for path in pages_with_dates("ja"):
        texts.append(client.get(path).content.decode())
    html = "\n".join(texts)
    assert "最終更新日：" in html and "締切：" in html and "出典：" in html
    assert not re.search(r"(最終更新日|締切|出典):", html)


def test_english_labels_keep_their_colons(client, demo):
    html = "\n".join(client.get(path).content.decode() for path in pages_with_dates("en"))
    assert "Last updated: " in html and "Deadline:</strong> " in html and "Source: " in html


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_404_page_has_the_menu_and_declares_no_canonical_or_alternates(client, demo, lang):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    menu = html[html.index('<nav class="site-nav"') :]
    menu = menu[: menu.index("</nav>")]
    assert f'href="/{lang}/organisations/"' in menu and f'href="/{lang}/updates/"' in menu
    assert 'rel="canonical"' not in html
    assert not re.search(r"<link[^>]+hreflang", html)
    assert '<meta name="robots" content="noindex">' in html


def test_a_real_page_still_declares_its_canonical_and_alternates(client, demo):
    html = client.get("/en/organisations/").content.decode()
    assert html.count('rel="canonical"') == 1
    assert len(re.findall(r'<link rel="alternate" hreflang="(en|ja|x-default)"', html)) == 3


def test_the_server_error_page_asks_nothing_of_the_database(rf, django_assert_num_queries):
    from jetportal.views import server_error

    request = rf.get("/en/organisations/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert 'class="site-nav"' not in response.content.decode()


def test_an_update_not_yet_in_japanese_says_so_once(client, db):
    from updates.testing import make_update

    make_update(slug="english-only", title_ja="", summary_ja="", body_en="<p>Only in English.</p>", body_ja="")
    html = client.get("/ja/updates/english-only/").content.decode()
    article = html[html.index('<article class="update">') : html.index("</article>")]
    assert article.count('class="fallback-notice"') == 1
    assert "日本語版は準備中のため、英語で表示しています。" in article
    # Each text still carries its own language.
    assert (
        '<h1 lang="en">' in article and '<p class="lead" lang="en">' in article and 'class="prose" lang="en"' in article
    )


def test_no_italics_anywhere_in_the_stylesheets():
    from pathlib import Path

    css = Path(__file__).resolve().parent.parent / "static" / "css"
    for sheet in css.glob("*.css"):
        assert not re.search(r"font-style:\s*(italic|oblique)", sheet.read_text()), sheet.name
