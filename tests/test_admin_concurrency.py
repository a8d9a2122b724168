"""Two editors on one item: the later save is stopped with a warning, and nothing is lost.

The check needs no history: items loaded by load_demo (which have one version, or none
if they came from elsewhere) and rows edited inline are protected the same way.
"""

import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.test import Client
from django.utils.html import escape
from reversion.models import Version
from test_admin_helpers import form_data

from faq.models import AccessSetting
from faq.testing import set_password
from jetportal.edit_token import EditTokenAdminMixin
from pages.models import Page, Quality
from updates.models import Audience, Update

pytestmark = pytest.mark.django_db

WARNING = "Someone else saved this item after you opened it"
WARNING_WITHOUT_HISTORY = "This item was changed after you opened it"
PASSWORD_WARNING = "The password was changed after you opened this page"


def url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def two_editors(admin_user):
    hanako, taro = Client(), Client()
    hanako.force_login(admin_user)
    taro.force_login(admin_user)
    return hanako, taro


def test_the_later_of_two_editors_is_warned_and_keeps_their_text(admin_user, demo):
    quality = Quality.objects.order_by("order", "pk").first()
    hanako, taro = two_editors(admin_user)
    hanakos_form, taros_form = hanako.get(url(quality)), taro.get(url(quality))
    assert 'name="edit_token"' in hanakos_form.content.decode()

    assert hanako.post(url(quality), form_data(hanakos_form, text_en="Hanako's wording")).status_code == 302

    second = taro.post(url(quality), form_data(taros_form, text_en="Taro's wording"))
    assert second.status_code == 200
    html = second.content.decode()
    assert WARNING in html and "admin" in html
    assert "Taro&#x27;s wording" in html  # still in the form
    assert Quality.objects.get(pk=quality.pk).text_en == "Hanako's wording"

    # Saving again, now knowingly, keeps Taro's version.
    third = taro.post(url(quality), form_data(second))
    assert third.status_code == 302
    assert Quality.objects.get(pk=quality.pk).text_en == "Taro's wording"


def test_an_item_without_any_history_is_protected_too(admin_user, demo):
    update = Update.objects.order_by("pk").first()
    Version.objects.all().delete()
    hanako, taro = two_editors(admin_user)
    hanakos_form, taros_form = hanako.get(url(update)), taro.get(url(update))
    assert hanako.post(url(update), form_data(hanakos_form, title_en="Hanako's title")).status_code == 302
    response = taro.post(url(update), form_data(taros_form, summary_en="Taro's summary"))
    assert response.status_code == 200
    assert WARNING in response.content.decode()
    update.refresh_from_db()
    assert update.title_en == "Hanako's title"


def test_a_change_made_outside_the_admin_is_noticed(admin_client, demo):
    update = Update.objects.order_by("pk").first()
    stale = admin_client.get(url(update))
    Update.objects.filter(pk=update.pk).update(title_en="Changed by a command")
    response = admin_client.post(url(update), form_data(stale, title_en="Editor's title"))
    assert response.status_code == 200
    assert WARNING_WITHOUT_HISTORY in response.content.decode()
    assert Update.objects.get(pk=update.pk).title_en == "Changed by a command"


def test_a_change_of_the_audiences_is_noticed(admin_client, demo):
    update = Update.objects.order_by("pk").first()
    stale = admin_client.get(url(update))
    update.audiences.add(Audience.objects.exclude(pk__in=update.audiences.all()).first())
    response = admin_client.post(url(update), form_data(stale, title_en="Editor's title"))
    assert response.status_code == 200
    assert "changed after you opened it" in response.content.decode()


def test_a_change_of_something_the_form_does_not_edit_is_no_conflict(admin_client, demo):
    quality = Quality.objects.order_by("order", "pk").first()
    form = admin_client.get(url(quality))
    Update.objects.update(title_en="Elsewhere")  # another item entirely
    assert admin_client.post(url(quality), form_data(form, text_en="Mine")).status_code == 302


def test_an_inline_row_changed_meanwhile_stops_the_save(admin_user, demo):
    page = Page.objects.get(kind=Page.Kind.LANDING)
    hanako, taro = two_editors(admin_user)
    hanakos_form, taros_form = hanako.get(url(page)), taro.get(url(page))
    formset = hanakos_form.context["inline_admin_formsets"][0].formset
    assert f'name="{formset.prefix}-0-edit_token"' in hanakos_form.content.decode()
    data = form_data(hanakos_form, **{f"{formset.prefix}-0-heading_en": "Hanako's heading"})
    assert hanako.post(url(page), data).status_code == 302

    data = form_data(taros_form, **{f"{formset.prefix}-1-heading_en": "Taro's heading"})
    response = taro.post(url(page), data)
    assert response.status_code == 200
    assert "changed after you opened it" in response.content.decode() or WARNING in response.content.decode()
    section = formset.forms[0].instance
    section.refresh_from_db()
    assert section.heading_en == "Hanako's heading"


def test_the_warning_is_in_the_editors_language(admin_user, demo, settings):
    quality = Quality.objects.order_by("order", "pk").first()
    hanako, taro = two_editors(admin_user)
    taro.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    hanakos_form, taros_form = hanako.get(url(quality)), taro.get(url(quality))
    hanako.post(url(quality), form_data(hanakos_form, text_ja="先に保存"))
    response = taro.post(url(quality), form_data(taros_form, text_ja="後から保存"))
    assert response.status_code == 200
    assert "あなたが開いた後に、別の人がこの項目を保存しました" in response.content.decode()


def test_the_token_is_no_change_in_itself(admin_client, demo):
    page = Page.objects.get(kind=Page.Kind.LANDING)
    response = admin_client.post(url(page), form_data(admin_client.get(url(page))))
    assert response.status_code == 302
    version = Version.objects.get_for_object(page).latest("pk")
    assert "edit_token" not in version.revision.comment
    assert "section" not in version.revision.comment.lower(), "no inline row was saved as changed"


def test_a_column_edited_in_the_list_is_protected_too(admin_user, demo):
    hanako, taro = two_editors(admin_user)
    changelist = "/admin/updates/audience/"
    hanakos_list, taros_list = hanako.get(changelist), taro.get(changelist)
    formset = hanakos_list.context["cl"].formset
    assert f'name="{formset.prefix}-0-edit_token"' in hanakos_list.content.decode()

    def data(response, **changes):
        formset = response.context["cl"].formset
        values = {field.html_name: field.value() for field in formset.management_form}
        for form in formset.forms:
            for field in form:
                values[field.html_name] = "" if field.value() is None else field.value()
        return {**values, "_save": "Save", **changes}

    audience = formset.forms[0].instance
    assert hanako.post(changelist, data(hanakos_list, **{f"{formset.prefix}-0-order": "7"})).status_code == 302
    response = taro.post(changelist, data(taros_list, **{f"{formset.prefix}-0-order": "9"}))
    assert response.status_code == 200
    assert "changed after you opened it" in response.content.decode() or WARNING in response.content.decode()
    audience.refresh_from_db()
    assert audience.order == 7


# The admins registered without the project's BilingualAdmin base (Django's, and the Q&A access):
# the same protection, with who and when taken from the admin's own log of changes.


def two_editors_on(admin_user, address):
    hanako, taro = two_editors(admin_user)
    return hanako, taro, hanako.get(address), taro.get(address)


def assert_refused_then_saved(admin_user, address, hanakos, taros, reread):
    """Hanako saves ``hanakos`` changes; Taro's ``taros`` are refused, kept, then saved knowingly."""
    hanako, taro, hanakos_form, taros_form = two_editors_on(admin_user, address)
    assert 'name="edit_token"' in hanakos_form.content.decode()
    assert hanako.post(address, form_data(hanakos_form, **hanakos)).status_code == 302

    second = taro.post(address, form_data(taros_form, **taros))
    assert second.status_code == 200
    assert WARNING in second.content.decode()
    kept = second.context["adminform"].form
    assert all(str(kept[name].value()) == str(value) for name, value in taros.items()), (
        "Taro's input is still in the form"
    )
    assert reread() == hanakos

    assert taro.post(address, form_data(second)).status_code == 302
    assert reread() == taros


def test_a_users_form_is_protected(admin_user):
    user = get_user_model().objects.create_user("kenji", email="kenji@example.org", is_staff=True)
    assert_refused_then_saved(
        admin_user,
        url(user),
        {"first_name": "Kenji", "email": "kenji@jet.example"},
        {"first_name": "Ken", "email": "ken@jet.example"},
        lambda: dict(get_user_model().objects.filter(pk=user.pk).values("first_name", "email").get()),
    )


def test_a_sign_in_meanwhile_does_not_stop_a_users_form(admin_user, client):
    user = get_user_model().objects.create_user("kenji", password="a long sign-in phrase", is_staff=True)
    hanako, _taro = two_editors(admin_user)
    form = hanako.get(url(user))
    assert client.login(username="kenji", password="a long sign-in phrase")  # sets last_login
    assert hanako.post(url(user), form_data(form, first_name="Kenji")).status_code == 302
    assert get_user_model().objects.get(pk=user.pk).first_name == "Kenji"


def test_a_groups_form_is_protected(admin_user):
    group = Group.objects.create(name="Translators")
    assert_refused_then_saved(
        admin_user,
        url(group),
        {"name": "Hanako's translators"},
        {"name": "Taro's translators"},
        lambda: {"name": Group.objects.get(pk=group.pk).name},
    )


def test_a_sites_form_is_protected(admin_user):
    site = Site.objects.get_current()
    assert_refused_then_saved(
        admin_user,
        url(site),
        {"name": "JET Portal (Hanako)"},
        {"name": "JET Portal (Taro)"},
        lambda: {"name": Site.objects.get(pk=site.pk).name},
    )


def test_a_redirects_form_is_protected(admin_user):
    redirect = Redirect.objects.create(site=Site.objects.get_current(), old_path="/old/", new_path="/new/")
    assert_refused_then_saved(
        admin_user,
        url(redirect),
        {"new_path": "/hanakos/"},
        {"new_path": "/taros/"},
        lambda: {"new_path": Redirect.objects.get(pk=redirect.pk).new_path},
    )


def test_the_qa_unlock_time_is_protected(admin_user):
    set_password()
    assert_refused_then_saved(
        admin_user,
        "/admin/faq/accesssetting/1/change/",
        {"unlock_hours": 6},
        {"unlock_hours": 48},
        lambda: {"unlock_hours": AccessSetting.load().unlock_hours},
    )


def test_a_users_password_set_meanwhile_is_not_replaced_unawares(admin_user):
    user = get_user_model().objects.create_user("kenji", password="kenji's first password 1")
    address = f"/admin/auth/user/{user.pk}/password/"
    hanako, taro, hanakos_page, taros_page = two_editors_on(admin_user, address)

    def save(client, page, password):
        # The page posts to its own address with the token the page was made with.
        data = {"usable_password": "true", "password1": password, "password2": password, "set-password": "1"}
        return client.post(address + page.context["form_url"], data, follow=True)

    assert save(hanako, hanakos_page, "hanako's choice 2026").redirect_chain[-1][0] == url(user)
    refused = save(taro, taros_page, "taro's choice 2026")
    assert refused.redirect_chain[-1][0].startswith(address + "?edit_token=")
    assert PASSWORD_WARNING in refused.content.decode()
    assert get_user_model().objects.get(pk=user.pk).check_password("hanako's choice 2026")

    # Warned, with a fresh page: entering it again replaces Hanako's password knowingly.
    assert save(taro, refused, "taro's choice 2026").redirect_chain[-1][0] == url(user)
    assert get_user_model().objects.get(pk=user.pk).check_password("taro's choice 2026")


def test_the_qa_password_set_meanwhile_is_not_replaced_unawares(admin_user, settings):
    set_password()
    setting = "/admin/faq/accesssetting/1/change/"
    hanako, taro, hanakos_setting, taros_setting = two_editors_on(admin_user, setting)
    taro.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"

    def password_page(client, setting_page):
        # The link to the password page carries the token made as the setting's page opened.
        link = re.search(
            r'href="(/admin/faq/accesssetting/set-password/\?edit_token=[^"]+)"', setting_page.content.decode()
        )
        page = client.get(link.group(1))
        assert page.status_code == 200
        return link.group(1)

    def save(client, address, password):
        return client.post(address, {"password1": password, "password2": password}, follow=True)

    hanakos_page, taros_page = password_page(hanako, hanakos_setting), password_page(taro, taros_setting)
    assert save(hanako, hanakos_page, "hanako-river-2026").redirect_chain[-1][0] == setting
    refused = save(taro, taros_page, "taro-lantern-2026")
    fresh_page = refused.redirect_chain[-1][0]
    assert fresh_page.startswith("/admin/faq/accesssetting/set-password/?edit_token=") and fresh_page != taros_page
    assert "このページを開いた後に、パスワードが変更されました" in refused.content.decode()
    assert AccessSetting.load().check_password("hanako-river-2026")

    # Warned, with a fresh page: entering it again replaces Hanako's password knowingly.
    assert save(taro, fresh_page, "taro-lantern-2026").redirect_chain[-1][0] == setting
    assert AccessSetting.load().check_password("taro-lantern-2026")


def test_the_qa_password_page_opened_by_its_bare_address_is_protected_too(admin_user):
    set_password()
    address = "/admin/faq/accesssetting/set-password/"
    hanako, taro, _page, _other = two_editors_on(admin_user, address)  # a bookmark: no token in it
    taros_form = re.search(r'<form method="post" action="([^"]+)"', taro.get(address).content.decode()).group(1)
    assert taros_form.startswith("?edit_token=")
    # Shown again with errors, the page keeps the token it opened with, not a newer one.
    mistyped = taro.post(address + taros_form, {"password1": "taro-lantern-2026", "password2": "typo"})
    assert mistyped.status_code == 200 and f'action="{escape(taros_form)}"' in mistyped.content.decode()
    saved = hanako.post(address, {"password1": "hanako-river-2026", "password2": "hanako-river-2026"})
    assert saved.status_code == 302
    refused = taro.post(address + taros_form, {"password1": "taro-lantern-2026", "password2": "taro-lantern-2026"})
    assert refused.status_code == 302 and refused["Location"].startswith(address + "?edit_token=")
    assert AccessSetting.load().check_password("hanako-river-2026")


def test_every_admin_that_saves_a_form_carries_the_token():
    # django-axes' sign-in records are skipped: every field their forms show is read-only.
    skipped = set()
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, EditTokenAdminMixin):
            skipped.add(model._meta.label)
    assert skipped == {"axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"}
