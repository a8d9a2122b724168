"""Ordering without typing numbers: move buttons in the admin change the public order."""

import re

import pytest
from django.test import Client

from pages.models import Page, Quality

pytestmark = pytest.mark.django_db


def public_qualities(client, lang="en"):
    html = client.get(f"/{lang}/organisations/").text
    items = re.search(r'<ul class="qualities">(.*?)</ul>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", items, re.S)]


def move_url(obj, direction):
    return f"/admin/pages/{obj._meta.model_name}/{obj.pk}/move/{direction}/"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_moving_a_quality_up_changes_the_public_order(admin_client, demo, lang):
    visitor = Client()  # no session: served from the public page cache
    before = public_qualities(visitor, lang)
    second = list(Quality.objects.all())[1]
    response = admin_client.post(move_url(second, "up"))
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/quality/"
    after = public_qualities(visitor, lang)
    assert after == [before[1], before[0], *before[2:]]


def test_moving_down_and_the_ends(admin_client, demo):
    qualities = list(Quality.objects.all())
    admin_client.post(move_url(qualities[0], "down"))
    assert list(Quality.objects.all())[:2] == [qualities[1], qualities[0]]
    # The last one cannot go further down; nothing changes and staff are told why.
    response = admin_client.post(move_url(qualities[-1], "down"), follow=True)
    assert "already last" in response.text
    assert list(Quality.objects.all())[-1] == qualities[-1]


def test_the_list_shows_move_buttons_that_post_with_the_csrf_token(admin_client, demo):
    response = admin_client.get("/admin/pages/quality/?q=")
    quality = Quality.objects.first()
    assert f'formaction="{move_url(quality, "up")}?q="' in response.text
    assert 'form="changelist-form"' in response.text
    assert "csrfmiddlewaretoken" in response.text
    # Staff no longer type order numbers in the list.
    assert 'name="form-0-order"' not in response.text


def test_the_filters_are_kept_after_a_move(admin_client, demo):
    quality = list(Quality.objects.all())[1]
    response = admin_client.post(move_url(quality, "up") + "?q=a")
    assert response["Location"] == "/admin/pages/quality/?q=a"


def test_moves_are_post_only_and_csrf_protected(admin_user, demo):
    quality = list(Quality.objects.all())[1]
    order = list(Quality.objects.all())
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert client.get(move_url(quality, "up")).status_code == 405
    assert client.post(move_url(quality, "up")).status_code == 403
    assert list(Quality.objects.all()) == order
    assert client.post(move_url(quality, "sideways")).status_code in (403, 404)


def test_pages_move_among_their_siblings_only(admin_client, demo):
    landing = Page.objects.get(kind=Page.Kind.LANDING)
    children = list(Page.objects.filter(parent=landing).order_by("order", "pk"))
    assert len(children) >= 2
    home = Page.objects.get(kind=Page.Kind.HOME)
    home_order = home.order
    admin_client.post(move_url(children[1], "up"))
    assert list(Page.objects.filter(parent=landing).order_by("order", "pk"))[:2] == [children[1], children[0]]
    home.refresh_from_db()
    assert home.order == home_order


def test_an_editor_without_change_permission_cannot_move(client, demo):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_quality"))
    client.force_login(user)
    quality = list(Quality.objects.all())[1]
    assert client.post(move_url(quality, "up")).status_code == 403
    assert "move-up" not in client.get("/admin/pages/quality/").text


def test_documents_move_among_their_category_and_group(admin_client, demo):
    from documents.models import Document

    forms_group = Document.objects.filter(group__name_en="Forms").order_by("order", "pk")
    first, second = list(forms_group)[:2]
    response = admin_client.post(f"/admin/documents/document/{second.pk}/move/up/")
    assert response.status_code == 302
    assert list(forms_group.all())[:2] == [second, first]
