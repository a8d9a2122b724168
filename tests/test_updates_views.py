"""Latest Updates pages: order, filters, scheduling, previews, badges, dates, bad input, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from jetportal import clock
from jetportal.content import Status
from jetportal.shared_cache import retire_all
from updates import sections
from updates.models import Update
from updates.testing import NOW, audiences, make_update

pytestmark = pytest.mark.django_db
ALL_AUDIENCES = ["current-jets", "former-jets", "organisations", "service-providers"]


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    """The site's clock stands still at NOW until a test moves it."""
    moment = {"now": NOW}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    return moment


def listed_slugs(client, url):
    retire_all()  # read the view's own context, not a copy from the page cache
    response = client.get(url)
    assert response.status_code == 200
    return [update.slug for update in response.context["updates"]]


# Order and filters


def test_pinned_items_come_first_then_newest():
    old_pinned = make_update(slug="old-pinned", date=datetime.date(2019, 1, 1), pinned=True)
    newest = make_update(slug="newest", date=datetime.date(2026, 11, 1))
    middle = make_update(slug="middle", date=datetime.date(2024, 5, 1))
    new_pinned = make_update(slug="new-pinned", date=datetime.date(2025, 1, 1), pinned=True)
    expected = [new_pinned.slug, old_pinned.slug, newest.slug, middle.slug]
    assert [u.slug for u in Update.objects.listed()] == expected


def test_list_page_shows_items_in_order(client):
    make_update(slug="plain", date=datetime.date(2026, 1, 1))
    make_update(slug="pinned", date=datetime.date(2020, 1, 1), pinned=True)
    assert listed_slugs(client, "/en/updates/") == ["pinned", "plain"]


@pytest.mark.parametrize("slug", ALL_AUDIENCES)
def test_filter_by_each_audience(client, slug):
    for other in ALL_AUDIENCES:
        make_update(slug=f"only-{other}", audience_slugs=[other])
    make_update(slug="for-everyone", audience_slugs=ALL_AUDIENCES)
    response = client.get(f"/en/updates/?audience={slug}")
    assert {u.slug for u in response.context["updates"]} == {f"only-{slug}", "for-everyone"}
    assert response.context["audience"].slug == slug
    # The current filter is marked for assistive technology.
    assert f'href="/en/updates/?audience={slug}" aria-current="page"' in response.text


@pytest.mark.parametrize(
    ("lang", "heading"), [("en", "Latest Updates for Organisations"), ("ja", "団体向けの最新情報")]
)
def test_filtered_list_heading_and_tag_links(client, lang, heading):
    make_update(slug="orgs", audience_slugs=["organisations", "former-jets"])
    response = client.get(f"/{lang}/updates/?audience=organisations")
    assert f"<h1>{heading}</h1>" in response.text
    assert f'href="/{lang}/updates/?audience=former-jets"' in response.text


def test_pagination_ten_a_page_with_accessible_nav(client):
    for day in range(1, 24):
        make_update(slug=f"day-{day}", date=datetime.date(2026, 10, day))
    first = client.get("/en/updates/")
    assert len(first.context["updates"]) == 10
    assert '<nav class="pagination" aria-label="Pages of updates">' in first.text
    assert '<a href="?page=1" aria-current="page">' in first.text
    third = client.get("/en/updates/?page=3")
    assert [u.slug for u in third.context["updates"]] == ["day-3", "day-2", "day-1"]
    assert '<a href="?page=3" aria-current="page">' in third.text
    filtered = client.get("/en/updates/?audience=organisations&page=2")
    assert 'href="?audience=organisations&amp;page=1"' in filtered.text


# Scheduling, drafts and previews


def test_scheduled_item_appears_exactly_at_its_publish_time(client, frozen_now):
    publish_at = NOW + datetime.timedelta(hours=2)
    make_update(slug="scheduled", publish_at=publish_at, date=publish_at.date())
    make_update(slug="already-out")

    frozen_now["now"] = publish_at - datetime.timedelta(microseconds=1)
    assert listed_slugs(client, "/en/updates/") == ["already-out"]
    assert client.get("/en/updates/scheduled/").status_code == 404
    assert "scheduled" not in client.get("/en/updates/feed/").text
    assert "/updates/scheduled/" not in client.get("/sitemap.xml").text

    frozen_now["now"] = publish_at
    assert listed_slugs(client, "/en/updates/") == ["scheduled", "already-out"]
    assert client.get("/en/updates/scheduled/").status_code == 200
    assert "/en/updates/scheduled/" in client.get("/en/updates/feed/").text
    assert "/en/updates/scheduled/" in client.get("/sitemap.xml").text


def test_drafts_are_hidden_from_the_public(client):
    make_update(slug="draft-item", status=Status.DRAFT)
    assert listed_slugs(client, "/en/updates/") == []
    assert client.get("/en/updates/draft-item/").status_code == 404
    assert "draft-item" not in client.get("/en/updates/feed/organisations/").text
    assert "draft-item" not in client.get("/sitemap.xml").text


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_staff_preview_unpublished_items_on_the_detail_page_only(client, admin_user, kind):
    if kind == "draft":
        make_update(slug="hidden", status=Status.DRAFT)
    else:
        make_update(slug="hidden", publish_at=NOW + datetime.timedelta(days=3))
    client.force_login(admin_user)
    response = client.get("/en/updates/hidden/")
    assert response.status_code == 200
    assert response.context["is_preview"] is True
    assert 'class="preview-banner"' in response.text
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.text
    # Lists stay what the public sees, even for staff.
    assert listed_slugs(client, "/en/updates/") == []


def test_public_detail_is_not_a_preview(client):
    make_update(slug="public")
    response = client.get("/en/updates/public/")
    assert response.context["is_preview"] is False
    assert "preview-banner" not in response.text
    assert "no-store" not in response.get("Cache-Control", "")


# Badges, dates, deadline, change note


def test_new_badge_for_fourteen_days_after_publishing(client):
    make_update(slug="fresh", publish_at=NOW - datetime.timedelta(days=13, hours=23))
    make_update(slug="older", publish_at=NOW - datetime.timedelta(days=14))
    fresh, older = Update.objects.filter(slug__in=["fresh", "older"]).order_by("slug")
    assert fresh.is_new and not older.is_new
    response = client.get("/en/updates/fresh/")
    assert '<span class="badge badge--new">New</span>' in response.text
    assert "badge--new" not in client.get("/en/updates/older/").text


def test_updated_badge_and_change_note_after_a_significant_change(client):
    update = make_update(slug="changed", change_note_en="The venue changed.", change_note_ja="会場を変更しました。")
    assert not update.is_updated
    update.mark_significant_change(NOW - datetime.timedelta(days=1))
    update.save()
    en = client.get("/en/updates/changed/").text
    assert '<span class="badge badge--updated">Updated</span>' in en
    assert "The venue changed." in en
    ja = client.get("/ja/updates/changed/").text
    assert '<span class="badge badge--updated">更新</span>' in ja
    assert "会場を変更しました。" in ja
    assert "badge--updated" in client.get("/en/updates/").text


def test_a_change_before_publishing_is_no_update():
    update = make_update(slug="early", publish_at=NOW - datetime.timedelta(days=2))
    update.mark_significant_change(NOW - datetime.timedelta(days=5))
    assert not update.is_updated


@pytest.mark.parametrize(
    ("lang", "shown", "deadline"),
    [
        ("en", "10 October 2023", "30 November 2023"),
        ("ja", "2023年10月10日", "2023年11月30日"),
    ],
)
def test_dates_in_each_language(client, lang, shown, deadline):
    make_update(slug="dated", date=datetime.date(2023, 10, 10), deadline=datetime.date(2023, 11, 30))
    for url in (f"/{lang}/updates/", f"/{lang}/updates/dated/"):
        text = client.get(url).text
        assert f'<time datetime="2023-10-10">{shown}</time>' in text
        assert f'<time datetime="2023-11-30">{deadline}</time>' in text
    # Without an image the card has no picture area at all.
    assert "update-card__placeholder" not in client.get(f"/{lang}/updates/").text


def test_deadline_marked_closed_once_passed(client, frozen_now):
    make_update(slug="deadline", deadline=datetime.date(2026, 11, 30))
    assert "(closed)" not in client.get("/en/updates/deadline/").text
    frozen_now["now"] = NOW + datetime.timedelta(days=6)
    assert "(closed)" in client.get("/en/updates/deadline/").text


def test_japanese_page_marks_english_fallback(client):
    make_update(slug="english-only", title_ja="", summary_ja="")
    text = client.get("/ja/updates/english-only/").text
    assert '<h1 lang="en">English title' in text
    assert "fallback-notice" in text


def test_list_links_to_the_atom_feeds(client):
    text = client.get("/ja/updates/?audience=former-jets").text
    assert '<link rel="alternate" type="application/atom+xml" href="/ja/updates/feed/"' in text
    assert '<link rel="alternate" type="application/atom+xml" href="/ja/updates/feed/former-jets/"' in text


# Bad input: clear 4xx pages in the visitor's language, never a 500


@pytest.mark.parametrize(("lang", "message"), [("en", "No such audience"), ("ja", "該当する対象がありません")])
def test_unknown_audience_is_a_translated_404_listing_the_real_ones(client, lang, message):
    audiences()
    response = client.get(f"/{lang}/updates/?audience=unknown")
    assert response.status_code == 404
    assert message in response.text
    assert f'href="/{lang}/updates/?audience=organisations"' in response.text
    assert "unknown" not in response.text.split("<main", 1)[1]


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=999999",
        "page=0",
        "page=-1",
        "page=2.0",
        "page=" + "9" * 5000,
        "audience=" + "a" * 5000,
        "audience=%E5%9B%A3%E4%BD%93",
    ],
)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_bad_query_strings_are_404(client, query, lang):
    make_update()
    response = client.get(f"/{lang}/updates/?{query}")
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in response.text


@pytest.mark.parametrize("query", ["audience=organisations&audience=former-jets", "page=1&page=2"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_parameters_given_twice_are_a_400_in_the_visitors_language(client, query, lang):
    audiences()
    response = client.get(f"/{lang}/updates/?{query}")
    assert response.status_code == 400
    assert f'<html lang="{lang}">' in response.text


def test_unrelated_long_query_strings_give_the_normal_page(client):
    make_update(slug="still-here")
    response = client.get("/en/updates/?utm_source=" + "x" * 8000)
    assert response.status_code == 200
    assert listed_slugs(client, "/en/updates/?utm_source=" + "x" * 8000) == ["still-here"]


@pytest.mark.parametrize("path", ["/en/updates/no-such-item/", "/ja/updates/feed/no-such-audience/"])
def test_unknown_slugs_are_404(client, path):
    audiences()
    assert client.get(path).status_code == 404


def test_only_safe_methods(client):
    assert client.post("/en/updates/").status_code == 405


# Query counts stay the same whatever the amount of content


def _count_queries(client, url):
    retire_all()  # count the rendering's queries, not a page-cache hit
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _add_items(count, start):
    for index in range(start, start + count):
        tags = ALL_AUDIENCES[: 1 + index % 4]
        make_update(slug=f"bulk-{index}", audience_slugs=tags, pinned=index % 7 == 0)


@pytest.mark.parametrize(
    "url",
    [
        "/en/updates/",
        "/ja/updates/?audience=organisations",
        "/en/updates/?page=1",
        "/en/updates/feed/",
        "/ja/updates/feed/organisations/",
        "/sitemap.xml",
    ],
)
def test_query_count_is_constant(client, url):
    _add_items(5, 0)
    client.get(url)  # Warm the per-process caches (the current Site, content types) first.
    with_five = _count_queries(client, url)
    _add_items(45, 5)
    with_fifty = _count_queries(client, url)
    assert with_five == with_fifty, f"{url}: {with_five} queries with 5 items, {with_fifty} with 50"


def test_list_page_query_budget(client):
    _add_items(50, 0)
    client.get("/en/updates/")
    # audiences, count, items, their audiences, the site's main navigation, and (on a page-cache
    # miss) the next scheduled publish time, which bounds how long the page may stay cached.
    assert _count_queries(client, "/en/updates/") <= 6


def test_detail_query_count_does_not_grow_with_audiences(client):
    make_update(slug="one-tag", audience_slugs=["organisations"])
    make_update(slug="four-tags", audience_slugs=ALL_AUDIENCES)
    assert _count_queries(client, "/en/updates/one-tag/") == _count_queries(client, "/en/updates/four-tags/")


# The For Organisations section


def test_section_provider_shows_latest_pinned_first_in_three_queries(rf):
    _add_items(20, 0)
    with CaptureQueriesContext(connection) as queries:
        data = sections.latest_updates(rf.get("/en/organisations/"), page=None)
    assert len(queries) == 3  # the items, their audience links, the audiences
    shown = data["updates"]
    assert len(shown) == sections.LATEST_COUNT
    assert shown[0].pinned
    assert data["list_url"] == "/en/updates/"


def test_section_tags_each_item_with_its_own_audiences_in_order(rf):
    make_update(slug="one-tag", audience_slugs=["organisations"])
    make_update(slug="all-tags", audience_slugs=ALL_AUDIENCES)
    make_update(slug="no-tags", audience_slugs=[])
    data = sections.latest_updates(rf.get("/en/organisations/"), page=None)
    for update in data["updates"]:
        expected = [audience.slug for audience in update.audiences.order_by("order", "pk")]
        assert [url.rsplit("=", 1)[1] for url, _name in update.display.tags] == expected, update.slug
    assert {update.slug for update in data["updates"]} >= {"one-tag", "all-tags", "no-tags"}


def test_japanese_catalogue_is_compiled():
    with translation.override("ja"):
        assert translation.gettext("Pinned") == "固定"
        assert translation.gettext("Show updates for") == "対象で絞り込む"
