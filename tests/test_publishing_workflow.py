"""Q&A entries are drafted, scheduled and published like updates; a shown date follows the publish time."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from test_admin_helpers import form_data

from faq.models import Entry, Topic
from faq.testing import set_password, unlock
from jetportal import clock
from jetportal.content import Status
from updates.models import Update
from updates.testing import NOW, TOKYO, admin_form, make_update

JA = {"accept-language": "ja"}


@pytest.fixture
def frozen_now(monkeypatch):
    moment = {"now": NOW}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    return moment


def entry_data(topic, **overrides):
    data = {
        "topic": topic.pk,
        "question_en": "",
        "question_ja": "任用の更新はいつ決まりますか。",
        "answer_en": "",
        "answer_ja": "<p>毎年二月までに決まります。</p>",
        "order": "10",
        "status": Status.DRAFT,
        "publish_at_0": "2026-11-25",
        "publish_at_1": "09:00:00",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_q_and_a_entry_goes_from_draft_to_scheduled_to_published(admin_client, client, frozen_now):
    topic = Topic.objects.create(name_en="Contracts", name_ja="契約", slug="contracts")
    set_password()
    unlock(client, lang="ja")

    # A draft, written by Japanese staff: readers of the Q&A do not see it.
    response = admin_client.post(reverse("admin:faq_entry_add"), entry_data(topic), headers=JA)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = Entry.objects.get()
    assert entry.status == Status.DRAFT
    assert "任用の更新" not in client.get("/ja/faq/japanese/").text

    # Scheduled for the next morning: still hidden, and the admin's filter says so.
    change = reverse("admin:faq_entry_change", args=[entry.pk])
    form = admin_client.get(change, headers=JA)
    data = form_data(form, status=Status.PUBLISHED, publish_at_0="2026-11-26", publish_at_1="09:00:00")
    assert admin_client.post(change, data, headers=JA).status_code == 302
    assert "任用の更新" not in client.get("/ja/faq/japanese/").text
    scheduled = admin_client.get(reverse("admin:faq_entry_changelist") + "?state=scheduled", headers=JA)
    assert "任用の更新はいつ決まりますか。" in scheduled.text and "予約" in scheduled.text
    assert (
        "任用の更新はいつ決まりますか。"
        not in admin_client.get(reverse("admin:faq_entry_changelist") + "?state=live").text
    )

    # Its time comes: it appears in every version and in the Q&A's search, with no one touching it.
    frozen_now["now"] = datetime.datetime(2026, 11, 26, 9, 0, 1, tzinfo=TOKYO)
    unlock(client, lang="ja")  # the first unlock has ended overnight
    assert "任用の更新はいつ決まりますか。" in client.get("/ja/faq/japanese/").text
    assert "任用の更新はいつ決まりますか。" in client.get("/en/faq/english/").text
    found = client.get("/ja/faq/bilingual/", {"q": "任用の更新"})
    assert "任用の更新はいつ決まりますか。" in found.text


@pytest.mark.django_db
def test_the_demo_loader_publishes_its_entries(demo):
    assert Entry.objects.exists()
    assert Entry.objects.published().count() == Entry.objects.count()


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_published_entries_published():
    executor = MigrationExecutor(connection)
    apps = executor.migrate([("faq", "0003_slug_from_either_title")]).apps
    OldTopic, OldEntry = apps.get_model("faq", "Topic"), apps.get_model("faq", "Entry")
    topic = OldTopic.objects.create(name_en="Money", slug="money")
    OldEntry.objects.create(topic=topic, question_en="Live?", answer_en="<p>Yes</p>", published=True)
    OldEntry.objects.create(topic=topic, question_en="Hidden?", answer_en="<p>No</p>", published=False)
    # A version saved in the history before the change, as django-reversion stores it.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision, Version = apps.get_model("reversion", "Revision"), apps.get_model("reversion", "Version")
    live = OldEntry.objects.get(question_en="Live?")
    fields = {"topic": topic.pk, "question_en": "Live?", "published": True, "updated_at": "2026-01-05T00:00:00Z"}
    Version.objects.create(
        revision=Revision.objects.create(date_created=live.updated_at, comment=""),
        content_type=ContentType.objects.get(app_label="faq", model="entry"),
        object_id=str(live.pk),
        db="default",
        format="json",
        serialized_data=json.dumps([{"model": "faq.entry", "pk": live.pk, "fields": fields}]),
        object_repr="Live?",
    )

    call_command("migrate", "faq", verbosity=0)
    assert list(Entry.objects.published().values_list("question_en", flat=True)) == ["Live?"]
    assert Entry.objects.get(question_en="Hidden?").status == Status.DRAFT
    from reversion.models import Version as StoredVersion

    restored = StoredVersion.objects.get_for_object(Entry.objects.get(question_en="Live?")).first().field_dict
    assert restored["status"] == Status.PUBLISHED and "published" not in restored


@pytest.mark.django_db
def test_a_scheduled_update_shows_its_publish_day_not_the_day_it_was_written(admin_client, client, frozen_now):
    data = admin_form(
        title_en="Orientation dates",
        summary_en="The dates of the autumn orientation.",
        # Written on 25 November, scheduled for 3 December.
        publish_at_0="2026-12-03",
        publish_at_1="10:00:00",
    )
    assert admin_client.post(reverse("admin:updates_update_add"), data).status_code == 302
    update = Update.objects.get()
    assert update.date == datetime.date(2026, 12, 3)

    frozen_now["now"] = datetime.datetime(2026, 12, 3, 10, 0, 1, tzinfo=TOKYO)
    page = client.get("/en/updates/orientation-dates/")
    assert '<time datetime="2026-12-03">3 December 2026</time>' in page.text
    assert "25 November 2026" not in page.text

    # Moving the publish time moves the date shown; a date staff chose stays.
    update.publish_at = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=TOKYO)
    update.save()
    assert Update.objects.get().date == datetime.date(2026, 12, 1)
    update.date_shown = datetime.date(2026, 10, 1)
    update.save()
    assert '<time datetime="2026-10-01">' in client.get("/en/updates/orientation-dates/").text


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["updates/update", "documents/document", "pages/page", "faq/entry"])
def test_every_publishable_list_filters_by_state_in_japanese(admin_client, model):
    response = admin_client.get(f"/admin/{model}/?state=scheduled", headers=JA)
    assert response.status_code == 200
    assert "公開状況" in response.text and "公開予約" in response.text


@pytest.mark.django_db
def test_the_state_filter_finds_drafts_and_live_documents(admin_client):
    from documents.models import Document

    Document.objects.create(title_en="Draft form", slug="draft-form", status=Status.DRAFT)
    Document.objects.create(title_en="Live form", slug="live-form", status=Status.PUBLISHED)
    drafts = admin_client.get("/admin/documents/document/?state=draft").text
    live = admin_client.get("/admin/documents/document/?state=live").text
    assert "Draft form" in drafts and "Live form" not in drafts
    assert "Live form" in live and "Draft form" not in live


@pytest.mark.django_db(transaction=True)
def test_an_old_version_of_an_update_keeps_the_date_it_showed():
    executor = MigrationExecutor(connection)
    apps = executor.migrate([("updates", "0006_store_image_sizes")]).apps
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision, Version = apps.get_model("reversion", "Revision"), apps.get_model("reversion", "Version")
    update = make_update(slug="dated", date=datetime.date(2026, 3, 1))
    stored = {"slug": "dated", "date": "2026-03-01", "publish_at": "2026-10-26T03:00:00Z", "title_en": "Dated"}
    Version.objects.create(
        revision=Revision.objects.create(date_created=update.publish_at, comment=""),
        content_type=ContentType.objects.get(app_label="updates", model="update"),
        object_id=str(update.pk),
        db="default",
        format="json",
        serialized_data=json.dumps([{"model": "updates.update", "pk": update.pk, "fields": stored}]),
        object_repr="Dated",
    )
    call_command("migrate", "updates", verbosity=0)
    from reversion.models import Version as StoredVersion

    fields = StoredVersion.objects.get_for_object(update).first().field_dict
    assert fields["date_shown"] == datetime.date(2026, 3, 1)
