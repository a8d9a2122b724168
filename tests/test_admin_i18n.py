"""The admin in the staff's language, and the translation dashboard."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jetportal.content import Status
from pages.models import Page, Quality, Section

pytestmark = pytest.mark.django_db


@pytest.fixture
def japanese(client, settings):
    def use(client):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
        return client

    return use


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Site administration", "JET Portal administration", "Missing translations"]),
        ("ja", ["サイト管理", "JETポータル管理", "未翻訳の項目"]),
    ],
)
def test_the_admin_index_in_both_languages(admin_client, settings, lang, words):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in response.text
    for word in words:
        assert word in response.text


@pytest.mark.parametrize(("lang", "save", "history"), [("en", "Save", "History"), ("ja", "保存", "履歴")])
def test_a_change_form_in_both_languages(admin_client, settings, demo, lang, save, history):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    page = Page.objects.get(kind=Page.Kind.LANDING)
    response = admin_client.get(f"/admin/pages/page/{page.pk}/change/")
    assert response.status_code == 200
    assert save in response.text
    assert history in response.text
    # Both languages' inputs are on the form, whatever the admin's language.
    assert 'name="title_en"' in response.text
    assert 'name="title_ja"' in response.text


def test_the_language_switch_sticks(admin_client, settings):
    response = admin_client.get("/admin/")
    assert 'action="/i18n/setlang/"' in response.text
    assert 'name="language"' in response.text
    response = admin_client.post("/i18n/setlang/", {"language": "ja", "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert admin_client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ja"
    assert "サイト管理" in admin_client.get("/admin/").text
    admin_client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    assert "Site administration" in admin_client.get("/admin/").text


def test_the_sign_in_page_offers_the_language_switch(client):
    response = client.get("/admin/login/")
    assert 'action="/i18n/setlang/"' in response.text
    assert '<option value="ja" lang="ja"' in response.text


def test_the_switch_never_redirects_off_site(admin_client):
    response = admin_client.post("/i18n/setlang/", {"language": "ja", "next": "https://example.com/"})
    assert response["Location"] == "/"


# --- the translation dashboard ----------------------------------------------------------


def make_pages():
    home = Page.objects.create(
        kind=Page.Kind.HOME, slug="home", title_en="Home", title_ja="ホーム", status=Status.PUBLISHED
    )
    landing = Page.objects.create(
        parent=home,
        kind=Page.Kind.LANDING,
        slug="organisations",
        title_en="For Organisations",
        title_ja="団体の皆さまへ",
        status=Status.PUBLISHED,
    )
    return home, landing


def dashboard_items(response):
    return {
        (str(group.name), str(item.obj), tuple(item.languages), item.url)
        for group in response.context["groups"]
        for item in group.items
    }


def test_the_dashboard_lists_exactly_the_published_items_missing_a_text(admin_client):
    home, landing = make_pages()
    Page.objects.create(
        parent=landing, kind=Page.Kind.CATEGORY, slug="pa", title_en="For Advisors", status=Status.PUBLISHED
    )
    Page.objects.create(parent=landing, kind=Page.Kind.CATEGORY, slug="draft", title_en="A draft", status=Status.DRAFT)
    Page.objects.create(
        parent=landing,
        kind=Page.Kind.CATEGORY,
        slug="companies",
        title_en="For Companies",
        title_ja="企業の皆さまへ",
        summary_ja="企業向けの案内です。",
        status=Status.PUBLISHED,
    )
    Quality.objects.create(text_en="Curious", text_ja="好奇心旺盛")
    only_japanese = Quality.objects.create(text_en="", text_ja="粘り強い")
    section = Section.objects.create(
        page=landing, kind="overview", heading_en="Overview", heading_ja="概要", intro_en="<p>Hello</p>"
    )

    response = admin_client.get("/admin/translations/")
    assert response.status_code == 200
    companies = Page.objects.get(slug="companies")
    advisors = Page.objects.get(slug="pa")
    assert dashboard_items(response) == {
        ("Pages", "For Advisors", ("Japanese",), f"/admin/pages/page/{advisors.pk}/change/"),
        ("Pages", "For Companies", ("English",), f"/admin/pages/page/{companies.pk}/change/"),
        (
            "Common qualities of participants",
            "粘り強い",
            ("English",),
            f"/admin/pages/quality/{only_japanese.pk}/change/",
        ),
        # A section has no admin of its own: the link opens its page, where it is edited.
        ("Page sections", "Overview", ("Japanese",), f"/admin/pages/page/{section.page_id}/change/"),
    }
    assert f'href="/admin/pages/page/{advisors.pk}/change/"' in response.text


def test_the_dashboard_makes_one_query_per_model(admin_client):
    home, landing = make_pages()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get("/admin/translations/").status_code == 200
        return len(queries)

    few = count()
    for number in range(10):
        Page.objects.create(
            parent=landing, kind=Page.Kind.CATEGORY, slug=f"p{number}", title_en=f"P{number}", status=Status.PUBLISHED
        )
        Quality.objects.create(text_en=f"Quality {number}")
    assert count() == few


def test_the_dashboard_is_for_staff_only(client):
    response = client.get("/admin/translations/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_index_links_to_the_dashboard(admin_client):
    assert 'href="/admin/translations/"' in admin_client.get("/admin/").text


def test_the_dashboard_in_japanese(admin_client, settings):
    make_pages()
    Quality.objects.create(text_en="Curious")
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    response = admin_client.get("/admin/translations/")
    assert "未翻訳の項目" in response.text
    assert "日本語" in response.text
