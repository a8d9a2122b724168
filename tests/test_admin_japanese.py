"""The admin in Japanese speaks Japanese everywhere: a crawl of every admin page as a superuser.

The English interface strings are every msgid of every catalogue the project's apps ship
(Django's, django-axes', django-reversion's, ours), in any language. A Japanese admin page
fails if its visible text (or a title, label, placeholder or button) is one of them, unless
Django's own Japanese catalogue deliberately leaves that string in English. Text marked as
being in another language (lang="en", the language switch) is not interface text.
"""

import gettext as gettext_module
import re
from html.parser import HTMLParser
from pathlib import Path

import django
import pytest
import reversion
from django.apps import apps
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from reversion.models import Version

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")
ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
SKIPPED_ELEMENTS = {"script", "style", "textarea", "template"}
# Stored data that happens to equal an interface string: the Sites record's name (set from SITE_URL's site).
DATA = {"JET Programme"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _catalogue_files():
    roots = [Path(django.__file__).parent / "conf" / "locale"]
    roots += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    for root in roots:
        yield from root.glob("*/LC_MESSAGES/django.mo")


def english_interface_strings():
    """msgid → the pattern it shows as, for every msgid that Django's Japanese does not leave in English."""
    django_ja = gettext_module.GNUTranslations(
        open(Path(django.__file__).parent / "conf/locale/ja/LC_MESSAGES/django.mo", "rb")
    )
    msgids = set()
    for path in _catalogue_files():
        with open(path, "rb") as file:
            catalogue = gettext_module.GNUTranslations(file)._catalog
        for key in catalogue:
            msgid = key[0] if isinstance(key, tuple) else key
            msgids.add(msgid.split("\x04")[-1])
    exact = {" ".join(m.split()) for m in msgids if not PLACEHOLDER.search(m) and _usable(m, django_ja, 4)}
    parts = [
        ".+?".join(re.escape(part) for part in PLACEHOLDER.split(" ".join(m.split())))
        for m in msgids
        if PLACEHOLDER.search(m) and _usable(m, django_ja, 8)
    ]
    return exact, re.compile("|".join(f"(?:{part})" for part in parts)) if parts else None


def _usable(msgid, django_ja, letters):
    """A sentence or label (not an abbreviation, a format or placeholders only) that Django translates."""
    literal = PLACEHOLDER.sub("", " ".join(msgid.split()))
    if sum(ch.isalpha() for ch in literal) < letters or not re.search(r"[a-z]{2}", literal):
        return False
    if django_ja.gettext(msgid) == msgid and msgid in django_ja._catalog:
        return False
    return True


class VisibleText(HTMLParser):
    """Text nodes and labelling attributes, outside elements in another language."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, skipped)
        self.chunks = []

    def _skipped(self):
        return any(skipped for _tag, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other_language = attrs.get("lang") not in (None, "ja")
        skipped = tag in SKIPPED_ELEMENTS or other_language
        if not (skipped or self._skipped()):
            for name in ATTRIBUTES & set(attrs):
                self.chunks.append((attrs[name], f"<{tag} {name}>"))
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.chunks.append((attrs["value"], "<input value>"))
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._skipped():
            self.chunks.append((text, self.stack[-1][0] if self.stack else ""))


def english_on(html, exact, pattern):
    parser = VisibleText()
    parser.feed(html)
    found = []
    for text, where in parser.chunks:
        for candidate in {text, text.rstrip(":：").strip()}:
            if candidate in DATA:
                continue
            if candidate in exact or (pattern and pattern.fullmatch(candidate)):
                found.append(f"{where}: {text!r}")
    return found


def admin_pages(client):
    """Every kind of admin page, for every registered model, as a superuser sees them."""
    pages = ["/admin/", "/admin/translations/", "/admin/password_change/"]
    site = admin.site
    for model, model_admin in site._registry.items():
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        pages.append(reverse("admin:app_list", args=[opts.app_label]))
        pages.append(reverse(f"{name}_changelist"))
        if model_admin.has_add_permission(_request(client)):
            pages.append(reverse(f"{name}_add"))
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        pages.append(reverse(f"{name}_change", args=[obj.pk]))
        pages.append(reverse(f"{name}_history", args=[obj.pk]))
        if model_admin.has_delete_permission(_request(client), obj):
            pages.append(reverse(f"{name}_delete", args=[obj.pk]))
        version = Version.objects.get_for_object(obj).first() if reversion.is_registered(model) else None
        for view, args in [
            ("revision", [obj.pk, version.pk if version else 0]),
            ("compare", [obj.pk, version.pk if version else 0]),
            ("recoverlist", []),
        ]:
            if not reversion.is_registered(model):
                continue
            if view != "recoverlist" and version is None:
                continue
            try:
                pages.append(reverse(f"{name}_{view}", args=args))
            except NoReverseMatch:
                pass
    return list(dict.fromkeys(pages))


def _request(client):
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(is_superuser=True)
    return request


@pytest.fixture
def japanese_admin(admin_client, settings, demo):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    AccessAttempt.objects.create(
        username="someone", ip_address="127.0.0.1", user_agent="test", http_accept="*/*", path_info="/admin/login/",
        failures_since_start=2, get_data="", post_data="",
    )  # fmt: skip
    AccessLog.objects.create(
        username="admin", ip_address="127.0.0.1", user_agent="test", http_accept="*/*", path_info="/admin/login/"
    )
    AccessFailureLog.objects.create(
        username="someone", ip_address="127.0.0.1", user_agent="test", http_accept="*/*", path_info="/admin/login/"
    )
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    return admin_client


def test_every_admin_page_in_japanese_is_japanese(japanese_admin):
    exact, pattern = english_interface_strings()
    assert "Choose a date from the list below to recover a deleted version of an object." in exact
    problems = {}
    pages = admin_pages(japanese_admin)
    assert len(pages) > 80 and any("/compare/" in url for url in pages) and any("/recover/" in url for url in pages)
    for url in pages:
        response = japanese_admin.get(url, follow=True)
        assert response.status_code == 200, url
        found = english_on(response.content.decode(), exact, pattern)
        if found:
            problems[url] = found
    assert not problems, "\n".join(f"{url}: {found}" for url, found in problems.items())


def test_a_recover_page_and_change_messages_are_japanese(japanese_admin):
    from test_admin_helpers import form_data

    from pages.models import Quality

    quality = Quality.objects.order_by("pk").first()
    url = f"/admin/pages/quality/{quality.pk}/change/"
    assert (
        japanese_admin.post(url, form_data(japanese_admin.get(url), text_en="Changed", text_ja="変更")).status_code
        == 302
    )
    history = japanese_admin.get(f"/admin/pages/quality/{quality.pk}/history/").content.decode()
    assert "テキスト（英語）とテキスト（日本語）を変更しました。" in history
    assert "[en]" not in history and "Text" not in history
    japanese_admin.post(f"/admin/pages/quality/{quality.pk}/delete/", {"post": "yes"})
    version = Version.objects.get_deleted(Quality).first()
    exact, pattern = english_interface_strings()
    for page in ("/admin/pages/quality/recover/", f"/admin/pages/quality/recover/{version.pk}/"):
        html = japanese_admin.get(page).content.decode()
        assert not english_on(html, exact, pattern), page
    assert "削除された" in html and "復元" in html


def test_the_checker_catches_english():
    exact, pattern = english_interface_strings()
    assert english_on("<p>Recover deleted pages</p>", exact, pattern)
    assert english_on(
        '<a title="Choose a date">x</a><p>Press the save button below to revert to this version of the object.</p>',
        exact,
        pattern,
    )
    assert not english_on('<option lang="en">English</option><p>保存</p>', exact, pattern)


def test_the_sign_in_and_lockout_pages_are_japanese(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    exact, pattern = english_interface_strings()
    assert not english_on(client.get("/admin/login/").content.decode(), exact, pattern)
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post("/admin/login/", {"username": "someone", "password": "wrong"})
    html = response.content.decode()
    assert "ログインを一時的に停止しています" in html
    assert not english_on(html, exact, pattern)
