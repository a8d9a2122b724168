"""Two editors on one item: the later save is stopped with a warning, and nothing is lost."""

import pytest
from django.test import Client
from test_admin_helpers import form_data

from pages.models import Quality

pytestmark = pytest.mark.django_db


def _open(client, quality):
    return client.get(f"/admin/pages/quality/{quality.pk}/change/")


def test_the_later_of_two_editors_is_warned_and_keeps_their_text(admin_user, demo):
    quality = Quality.objects.get(order=0)
    hanako, taro = Client(), Client()
    hanako.force_login(admin_user)
    taro.force_login(admin_user)
    # Both have saved once already, so the item has a history.
    _ = hanako.post(f"/admin/pages/quality/{quality.pk}/change/", form_data(_open(hanako, quality)))

    hanakos_form, taros_form = _open(hanako, quality), _open(taro, quality)
    assert 'name="_seen_revision"' in hanakos_form.content.decode()
    first = hanako.post(
        f"/admin/pages/quality/{quality.pk}/change/",
        form_data(hanakos_form, text_en="Hanako's wording", _seen_revision=hanakos_form.context["seen_revision"]),
    )
    assert first.status_code == 302

    second = taro.post(
        f"/admin/pages/quality/{quality.pk}/change/",
        form_data(taros_form, text_en="Taro's wording", _seen_revision=taros_form.context["seen_revision"]),
    )
    assert second.status_code == 200
    html = second.content.decode()
    assert "Someone else saved this item after you opened it" in html
    assert "Taro&#x27;s wording" in html  # still in the form
    assert Quality.objects.get(pk=quality.pk).text_en == "Hanako's wording"

    # Saving again, now knowingly, keeps Taro's version.
    third = taro.post(
        f"/admin/pages/quality/{quality.pk}/change/",
        form_data(second, text_en="Taro's wording", _seen_revision=second.context["seen_revision"]),
    )
    assert third.status_code == 302
    assert Quality.objects.get(pk=quality.pk).text_en == "Taro's wording"


def test_the_warning_is_in_the_editors_language(admin_client, demo):
    quality = Quality.objects.get(order=0)
    admin_client.post(f"/admin/pages/quality/{quality.pk}/change/", form_data(_open(admin_client, quality)))
    stale = _open(admin_client, quality)
    admin_client.post(f"/admin/pages/quality/{quality.pk}/change/", form_data(stale, text_ja="先に保存"))
    admin_client.cookies["django_language"] = "ja"
    response = admin_client.post(
        f"/admin/pages/quality/{quality.pk}/change/",
        form_data(stale, text_ja="後から保存", _seen_revision=stale.context["seen_revision"]),
    )
    assert response.status_code == 200
    assert "あなたが開いた後に、別の人がこの項目を保存しました" in response.content.decode()
