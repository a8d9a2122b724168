"""Bad input in the admin: clear messages on the right field, in the staff's language, nothing lost."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from test_admin_helpers import form_data

from pages.models import ContactDivision, ParticipantCategory, Video

pytestmark = pytest.mark.django_db


def png(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("picture.png", buffer.getvalue(), content_type="image/png")


def change_url(obj):
    return f"/admin/pages/{obj._meta.model_name}/{obj.pk}/change/"


def post_change(client, obj, files=None, **changes):
    response = client.get(change_url(obj))
    data = form_data(response, **changes)
    data.update(files or {})
    return client.post(change_url(obj), data)


def errors(response):
    return {name: [str(e) for e in errs] for name, errs in response.context["adminform"].form.errors.items()}


def test_a_wrong_youtube_id_is_refused_and_the_rest_is_kept(admin_client, demo):
    video = Video.objects.first()
    response = post_change(admin_client, video, youtube_id="not a video", title_en="A new title typed by staff")
    assert response.status_code == 200
    assert "YouTube video id is 11 letters" in errors(response)["youtube_id"][0]
    assert 'value="A new title typed by staff"' in response.text
    video.refresh_from_db()
    assert video.title_en != "A new title typed by staff"


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "This file is not an image that can be read"), ("ja", "このファイルは読み込める画像ではありません")],
)
def test_a_file_that_is_not_an_image_is_refused_in_the_staff_language(admin_client, settings, demo, lang, message):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    category = ParticipantCategory.objects.first()
    old_image = category.image.name
    fake = SimpleUploadedFile("photo.png", b"this is a text file, not a picture", content_type="image/png")
    response = post_change(admin_client, category, files={"image": fake}, name_en="Renamed while uploading")
    assert response.status_code == 200
    assert any(message in error for error in errors(response)["image"])
    assert 'value="Renamed while uploading"' in response.text
    category.refresh_from_db()
    assert category.image.name == old_image


def test_closing_before_opening_is_refused(admin_client, demo):
    division = ContactDivision.objects.first()
    response = post_change(admin_client, division, opens_at="17:45", closes_at="09:00", phone="03-1234-5678")
    assert response.status_code == 200
    assert "closing time must be after the opening time" in errors(response)["closes_at"][0]
    assert 'value="03-1234-5678"' in response.text


def test_a_picture_without_a_description_is_decorative(admin_client, client, demo):
    category = ParticipantCategory.objects.first()
    response = post_change(admin_client, category, image_alt_en="", image_alt_ja="")
    assert response.status_code == 302
    html = client.get("/en/organisations/").content.decode()
    assert re.search(r'<img class="participant-category__image" src="[^"]+" alt="" ', html)
    response = post_change(admin_client, category, image_alt_en="", image_alt_ja="三人の参加者のイラスト。")
    assert response.status_code == 302
    html = client.get("/ja/organisations/").content.decode()
    assert 'alt="三人の参加者のイラスト。"' in html


def test_a_new_image_is_saved_resized_and_previewed(admin_client, demo):
    category = ParticipantCategory.objects.first()
    response = post_change(admin_client, category, files={"image": png((1200, 900))})
    assert response.status_code == 302
    category.refresh_from_db()
    assert (category.image_width, category.image_height) == (640, 480)
    response = admin_client.get(change_url(category))
    assert f'src="{category.image.url}"' in response.text
    assert 'class="admin-image-preview" width="240" height="180"' in response.text


def test_no_preview_without_an_image(admin_client):
    response = admin_client.get("/admin/pages/participantcategory/add/")
    assert response.status_code == 200
    assert "admin-image-preview" not in response.text


def test_the_rich_text_editor_assets_load(admin_client, demo):
    category = ParticipantCategory.objects.first()
    response = admin_client.get(change_url(category))
    assets = [part.split('"')[0] for part in response.text.split('src="/static/')[1:]]
    assets += [part.split('"')[0] for part in response.text.split('href="/static/')[1:]]
    prose = [asset for asset in assets if "prose" in asset]
    assert prose
    for asset in prose:
        assert admin_client.get(f"/static/{asset}").status_code == 200
