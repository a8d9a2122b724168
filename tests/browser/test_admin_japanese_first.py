"""A staff member working in 日本語 writes a Japanese-only update, previews it, schedules it and publishes it."""

import datetime
import re

import pytest

from .test_admin import PASSWORD, editor, sign_in  # noqa: F401 (editor: a fixture, used by name)

pytestmark = pytest.mark.browser

TITLE = "冬季研修会の開催について"
SUMMARY = "任用団体の担当者向けに、冬季研修会を開催します。"


def save_and_continue(page):
    page.locator("input[name='_continue']").click()
    page.wait_for_selector(".messagelist .success")


@pytest.mark.usefixtures("editor")
def test_a_japanese_only_update_from_draft_to_published(live_demo, page, browser):
    from django.utils import timezone

    from updates.models import Audience, Update

    base = live_demo.url
    sign_in(page, base, "editor", PASSWORD)
    page.wait_for_url(re.compile(r"/admin/$"))
    page.select_option("#admin-language", "ja")
    page.get_by_role("button", name="Switch").click()
    page.wait_for_selector("html[lang=ja]")

    # Only the Japanese title and summary; no English, no address typed.
    page.goto(f"{base}/admin/updates/update/add/")
    page.fill("input[name='title_ja']", TITLE)
    page.fill("textarea[name='summary_ja']", SUMMARY)
    page.check(f"input[name='audiences'][value='{Audience.objects.get(slug='organisations').pk}']")
    save_and_continue(page)
    update = Update.objects.get(title_ja=TITLE)
    assert update.status == "draft" and update.slug.startswith("update-")

    # "View on site" opens the draft here, as a preview, with the way back to the form.
    page.get_by_role("link", name="サイト上で表示").click()
    page.wait_for_url(re.compile(rf"/ja/updates/{update.slug}/$"))
    assert "プレビュー" in page.locator(".preview-banner").inner_text()
    assert page.locator("h1").inner_text() == TITLE
    visitor = browser.new_context()
    assert visitor.new_page().goto(f"{base}/ja/updates/{update.slug}/").status == 404
    page.get_by_role("link", name="管理画面で編集").click()
    page.wait_for_url(re.compile(rf"/admin/updates/update/{update.pk}/change/$"))

    # Scheduled for tomorrow: still a preview for staff, still hidden from visitors.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.select_option("select[name='status']", "published")
    page.fill("input[name='publish_at_0']", tomorrow.isoformat())
    page.fill("input[name='publish_at_1']", "09:00:00")
    save_and_continue(page)
    update.refresh_from_db()
    assert update.status == "published" and not update.is_public
    page.goto(f"{base}/ja/updates/{update.slug}/")
    assert page.locator(".preview-banner").count() == 1
    # The day shown is the publish day, not the day it was written.
    assert page.locator(".update__meta time").first.get_attribute("datetime") == tomorrow.isoformat()
    assert visitor.new_page().goto(f"{base}/ja/updates/{update.slug}/").status == 404

    # Published now: visitors see it, on the English page with the notice that it is in Japanese.
    page.goto(f"{base}/admin/updates/update/{update.pk}/change/")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.fill("input[name='publish_at_0']", yesterday.isoformat())
    save_and_continue(page)
    reader = visitor.new_page()
    assert reader.goto(f"{base}/en/updates/{update.slug}/").status == 200
    assert reader.locator("h1").inner_text() == TITLE
    assert reader.locator("h1").get_attribute("lang") == "ja"
    assert "Not yet available in English" in reader.locator("main").inner_text()
    assert reader.locator(".preview-banner").count() == 0
    assert reader.get_by_role("link", name="Edit in admin").count() == 0
    visitor.close()
