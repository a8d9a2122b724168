"""Staff side of the Q&A: the admin lists, the set-password form, the command and the demo loader."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from faq import demo as faq_demo
from faq.models import AccessSetting, Entry, Topic
from faq.testing import PASSWORD, make_content, set_password, unlock

NEW = "cherry-lantern-river-88"


@pytest.fixture
def entries(db):
    made = make_content()
    set_password()
    return made


def test_entry_list_shows_order_publication_and_translation_status(admin_client, entries):
    html = admin_client.get("/admin/faq/entry/").content.decode()
    assert "Who finds the flat?" in html
    assert "Japanese missing" in html
    assert "Complete" in html
    assert "Draft" in html and "Live on the site" in html
    assert "move-up" in html and "move-down" in html


def test_topic_list_counts_entries(admin_client, entries):
    html = admin_client.get("/admin/faq/topic/").content.decode()
    assert "Contracts" in html and "Money" in html
    assert '<td class="field-entry_count">2</td>' in html


def test_entries_move_within_their_topic(admin_client, entries):
    housing = entries["housing"]
    response = admin_client.post(f"/admin/faq/entry/{housing.pk}/move/up/")
    assert response.status_code == 302
    ordered = list(Entry.objects.filter(topic=housing.topic).order_by("order").values_list("pk", flat=True))
    assert ordered == [housing.pk, entries["renewal"].pk]
    # The other topic's entries are untouched.
    assert Entry.objects.get(pk=entries["tax"].pk).order == 1


def test_entry_form_has_both_languages_side_by_side(admin_client, entries):
    html = admin_client.get(f"/admin/faq/entry/{entries['renewal'].pk}/change/").content.decode()
    for name in ("question_en", "question_ja", "answer_en", "answer_ja"):
        assert f'name="{name}"' in html


def test_access_setting_never_shows_the_password_or_its_hash(admin_client, entries):
    response = admin_client.get("/admin/faq/accesssetting/")
    assert response.status_code == 302
    page = admin_client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    setting = AccessSetting.load()
    assert setting.password_hash not in html
    assert PASSWORD not in html
    assert 'name="unlock_hours"' in html
    assert "/admin/faq/accesssetting/set-password/" in html
    assert "add/" not in response["Location"]


def test_changing_the_unlock_time_keeps_the_password(admin_client, entries):
    setting = AccessSetting.load()
    admin_client.post("/admin/faq/accesssetting/1/change/", {"unlock_hours": "3"})
    after = AccessSetting.load()
    assert after.unlock_hours == 3
    assert after.password_hash == setting.password_hash
    assert after.version == setting.version


def test_set_password_form_checks_and_then_rotates(admin_client, entries):
    reader = Client()
    unlock(reader)
    url = "/admin/faq/accesssetting/set-password/"
    page = admin_client.get(url)
    assert page.status_code == 200
    assert {"private", "no-store"} <= {part.strip() for part in page["Cache-Control"].split(",")}
    html = page.content.decode()
    assert 'type="password"' in html and 'name="password1"' in html and 'name="password2"' in html
    assert 'value="' + PASSWORD not in html

    mismatch = admin_client.post(url, {"password1": NEW, "password2": NEW + "x"})
    assert "The two passwords are not the same." in mismatch.content.decode()
    weak = admin_client.post(url, {"password1": "12345", "password2": "12345"})
    assert weak.status_code == 200
    assert "too short" in weak.content.decode()
    assert AccessSetting.load().check_password(PASSWORD)
    assert reader.get("/en/faq/english/").status_code == 200

    done = admin_client.post(url, {"password1": NEW, "password2": NEW})
    assert done.status_code == 302
    setting = AccessSetting.load()
    assert setting.check_password(NEW) and not setting.check_password(PASSWORD)
    assert reader.get("/en/faq/english/").status_code == 302
    assert NEW not in admin_client.get(done["Location"]).content.decode()


def test_a_short_password_can_be_accepted_on_purpose(admin_client, entries):
    url = "/admin/faq/accesssetting/set-password/"
    admin_client.post(url, {"password1": "jet2026", "password2": "jet2026", "skip_validation": "on"})
    assert AccessSetting.load().check_password("jet2026")


def test_set_password_needs_change_permission(client, django_user_model, entries):
    staff = django_user_model.objects.create_user("viewer", password="viewer-pass-12345", is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/faq/accesssetting/set-password/").status_code == 403


def test_the_command_reads_the_new_password_from_standard_input(entries):
    reader = Client()
    unlock(reader)
    out = io.StringIO()
    call_command("set_faq_password", stdin=io.StringIO(NEW + "\n"), stdout=out)
    assert "changed" in out.getvalue()
    assert NEW not in out.getvalue()
    assert AccessSetting.load().check_password(NEW)
    assert reader.get("/en/faq/english/").status_code == 302


@pytest.mark.parametrize(
    ("stdin", "options", "message"),
    [
        ("\n", {}, "empty"),
        ("", {}, "empty"),
        ("short\n", {}, "too short"),
        ("x" * 300 + "\n", {}, "longer than"),
    ],
)
def test_the_command_refuses_bad_input_and_changes_nothing(entries, stdin, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("set_faq_password", stdin=io.StringIO(stdin), stdout=io.StringIO(), **options)
    assert AccessSetting.load().check_password(PASSWORD)


def test_the_command_can_skip_validation(entries):
    call_command("set_faq_password", "--skip-validation", stdin=io.StringIO("short\n"), stdout=io.StringIO())
    assert AccessSetting.load().check_password("short")


def load_demo_reports():
    lines = []
    faq_demo.load(lambda what, value: lines.append((what, value)))
    return dict(lines)


def test_the_demo_has_real_topics_entries_and_one_time_password(db):
    first = load_demo_reports()
    password = first["Q&A password (shown once)"]
    assert len(password) >= 16
    assert AccessSetting.load().check_password(password)
    assert Topic.objects.count() >= 6
    assert 28 <= Entry.objects.published().count() <= 35
    missing_ja = [entry for entry in Entry.objects.all() if not entry.answer_ja]
    assert 1 <= len(missing_ja) <= 2
    for entry in Entry.objects.all():
        assert entry.question_en and entry.question_ja and entry.answer_en
    text = " ".join(entry.question_ja + entry.answer_ja for entry in Entry.objects.all())
    for term in ("任用団体", "外国語指導助手（ALT）", "クレア"):
        assert term in text

    again = load_demo_reports()
    assert "Q&A password (shown once)" not in again
    assert "set_faq_password" in again["Q&A password"]
    assert again["Q&A entries added"] == 0
    assert AccessSetting.load().check_password(password)


def test_every_fresh_install_gets_its_own_password(db):
    first = load_demo_reports()["Q&A password (shown once)"]
    AccessSetting.objects.all().delete()
    second = load_demo_reports()["Q&A password (shown once)"]
    assert first != second


def test_the_demo_never_overwrites_staff_edits(db):
    load_demo_reports()
    entry = Entry.objects.first()
    entry.question_en = "Edited by staff?"
    entry.save()
    Entry.objects.filter(topic__slug="leave").delete()
    load_demo_reports()
    assert Entry.objects.filter(question_en="Edited by staff?").count() == 1
    # A topic whose entries staff removed gets the demo entries back only if it is empty.
    assert Entry.objects.filter(topic__slug="leave").exists()


def test_the_password_is_not_in_the_repository():
    from pathlib import Path

    source = Path(faq_demo.__file__).read_text()
    assert "secrets.token_urlsafe" in source
    assert not re.search(r"set_password\([\"']", source)
