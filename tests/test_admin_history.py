"""History and undo: every admin save keeps a revision; staff restore old versions and deleted items."""

import pytest
from django.utils.html import escape
from reversion.models import Version
from test_admin_helpers import form_data

from pages.models import Page, Quality


@pytest.fixture
def editor_client(client, demo, admin_user):
    client.force_login(admin_user)
    return client


def change_url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def edit(client, obj, **changes):
    response = client.get(change_url(obj))
    assert response.status_code == 200
    response = client.post(change_url(obj), form_data(response, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_restoring_a_revision_brings_the_old_text_back_on_the_public_page(editor_client, lang):
    quality = Quality.objects.order_by("order").first()
    old_text = getattr(quality, f"text_{lang}")
    assert escape(old_text) in editor_client.get(f"/{lang}/organisations/").text

    edit(editor_client, quality, **{f"text_{lang}": "A first version worth keeping"})
    edit(editor_client, quality, **{f"text_{lang}": "An edit someone regrets"})
    assert "An edit someone regrets" in editor_client.get(f"/{lang}/organisations/").text

    history = editor_client.get(f"/admin/pages/quality/{quality.pk}/history/")
    assert history.status_code == 200
    versions = list(Version.objects.get_for_object(quality).order_by("pk"))
    assert len(versions) == 3, "the demo's first version, then the two edits"
    assert versions[0].revision.user is None and versions[1].revision.user is not None

    # The revision view shows the old version's form; saving it restores that version.
    revision_url = f"/admin/pages/quality/{quality.pk}/history/{versions[1].pk}/"
    response = editor_client.get(revision_url)
    assert response.status_code == 200
    assert "A first version worth keeping" in response.text
    assert getattr(Quality.objects.get(pk=quality.pk), f"text_{lang}") == "An edit someone regrets"
    response = editor_client.post(revision_url, form_data(response))
    assert response.status_code == 302

    page = editor_client.get(f"/{lang}/organisations/").text
    assert "A first version worth keeping" in page
    assert "An edit someone regrets" not in page
    other = "ja" if lang == "en" else "en"
    assert getattr(Quality.objects.get(pk=quality.pk), f"text_{other}") == getattr(quality, f"text_{other}")


def test_restoring_with_the_admin_in_japanese_restores_both_languages(editor_client, settings):
    quality = Quality.objects.order_by("order").first()
    edit(editor_client, quality, text_en="English one", text_ja="日本語その一")
    edit(editor_client, quality, text_en="English two", text_ja="")
    first = Version.objects.get_for_object(quality).order_by("pk")[1]  # [0] is the demo's
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    revision_url = f"/admin/pages/quality/{quality.pk}/history/{first.pk}/"
    response = editor_client.get(revision_url)
    assert response.status_code == 200
    assert editor_client.post(revision_url, form_data(response)).status_code == 302
    restored = Quality.objects.get(pk=quality.pk)
    assert (restored.text_en, restored.text_ja) == ("English one", "日本語その一")


def test_viewing_an_old_version_changes_nothing(editor_client):
    quality = Quality.objects.order_by("order").first()
    edit(editor_client, quality, text_en="Version one")
    edit(editor_client, quality, text_en="Version two")
    first = Version.objects.get_for_object(quality).order_by("pk")[1]  # [0] is the demo's
    response = editor_client.get(f"/admin/pages/quality/{quality.pk}/history/{first.pk}/")
    assert "Version one" in response.text
    assert Quality.objects.get(pk=quality.pk).text_en == "Version two"


def test_a_deleted_item_can_be_recovered(editor_client):
    quality = Quality.objects.order_by("order").first()
    edit(editor_client, quality, text_en="Kept in history")
    response = editor_client.post(f"/admin/pages/quality/{quality.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Quality.objects.filter(pk=quality.pk).exists()
    assert "Kept in history" not in editor_client.get("/en/organisations/").text

    recover_list = editor_client.get("/admin/pages/quality/recover/")
    assert "Kept in history" in recover_list.text
    version = Version.objects.get_deleted(Quality).get(object_id=str(quality.pk))
    response = editor_client.get(f"/admin/pages/quality/recover/{version.pk}/")
    assert response.status_code == 200
    response = editor_client.post(f"/admin/pages/quality/recover/{version.pk}/", form_data(response))
    assert response.status_code == 302
    assert Quality.objects.get(pk=quality.pk).text_en == "Kept in history"
    assert "Kept in history" in editor_client.get("/en/organisations/").text


def test_a_landing_page_revision_keeps_its_sections(editor_client):
    page = Page.objects.get(kind=Page.Kind.LANDING)
    response = editor_client.get(change_url(page))
    assert response.status_code == 200
    # The sections are edited inline, so they are saved, and restored, with the page.
    prefix = response.context["inline_admin_formsets"][0].formset.prefix
    overview = next(
        i
        for i, form in enumerate(response.context["inline_admin_formsets"][0].formset.forms)
        if form.instance.kind == "overview"
    )
    data = form_data(response, **{f"{prefix}-{overview}-intro_en": "<p>Overview, first wording.</p>"})
    assert editor_client.post(change_url(page), data).status_code == 302
    version = Version.objects.get_for_object(page).latest("pk")
    kinds = {v.field_dict.get("kind") for v in version.revision.version_set.all() if v.content_type.model == "section"}
    assert "overview" in kinds
