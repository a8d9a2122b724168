"""Nothing in use is deleted silently: the admin refuses, and lists what uses the item, in the staff's language."""

import pytest

from documents.models import Document, DocumentGroup
from faq.models import Entry, Topic
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
