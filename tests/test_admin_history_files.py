"""Undo never fails: first versions for everything, and document files kept while a version needs them."""

import pytest
import reversion
from django.core.management import call_command
from django.test import Client
from reversion.models import Version
from test_admin_helpers import form_data
from test_documents_factories import pdf_bytes
from test_documents_uploads import form_data as document_form
from test_documents_uploads import stored_files, upload

from documents.files import document_storage
from documents.models import Document
from pages.models import Quality
from updates.models import Audience, Update

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (file deletions) as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


# --- everything has a first version -------------------------------------------------------


def test_everything_the_demo_loads_has_a_first_version(demo):
    for model in reversion.get_registered_models():
        for obj in model._default_manager.all():
            assert Version.objects.get_for_object(obj).exists(), f"{model.__name__} {obj.pk} has no history"


def test_rows_made_by_a_migration_or_a_command_get_a_first_version_at_migrate(db):
    # The default audiences come from a data migration; a quality from the shell, with no revision.
    quality = Quality.objects.create(text_en="From the shell")
    assert not Version.objects.get_for_object(quality).exists()
    call_command("migrate", verbosity=0)
    assert Version.objects.get_for_object(quality).count() == 1
    for audience in Audience.objects.all():
        assert Version.objects.get_for_object(audience).exists()


def test_the_first_edit_of_a_demo_item_can_be_undone_and_nothing_else_moves(admin_client, demo):
    update, other = Update.objects.order_by("pk")[:2]
    original = update.title_en
    for item, title in ((update, "A regrettable edit"), (other, "A wanted edit")):
        url = f"/admin/updates/update/{item.pk}/change/"
        assert admin_client.post(url, form_data(admin_client.get(url), title_en=title)).status_code == 302
    first = Version.objects.get_for_object(update).order_by("pk").first()
    assert first.revision.version_set.count() == 1, "each demo item has a first version of its own"
    revision_url = f"/admin/updates/update/{update.pk}/history/{first.pk}/"
    response = admin_client.post(revision_url, form_data(admin_client.get(revision_url)))
    assert response.status_code == 302
    assert Update.objects.get(pk=update.pk).title_en == original
    assert Update.objects.get(pk=other.pk).title_en == "A wanted edit"


def test_a_deleted_demo_item_can_be_recovered(admin_client, demo):
    quality = Quality.objects.order_by("pk").first()
    assert admin_client.post(f"/admin/pages/quality/{quality.pk}/delete/", {"post": "yes"}).status_code == 302
    version = Version.objects.get_deleted(Quality).get(object_id=str(quality.pk))
    url = f"/admin/pages/quality/recover/{version.pk}/"
    assert admin_client.post(url, form_data(admin_client.get(url))).status_code == 302
    assert Quality.objects.get(pk=quality.pk).text_en == quality.text_en


# --- document files stay while a version refers to them -----------------------------------


def replace_twice(admin_client, on_commit):
    add_url = "/admin/documents/document/add/"
    with on_commit():
        response = admin_client.post(add_url, document_form(file_en=upload("v1.pdf", pdf_bytes("first"))))
    assert response.status_code == 302
    document = Document.objects.get(slug="pa-handbook")
    url = f"/admin/documents/document/{document.pk}/change/"
    for text in ("second", "third"):
        with on_commit():
            response = admin_client.post(
                url, form_data(admin_client.get(url), file_en=upload("v.pdf", pdf_bytes(text)))
            )
        assert response.status_code == 302
    return document


def test_a_document_replaced_twice_is_restored_to_its_first_file(admin_client, client, on_commit):
    document = replace_twice(admin_client, on_commit)
    assert body(client.get("/en/downloads/pa-handbook/")) == pdf_bytes("third")
    assert len(stored_files()) == 3, "every version's file is kept"

    first = Version.objects.get_for_object(document).order_by("pk").first()
    url = f"/admin/documents/document/{document.pk}/history/{first.pk}/"
    with on_commit():
        response = admin_client.post(url, form_data(admin_client.get(url)))
    assert response.status_code == 302
    assert body(client.get("/en/downloads/pa-handbook/")) == pdf_bytes("first")
    assert client.get("/en/downloads/pa-handbook/")["Content-Disposition"].endswith('filename="v1.pdf"')


def test_a_deleted_document_is_recovered_with_its_file(admin_client, client, on_commit):
    document = replace_twice(admin_client, on_commit)
    with on_commit():
        response = admin_client.post(f"/admin/documents/document/{document.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert client.get("/en/downloads/pa-handbook/").status_code == 404
    version = Version.objects.get_deleted(Document).get(object_id=str(document.pk))
    url = f"/admin/documents/document/recover/{version.pk}/"
    with on_commit():
        response = admin_client.post(url, form_data(admin_client.get(url)))
    assert response.status_code == 302
    assert body(client.get("/en/downloads/pa-handbook/")) == pdf_bytes("third")


def test_a_version_whose_file_is_gone_is_refused_in_the_editors_language(admin_client, on_commit, settings):
    document = replace_twice(admin_client, on_commit)
    first = Version.objects.get_for_object(document).order_by("pk").first()
    document_storage().delete(first.field_dict["file_en"].name)
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    url = f"/admin/documents/document/{document.pk}/history/{first.pk}/"
    shown = admin_client.get(url)
    assert shown.status_code == 200
    assert "このバージョンの英語のファイルは保存されていない" in shown.content.decode()
    response = admin_client.post(url, form_data(shown))
    assert response.status_code == 200
    assert "このバージョンの英語のファイルは保存されていない" in response.content.decode()
    document.refresh_from_db()
    assert document_storage().exists(document.file_en.name), "the current file is untouched"


def test_pruning_the_last_version_of_a_file_deletes_it(admin_client, client, on_commit, settings):
    document = replace_twice(admin_client, on_commit)
    current = Document.objects.get(pk=document.pk).file_en.name
    with on_commit():
        call_command("prune_history", keep=1, stdout=open("/dev/null", "w"))
    assert Version.objects.get_for_object(document).count() == 1
    remaining = stored_files()
    assert len(remaining) == 1 and current.endswith(remaining[0])
    assert body(client.get("/en/downloads/pa-handbook/")) == pdf_bytes("third")


def test_each_save_keeps_the_history_to_its_bound(admin_client, on_commit, settings):
    settings.VERSIONS_KEPT = 2
    document = replace_twice(admin_client, on_commit)
    assert Version.objects.get_for_object(document).count() == 2
    assert len(stored_files()) == 2, "the first file went with its last version"


def test_a_document_deleted_without_history_loses_its_file(on_commit):
    from test_documents_factories import make_document

    document = make_document()
    Version.objects.all().delete()
    with on_commit():
        document.delete()
    assert stored_files() == []


def test_two_editors_on_a_document_loaded_by_the_demo(admin_user, demo):
    document = Document.objects.order_by("pk").first()
    url = f"/admin/documents/document/{document.pk}/change/"
    hanako, taro = Client(), Client()
    hanako.force_login(admin_user)
    taro.force_login(admin_user)
    first, second = hanako.get(url), taro.get(url)
    assert hanako.post(url, form_data(first, title_en="Hanako's title")).status_code == 302
    response = taro.post(url, form_data(second, title_en="Taro's title"))
    assert response.status_code == 200
    assert "Someone else saved this item after you opened it" in response.content.decode()
    assert Document.objects.get(pk=document.pk).title_en == "Hanako's title"


def test_a_landing_page_is_restored_with_its_sections(admin_client, demo):
    from pages.models import Page

    page = Page.objects.get(kind=Page.Kind.LANDING)
    url = f"/admin/pages/page/{page.pk}/change/"
    form = admin_client.get(url)
    formset = form.context["inline_admin_formsets"][0].formset
    section = formset.forms[0].instance
    data = form_data(form, **{f"{formset.prefix}-0-heading_en": "A heading someone regrets"})
    assert admin_client.post(url, data).status_code == 302
    first = Version.objects.get_for_object(page).earliest("pk")
    revision_url = f"/admin/pages/page/{page.pk}/history/{first.pk}/"
    response = admin_client.post(revision_url, form_data(admin_client.get(revision_url)))
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.heading_en != "A heading someone regrets"


def test_restoring_a_version_whose_group_was_deleted_since_is_refused_not_a_500(admin_client, on_commit, settings):
    from documents.models import DocumentGroup

    old_group = DocumentGroup.objects.create(name_en="Old forms", name_ja="旧様式")
    new_group = DocumentGroup.objects.create(name_en="Forms", name_ja="様式")
    document = replace_twice(admin_client, on_commit)
    url = f"/admin/documents/document/{document.pk}/change/"
    assert admin_client.post(url, form_data(admin_client.get(url), group=old_group.pk)).status_code == 302
    in_old_group = Version.objects.get_for_object(document).latest("pk")
    assert admin_client.post(url, form_data(admin_client.get(url), group=new_group.pk)).status_code == 302
    assert (
        admin_client.post(f"/admin/documents/documentgroup/{old_group.pk}/delete/", {"post": "yes"}).status_code == 302
    )

    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    revision_url = f"/admin/documents/document/{document.pk}/history/{in_old_group.pk}/"
    shown = admin_client.get(revision_url)
    assert shown.status_code == 200
    response = admin_client.post(revision_url, form_data(shown, group=str(old_group.pk)))
    assert response.status_code == 200
    assert "正しく選択してください" in response.content.decode()
    document.refresh_from_db()
    assert document.group_id == new_group.pk
