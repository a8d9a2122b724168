"""Two editors on one item: the later save is stopped with a warning, and nothing is lost.

The check needs no history: items loaded by load_demo (which have one version, or none
if they came from elsewhere) and rows edited inline are protected the same way.
"""

import pytest
from django.test import Client
from reversion.models import Version
from test_admin_helpers import form_data

from pages.models import Page, Quality
from updates.models import Audience, Update

pytestmark = pytest.mark.django_db

WARNING = "Someone else saved this item after you opened it"
WARNING_WITHOUT_HISTORY = "This item was changed after you opened it"


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
