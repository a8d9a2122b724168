"""Sign-in safety: wrong admin passwords lock a username out; the admin has its own CSP."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from test_admin_helpers import PASSWORD, staff_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", ["Too many failed sign-ins", "15 minutes"]), ("ja", ["ログインの失敗が続きました", "15分後"])],
)
def test_five_wrong_passwords_lock_the_username_out(client, settings, lang, words):
    user = staff_user("editor", "officer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    for _attempt in range(4):
        response = sign_in(client, user.username, "not the password")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    response = sign_in(client, user.username, "still not the password")
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    for word in words:
        assert word in response.text
    assert f'lang="{lang}"' in response.text

    # Even the right password waits for the cool-off now.
    response = sign_in(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_the_count_is_per_username_and_kept_in_the_database(client):
    staff_user("editor", "officer")
    staff_user("qa", "colleague")
    for _attempt in range(5):
        sign_in(client, "officer", "wrong")
    attempt = AccessAttempt.objects.get(username="officer")
    assert attempt.failures_since_start == 5
    # Another person signing in from the same office is not locked out.
    response = sign_in(client, "colleague", PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_successful_sign_in_resets_the_count(client):
    staff_user("editor", "officer")
    for _attempt in range(3):
        sign_in(client, "officer", "wrong")
    assert sign_in(client, "officer", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="officer").exists()


def test_the_test_clients_login_still_works():
    user = staff_user("editor", "officer")
    client = Client()
    assert client.login(username="officer", password=PASSWORD)
    assert client.get("/admin/").status_code == 200
    assert not Client().login(username="officer", password="wrong")
    client = Client()
    client.force_login(user)
    assert client.get("/admin/").status_code == 200


def test_admin_sessions_expire(settings, client):
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    staff_user("editor", "officer")
    sign_in(client, "officer", PASSWORD)
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_the_admin_allows_inline_styles_and_nothing_more(admin_client):
    policy = directives(admin_client.get("/admin/"))
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" in directives(admin_client.get("/admin/login/"))["style-src"]


@pytest.mark.parametrize("url", ["/en/organisations/", "/ja/organisations/", "/en/", "/en/no-such-page/"])
def test_the_public_site_keeps_the_strict_policy(client, demo, url):
    policy = directives(client.get(url))
    assert policy["style-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]


def test_a_look_alike_path_gets_the_strict_policy(client):
    assert directives(client.get("/administrator/"))["style-src"] == ["'self'"]


def test_the_rich_text_editors_import_map_runs_under_the_admin_policy(admin_client, demo):
    from pages.models import Page

    page = Page.objects.get(kind=Page.Kind.LANDING)
    response = admin_client.get(f"/admin/pages/page/{page.pk}/change/")
    nonces = [source for source in directives(response)["script-src"] if source.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    assert f'<script type="importmap" nonce="{nonce}">' in response.text


def test_behind_a_proxy_the_lockout_counts_the_forwarded_client(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    staff_user("editor", "officer")
    for _attempt in range(5):
        client.post(LOGIN, {"username": "officer", "password": "wrong"}, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"
    # The same username from another office, through the same proxy, may still sign in.
    response = client.post(LOGIN, {"username": "officer", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 302
    # A forged address to the left of the one our proxy wrote changes nothing.
    response = client.post(
        LOGIN, {"username": "officer", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7"
    )
    assert response.status_code == 429


@pytest.mark.parametrize("length", [151, 256, 5000])
@pytest.mark.parametrize(("lang", "message"), [("en", "Please enter the correct username"), ("ja", "正しいユーザー名")])
def test_an_overlong_username_gets_the_normal_sign_in_error(client, settings, length, lang, message):
    # On PostgreSQL axes would have written it to a varchar(255) column and answered 500.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = sign_in(client, "a" * length, "whatever")
    assert response.status_code == 200
    assert message in response.text
    assert not AccessAttempt.objects.exists()
