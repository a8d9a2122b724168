"""Staff work on updates in the admin: bad uploads are refused without losing the item, changes are noted."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from jetportal.content import Status
from updates.models import Update
from updates.testing import audiences, make_update

pytestmark = pytest.mark.django_db


def png_bytes(size=(1600, 900)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (18, 54, 107)).save(buffer, format="PNG")
    return buffer.getvalue()


def form_data(**overrides):
    by_slug = audiences()
    data = {
        "title_en": "Handbook revised for the new year",
        "title_ja": "ハンドブックを改訂しました",
        "slug": "handbook-revised",
        "date": "2026-04-01",
        "audiences": [by_slug["organisations"].pk, by_slug["current-jets"].pk],
        "summary_en": "What changed in the handbook this year.",
        "summary_ja": "今年度のハンドブックの変更点です。",
        "body_en": "<p>Three chapters were rewritten.</p>",
        "body_ja": "<p>三つの章を書き直しました。</p>",
        "image_alt_en": "A blue picture",
        "image_alt_ja": "青い画像",
        "link": "",
        "link_text_en": "",
        "link_text_ja": "",
        "deadline": "",
        "status": Status.PUBLISHED,
        "publish_at_0": "2026-04-01",
        "publish_at_1": "09:00:00",
        "pinned": "on",
    }
    data.update(overrides)
    return data


ADD_URL = reverse("admin:updates_update_add")


def test_a_fake_image_is_refused_and_nothing_typed_is_lost(admin_client):
    fake = SimpleUploadedFile("photo.jpg", b"this is text pretending to be a JPEG", content_type="image/jpeg")
    response = admin_client.post(ADD_URL, form_data(image=fake))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "image" in form.errors
    assert "image" in str(form.errors["image"]).lower()
    assert not Update.objects.exists()
    # The rest of the item is shown again, ready to save once a real image (or none) is chosen.
    assert 'value="Handbook revised for the new year"' in response.text
    assert 'value="ハンドブックを改訂しました"' in response.text
    assert "What changed in the handbook this year." in response.text
    assert 'value="handbook-revised"' in response.text


def test_a_too_large_image_is_refused_with_the_limit(admin_client, settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 2_000
    upload = SimpleUploadedFile("big.png", png_bytes(), content_type="image/png")
    response = admin_client.post(ADD_URL, form_data(image=upload))
    assert response.status_code == 200
    message = str(response.context["adminform"].form.errors["image"])
    assert "the limit is" in message
    assert 'value="Handbook revised for the new year"' in response.text
    assert not Update.objects.exists()


def test_a_fake_image_message_is_in_japanese_for_japanese_staff(admin_client):
    fake = SimpleUploadedFile("photo.png", b"not a picture", content_type="image/png")
    response = admin_client.post(ADD_URL, form_data(image=fake), headers={"accept-language": "ja"})
    assert response.status_code == 200
    assert "画像" in str(response.context["adminform"].form.errors["image"])


def test_a_real_image_is_stored_resized_in_two_sizes(admin_client):
    upload = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    response = admin_client.post(ADD_URL, form_data(image=upload))
    assert response.status_code == 302, response.context["adminform"].form.errors
    update = Update.objects.get(slug="handbook-revised")
    assert (update.image_width, update.image_height) == (960, 540)
    assert (update.card_image_width, update.card_image_height) == (480, 270)
    assert update.image.name.endswith(".webp") and "photo" not in update.image.name
    assert {a.slug for a in update.audiences.all()} == {"organisations", "current-jets"}
    assert update.pinned and update.is_public


def test_at_least_one_audience_is_required(admin_client):
    response = admin_client.post(ADD_URL, form_data(audiences=[]))
    assert response.status_code == 200
    assert "audiences" in response.context["adminform"].form.errors


def test_an_image_needs_a_description(admin_client):
    upload = SimpleUploadedFile("photo.png", png_bytes((320, 180)), content_type="image/png")
    response = admin_client.post(ADD_URL, form_data(image=upload, image_alt_en="", image_alt_ja=""))
    assert response.status_code == 200
    assert "image_alt_en" in response.context["adminform"].form.errors


def test_feed_is_not_a_usable_slug(admin_client):
    response = admin_client.post(ADD_URL, form_data(slug="feed"))
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors


def change_data(update, **overrides):
    values = {
        "slug": update.slug,
        "change_note_en": "",
        "change_note_ja": "",
        "publish_at_0": update.publish_at.strftime("%Y-%m-%d"),
        "publish_at_1": update.publish_at.strftime("%H:%M:%S"),
    }
    return form_data(**{**values, **overrides})


def test_significant_change_needs_a_note_and_then_shows_the_updated_badge(admin_client, client):
    update = make_update(slug="handbook-revised", publish_at=datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC))
    url = reverse("admin:updates_update_change", args=[update.pk])

    response = admin_client.post(url, change_data(update, significant_change="on"))
    assert response.status_code == 200
    assert "change_note_en" in response.context["adminform"].form.errors

    response = admin_client.post(
        url,
        change_data(
            update,
            significant_change="on",
            change_note_en="Chapter 3 was added.",
            change_note_ja="第3章を追加しました。",
        ),
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.significant_change_at is not None and update.is_updated
    page = client.get(update.get_absolute_url()).text
    assert "badge--updated" in page and "Chapter 3 was added." in page


def test_a_minor_edit_does_not_mark_the_item_updated(admin_client):
    update = make_update(slug="handbook-revised")
    url = reverse("admin:updates_update_change", args=[update.pk])
    response = admin_client.post(url, change_data(update, title_en="Handbook revised (typo fixed)"))
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.significant_change_at is None and not update.is_updated


def test_change_list_shows_state_audiences_and_translation_with_constant_queries(admin_client):
    url = reverse("admin:updates_update_changelist")
    for index in range(5):
        make_update(slug=f"a-{index}", audience_slugs=["organisations", "former-jets"])
    admin_client.get(url)
    with CaptureQueriesContext(connection) as five:
        response = admin_client.get(url)
    assert response.status_code == 200
    for index in range(45):
        make_update(slug=f"b-{index}", audience_slugs=["current-jets"], title_ja="" if index % 2 else "題名")
    with CaptureQueriesContext(connection) as fifty:
        response = admin_client.get(url)
    assert len(five) == len(fifty)
    assert "Former JETs" in response.text and "Japanese missing" in response.text
    assert "Live on the site" in response.text


@pytest.mark.parametrize(
    "query",
    [
        "state=draft",
        "state=scheduled",
        "state=live",
        "status=draft",
        "audiences__id__exact=1",
        "date__year=2026",
        "q=handbook",
    ],
)
def test_change_list_filters_and_search(admin_client, query):
    make_update(slug="handbook-revised", title_en="Handbook revised")
    make_update(slug="later", status=Status.DRAFT)
    response = admin_client.get(reverse("admin:updates_update_changelist") + "?" + query)
    assert response.status_code == 200


def test_view_on_site_goes_to_the_detail_page_even_for_a_draft(admin_client):
    update = make_update(slug="draft-item", status=Status.DRAFT)
    response = admin_client.get(reverse("admin:updates_update_change", args=[update.pk]))
    assert response.status_code == 200
    assert update.get_absolute_url() == "/en/updates/draft-item/"
    preview = admin_client.get(update.get_absolute_url())
    assert preview.status_code == 200 and preview.context["is_preview"]
