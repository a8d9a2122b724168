"""An editor signs in, edits the Japanese overview in the rich-text editor, and sees it published."""

import re

import pytest

from jetportal.roles import ROLES

pytestmark = pytest.mark.browser

PASSWORD = "a long enough password for an editor"
NEW_TEXT = "JETプログラムは、地域の国際交流を担う若者を全国に迎えています。"


@pytest.fixture
def editor(live_demo):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)
    # A transactional test's database was flushed and migrated again: the roles are back.
    user.groups.add(Group.objects.get(name=ROLES["editor"].group_name))
    return user


def sign_in(page, base_url, username, password):
    page.goto(f"{base_url}/admin/")
    page.get_by_label(re.compile("Username|ユーザー名")).fill(username)
    page.get_by_label(re.compile("Password|パスワード")).fill(password)
    page.get_by_role("button", name=re.compile("Log in|ログイン")).click()


def test_an_editor_edits_the_japanese_overview(live_demo, editor, page):
    from pages.models import Page

    sign_in(page, live_demo.url, "editor", PASSWORD)
    page.wait_for_url(re.compile(r"/admin/$"))

    # The editor chooses Japanese for the admin; the choice sticks on the next pages.
    page.select_option("#admin-language", "ja")
    page.get_by_role("button", name="Switch").click()
    page.wait_for_selector("html[lang=ja]")

    landing = Page.objects.get(kind=Page.Kind.LANDING)
    page.goto(f"{live_demo.url}/admin/pages/page/{landing.pk}/change/")
    assert page.locator("html").get_attribute("lang") == "ja"
    prefix = page.evaluate(
        """() => [...document.querySelectorAll("select[name$='-kind']")]
              .find((select) => select.value === "overview").name.replace(/-kind$/, "")"""
    )
    editor_box = page.locator(f".prose-editor:has(textarea[name='{prefix}-intro_ja']) [contenteditable='true']")
    editor_box.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(NEW_TEXT)
    page.locator("input[name='_continue']").click()
    page.wait_for_selector(".messagelist .success")

    page.goto(f"{live_demo.url}/ja/organisations/")
    assert NEW_TEXT in page.locator("#overview, main").first.inner_text()
    # The English overview was left as it was.
    page.goto(f"{live_demo.url}/en/organisations/")
    assert NEW_TEXT not in page.content()
    # Neither the admin nor its rich-text editor broke the Content-Security-Policy.
    assert page.csp_errors == []
