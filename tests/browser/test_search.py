"""In Chromium: the header search box, the results page's accessibility, and the Q&A unlock back to #q-N."""

import re

import pytest

from faq.testing import PASSWORD, make_content, set_password
from updates.testing import make_update

from .axe import scan
from .test_faq import focus_by_tab

pytestmark = pytest.mark.browser


@pytest.fixture
def search_server(transactional_db, live_server):
    from test_documents_factories import category_pages, make_document

    _organisations, pas, _companies = category_pages()
    make_document(category=pas)
    make_update(
        slug="organisation-manual",
        title_en="Manual for contracting organisations",
        title_ja="任用団体マニュアルを公開しました",
        body_en="<p>It explains the handbook.</p>",
        body_ja="<p>ハンドブックを説明します。</p>",
    )
    make_update(slug="english-only", title_en="Handbook orientation", title_ja="", summary_ja="")
    return live_server


def test_the_header_search_box_works_with_the_keyboard(search_server, page):
    page.goto(f"{search_server.url}/ja/organisations/")
    focus_by_tab(page, "#site-search-q")
    page.keyboard.type("ﾊﾝﾄﾞﾌﾞｯｸ")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ja/search/\?q="))
    titles = page.locator(".search-result__title").all_inner_texts()
    assert "PAハンドブック" in titles
    assert page.locator(".search-result__title mark").first.inner_text() == "ハンドブック"
    # The English-only item is listed, marked as English.
    page.goto(f"{search_server.url}/ja/search/?q=orientation")
    assert page.locator(".search-result__language").inner_text() == "英語"
    other = page.locator('.search-result__title a[lang="en"]')
    assert other.inner_text() == "Handbook orientation"
    assert page.csp_errors == []


def test_the_search_pages_have_no_axe_violations(search_server, page):
    paths = [
        "/en/search/?q=handbook",
        "/ja/search/?q=ハンドブック",
        "/en/search/",
        "/ja/search/?q=" + "x" * 101,
    ]
    assert scan(page, search_server.url, paths) == {}


@pytest.fixture
def faq_server(transactional_db, live_server):
    entries = make_content()
    set_password()
    return live_server, entries


def test_the_unlock_returns_to_the_question_linked_to(faq_server, page):
    server, entries = faq_server
    anchor = f"q-{entries['tax'].pk}"
    page.goto(f"{server.url}/en/faq/english/#{anchor}")
    page.wait_for_url(re.compile(rf"/en/faq/unlock/\?next=%2Fen%2Ffaq%2Fenglish%2F#{anchor}$"))
    # A wrong password first: the question is still remembered after the form comes back.
    page.fill("#faq-password", "not-the-password")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.fill("#faq-password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/en/faq/english/#{anchor}$"))
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == anchor
    assert page.csp_errors == []


def test_the_japanese_prompt_comes_first_on_the_japanese_page(faq_server, page):
    server, _entries = faq_server
    page.goto(f"{server.url}/ja/faq/unlock/")
    first = page.locator(".faq-prompt__line").first
    assert first.get_attribute("lang") == "ja"
    assert first.inner_text() == "パスワードを入力してください"


def test_a_feed_opened_in_chromium_reads_as_a_page_under_the_csp(search_server, page):
    response = page.goto(f"{search_server.url}/ja/updates/feed/organisations/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector("h1")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h1").inner_text() == "JETプログラム：団体向けの最新情報"
    # The explanation leads with the feed's language, then the other.
    texts = page.locator(".feed-about__text")
    assert [texts.nth(i).get_attribute("lang") for i in range(2)] == ["ja", "en"]
    assert "任用団体マニュアルを公開しました" in page.locator(".feed-entry__title").all_inner_texts()
    # The stylesheet the XSLT links to loaded: the header has the site's colour.
    background = page.evaluate("getComputedStyle(document.querySelector('.feed-header')).backgroundColor")
    assert background == "rgb(18, 54, 107)"
    # Chromium adds its own inline-styled notice that XSLT is deprecated, which the CSP blocks
    # (as it should); nothing of ours is refused.
    assert not [error for error in page.csp_errors if "Refused to load" in error]
