"""Japanese-first editing: every required text needs one language, not English in particular."""

import pytest
from django.urls import reverse
from test_admin_helpers import form_data

from documents.models import Document
from faq.models import Entry, Topic
from jetportal.content import Status
from pages.models import Page
from updates.models import Audience, Update
from updates.testing import admin_form

pytestmark = pytest.mark.django_db

JA = {"accept-language": "ja"}


def update_data(**overrides):
    values = {
        "title_ja": "年末年始の休業について",
        "summary_ja": "担当課は12月29日から1月3日まで休業します。",
        "body_ja": "<p>休業中のお問い合わせには1月5日以降に回答します。</p>",
    }
    return admin_form(**{**values, **overrides})


def test_a_japanese_only_update_saves_and_shows_with_the_fallback_notice(admin_client):
    response = admin_client.post(reverse("admin:updates_update_add"), update_data(), headers=JA)
    assert response.status_code == 302, response.context["adminform"].form.errors
    update = Update.objects.get()
    assert update.title_ja == "年末年始の休業について" and not update.title_en
    # No transliteration: a stable address made from the model and a digest of the title.
    assert update.slug.startswith("update-") and len(update.slug) == len("update-") + 8

    page = admin_client.get(f"/en/updates/{update.slug}/")
    assert page.status_code == 200
    assert '<h1 lang="ja">年末年始の休業について</h1>' in page.text
    assert "Not yet available in English: shown in Japanese." in page.text
    listing = admin_client.get("/en/updates/")
    assert "年末年始の休業について" in listing.text
    feed = admin_client.get("/en/updates/feed/")
    assert feed.status_code == 200 and "年末年始の休業について" in feed.text


def test_the_missing_translations_page_lists_a_japanese_only_item(admin_client):
    admin_client.post(reverse("admin:updates_update_add"), update_data(), headers=JA)
    update = Update.objects.get()
    response = admin_client.get(reverse("admin:translation_dashboard"), headers=JA)
    assert "年末年始の休業について" in response.text
    assert reverse("admin:updates_update_change", args=[update.pk]) in response.text


def test_a_text_in_neither_language_is_refused_in_the_staff_language(admin_client):
    response = admin_client.post(
        reverse("admin:updates_update_add"), update_data(title_ja="", summary_ja=""), headers=JA
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    # On the Japanese input, the one a Japanese-speaking editor types into.
    assert set(errors) == {"title_ja", "summary_ja"}
    assert "英語か日本語" in str(errors["title_ja"])
    assert 'value="' not in str(errors)
    assert not Update.objects.exists()


def test_the_slug_comes_from_the_english_title_when_there_is_one(admin_client):
    data = update_data(title_en="Year-end closure", summary_en="Closed for the holidays.")
    assert admin_client.post(reverse("admin:updates_update_add"), data).status_code == 302
    assert Update.objects.get().slug == "year-end-closure"


def test_the_same_japanese_title_twice_gets_two_addresses(admin_client):
    for _time in range(2):
        response = admin_client.post(reverse("admin:updates_update_add"), update_data(), headers=JA)
        assert response.status_code == 302
    first, second = Update.objects.order_by("pk")
    assert second.slug == f"{first.slug}-2"


def add(client, model, **changes):
    """Fill the admin's add form for ``model`` as rendered (in Japanese) and save it."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    response = client.post(url, form_data(client.get(url, headers=JA), **changes), headers=JA)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return model.objects.latest("pk")


def test_a_japanese_only_document_saves(admin_client):
    document = add(admin_client, Document, title_ja="任用団体向けハンドブック")
    assert document.slug.startswith("document-") and str(document) == "任用団体向けハンドブック"


def test_a_japanese_only_page_saves_and_shows_with_the_fallback_notice(admin_client):
    home = Page.objects.create(kind=Page.Kind.HOME, slug="home", title_en="Home", status=Status.PUBLISHED)
    page = add(
        admin_client,
        Page,
        title_ja="よくある手続き",
        parent=str(home.pk),
        kind=Page.Kind.STANDARD,
        body_ja="<p>手続きの一覧です。</p>",
        status=Status.PUBLISHED,
        publish_at_0="2026-01-05",
    )
    assert page.slug.startswith("page-") and page.path == f"{page.slug}/"
    shown = admin_client.get(f"/en/{page.path}")
    assert shown.status_code == 200
    assert "Not yet available in English: shown in Japanese." in shown.text


def test_a_japanese_only_topic_and_entry_save(admin_client):
    response = admin_client.post(
        reverse("admin:faq_topic_add"), {"name_en": "", "name_ja": "任用手続き", "slug": "", "order": "10"}, headers=JA
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    topic = Topic.objects.get()
    assert topic.slug.startswith("topic-")
    entry = Entry(topic=topic, question_ja="いつ申請しますか。", answer_ja="<p>十月です。</p>")
    entry.full_clean()


def test_a_japanese_only_audience_saves(admin_client):
    response = admin_client.post(
        reverse("admin:updates_audience_add"),
        {"name_en": "", "name_ja": "自治体", "slug": "", "order": "5"},
        headers=JA,
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Audience.objects.get(name_ja="自治体").slug.startswith("audience-")


def test_saves_outside_forms_still_get_an_address():
    update = Update(title_ja="お知らせ", summary_ja="概要", status=Status.DRAFT)
    update.save()
    assert update.slug.startswith("update-")
