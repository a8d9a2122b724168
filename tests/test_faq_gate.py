"""The Q&A password gate: locked, wrong, right, expiry, rotation, lock again, throttling, bad input."""

import datetime
import logging

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone

from faq import gate
from faq.models import AccessSetting, FailedAttempt
from faq.testing import PASSWORD, csrf_token, make_content, set_password, unlock

VERSIONS = ["bilingual", "english", "japanese"]
LANGS = ["en", "ja"]
T0 = datetime.datetime(2026, 11, 25, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def content(db):
    entries = make_content()
    set_password()
    return entries


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves by hand: ``clock.now = ...``."""

    class Clock:
        now = T0

    monkeypatch.setattr("jetportal.clock.now", lambda: Clock.now)
    return Clock


def assert_gated_headers(response):
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"


def assert_no_gated_text(response, entries):
    html = response.content.decode()
    for entry in entries.values():
        for text in (entry.question_en, entry.question_ja, "deadline is announced", "締切は毎年冬"):
            assert text not in html


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("version", VERSIONS)
def test_a_locked_version_redirects_to_the_prompt_and_shows_nothing(client, content, lang, version):
    response = client.get(f"/{lang}/faq/{version}/?q=winter")
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/faq/unlock/?next=%2F{lang}%2Ffaq%2F{version}%2F%3Fq%3Dwinter"
    assert_gated_headers(response)
    assert_no_gated_text(response, content)


@pytest.mark.parametrize("lang", LANGS)
def test_the_prompt_is_bilingual_labelled_and_private(client, content, lang):
    response = client.get(f"/{lang}/faq/unlock/?next=/{lang}/faq/english/")
    html = response.content.decode()
    assert response.status_code == 200
    assert_gated_headers(response)
    assert_no_gated_text(response, content)
    assert '<p class="faq-prompt__line" lang="en">Please enter the password</p>' in html
    assert '<p class="faq-prompt__line" lang="ja">パスワードを入力してください</p>' in html
    assert '<label for="faq-password">' in html
    assert 'id="faq-password" name="password"' in html and 'type="password"' in html
    assert f'name="next" value="/{lang}/faq/english/"' in html
    # The toggle is added by faq.js, never inline.
    assert '<script src="/static/js/faq.js" defer></script>' in html
    assert "<script>" not in html


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "The password is not correct."), ("ja", "パスワードが正しくありません。")],
)
def test_a_wrong_password_says_so_and_unlocks_nothing(client, content, lang, message):
    response = unlock(client, lang, password="not the password", next_url=f"/{lang}/faq/english/")
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'aria-describedby="faq-prompt faq-password-error"' in html
    assert 'aria-invalid="true"' in html
    assert_gated_headers(response)
    assert_no_gated_text(response, content)
    assert client.get(f"/{lang}/faq/english/").status_code == 302


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("version", VERSIONS)
def test_the_right_password_returns_to_the_version_asked_for(client, content, lang, version):
    session = client.session
    session["before"] = True
    session.save()
    key_before = client.cookies["sessionid"].value

    response = unlock(client, lang, next_url=f"/{lang}/faq/{version}/")
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/faq/{version}/"
    assert_gated_headers(response)
    # A session key known before the password was typed is worth nothing after it.
    assert client.cookies["sessionid"].value != key_before
    assert client.session["before"] is True

    page = client.get(f"/{lang}/faq/{version}/")
    assert page.status_code == 200
    assert_gated_headers(page)
    assert "Vary" in page and "Cookie" in page["Vary"]
    assert content["renewal"].anchor in page.content.decode()


def test_the_search_of_the_requested_page_survives_the_prompt(client, content):
    response = unlock(client, next_url="/en/faq/english/?q=winter")
    assert response["Location"] == "/en/faq/english/?q=winter"


def test_without_a_next_page_the_bilingual_version_opens(client, content):
    assert unlock(client, "ja")["Location"] == "/ja/faq/bilingual/"


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example/",
        "https://evil.example/en/faq/english/",
        "http://testserver/en/faq/english/",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "/en/organisations/",
        "/en/faq/unlock/",
        "/en/faq/english/../../admin/",
        "/en/faq/english/\r\nSet-Cookie: x=1",
        "https:evil.example",
        "/%2F%2Fevil.example",
        "x" * 5000,
    ],
)
def test_next_never_leaves_the_q_and_a(client, content, next_url):
    response = unlock(client, next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == "/en/faq/bilingual/"
    # Once unlocked, a GET with a hostile next shows the prompt page instead of redirecting.
    again = client.get("/en/faq/unlock/", {"next": next_url})
    assert again.status_code == 200
    assert "Location" not in again


def test_the_unlock_lasts_the_configured_time(client, content, clock):
    setting = AccessSetting.load()
    setting.unlock_hours = 2
    setting.save()
    unlock(client)
    clock.now = T0 + datetime.timedelta(hours=1, minutes=59)
    assert client.get("/en/faq/english/").status_code == 200
    clock.now = T0 + datetime.timedelta(hours=2, minutes=1)
    response = client.get("/en/faq/english/")
    assert response.status_code == 302
    prompt = client.get(response["Location"]).content.decode()
    assert "Your access to the Q&amp;A has ended" in prompt or "Your access to the Q&A has ended" in prompt
    # The notice is shown once.
    assert "has ended" not in client.get("/en/faq/unlock/").content.decode()


def test_the_default_unlock_is_twelve_hours(client, content, clock):
    unlock(client)
    clock.now = T0 + datetime.timedelta(hours=11, minutes=59)
    assert client.get("/en/faq/bilingual/").status_code == 200
    clock.now = T0 + datetime.timedelta(hours=12, seconds=1)
    assert client.get("/en/faq/bilingual/").status_code == 302


def test_the_session_lives_as_long_as_the_unlock(client, content):
    unlock(client)
    assert client.session.get_expiry_age() >= 12 * 3600


def test_rotating_the_password_ends_every_unlock_at_once(content):
    first, second = Client(), Client()
    unlock(first)
    unlock(second, "ja")
    assert first.get("/en/faq/english/").status_code == 200
    assert second.get("/ja/faq/japanese/").status_code == 200

    set_password("a-brand-new-passphrase-7")
    assert first.get("/en/faq/english/").status_code == 302
    assert second.get("/ja/faq/japanese/").status_code == 302
    assert unlock(first, password=PASSWORD).status_code == 200  # the old one is refused
    assert unlock(first, password="a-brand-new-passphrase-7").status_code == 302
    assert first.get("/en/faq/english/").status_code == 200


def test_lock_again_ends_the_unlock_for_this_visitor_only(content):
    mine, theirs = Client(), Client()
    unlock(mine)
    unlock(theirs)
    response = mine.post("/en/faq/lock/")
    assert response.status_code == 302
    assert response["Location"] == "/en/faq/"
    assert_gated_headers(response)
    assert mine.get("/en/faq/english/").status_code == 302
    assert theirs.get("/en/faq/english/").status_code == 200
    assert "locked again" in mine.get("/en/faq/").content.decode()


def test_the_locked_again_notice_shows_once_when_the_index_is_cached(content):
    assert "locked again" not in Client().get("/en/faq/").content.decode()  # cached for everyone
    mine = Client()
    unlock(mine)
    mine.post("/en/faq/lock/")
    assert "locked again" in mine.get("/en/faq/").content.decode()
    assert not mine.cookies["messages"].value  # read: the browser is told to drop it
    assert "locked again" not in mine.get("/en/faq/").content.decode()
    assert "locked again" not in Client().get("/en/faq/").content.decode()


def test_lock_again_is_a_post_with_a_csrf_token(content):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/en/faq/unlock/")
    response = client.post("/en/faq/unlock/", {"password": PASSWORD, "csrfmiddlewaretoken": csrf_token(page)})
    assert response.status_code == 302
    version = client.get("/en/faq/english/")
    assert client.get("/en/faq/lock/").status_code == 405
    assert client.post("/en/faq/lock/").status_code == 403
    assert client.get("/en/faq/english/").status_code == 200
    assert client.post("/en/faq/lock/", {"csrfmiddlewaretoken": csrf_token(version)}).status_code == 302
    assert client.get("/en/faq/english/").status_code == 302


def test_a_post_without_csrf_token_is_refused_in_the_visitors_language(content):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/ja/faq/unlock/", {"password": PASSWORD})
    assert response.status_code == 403
    assert response.content.decode().count('<html lang="ja"') == 1
    assert client.get("/ja/faq/japanese/").status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"password": ""}, "Please enter the password."),
        ({}, "Please enter the password."),
        ({"password": "x" * 10_000}, "The password is not correct."),
        ({"password": "abc\x00def"}, "Null characters are not allowed."),
        ({"password": PASSWORD, "next": "\x00"}, None),
    ],
    ids=["empty", "missing", "10000-chars", "nul", "nul-next"],
)
def test_bad_password_input_gets_a_normal_page(client, content, data, message):
    response = client.post("/en/faq/unlock/", data)
    assert response.status_code in (200, 302)
    if message:
        assert response.status_code == 200
        assert message in response.content.decode()
    # Input the hasher never saw is no try: it does not count towards the limit.
    assert FailedAttempt.objects.count() == 0


def test_non_utf8_bytes_are_a_wrong_password_not_an_error(client, content):
    response = client.post(
        "/en/faq/unlock/",
        data=b"password=%FF%FE%80&next=%C3%28",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "The password is not correct." in response.content.decode()
    response = client.get("/en/faq/unlock/?next=%FF%FE")
    assert response.status_code == 200


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused(client, content, method):
    assert getattr(client, method)("/en/faq/unlock/").status_code == 405
    assert getattr(client, method)("/en/faq/english/").status_code == 405


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "en",
            "Too many wrong passwords were entered from your network. Please try again after 12:15 (in about 9 minutes)",
        ),
        ("ja", "お使いのネットワークから誤ったパスワードが何度も入力されました。12:15以降（約9分後）"),
    ],
)
def test_the_sixth_wrong_try_in_fifteen_minutes_is_refused(client, content, clock, lang, message):
    for minute in range(5):
        clock.now = T0 + datetime.timedelta(minutes=minute)
        response = unlock(client, lang, password=f"guess {minute}")
        assert response.status_code == 200
    clock.now = T0 + datetime.timedelta(minutes=6)
    # Even the right password is refused now: the throttle comes before the check.
    refused = unlock(client, lang)
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(9 * 60 + 1)
    assert_gated_headers(refused)
    assert message in refused.content.decode()  # the first wrong try (03:00 UTC) + 15 minutes, in Tokyo time
    assert client.get(f"/{lang}/faq/english/").status_code == 302
    # Refused tries are not recorded, so they do not push the end of the wait further away.
    assert FailedAttempt.objects.count() == 5

    clock.now = T0 + datetime.timedelta(minutes=15, seconds=1)
    assert unlock(client, lang).status_code == 302


def test_the_count_is_per_client_address(content, clock):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    colleague = Client(REMOTE_ADDR="198.51.100.20")
    for attempt in range(5):
        unlock(attacker, password=f"guess {attempt}")
    assert unlock(attacker).status_code == 429
    assert unlock(colleague).status_code == 302


def test_forged_forwarded_for_does_not_escape_the_throttle(content, clock, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    client = Client(REMOTE_ADDR="203.0.113.9")
    for attempt in range(5):
        client.post("/en/faq/unlock/", {"password": f"guess {attempt}"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}")
    response = client.post("/en/faq/unlock/", {"password": PASSWORD}, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("count", "forwarded", "remote", "expected"),
    [
        (0, "198.51.100.7", "10.0.0.1", "10.0.0.1"),
        (1, "198.51.100.7", "10.0.0.1", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "10.0.0.1", "198.51.100.7"),
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.5", "10.0.0.1", "198.51.100.7"),
        # Fewer hops than our proxies add: not through them, so the connection's own address.
        (2, "198.51.100.7", "10.0.0.1", "10.0.0.1"),
        (1, "not-an-address", "10.0.0.1", "10.0.0.1"),
        (1, "", "10.0.0.1", "10.0.0.1"),
        (0, "", "2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        (0, "", "::ffff:192.0.2.1", "192.0.2.1"),
    ],
)
def test_client_key(settings, count, forwarded, remote, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert gate.client_key(request) == expected


def test_wrong_tries_are_logged_without_the_password(client, content, caplog):
    with caplog.at_level(logging.INFO, logger="faq.gate"):
        unlock(client, password="hunter2-secret-guess")
        unlock(client)
    records = [record for record in caplog.records if record.name == "faq.gate"]
    assert [record.levelno for record in records] == [logging.WARNING, logging.INFO]
    assert "client=127.0.0.1" in records[0].getMessage()
    assert "at=" in records[0].getMessage()
    for record in records:
        assert "hunter2" not in record.getMessage()
        assert PASSWORD not in record.getMessage()


def test_old_attempts_are_cleared_away(client, content, clock):
    FailedAttempt.objects.create(client="192.0.2.50", at=T0 - datetime.timedelta(days=2))
    unlock(client, password="wrong")
    assert list(FailedAttempt.objects.values_list("client", flat=True)) == ["127.0.0.1"]


def test_no_password_set_means_nobody_gets_in(client, db):
    make_content()
    response = client.get("/en/faq/unlock/")
    assert "no password has been set" in response.content.decode()
    assert unlock(client, password="").status_code == 200
    assert unlock(client, password="anything").status_code == 200
    assert client.get("/en/faq/english/").status_code == 302


def test_an_unlocked_visitor_asking_for_the_prompt_goes_back_or_sees_the_versions(client, content):
    unlock(client)
    assert client.get("/en/faq/unlock/?next=/en/faq/japanese/")["Location"] == "/en/faq/japanese/"
    page = client.get("/en/faq/unlock/").content.decode()
    assert "the Q&amp;A is open" in page or "the Q&A is open" in page
    assert 'action="/en/faq/lock/"' in page


def test_a_tampered_session_value_counts_as_locked(client, content):
    unlock(client)
    session = client.session
    session[gate.SESSION_KEY] = {"at": "yesterday", "version": "x"}
    session.save()
    assert client.get("/en/faq/english/").status_code == 302


def test_the_hash_is_a_django_password_hash_and_rotation_bumps_the_version(db):
    setting = set_password("first-passphrase-1")
    assert setting.password_hash.startswith("md5$")  # the test settings' fast hasher
    assert "first-passphrase-1" not in setting.password_hash
    version = setting.version
    changed = setting.changed_at
    assert timezone.is_aware(changed)
    set_password("second-passphrase-2")
    setting = AccessSetting.load()
    assert setting.version == version + 1
    assert setting.check_password("second-passphrase-2")
    assert not setting.check_password("first-passphrase-1")
