"""Client addresses behind our proxies: X-Forwarded-For is believed only as far as our own
proxies wrote it. A request that skipped them (gunicorn reached directly) is logged and counted
by its own connection address, so a forged header can't dodge the Q&A or sign-in throttles."""

import ipaddress
import logging
from unittest import mock

import pytest
from django.test import Client, RequestFactory

from faq.testing import PASSWORD, make_content, set_password
from jetportal import clients
from jetportal.clients import client_address

PROXY = "10.0.0.2"


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_ADDRESSES = [PROXY]


def address(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/en/faq/unlock/", REMOTE_ADDR=remote, **extra))


def test_through_our_proxy_the_forwarded_client_counts(behind_one_proxy):
    assert address(PROXY, "198.51.100.7") == "198.51.100.7"
    # Anything left of what our proxy appended was written by the client: ignored.
    assert address(PROXY, "203.0.113.9, 198.51.100.7") == "198.51.100.7"


def test_a_network_of_proxies_can_be_named(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/24", "not an address"]
    assert address("10.0.0.77", "198.51.100.7") == "198.51.100.7"
    assert address("10.0.1.77", "198.51.100.7") == "10.0.1.77"


def test_the_proxies_are_parsed_once_not_at_every_request(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/24", "10.0.9.9"]
    with mock.patch.object(clients.ipaddress, "ip_network", wraps=ipaddress.ip_network) as parse:
        for _request in range(3):
            assert address("10.0.9.9", "198.51.100.7") == "198.51.100.7"
    assert parse.call_count == 2


def test_other_proxies_named_later_are_the_ones_believed(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_ADDRESSES = [PROXY]
    assert address(PROXY, "198.51.100.7") == "198.51.100.7"
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.3"]
    assert address(PROXY, "198.51.100.7") == PROXY
    assert address("10.0.0.3", "198.51.100.7") == "198.51.100.7"
    settings.TRUSTED_PROXY_ADDRESSES = []  # none named: any peer is our proxy
    assert address("10.0.0.4", "198.51.100.7") == "198.51.100.7"


@pytest.mark.parametrize(
    ("remote", "forwarded"),
    [
        ("198.51.100.50", "203.0.113.9"),  # straight to gunicorn, with a forged header
        (PROXY, None),  # no hop at all
        (PROXY, ""),
    ],
)
def test_a_request_that_skipped_our_proxy_counts_by_its_connection(behind_one_proxy, caplog, remote, forwarded):
    with caplog.at_level(logging.WARNING, logger="jetportal.clients"):
        assert address(remote, forwarded) == remote
    assert "not through the expected 1 proxy hop(s)" in caplog.text
    assert remote in caplog.text


def test_fewer_hops_than_our_proxies_add_count_by_the_connection(settings, caplog):
    settings.TRUSTED_PROXY_COUNT = 2
    settings.TRUSTED_PROXY_ADDRESSES = []
    with caplog.at_level(logging.WARNING, logger="jetportal.clients"):
        assert address("10.0.0.1", "198.51.100.7") == "10.0.0.1"
    assert "expected 2 proxy hop(s)" in caplog.text
    assert address("10.0.0.1", "203.0.113.9, 198.51.100.7") == "203.0.113.9"


@pytest.mark.django_db
def test_going_around_the_proxy_does_not_reset_the_qa_throttle(behind_one_proxy):
    make_content()
    set_password()
    visitor = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    for attempt in range(5):
        assert visitor.post("/en/faq/unlock/", {"password": f"guess {attempt}"}).status_code == 200
    assert visitor.post("/en/faq/unlock/", {"password": PASSWORD}).status_code == 429
    # The same client, now straight to gunicorn, claiming another address.
    direct = Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert direct.post("/en/faq/unlock/", {"password": PASSWORD}).status_code == 429


@pytest.mark.django_db
def test_going_around_the_proxy_does_not_reset_the_sign_in_lockout(behind_one_proxy):
    from django.contrib.auth.models import User

    User.objects.create_user("officer", password="a-long-enough-password-7", is_staff=True)
    visitor = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    for _attempt in range(5):
        visitor.post("/admin/login/", {"username": "officer", "password": "wrong"})
    direct = Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    response = direct.post("/admin/login/", {"username": "officer", "password": "a-long-enough-password-7"})
    assert response.status_code == 429


@pytest.mark.django_db
def test_every_request_that_skipped_the_proxy_is_logged_once(behind_one_proxy, caplog):
    with caplog.at_level(logging.WARNING, logger="jetportal.clients"):
        assert Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7").get("/robots.txt").status_code == 200
        assert not caplog.records
        direct = Client(REMOTE_ADDR="198.51.100.50", HTTP_X_FORWARDED_FOR="203.0.113.9")
        assert direct.get("/robots.txt").status_code == 200
    assert len(caplog.records) == 1
    assert "counted by its connection address 198.51.100.50" in caplog.text
    assert "path=/robots.txt" in caplog.text
