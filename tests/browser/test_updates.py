"""Latest Updates in a real browser: from the For Organisations page to an audience's updates."""

import re

import pytest

from .axe import scan
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


def test_audience_tag_on_the_organisations_page_leads_to_the_filtered_list(live_demo, page):
    page.goto(f"{live_demo.url}/en/organisations/")
    section = page.locator("section#updates")
    assert section.locator("article").count() >= 3
    # Cards without a picture have no picture area.
    assert section.locator(".update-card__placeholder").count() == 0
    assert section.locator("article:not(:has(img))").count() >= 1

    section.get_by_role("link", name="Former JETs").first.click()
    page.wait_for_url(re.compile(r"/en/updates/\?audience=former-jets$"))

    assert page.locator("h1").inner_text() == "Latest Updates for Former JETs"
    current = page.get_by_role("navigation", name="Show updates for").locator("[aria-current=page]")
    assert current.inner_text() == "Former JETs"
    cards = page.locator("main article")
    assert cards.count() >= 1
    for index in range(cards.count()):
        assert "Former JETs" in cards.nth(index).locator(".audience-tags").inner_text()
    feed = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    assert "/en/updates/feed/former-jets/" in [feed.nth(i).get_attribute("href") for i in range(feed.count())]
    assert page.csp_errors == []
    assert page.third_party_requests == []


def test_keyboard_reaches_pagination_and_the_language_switch_keeps_the_filter(live_demo, page):
    page.goto(f"{live_demo.url}/en/updates/?audience=organisations")
    page.get_by_role("link", name="日本語").click()
    page.wait_for_url(re.compile(r"/ja/updates/\?audience=organisations$"))
    assert page.locator("h1").inner_text() == "団体向けの最新情報"

    page.goto(f"{live_demo.url}/en/updates/")
    pagination = page.get_by_role("navigation", name="Pages of updates")
    pagination.get_by_role("link", name="Page 2").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?page=2$"))
    assert (
        page.get_by_role("navigation", name="Pages of updates").locator("[aria-current=page]").text_content()
        == "Page 2"
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_axe_finds_no_violation_on_updates_pages(live_demo, page, lang, viewport):
    page.set_viewport_size(viewport)
    paths = [
        f"/{lang}/updates/",
        f"/{lang}/updates/?audience=service-providers",
        f"/{lang}/updates/?page=2",
        f"/{lang}/updates/organisation-manual-2026/",
        f"/{lang}/updates/tax-guidance-2024/",
        f"/{lang}/updates/?audience=nobody",
    ]
    assert scan(page, live_demo.url, paths) == {}
    assert page.csp_errors == []
