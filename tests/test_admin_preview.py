"""Preview from the admin: "View on site" opens the item here, drafts with the preview banner; staff get an edit link."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from test_admin_helpers import PASSWORD, staff_user

from documents.models import Document
from faq.models import Entry, Topic
from faq.testing import set_password, unlock
from jetportal import staff_hint
from jetportal.content import Status
from pages.models import Page
from updates.testing import make_update

pytestmark = pytest.mark.django_db

JA = {"accept-language": "ja"}
BANNER = "Preview: this content is not public yet."


def view_on_site_link(html):
    match = re.search(r'<a href="([^"]*)" class="viewsitelink">([^<]*)</a>', html)
    assert match, "no View on site link"
    return match.group(1), match.group(2)


def test_view_on_site_opens_a_draft_here_as_a_preview_for_japanese_staff(admin_client):
    update = make_update(slug="draft-news", title_ja="下書きのお知らせ", status=Status.DRAFT)
    form = admin_client.get(reverse("admin:updates_update_change", args=[update.pk]), headers=JA)
    href, label = view_on_site_link(form.text)
    # The admin's own address and language: never the sites framework's example.com.
    assert (href, label) == ("/ja/updates/draft-news/", "サイト上で表示")

    preview = admin_client.get(href)
    assert preview.status_code == 200
    assert "プレビュー" in preview.text and '<meta name="robots" content="noindex">' in preview.text
    assert "no-store" in preview["Cache-Control"] or "no-cache" in preview["Cache-Control"]
    edit = reverse("admin:updates_update_change", args=[update.pk])
    assert f'<a href="{edit}">管理画面で編集</a>' in preview.text
    # Nobody else sees the draft.
    assert Client().get(href).status_code == 404


def test_the_edit_link_is_for_staff_only_even_on_a_cached_page(client, admin_client):
    update = make_update(slug="live-news")
    edit = reverse("admin:updates_update_change", args=[update.pk])
    # A visitor first: the page is cached without the link.
    first = client.get("/en/updates/live-news/")
    assert first.status_code == 200 and edit not in first.text and BANNER not in first.text
    # Staff get the same (cached) page, with their own link.
    staff_view = admin_client.get("/en/updates/live-news/")
    assert f'<a href="{edit}">Edit in admin</a>' in staff_view.text
    assert BANNER not in staff_view.text
    # And the next visitor still does not.
    assert edit not in Client().get("/en/updates/live-news/").text


def test_staff_without_the_right_to_edit_get_no_link(client):
    update = make_update(slug="qa-only")
    client.force_login(staff_user("qa"))
    assert reverse("admin:updates_update_change", args=[update.pk]) not in client.get("/en/updates/qa-only/").text


def _lose_staff(user):
    user.is_staff = False
    user.save()


def _leave_the_role(user):
    user.groups.clear()


def _role_loses_the_right(user):
    user.groups.get().permissions.remove(Permission.objects.get(codename="change_update"))


def _role_deleted(user):
    user.groups.get().delete()


def _permission_deleted(user):
    Permission.objects.get(codename="change_update").delete()


@pytest.mark.parametrize(
    "lose_rights", [_lose_staff, _leave_the_role, _role_loses_the_right, _role_deleted, _permission_deleted]
)
def test_staff_who_lose_the_right_to_edit_lose_the_link_at_once(client, lose_rights):
    update = make_update(slug="rights-news")
    link = f'<a href="{reverse("admin:updates_update_change", args=[update.pk])}">Edit in admin</a>'
    editor = staff_user("editor")
    client.force_login(editor)
    assert link in client.get("/en/updates/rights-news/").text
    lose_rights(editor)
    # Not after the staff memo's seconds: the next page in this very process.
    assert link not in client.get("/en/updates/rights-news/").text


def test_a_content_save_keeps_what_is_known_of_staff(client):
    update = make_update(slug="memo-news")
    link = f'<a href="{reverse("admin:updates_update_change", args=[update.pk])}">Edit in admin</a>'
    client.force_login(staff_user("editor"))
    assert link in client.get("/en/updates/memo-news/").text
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert session_key in staff_hint.staff_memo.entries
    update.title_en = "Saved a moment ago"
    update.save()
    # The pages are retired, but who is staff has not changed with them.
    assert session_key in staff_hint.staff_memo.entries
    shown = client.get("/en/updates/memo-news/").text
    assert "Saved a moment ago" in shown and link in shown


def test_someone_signing_in_keeps_what_is_known_of_staff(client):
    make_update(slug="sign-in-news")
    colleague = staff_user("editor", username="colleague")
    client.force_login(staff_user("editor"))
    client.get("/en/updates/sign-in-news/")
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert session_key in staff_hint.staff_memo.entries
    Client().post(reverse("admin:login"), {"username": "colleague", "password": PASSWORD})
    colleague.refresh_from_db()
    assert colleague.last_login is not None  # signed in: Django saved the time, and nothing else
    assert session_key in staff_hint.staff_memo.entries
    colleague.is_staff = False
    colleague.save()
    assert session_key not in staff_hint.staff_memo.entries


def test_a_draft_page_opens_as_a_preview_with_its_edit_link(admin_client):
    home = Page.objects.create(kind=Page.Kind.HOME, slug="home", title_en="Home", status=Status.PUBLISHED)
    page = Page.objects.create(parent=home, slug="plans", title_ja="計画", status=Status.DRAFT)
    form = admin_client.get(reverse("admin:pages_page_change", args=[page.pk]), headers=JA)
    href, _label = view_on_site_link(form.text)
    assert href == "/ja/plans/"
    shown = admin_client.get(href)
    assert shown.status_code == 200 and "プレビュー" in shown.text
    assert reverse("admin:pages_page_change", args=[page.pk]) in shown.text


def test_view_on_site_of_a_draft_document_downloads_it_for_staff(admin_client, tmp_path):
    document = Document.objects.create(title_en="Forms", slug="forms", status=Status.DRAFT)
    form = admin_client.get(reverse("admin:documents_document_change", args=[document.pk]), headers=JA)
    href, _label = view_on_site_link(form.text)
    assert href == "/ja/downloads/forms/"


def test_view_on_site_of_a_q_and_a_entry_previews_the_draft_for_q_and_a_staff(client):
    topic = Topic.objects.create(name_en="Money", slug="money")
    entry = Entry.objects.create(topic=topic, question_ja="下書きの質問ですか。", answer_ja="<p>はい。</p>")
    set_password()
    manager = staff_user("qa")
    client.force_login(manager)
    form = client.get(reverse("admin:faq_entry_change", args=[entry.pk]), headers=JA)
    href, _label = view_on_site_link(form.text)
    assert href == f"/ja/faq/bilingual/#q-{entry.pk}"
    unlock(client, lang="ja")
    shown = client.get("/ja/faq/bilingual/")
    assert "下書きの質問ですか。" in shown.text and "下書き</span>" in shown.text and "プレビュー" in shown.text
    assert f'<a href="{reverse("admin:faq_entry_change", args=[entry.pk])}">管理画面で編集</a>' in shown.text

    reader = Client()
    unlock(reader, lang="ja")
    read = reader.get("/ja/faq/bilingual/").text
    assert "下書きの質問ですか。" not in read and "管理画面で編集" not in read
