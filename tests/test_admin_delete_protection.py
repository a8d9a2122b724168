"""Nothing in use is deleted silently: the admin refuses, and lists what uses the item, in the staff's language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Document, DocumentGroup
from faq.models import Entry, Topic
from jetportal.protect import many_to_many_users
from pages.models import Page
from updates.models import Audience, Update

pytestmark = pytest.mark.django_db

REFUSED = {
    "en": "would require deleting the following protected related objects",
    "ja": "保護された関連オブジェクト",
}


def in_use():
    """One item of each kind that something uses, from the demo content, with one of its users."""
    audience = Audience.objects.get(slug="service-providers")
    update = Update.objects.filter(audiences=audience).first()
    if update is None:
        update = Update.objects.order_by("pk").first()
        update.audiences.add(audience)
    document = Document.objects.exclude(group=None).exclude(category=None).order_by("pk").first()
    entry = Entry.objects.order_by("pk").first()
    return [
        (audience, update),
        (document.group, document),
        (entry.topic, entry),
        (document.category, document),
    ]


def url(obj, view):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/{view}/"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_deleting_something_in_use_is_refused_with_what_uses_it(admin_client, demo, settings, lang):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    for item, user in in_use():
        page = admin_client.get(url(item, "delete"))
        assert page.status_code == 200
        html = page.content.decode()
        assert REFUSED[lang] in html, type(item).__name__
        assert f'href="{url(user, "change")}"' in html, "the user is listed with a link to it"
        assert 'name="post"' not in html, "no confirmation button"

        response = admin_client.post(url(item, "delete"), {"post": "yes"})
        assert response.status_code == 200
        assert type(item).objects.filter(pk=item.pk).exists(), f"{type(item).__name__} was deleted"


def test_the_bulk_delete_action_is_refused_too(admin_client, demo, settings):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    for item, _user in in_use():
        changelist = f"/admin/{item._meta.app_label}/{item._meta.model_name}/"
        data = {"action": "delete_selected", "_selected_action": [item.pk]}
        response = admin_client.post(changelist, data)
        assert response.status_code == 200
        assert REFUSED["ja"] in response.content.decode()
        response = admin_client.post(changelist, {**data, "post": "yes"})
        assert type(item).objects.filter(pk=item.pk).exists()


def test_an_audience_nobody_uses_can_be_deleted(admin_client, demo):
    audience = Audience.objects.create(slug="nobody", name_en="Nobody", name_ja="誰も")
    assert admin_client.post(url(audience, "delete"), {"post": "yes"}).status_code == 302
    assert not Audience.objects.filter(pk=audience.pk).exists()


def test_an_empty_group_and_topic_can_be_deleted(admin_client, demo):
    group = DocumentGroup.objects.create(name_en="Empty", name_ja="空")
    topic = Topic.objects.create(slug="empty", name_en="Empty", name_ja="空")
    for item in (group, topic):
        assert admin_client.post(url(item, "delete"), {"post": "yes"}).status_code == 302
        assert not type(item).objects.filter(pk=item.pk).exists()


def test_the_database_refuses_too(demo):
    from django.db.models import ProtectedError

    document = Document.objects.exclude(group=None).order_by("pk").first()
    with pytest.raises(ProtectedError):
        document.group.delete()
    with pytest.raises(ProtectedError):
        Page.objects.get(pk=document.category_id).delete()


def three_audiences_each_used_by_one_update():
    audiences = [Audience.objects.create(slug=f"a{n}", name_en=f"A{n}", name_ja=f"A{n}") for n in range(3)]
    updates = list(Update.objects.order_by("pk")[:3])
    for audience, update in zip(audiences, updates, strict=True):
        update.audiences.add(audience)
    return audiences, updates


def test_listing_the_users_of_a_selection_costs_the_same_queries_for_one_item_or_many(demo):
    audiences, updates = three_audiences_each_used_by_one_update()
    updates[0].audiences.add(audiences[1])  # linked to two of the selection, listed once

    def users(selection):
        with CaptureQueriesContext(connection) as queries:
            found = list(many_to_many_users(Audience, selection))
        return found, len(queries)

    one, one_count = users(Audience.objects.filter(pk=audiences[0].pk))
    many, many_count = users(Audience.objects.filter(pk__in=[a.pk for a in audiences]))
    as_list, list_count = users(audiences)
    assert one == [updates[0]]
    assert sorted(many, key=lambda u: u.pk) == sorted(as_list, key=lambda u: u.pk) == updates
    assert one_count == many_count == list_count == 1, "one query for the one many-to-many relation"


def test_the_bulk_delete_page_costs_the_same_queries_for_one_audience_or_many(admin_client, demo):
    audiences, updates = three_audiences_each_used_by_one_update()

    def delete_page(selection):
        data = {"action": "delete_selected", "_selected_action": [a.pk for a in selection]}
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.post("/admin/updates/audience/", data)
        assert response.status_code == 200
        return response.content.decode(), len(queries)

    admin_client.get("/admin/")  # the session and the admin's first-request work, out of the count
    one, one_count = delete_page(audiences[:1])
    many, many_count = delete_page(audiences)
    assert one_count == many_count
    assert f'href="{url(updates[0], "change")}"' in one
    assert f'href="{url(updates[1], "change")}"' not in one
    assert all(f'href="{url(update, "change")}"' in many for update in updates)
