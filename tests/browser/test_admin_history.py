"""Two staff members on one demo item, History compared and restored, a document's file brought back.

Staff work with the admin in 日本語, each in their own browser context (own cookies, own session).
"""

import re

import pytest

from .conftest import DESKTOP
from .test_admin import PASSWORD, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def two_editors(live_demo):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from jetportal.roles import ROLES

    group = Group.objects.get(name=ROLES["editor"].group_name)
    for name in ("hanako", "taro"):
        get_user_model().objects.create_user(name, password=PASSWORD, is_staff=True).groups.add(group)
    return live_demo


def japanese_admin(browser, base, username):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, base, username, PASSWORD)
    page.wait_for_url(re.compile(r"/admin/$"))
    page.select_option("#admin-language", "ja")
    page.get_by_role("button", name="Switch").click()
    page.wait_for_selector("html[lang=ja]")
    return context, page


def save(page):
    page.locator("input[name='_continue']").click()


def test_two_editors_then_compare_and_restore(two_editors, browser):
    from updates.models import Update

    base = two_editors.url
    update = Update.objects.order_by("pk").first()  # loaded by load_demo: it has only its first version
    original = update.title_ja
    url = f"{base}/admin/updates/update/{update.pk}/change/"
    hanako_context, hanako = japanese_admin(browser, base, "hanako")
    taro_context, taro = japanese_admin(browser, base, "taro")
    try:
        hanako.goto(url)
        taro.goto(url)
        hanako.fill("input[name='title_ja']", "花子が直したタイトル")
        save(hanako)
        hanako.wait_for_selector(".messagelist .success")

        taro.fill("textarea[name='summary_ja']", "太郎が書いた概要")
        save(taro)
        warning = taro.locator(".errornote, .errorlist").first
        warning.wait_for()
        assert "別の人がこの項目を保存しました" in taro.content()
        assert taro.locator("textarea[name='summary_ja']").input_value() == "太郎が書いた概要", "kept in the form"
        update.refresh_from_db()
        assert update.title_ja == "花子が直したタイトル"
        assert update.summary_ja != "太郎が書いた概要"

        # Hanako compares the demo's version with the current one, then restores it.
        hanako.goto(f"{url}../history/")
        hanako.get_by_role("link", name="現在のバージョンと比較").click()
        table = hanako.locator("table.compare-table")
        table.wait_for()
        row = table.locator("tr", has_text="タイトル（日本語）")
        assert original in row.inner_text() and "花子が直したタイトル" in row.inner_text()
        hanako.locator(".compare-actions a.button").first.click()
        hanako.wait_for_selector("input[name='_save']")
        assert hanako.locator("input[name='title_ja']").input_value() == original
        hanako.locator("input[name='_save']").click()
        hanako.wait_for_selector(".messagelist .success")
        update.refresh_from_db()
        assert update.title_ja == original
        hanako.goto(f"{url}../history/")
        assert "に保存されたバージョンに戻しました。" in hanako.locator("#change-history").inner_text()
    finally:
        hanako_context.close()
        taro_context.close()


def test_a_document_replaced_twice_is_restored_with_its_first_file(two_editors, browser, tmp_path):
    import reversion
    from django.core.files.base import ContentFile
    from reversion.models import Version

    from documents.models import Document
    from documents.pdf import one_page_pdf
    from jetportal.content import Status

    base = two_editors.url
    with reversion.create_revision():
        document = Document.objects.create(
            slug="replaced-twice",
            title_en="Replaced twice",
            title_ja="二度差し替えた資料",
            status=Status.PUBLISHED,
            file_en=ContentFile(one_page_pdf("first"), name="first.pdf"),
        )
    context, page = japanese_admin(browser, base, "hanako")
    try:
        url = f"{base}/admin/documents/document/{document.pk}/change/"
        for text in ("second", "third"):
            upload = tmp_path / f"{text}.pdf"
            upload.write_bytes(one_page_pdf(text))
            page.goto(url)
            page.set_input_files("input[name='file_en']", str(upload))
            save(page)
            page.wait_for_selector(".messagelist .success")
        assert page.request.get(f"{base}/en/downloads/replaced-twice/").body() == one_page_pdf("third")

        first = Version.objects.get_for_object(document).earliest("pk")
        page.goto(f"{url}../history/")
        page.locator(f"a[href$='/history/{first.pk}/']").click()
        page.wait_for_selector("input[name='_save']")
        page.locator("input[name='_save']").click()
        page.wait_for_selector(".messagelist .success")
        response = page.request.get(f"{base}/en/downloads/replaced-twice/")
        assert response.status == 200
        assert response.body() == one_page_pdf("first")
        assert 'filename="first.pdf"' in response.headers["content-disposition"]
    finally:
        context.close()
