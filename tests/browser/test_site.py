"""What a person does with the public site: keyboard only, videos on demand, and axe scans."""

import re

import pytest

from .axe import scan
from .conftest import DESKTOP, PHONE


def public_paths(lang):
    """Every kind of public page, in one language: all pages, the update list and items, the Q&A."""
    from pages.models import Page
    from updates.models import Update

    paths = [f"/{lang}/"]
    paths += [f"/{lang}/{page.path}" for page in Page.objects.published().exclude(path="")]
    paths += [f"/{lang}/updates/", f"/{lang}/updates/?audience=organisations"]
    paths += [update.get_absolute_url().replace("/en/", f"/{lang}/", 1) for update in Update.objects.published()[:3]]
    paths += [f"/{lang}/faq/", f"/{lang}/faq/unlock/?next=/{lang}/faq/bilingual/"]
    return paths


def test_keyboard_reaches_skip_link_language_switcher_and_main_content(live_demo, page):
    page.goto(f"{live_demo.url}/en/organisations/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("href") == "#main-content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"

    page.goto(f"{live_demo.url}/en/organisations/")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "ja":
            break
    else:
        pytest.fail("The language switcher was not reached with the Tab key")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ja/organisations/$"))
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h1").inner_text() == "団体の皆さまへ"


def test_video_loads_only_after_a_click(live_demo, page):
    from pages.models import Video

    # The demo's videos have no id yet (staff add the real ones): give the first one an id.
    Video.objects.filter(pk=Video.objects.first().pk).update(youtube_id="JETpromo-01")
    page.route(re.compile(r"youtube"), lambda route: route.abort())
    page.goto(f"{live_demo.url}/en/organisations/")
    page.wait_for_load_state("networkidle")
    assert page.locator("iframe").count() == 0
    assert page.third_party_requests == []

    play = page.get_by_role("link", name=re.compile("Play video: JET Promotional Video"))
    play.focus()
    page.keyboard.press("Enter")
    player = page.locator("iframe")
    assert player.count() == 1
    assert player.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    assert player.get_attribute("title") == "JET Promotional Video"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_axe_finds_no_violation_on_any_public_page(live_demo, page, lang, viewport):
    page.set_viewport_size(viewport)
    assert scan(page, live_demo.url, public_paths(lang) + [f"/{lang}/no-such-page/"]) == {}
    assert page.csp_errors == []
    assert page.third_party_requests == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_axe_finds_no_violation_on_the_unlocked_qa_versions(live_demo, page, lang, viewport):
    from faq.testing import PASSWORD, set_password

    set_password()
    page.set_viewport_size(viewport)
    page.goto(f"{live_demo.url}/{lang}/faq/unlock/?next=/{lang}/faq/bilingual/")
    page.locator("input[type=password]").fill(PASSWORD)
    page.locator("input[type=password]").press("Enter")
    page.wait_for_url(re.compile(rf"/{lang}/faq/bilingual/"))
    paths = [
        f"/{lang}/faq/{version}/{query}" for version in ("bilingual", "english", "japanese") for query in ("", "?q=tax")
    ]
    assert scan(page, live_demo.url, paths) == {}
    assert page.csp_errors == []
