"""The Q&A prompt: back to the exact question after the unlock, and the page's language first."""

import re

import pytest

from faq.testing import PASSWORD, make_content, set_password

pytestmark = pytest.mark.django_db


@pytest.fixture
def gate(db):
    make_content()
    set_password()


def unlock(client, lang="en", **fields):
    return client.post(f"/{lang}/faq/unlock/", {"password": PASSWORD, "next": f"/{lang}/faq/english/", **fields})


def test_the_unlock_returns_to_the_question_asked_for(client, gate):
    response = unlock(client, fragment="q-3")
    assert response.status_code == 302
    assert response["Location"] == "/en/faq/english/#q-3"


@pytest.mark.parametrize("fragment", ["", "#", "q 3", '"><script>', "3", "q-3#x", "x" * 65, "%23q-3"])
def test_anything_but_an_anchor_name_is_dropped(client, gate, fragment):
    response = unlock(client, fragment=fragment)
    assert response["Location"] == "/en/faq/english/"


def test_without_the_script_the_unlock_lands_on_the_version(client, gate):
    assert unlock(client)["Location"] == "/en/faq/english/"


def test_a_wrong_password_keeps_the_question_in_the_form(client, gate):
    response = client.post(
        "/en/faq/unlock/", {"password": "wrong-password", "next": "/en/faq/english/", "fragment": "q-3"}
    )
    assert response.status_code == 200
    assert re.search(r'name="fragment" value="q-3"', response.content.decode())


@pytest.mark.parametrize("lang, first, second", [("ja", "ja", "en"), ("en", "en", "ja")])
def test_the_prompt_leads_with_the_pages_language(client, gate, lang, first, second):
    html = client.get(f"/{lang}/faq/unlock/").content.decode()
    lines = re.findall(r'class="faq-prompt__line" lang="(\w+)"', html)
    assert lines == [first, second]
    prompt = html.index('class="faq-instructions"')
    instructions = re.findall(r'<p lang="(\w+)">', html[prompt:])
    assert instructions[:2] == [first, second]
