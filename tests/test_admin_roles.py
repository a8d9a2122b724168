"""Roles: each staff group holds exactly what its work needs, and the admin enforces it."""

import pytest
from django.contrib import admin
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from test_admin_helpers import form_data, staff_user

from jetportal.roles import ROLES
from pages.models import Quality

pytestmark = pytest.mark.django_db


def labels(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("content_type__app_label", flat=True))


def test_roles_exist_after_migrate_with_their_apps_permissions():
    assert labels("Editors") <= {"pages", "updates", "documents", "statistics"}
    assert {"pages", "updates"} <= labels("Editors")
    assert labels("Q&A managers") <= {"faq"}
    every = Permission.objects.count()
    assert Group.objects.get(name="Site administrators").permissions.count() == every


def test_editors_get_every_permission_of_their_apps_and_nothing_else():
    editors = Group.objects.get(name="Editors")
    expected = set(Permission.objects.filter(content_type__app_label__in=ROLES["editor"].app_labels))
    assert set(editors.permissions.all()) == expected
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"change_page", "change_section", "change_quality", "delete_video"} <= codenames
    assert not {"change_user", "add_user", "change_group"} & codenames


def test_setup_roles_is_idempotent_and_repairs_a_changed_group():
    editors = Group.objects.get(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="change_user"))
    editors.permissions.remove(Permission.objects.get(codename="change_page"))
    call_command("setup_roles", stdout=open("/dev/null", "w"))
    call_command("setup_roles", stdout=open("/dev/null", "w"))
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert "change_page" in codenames
    assert "change_user" not in codenames
    assert Group.objects.filter(name="Editors").count() == 1


@pytest.fixture
def editor(client):
    user = staff_user("editor")
    client.force_login(user)
    return user


@pytest.mark.parametrize("url", ["/admin/auth/user/", "/admin/auth/user/add/", "/admin/auth/group/"])
def test_an_editor_cannot_reach_users_or_groups(client, editor, url):
    assert client.get(url).status_code == 403


def test_an_editor_cannot_reach_the_qa(client, editor):
    faq_models = [model for model in admin.site._registry if model._meta.app_label == "faq"]
    for model in faq_models:
        opts = model._meta
        # (A one-object admin may first redirect to its only item's form: that is refused too.)
        assert client.get(f"/admin/faq/{opts.model_name}/", follow=True).status_code == 403
        assert client.get(f"/admin/faq/{opts.model_name}/add/", follow=True).status_code == 403
    if faq_models:
        # The app's index is not offered either.
        assert client.get("/admin/faq/", follow=True).status_code == 404
    assert not any(user_has.startswith("faq.") for user_has in editor.get_all_permissions())


def test_a_qa_manager_cannot_edit_pages(client):
    client.force_login(staff_user("qa"))
    assert client.get("/admin/pages/page/").status_code == 403
    assert client.get("/admin/auth/user/").status_code == 403


def test_a_site_administrator_manages_users(client):
    client.force_login(staff_user("admin"))
    assert client.get("/admin/auth/user/").status_code == 200


def test_an_editor_edits_pages(client, editor, demo):
    quality = Quality.objects.order_by("order").first()
    url = f"/admin/pages/quality/{quality.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200
    response = client.post(url, form_data(response, text_en="Curious about the town they live in"))
    assert response.status_code == 302
    assert "Curious about the town they live in" in client.get("/en/organisations/").text
    assert client.get("/admin/pages/page/").status_code == 200


def test_create_staff_user_prints_a_working_password_once(capsys):
    call_command("create_staff_user", "hanako", "--role", "editor")
    output = capsys.readouterr().out
    password = output.split("password: ")[1].split()[0]
    user = get_user_model().objects.get(username="hanako")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert authenticate(username="hanako", password=password) == user
    assert password not in user.password


@pytest.mark.parametrize(("role", "group"), [("qa", "Q&A managers"), ("admin", "Site administrators")])
def test_create_staff_user_roles(role, group):
    call_command("create_staff_user", f"user-{role}", "--role", role, stdout=open("/dev/null", "w"))
    assert get_user_model().objects.get(username=f"user-{role}").groups.get().name == group


def test_create_staff_user_refuses_an_existing_username():
    get_user_model().objects.create_user("taro")
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_staff_user", "taro", "--role", "qa")


def test_create_staff_user_refuses_an_unknown_role():
    with pytest.raises(CommandError):
        call_command("create_staff_user", "jiro", "--role", "owner")
