"""Site-wide behaviour: errors in the visitor's language, translations, settings, headers."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from PIL import Image

from jetportal.images import validate_image
from jetportal.richtext import sanitize_html

pytestmark = pytest.mark.django_db
REPOSITORY = Path(settings.BASE_DIR)


@pytest.mark.parametrize(("lang", "title"), [("en", "Page not found"), ("ja", "ページが見つかりません")])
def test_unknown_urls_give_the_translated_404_in_the_site_layout(client, demo, lang, title):
    response = client.get(f"/{lang}/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert f'<html lang="{lang}">' in html
    assert 'class="skip-link"' in html


@pytest.mark.parametrize(
    ("lang", "title"), [("en", "The form could not be sent"), ("ja", "フォームを送信できませんでした")]
)
def test_a_post_with_a_bad_csrf_token_gives_a_translated_403(demo, lang, title):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{lang}/organisations/", {"csrfmiddlewaretoken": "forged"})
    assert response.status_code == 403
    assert title in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/en/organisations/?%ff=%fe",
        "/en/organisations/" + "x" * 3000 + "/",
        "/en/%00/",
        "/en/organisations/%00/",
        "/en/updates/%00/",
        "/en/updates/?audience=%00",
        "/en/downloads/%00/",
        "/ja/organisations/%E3%81/",
        "/en/organisations/prefectural-advisors/../../",
        "/xx/organisations/",
    ],
)
def test_odd_requests_never_give_a_500(client, demo, path):
    response = client.get(path)
    assert response.status_code < 500


def test_compiled_japanese_catalogues_are_present():
    """Fails when a .mo is missing: each catalogue's known string must come back in Japanese."""
    with translation.override("ja"):
        assert translation.gettext("Skip to main content") == "本文へ移動"
        assert translation.gettext("Business hours") == "受付時間"


def test_security_headers_and_strict_csp(client, demo):
    response = client.get("/en/organisations/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_no_inline_script_or_style_in_public_pages(client, demo):
    html = client.get("/en/organisations/").content.decode()
    assert "<script>" not in html and " style=" not in html and "<style" not in html
    assert "youtube" not in html.split("<main", 1)[0]


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_qa(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /en/faq/" in text and "Disallow: /ja/faq/" in text


def _run_production_check(extra_env):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(DJANGO_SETTINGS_MODULE="jetportal.settings.production", **extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key_or_hosts():
    missing_key = _run_production_check({"ALLOWED_HOSTS": "jet.example"})
    assert missing_key.returncode != 0 and "DJANGO_SECRET_KEY" in missing_key.stderr
    missing_hosts = _run_production_check({"DJANGO_SECRET_KEY": "k" * 60 + "-Zq9!x"})
    assert missing_hosts.returncode != 0 and "ALLOWED_HOSTS" in missing_hosts.stderr


def test_production_settings_pass_the_deploy_check():
    result = _run_production_check(
        {"DJANGO_SECRET_KEY": os.urandom(40).hex() + "-Zq9!x", "ALLOWED_HOSTS": "jet.example"}
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_nothing_secret_is_committed():
    tracked = subprocess.run(["git", "ls-files"], cwd=REPOSITORY, capture_output=True, text=True).stdout.split()
    assert not [name for name in tracked if name.startswith(".local/") or name.endswith((".sqlite3", ".env"))]


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ('<p onclick="steal()">Hi</p>', "<p>Hi</p>"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ("<script>alert(1)</script><p>ok</p>", "<p>ok</p>"),
        ('<p class="MsoNormal" style="color:red"><b>Word</b></p>', "<p>Word</p>"),
        ("<h2>Title</h2><ul><li><em>a</em></li></ul>", "<h2>Title</h2><ul><li><em>a</em></li></ul>"),
        (
            '<a href="https://example.org/x">link</a>',
            '<a href="https://example.org/x" rel="noopener noreferrer">link</a>',
        ),
        ("<p></p>", ""),
    ],
)
def test_rich_text_is_sanitised_with_an_allow_list(dirty, clean):
    assert sanitize_html(dirty) == clean


def _upload(name, content):
    return SimpleUploadedFile(name, content)


def _png(size=(20, 10)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG")
    return buffer.getvalue()


def test_real_images_pass_validation():
    validate_image(_upload("photo.png", _png()))


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (_upload("photo.jpg", b"MZ\x90\x00 this is an executable"), "not_an_image"),
        (_upload("empty.png", b""), "empty"),
        (_upload("doc.png", b"%PDF-1.4 not an image"), "not_an_image"),
    ],
)
def test_fake_and_empty_images_are_refused(upload, code):
    with pytest.raises(ValidationError) as error:
        validate_image(upload)
    assert error.value.code == code


def test_decompression_bombs_and_oversized_images_are_refused(settings):
    settings.IMAGE_MAX_PIXELS = 100
    with pytest.raises(ValidationError) as error:
        validate_image(_upload("big.png", _png((20, 10))))
    assert error.value.code == "too_many_pixels"
    settings.IMAGE_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError) as error:
        validate_image(_upload("big.png", _png()))
    assert error.value.code == "too_large"


def test_image_messages_are_in_the_staff_language():
    with translation.override("ja"):
        with pytest.raises(ValidationError) as error:
            validate_image(_upload("fake.png", b"not an image at all"))
        assert "画像" in error.value.messages[0]


@pytest.mark.parametrize("path", ["/en/updates/?audience=%00", "/ja/faq/?x=a%00b", "/admin/pages/quality/?q=%00"])
def test_nul_bytes_get_a_translated_400(client, demo, admin_user, path):
    client.force_login(admin_user)
    response = client.get(path)
    assert response.status_code == 400
    if path.startswith("/ja/"):
        assert "不正なリクエスト" in response.content.decode()
