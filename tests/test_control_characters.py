"""Control characters typed or pasted into the admin are removed on save; feeds never fail on one."""

import pytest
from django.urls import reverse

from documents.models import ProgrammeStatistic
from faq.models import Entry, Topic
from jetportal.text import clean_text
from pages.models import ContactDivision, Quality
from updates.models import Update
from updates.testing import admin_form, make_update

pytestmark = pytest.mark.django_db

# Word's Shift+Enter (U+000B), a form feed, a NUL-adjacent byte, DEL and a C1 control.
DIRT = "\x0b\x0c\x01\x7f\x85"


def test_clean_text_keeps_tabs_and_newlines_and_removes_the_rest():
    assert clean_text(f"A{DIRT}B\tC\nD\r\nE\rF\ufffe") == "AB\tC\nD\nE\nF"
    assert clean_text(None) is None


def test_a_control_character_typed_in_the_admin_is_removed_and_the_feeds_work(admin_client):
    data = admin_form(
        title_en="Handbook\x0brevised",
        title_ja="ハンドブック\x0bを改訂",
        summary_en="Line one\x0bline two\r\nline three",
        summary_ja="概要\x01です",
        body_en="<p>Body\x0btext</p>",
        link="https://example.org/handbook",
        link_text_en="Read\x0bmore",
    )
    response = admin_client.post(reverse("admin:updates_update_add"), data, headers={"accept-language": "ja"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    update = Update.objects.get()
    assert update.title_en == "Handbookrevised" and update.title_ja == "ハンドブックを改訂"
    assert update.summary_en == "Line oneline two\nline three"
    assert update.summary_ja == "概要です"
    assert update.body_en == "<p>Bodytext</p>"
    assert update.link_text_en == "Readmore"
    for url in ("/en/updates/feed/", "/ja/updates/feed/", "/en/updates/feed/organisations/"):
        feed = admin_client.get(url)
        assert feed.status_code == 200, url
    assert "Handbookrevised" in admin_client.get("/en/updates/feed/").text


def test_rows_saved_before_the_fix_do_not_break_the_feeds(client):
    update = make_update(slug="old-row")
    # As a row written before cleaning existed (or by a bulk update, which skips save()).
    Update.objects.filter(pk=update.pk).update(title_en="Old\x0btitle", summary_en="Old\x01\x1fsummary")
    for lang in ("en", "ja"):
        assert client.get(f"/{lang}/updates/feed/").status_code == 200
        assert client.get(f"/{lang}/updates/feed/organisations/").status_code == 200
        assert client.get(f"/{lang}/updates/old-row/").status_code == 200
    text = client.get("/en/updates/feed/").text
    assert "Oldtitle" in text and "Oldsummary" in text


def test_every_kind_of_content_is_cleaned_on_save():
    quality = Quality.objects.create(text_en="Curious\x0b", text_ja="好奇心\x0c")
    division = ContactDivision.objects.create(
        name_en="Coordination\x0bDivision",
        summary_en="Contracts",
        duties_en="Placement\r\nVisas\x0b",
        opens_at="09:00",
        closes_at="17:45",
    )
    topic = Topic.objects.create(name_en="Applying\x0b")
    entry = Entry.objects.create(topic=topic, question_ja="いつ\x0bですか", answer_en="<p>In\x0bOctober</p>")
    statistic = ProgrammeStatistic.objects.create(fiscal_year=2025, participants=5933, source_note_en="CLAIR\x0b")
    for obj in (quality, division, topic, entry, statistic):
        obj.refresh_from_db()
    assert (quality.text_en, quality.text_ja) == ("Curious", "好奇心")
    assert division.name_en == "CoordinationDivision" and division.duties_en == "Placement\nVisas"
    assert topic.name_en == "Applying" and topic.slug == "applying"
    assert entry.question_ja == "いつですか" and entry.answer_en == "<p>InOctober</p>"
    assert "\x0b" not in entry.search_text
    assert statistic.source_note_en == "CLAIR"


def test_a_text_of_control_characters_only_counts_as_empty(admin_client):
    response = admin_client.post(
        reverse("admin:pages_quality_add"), {"text_en": "\x0b\x01", "text_ja": "", "order": "1"}
    )
    assert response.status_code == 200
    assert "text_en" in response.context["adminform"].form.errors
    assert not Quality.objects.exists()
