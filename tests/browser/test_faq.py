"""The Q&A as a person uses it: the password typed with the keyboard, the toggle, search, anchors."""

import re
import time

import pytest

from faq.testing import PASSWORD, make_content, set_password

from .conftest import PHONE

pytestmark = pytest.mark.browser


@pytest.fixture
def faq_server(transactional_db, live_server):
    entries = make_content()
    set_password()
    return live_server, entries


def focus_by_tab(page, selector, limit=60):
    """Press Tab until the element matching ``selector`` has the focus (the keyboard path)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"{selector} was not reached with the Tab key")


def wait_for(page, expression, arg=None, timeout=5.0):
    """Poll ``expression`` with page.evaluate: wait_for_function evaluates strings, which the CSP forbids."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.evaluate(expression, arg):
            return
        page.wait_for_timeout(50)
    pytest.fail(f"Timed out waiting for {expression}")


def visible_entries(page):
    return page.eval_on_selector_all(
        "[data-faq-entry]", "nodes => nodes.filter(n => n.offsetParent !== null).map(n => n.id)"
    )


def test_unlock_with_the_keyboard_toggle_search_and_follow_an_anchor(faq_server, page):
    server, entries = faq_server
    page.goto(f"{server.url}/en/faq/english/")
    page.wait_for_url(re.compile(r"/en/faq/unlock/\?next=%2Fen%2Ffaq%2Fenglish%2F$"))
    assert page.locator('[lang="ja"]', has_text="パスワードを入力してください").count() == 1

    # A wrong password first: the error is announced and tied to the field.
    focus_by_tab(page, "#faq-password")
    page.keyboard.type("not-the-password")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    field = page.locator("#faq-password")
    assert "The password is not correct." in page.locator("#faq-password-error").inner_text()
    assert field.get_attribute("aria-invalid") == "true"
    assert "faq-password-error" in field.get_attribute("aria-describedby")
    assert page.title().startswith("Error:")

    # The toggle is a real button, reached by Tab, with a name and a pressed state.
    focus_by_tab(page, "#faq-password")
    page.keyboard.type(PASSWORD)
    toggle = page.get_by_role("button", name="Show password")
    assert toggle.get_attribute("type") == "button"
    assert toggle.get_attribute("aria-pressed") == "false"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Show password"
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert field.get_attribute("type") == "text"
    assert field.input_value() == PASSWORD
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert field.get_attribute("type") == "password"

    # The right password: back to the page first asked for.
    field.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/faq/english/$"))
    assert len(visible_entries(page)) == 3

    # Instant search, in English and in Japanese (the English version still finds Japanese words).
    focus_by_tab(page, "#faq-q")
    page.keyboard.type("winter")
    wait_for(page, "() => document.querySelector('[data-faq-status]').textContent.includes('1 entry')")
    assert visible_entries(page) == [entries["renewal"].anchor]
    assert re.search(r"\?q=winter$", page.url)
    page.locator("#faq-q").fill("")
    page.keyboard.type("住民税")
    wait_for(
        page,
        "(id) => document.getElementById(id).offsetParent !== null && "
        "document.querySelectorAll('[data-faq-entry]:not(.is-filtered-out)').length === 1",
        entries["tax"].anchor,
    )
    assert visible_entries(page) == [entries["tax"].anchor]
    page.locator("#faq-q").fill("")
    page.keyboard.type("zzz-nothing")
    wait_for(page, "() => !document.querySelector('[data-faq-empty]').hidden")
    assert visible_entries(page) == []

    # Without the instant filter, Enter asks the server: same result.
    page.locator("#faq-q").fill("締切")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q=%E7%B7%A0%E5%88%87$"))
    assert visible_entries(page) == [entries["renewal"].anchor]

    # Contents link to an entry, followed with the keyboard.
    page.goto(f"{server.url}/en/faq/english/")
    anchor = entries["tax"].anchor
    link = page.locator(f'.faq-toc a[href="#{anchor}"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"#{anchor}$"))
    assert page.evaluate(f"document.querySelector('#{anchor}').matches(':target')")
    # The site scrolls smoothly (unless reduced motion is asked for): wait for the entry to arrive.
    wait_for(
        page,
        "(id) => { const top = document.getElementById(id).getBoundingClientRect().top;"
        " return window.scrollY > 0 && top >= 0 && top < window.innerHeight; }",
        anchor,
    )

    assert page.csp_errors == []
    assert page.third_party_requests == []


def test_bilingual_version_is_side_by_side_on_wide_screens_and_stacked_on_phones(faq_server, page):
    server, entries = faq_server
    page.goto(f"{server.url}/ja/faq/unlock/")
    page.locator("#faq-password").fill(PASSWORD)
    page.locator("#faq-password").press("Enter")
    page.wait_for_url(re.compile(r"/ja/faq/bilingual/$"))
    anchor = entries["renewal"].anchor
    english = page.locator(f'#{anchor} .faq-block[lang="en"]').bounding_box()
    japanese = page.locator(f'#{anchor} .faq-block[lang="ja"]').bounding_box()
    assert english["x"] < japanese["x"] and abs(english["y"] - japanese["y"]) < 2

    page.set_viewport_size(PHONE)
    english = page.locator(f'#{anchor} .faq-block[lang="en"]').bounding_box()
    japanese = page.locator(f'#{anchor} .faq-block[lang="ja"]').bounding_box()
    assert abs(english["x"] - japanese["x"]) < 2 and japanese["y"] > english["y"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_print_shows_every_entry_and_no_controls(faq_server, page):
    server, entries = faq_server
    page.goto(f"{server.url}/en/faq/unlock/?next=/en/faq/bilingual/")
    page.locator("#faq-password").fill(PASSWORD)
    page.locator("#faq-password").press("Enter")
    page.wait_for_url(re.compile(r"/en/faq/bilingual/$"))
    page.locator("#faq-q").fill("winter")
    wait_for(page, "() => document.querySelectorAll('[data-faq-entry].is-filtered-out').length === 2")
    page.emulate_media(media="print")
    assert len(visible_entries(page)) == 3
    for selector in (".faq-search", ".faq-toc", ".faq-access", ".site-header"):
        assert not page.locator(selector).first.is_visible()
