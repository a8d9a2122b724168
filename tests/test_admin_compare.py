"""Compare versions: History shows what changed between a version and the current one, per field and language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version
from test_admin_helpers import form_data

from updates.models import Update

pytestmark = pytest.mark.django_db


def edit(client, obj, **changes):
    url = f"/admin/updates/update/{obj.pk}/change/"
    response = client.post(url, form_data(client.get(url), **changes))
    assert response.status_code == 302
    return Version.objects.get_for_object(obj).latest("pk")


@pytest.fixture
def japanese(admin_client, settings):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    return admin_client


def rows(response):
    return {str(row.label): (row.old, row.new) for row in response.context["rows"]}


def test_a_version_against_the_current_one_field_by_field_and_language_by_language(japanese, demo):
    update = Update.objects.order_by("pk").first()
    first = Version.objects.get_for_object(update).earliest("pk")
    edit(japanese, update, title_ja="新しいタイトル", summary_en="A new summary.")
    history = japanese.get(f"/admin/updates/update/{update.pk}/history/").content.decode()
    compare_url = f"/admin/updates/update/{update.pk}/history/{first.pk}/compare/"
    assert f'href="{compare_url}"' in history
    assert "タイトル（日本語）、概要（英語）" in history

    response = japanese.get(compare_url)
    assert response.status_code == 200
    changed = rows(response)
    assert changed == {
        "タイトル（日本語）": (update.title_ja, "新しいタイトル"),
        "概要（英語）": (update.summary_en, "A new summary."),
    }
    html = response.content.decode()
    assert "現在のバージョン" in html
    assert f'href="/admin/updates/update/{update.pk}/history/{first.pk}/"' in html, "a link to restore it"


def test_two_versions_against_each_other(admin_client, demo):
    update = Update.objects.order_by("pk").first()
    one = edit(admin_client, update, title_en="One")
    two = edit(admin_client, update, title_en="Two", pinned="on")
    edit(admin_client, update, title_en="Three")
    response = admin_client.get(f"/admin/updates/update/{update.pk}/history/{two.pk}/compare/?with={one.pk}")
    assert response.status_code == 200
    changed = rows(response)
    assert changed["Title (English)"] == ("One", "Two")
    assert changed["Pinned"] == ("No", "Yes")
    assert "Summary (English)" not in changed


def test_long_texts_mark_the_changed_words(admin_client, demo):
    update = Update.objects.order_by("pk").first()
    before = "The application period opens on 1 April and closes on 30 April for all contracting organisations."
    edit(admin_client, update, summary_en=before)
    version = Version.objects.get_for_object(update).latest("pk")
    edit(admin_client, update, summary_en=before.replace("30 April", "15 May"))
    html = admin_client.get(f"/admin/updates/update/{update.pk}/history/{version.pk}/compare/").content.decode()
    assert "<del>30 April</del>" in html and "<ins>15 May</ins>" in html


def test_a_change_of_audiences_is_shown_by_name(admin_client, demo):
    update = Update.objects.order_by("pk").first()
    version = Version.objects.get_for_object(update).latest("pk")
    update.audiences.clear()
    response = admin_client.get(f"/admin/updates/update/{update.pk}/history/{version.pk}/compare/")
    old, new = rows(response)["Audiences"]
    assert old and new == ""


def test_comparing_needs_a_staff_member(client, demo):
    update = Update.objects.order_by("pk").first()
    version = Version.objects.get_for_object(update).latest("pk")
    response = client.get(f"/admin/updates/update/{update.pk}/history/{version.pk}/compare/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_version_of_another_item_is_not_found(admin_client, demo):
    first, second = Update.objects.order_by("pk")[:2]
    version = Version.objects.get_for_object(second).latest("pk")
    # The admin's 404 (the site's locale middleware may turn it into a redirect): never the other item's data.
    response = admin_client.get(f"/admin/updates/update/{first.pk}/history/{version.pk}/compare/")
    assert response.status_code in (302, 404)


def test_a_landing_pages_sections_are_compared_too(japanese, demo):
    from pages.models import Page

    page = Page.objects.get(kind=Page.Kind.LANDING)
    first = Version.objects.get_for_object(page).earliest("pk")
    url = f"/admin/pages/page/{page.pk}/change/"
    form = japanese.get(url)
    formset = form.context["inline_admin_formsets"][0].formset
    section = formset.forms[0].instance
    data = form_data(form, **{f"{formset.prefix}-0-heading_ja": "新しい見出し"})
    assert japanese.post(url, data).status_code == 302
    response = japanese.get(f"/admin/pages/page/{page.pk}/history/{first.pk}/compare/")
    changed = rows(response)
    key = next(label for label in changed if label.endswith("見出し（日本語）"))
    assert changed[key] == (section.heading_ja, "新しい見出し")
    assert section.heading_en in key or section.heading_ja in key


def test_a_change_of_group_is_shown_by_name(admin_client, demo):
    from documents.models import Document, DocumentGroup

    document = Document.objects.exclude(group=None).order_by("pk").first()
    version = Version.objects.get_for_object(document).latest("pk")
    other = DocumentGroup.objects.exclude(pk=document.group_id).first()
    Document.objects.filter(pk=document.pk).update(group=other)
    response = admin_client.get(f"/admin/documents/document/{document.pk}/history/{version.pk}/compare/")
    assert rows(response)["Group"] == (document.group.name_en, other.name_en)


def test_the_history_page_reads_the_versions_once_however_many_there_are(admin_client, demo):
    update = Update.objects.order_by("pk").first()
    url = f"/admin/updates/update/{update.pk}/history/"
    admin_client.get(url)  # the session and the admin's first-request work, out of the count

    def history():
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url)
        assert response.status_code == 200
        reads = [query for query in queries.captured_queries if '"reversion_version"' in query["sql"]]
        return response, len(queries), len(reads)

    _response, first_count, reads = history()
    assert reads == 1
    edit(admin_client, update, title_en="One")
    edit(admin_client, update, title_en="Two")
    response, count, reads = history()
    assert reads == 1
    assert count == first_count
    assert len(response.context["action_list"]) == 3


def test_history_needs_a_right_to_the_model_even_for_an_item_that_does_not_exist(client, demo, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", is_staff=True))
    update = Update.objects.order_by("pk").first()
    assert client.get(f"/admin/updates/update/{update.pk}/history/").status_code == 403
    assert client.get("/admin/updates/update/999999/history/").status_code == 403
