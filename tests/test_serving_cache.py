"""The public page cache: keys, validators, compression, every visitor, retirement, faults."""

import difflib
import gzip
import os
import subprocess
import sys
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from servers import REDIS_SERVER, ROOT, redis_server, resubmit_admin_form, wait_until

from documents.models import Document
from faq.testing import set_password, unlock
from jetportal import shared_cache, staff_hint
from jetportal.cache import process_entries
from jetportal.settings.base import _cache_from_url
from updates.models import Audience, Update
from updates.testing import make_update

pytestmark = pytest.mark.django_db


def page_keys():
    """The page entries in the suite's cache: this process's local memory, or CI's Redis."""
    store = cache._cache
    keys = store.keys() if isinstance(store, dict) else [key.decode() for key in store.get_client().keys("*")]
    return [key for key in keys if ":public-pages:" in key and not key.endswith(":generation")]


def test_made_up_query_parameters_make_no_entries_and_never_reach_the_page(client, demo):
    for number in range(300):
        response = client.get(f"/en/organisations/?utm_source=tag{number}z&fbclid={number}")
        assert response.status_code == 200
        assert f"tag{number}z" not in response.content.decode()
    assert len(page_keys()) == 1


def test_declared_parameters_make_their_own_entries(client, demo):
    audience = Audience.objects.first()
    for _ in range(3):
        assert client.get("/en/updates/?page=1&utm=a").status_code == 200
        assert client.get(f"/en/updates/?audience={audience.slug}").status_code == 200
        assert client.get("/en/updates/").status_code == 200
    assert len(page_keys()) == 3


def test_cached_pages_are_compressed_with_validators_and_answer_304(client, demo):
    first = client.get("/en/organisations/", headers={"accept-encoding": "gzip, br"})
    assert first.status_code == 200 and first["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in first["Vary"]
    html = gzip.decompress(first.content).decode()
    assert "<html" in html
    assert len(first.content) < len(html.encode()) / 2
    assert first["ETag"] and first["Last-Modified"]
    again = client.get("/en/organisations/", headers={"accept-encoding": "gzip", "if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    plain = client.get("/en/organisations/")
    assert "Content-Encoding" not in plain and plain["ETag"] != first["ETag"]
    assert plain.content.decode() == html
    since = client.get("/en/organisations/", headers={"if-modified-since": plain["Last-Modified"]})
    assert since.status_code == 304
    # Hits build their headers once per entry: each hit gets them all, and its own copy.
    repeat = client.get("/en/organisations/")
    assert repeat.items() == plain.items() and repeat.headers is not plain.headers
    assert repeat["Content-Length"] == str(len(html.encode())) and repeat["Content-Language"] == "en"
    # The preconditions of a conditional GET other than the two above (RFC 9110, 13.1).
    assert client.get("/en/organisations/", headers={"if-match": '"someone-else"'}).status_code == 412
    assert client.get("/en/organisations/", headers={"if-match": plain["ETag"]}).status_code == 200
    long_ago = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert client.get("/en/organisations/", headers={"if-unmodified-since": long_ago}).status_code == 412
    # The validators change with the content.
    Update.objects.filter(pk=Update.objects.first().pk).update(title_en="A title nobody has seen")
    assert client.get("/en/organisations/", headers={"if-none-match": plain["ETag"]}).status_code == 200


def test_rendered_pages_are_compressed_too(admin_client, demo):
    response = admin_client.get("/en/organisations/", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_visitor_with_a_session_gets_the_cached_page_without_queries(client, admin_client, demo):
    anonymous = client.get("/ja/organisations/")
    assert anonymous.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        personal = admin_client.get("/ja/organisations/")
    assert personal.status_code == 200
    # The same page; only the personal slots differ (staff get an "Edit in admin" link).
    public, mine = anonymous.content.decode().splitlines(), personal.content.decode().splitlines()
    changes = [line for line in difflib.ndiff(public, mine) if line[:1] in "+-" and line[1:].strip()]
    assert all(line.startswith("+") and "/admin/" in line for line in changes), changes
    # The session and the signed-in user only; no content query.
    assert len(queries) <= 3, [query["sql"] for query in queries]
    assert "private" in personal["Cache-Control"]


def test_a_session_seen_without_staff_gets_the_stored_page_without_reading_the_session(client, demo):
    anonymous = Client().get("/en/organisations/", headers={"accept-encoding": "gzip"})
    set_password()
    unlock(client)  # an organisation's Q&A unlock: a session, nobody signed in
    first = client.get("/en/organisations/", headers={"accept-encoding": "gzip"})
    assert staff_hint.COOKIE_NAME in first.cookies  # the session was read once: no staff in it
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/en/organisations/", headers={"accept-encoding": "gzip"})
    assert len(queries) == 0, [query["sql"] for query in queries]
    # The stored page itself: the same compressed bytes and validators as anonymous visitors get.
    assert again["Content-Encoding"] == "gzip" and again.content == anonymous.content
    assert again["ETag"] == anonymous["ETag"] and "private" in again["Cache-Control"]
    repeat = {"if-none-match": again["ETag"], "accept-encoding": "gzip"}
    assert client.get("/en/organisations/", headers=repeat).status_code == 304


def test_a_hint_is_trusted_for_a_while_only(client, demo, monkeypatch):
    editor = get_user_model().objects.create_user("kenji", password="x" * 20, is_staff=False)
    client.force_login(editor)  # a user without staff rights: the page learns "not staff"
    client.get("/en/organisations/")
    assert staff_hint.COOKIE_NAME in client.cookies
    editor.is_staff = editor.is_superuser = True
    editor.save()
    # Within the hint's time the slot is not looked at again (the admin itself always checks) ...
    assert "/admin/pages/page/" not in client.get("/en/organisations/").text
    # ... and once it is over, the page looks again and shows the new editor their link.
    monkeypatch.setattr(staff_hint, "HINT_SECONDS", -1)
    assert "/admin/pages/page/" in client.get("/en/organisations/").text


def test_a_personal_page_is_one_gzip_stream_of_the_stored_pieces_and_the_slot(admin_client, demo):
    Client().get("/ja/organisations/")  # stored by an anonymous visit
    plain = admin_client.get("/ja/organisations/")
    packed = admin_client.get("/ja/organisations/", headers={"accept-encoding": "gzip"})
    assert "/admin/pages/page/" in plain.text and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert "Accept-Encoding" in packed["Vary"] and "no-store" in packed["Cache-Control"]


def test_the_hint_never_hides_the_link_from_staff(client, demo):
    Client().get("/en/organisations/")  # stored by an anonymous visit
    set_password()
    unlock(client)
    client.get("/en/organisations/")
    hint = client.cookies[staff_hint.COOKIE_NAME].value
    edit = "/admin/pages/page/"
    # Signing in gives the session a new key: the old hint no longer matches, the slot looks again.
    client.force_login(get_user_model().objects.create_superuser("boss", password="x" * 20))
    assert client.cookies[staff_hint.COOKIE_NAME].value == hint
    assert edit in client.get("/en/organisations/").text
    # A made-up hint for this session is refused: its signature does not match.
    client.cookies[staff_hint.COOKIE_NAME] = "forged:" + hint.split(":")[-1]
    assert edit in client.get("/en/organisations/").text
    # Staff are looked at once in a while, not on every page; signing out forgets them at once.
    with CaptureQueriesContext(connection) as queries:
        assert edit in client.get("/en/organisations/").text
    assert len(queries) == 0, [query["sql"] for query in queries]
    client.logout()
    assert edit not in client.get("/en/organisations/").text


@pytest.mark.django_db(transaction=True)
def test_after_a_retirement_each_page_is_rendered_once_per_process(demo):
    Client().get("/en/organisations/")
    renders = []

    def count(sender, template, **kwargs):
        if template.name == "pages/landing.html":
            renders.append(template.name)

    template_rendered.connect(count)
    try:
        Update.objects.filter(pk=Update.objects.first().pk).update(title_en="Retire them all")
        answers = []
        barrier = threading.Barrier(8)

        def visit():
            barrier.wait()
            answers.append(Client().get("/en/organisations/").status_code)
            connection.close()  # this thread's own connection

        threads = [threading.Thread(target=visit) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        template_rendered.disconnect(count)
    assert answers == [200] * 8
    assert len(renders) == 1


def test_bulk_writes_and_many_to_many_changes_retire_the_pages(client, demo):
    update = make_update(title_en="Before the bulk write")
    assert "Before the bulk write" in client.get("/en/updates/").content.decode()
    Update.objects.filter(pk=update.pk).update(title_en="After the bulk write")
    assert "After the bulk write" in client.get("/en/updates/").content.decode()
    audience = Audience.objects.exclude(pk__in=update.audiences.all()).first()
    assert "After the bulk write" not in client.get(f"/en/updates/?audience={audience.slug}").content.decode()
    update.audiences.add(audience)
    assert "After the bulk write" in client.get(f"/en/updates/?audience={audience.slug}").content.decode()
    update.title_en = "After bulk_update"
    Update.objects.bulk_update([update], ["title_en"])
    assert "After bulk_update" in client.get("/en/updates/").content.decode()


def test_a_download_or_a_wrong_password_does_not_retire_the_pages(client, demo):
    client.get("/en/organisations/")
    before = shared_cache.generation()
    document = Document.objects.first()
    Document.objects.count_download(document.pk)
    client.post("/en/faq/unlock/", {"password": "wrong wrong wrong"})
    assert shared_cache.generation() == before


@pytest.mark.django_db(transaction=True)
def test_a_page_rendered_between_a_save_and_its_commit_is_not_kept(demo):
    update = make_update(title_en="The old title")
    visitor = Client()
    assert "The old title" in visitor.get("/en/updates/").content.decode()
    with transaction.atomic():
        Update.objects.filter(pk=update.pk).update(title_en="The new title")
        update.refresh_from_db()
        update.save()
        # Another visitor's request, on another connection, renders the committed (old) rows.
        seen = []

        def visit():
            seen.append(Client().get("/en/updates/").content.decode())
            connection.close()  # this thread's own connection

        thread = threading.Thread(target=visit)
        thread.start()
        thread.join()
        assert "The old title" in seen[0]
    assert "The new title" in visitor.get("/en/updates/").content.decode()


def _visit_on_another_connection(path):
    seen = []

    def visit():
        seen.append(Client().get(path).content.decode())
        connection.close()  # this thread's own connection

    thread = threading.Thread(target=visit)
    thread.start()
    thread.join()
    return seen[0]


@pytest.mark.django_db(transaction=True)
def test_a_transaction_retires_the_pages_at_its_commit_once_however_many_rows_it_writes(demo, monkeypatch):
    retirements = []
    retire_all = shared_cache.retire_all
    monkeypatch.setattr(shared_cache, "retire_all", lambda: retirements.append(1) or retire_all())
    with transaction.atomic():
        for number in range(5):
            make_update(title_en=f"Written together {number}")
        written = len(retirements)
    assert len(retirements) == written + 1  # at the commit, once
    retirements.clear()
    Update.objects.filter(title_en="Written together 0").update(title_en="Written alone")
    assert len(retirements) == 1  # outside a transaction: at once, and not a second time


@pytest.mark.django_db(transaction=True)
def test_a_retirement_dropped_with_a_rolled_back_savepoint_is_arranged_again(demo):
    update = make_update(title_en="The old title")
    assert "The old title" in Client().get("/en/updates/").content.decode()
    with transaction.atomic():
        try:
            with transaction.atomic():
                make_update(title_en="Never committed")
                raise RuntimeError("the editor's save fails half way")
        except RuntimeError:
            pass
        Update.objects.filter(pk=update.pk).update(title_en="The new title")
        # A visitor on another connection renders the committed (old) rows and stores them.
        assert "The old title" in _visit_on_another_connection("/en/updates/")
    page = Client().get("/en/updates/").content.decode()
    assert "The new title" in page and "Never committed" not in page


def _point_cache_at(settings, url):
    settings.CACHES = {"default": {**_cache_from_url(url), "KEY_PREFIX": "jetportal-test"}}
    shared_cache.breaker.reset()


@pytest.fixture
def redis(settings, tmp_path, monkeypatch):
    """The suite's cache pointed at a redis-server of this test's own."""
    if REDIS_SERVER is None:
        pytest.fail("redis-server is not installed (Debian package redis-server)")
    monkeypatch.setattr(shared_cache, "BREAKER_SECONDS", 0.5)
    with redis_server(tmp_path) as server:
        _point_cache_at(settings, server.url)
        process_entries.clear()
        yield server
    shared_cache.breaker.reset()
    process_entries.clear()


def test_made_up_query_parameters_make_a_handful_of_entries_in_redis(client, demo, redis):
    for number in range(300):
        path = ("/en/organisations/", "/ja/updates/", "/en/updates/feed/")[number % 3]
        response = client.get(f"{path}?utm_source=x{number}&page=1&ref={number}")
        assert response.status_code == 200
    keys = [key.decode() for key in redis.client().keys("*")]
    pages = [key for key in keys if "public-pages:" in key and not key.endswith("generation")]
    assert 1 <= len(pages) <= 3, keys


def timed_get(client, path):
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def test_redis_killed_or_paused_never_stops_pages_or_saves_and_nothing_stale_returns(client, admin_client, demo, redis):
    update = make_update(title_en="First title")
    url = reverse("admin:updates_update_change", args=[update.pk])
    assert "First title" in client.get("/en/updates/").content.decode()
    assert len(redis.client().keys("*public-pages*")) >= 2

    redis.kill()
    for path in ("/en/updates/", "/ja/organisations/", "/en/no/such/page/"):
        response, seconds = timed_get(client, path)
        assert response.status_code == (404 if "no/such" in path else 200) and seconds < 1
    response = resubmit_admin_form(admin_client, url, title_en="Saved while Redis was dead")
    assert response.status_code == 302
    assert "Saved while Redis was dead" in client.get("/en/updates/").content.decode()

    redis.start()  # back, empty, on the same port
    time.sleep(0.6)
    assert "Saved while Redis was dead" in client.get("/en/updates/").content.decode()
    assert "Saved while Redis was dead" in client.get("/en/updates/").content.decode()  # now from the cache

    redis.pause()
    response, seconds = timed_get(client, "/en/updates/")
    assert response.status_code == 200 and seconds < 1
    started = time.monotonic()
    response = resubmit_admin_form(admin_client, url, title_en="Saved while Redis was paused")
    assert response.status_code == 302 and time.monotonic() - started < 3
    for _ in range(5):
        response, seconds = timed_get(client, "/en/updates/")
        assert response.status_code == 200 and seconds < 1
        assert "Saved while Redis was paused" in response.content.decode()

    redis.resume()  # with the old page still stored in it
    time.sleep(0.6)
    for _ in range(3):
        html = client.get("/en/updates/").content.decode()
        assert "Saved while Redis was paused" in html and "Saved while Redis was dead" not in html


def test_a_redis_restored_from_an_older_snapshot_never_brings_back_old_pages(client, demo, redis):
    update = make_update(title_en="Before the snapshot")
    assert "Before the snapshot" in client.get("/en/updates/").content.decode()
    redis.client().save()  # the page and its generation, on disk
    Update.objects.filter(pk=update.pk).update(title_en="After the snapshot")
    assert "After the snapshot" in client.get("/en/updates/").content.decode()

    redis.kill()
    redis.start()  # same port and folder: it loads the snapshot, and no request saw it down
    assert redis.client().get("jetportal-test:1:public-pages:generation") is not None
    for _ in range(2):
        html = client.get("/en/updates/").content.decode()
        assert "After the snapshot" in html and "Before the snapshot" not in html


def test_a_retirement_that_fails_while_another_thread_settles_an_outage_is_still_owed(demo, monkeypatch):
    # One thread bumps the generation after an outage; meanwhile a save's retirement fails.
    shared_cache.breaker.owe_retirement()
    bump, bumped, go_on = shared_cache._bump, threading.Event(), threading.Event()

    def interleaved_bump():
        if threading.current_thread().name == "request":
            bump()
            bumped.set()
            go_on.wait(5)
        else:
            raise ConnectionError("the save's bump timed out")

    monkeypatch.setattr(shared_cache, "_bump", interleaved_bump)
    request = threading.Thread(target=shared_cache.generation, name="request")
    request.start()
    assert bumped.wait(5)
    assert shared_cache.retire_all() is False  # the save's retirement, not delivered
    go_on.set()
    request.join(5)
    monkeypatch.setattr(shared_cache, "_bump", bump)
    try:
        assert shared_cache.breaker.must_retire  # still owed: the next chance delivers it
    finally:
        shared_cache.breaker.reset()


def _listening():
    listener = shared_cache._listener()
    wait_until(lambda: listener.listening, 5, "the listener's subscription")
    return listener


def _gets(redis):
    return redis.client().info("commandstats").get("cmdstat_get", {}).get("calls", 0)


def test_with_redis_a_hit_asks_it_nothing_until_another_process_retires_the_pages(client, demo, redis, monkeypatch):
    monkeypatch.setattr(shared_cache, "TRUST_SECONDS", 60)  # only the news can end the trust
    _listening()
    client.get("/en/updates/")
    first = client.get("/en/updates/")
    before = _gets(redis)
    for _ in range(20):
        assert client.get("/en/updates/")["ETag"] == first["ETag"]
    assert _gets(redis) == before  # neither the generation nor the page: both known here
    known = shared_cache.generation()

    # Another process (a gunicorn worker on another host) retires every page.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jetportal.settings.test", "CACHE_URL": redis.url}
    env["CACHE_KEY_PREFIX"] = "jetportal-test"
    code = "from jetportal import shared_cache; assert shared_cache.retire_all()"
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], env=env, cwd=ROOT, check=True)
    # Heard within moments, not after the minute of trust: the next page reads the new number.
    wait_until(lambda: shared_cache.generation() == known + 1, 2, "the retirement's news")


def test_a_bump_in_one_thread_never_looks_like_the_number_going_back_in_another(demo, redis, monkeypatch, caplog):
    monkeypatch.setattr(shared_cache, "TRUST_SECONDS", 0)  # every call reads the number from Redis
    stop, errors = threading.Event(), []

    def read():
        try:
            while not stop.is_set():
                shared_cache.generation()
        except Exception as error:  # noqa: BLE001
            errors.append(error)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    before = shared_cache.generation()
    for _ in range(50):
        assert shared_cache.retire_all()
    stop.set()
    for reader in readers:
        reader.join(5)
    assert errors == [] and "went back" not in caplog.text
    assert shared_cache.generation() == before + 50  # each retirement one step, none started anew


def test_a_redis_user_refused_the_channel_still_retires_and_reads_each_time(settings, demo, redis, caplog):
    # Redis 7 ACLs give a new user no channel: publishing and subscribing are refused.
    redis.client().acl_setuser("portal", enabled=True, passwords=["+portal-pw"], keys=["*"], commands=["+@all"])
    _point_cache_at(settings, f"redis://portal:portal-pw@127.0.0.1:{redis.port}/0")
    before = shared_cache.generation()
    assert shared_cache.retire_all() is True
    assert shared_cache.generation() == before + 1 and shared_cache.breaker.available()
    assert shared_cache._listener() is None and "ACL" in caplog.text


def test_with_several_servers_named_the_retirement_moves_the_number_pages_use(settings, demo, redis):
    _point_cache_at(settings, f"redis://127.0.0.1:{redis.port}/2,redis://127.0.0.1:{redis.port}/2")
    _listening()
    before = shared_cache.generation()
    assert shared_cache.retire_all() is True
    assert shared_cache.generation() == before + 1
    assert redis.client().get("jetportal-test:1:public-pages:generation") is None  # not database 0


def test_a_replica_behind_its_primary_never_looks_like_the_number_going_back(settings, demo, redis, tmp_path, caplog):
    (tmp_path / "replica").mkdir()
    with redis_server(tmp_path / "replica") as replica:
        # Django reads from the servers named after the first; this one has not caught up.
        _point_cache_at(settings, f"{redis.url},{replica.url}")
        current = shared_cache.generation()
        replica.client().set("jetportal-test:1:public-pages:generation", current - 5)
        for _ in range(5):
            assert shared_cache.retire_all()
        assert shared_cache.generation() == current + 5
        assert "went back" not in caplog.text


def test_a_cache_that_keeps_nothing_never_trips_the_breaker(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert shared_cache.generation() is None
    assert shared_cache.breaker.available() and not shared_cache.breaker.must_retire


def test_image_sizes_are_stored_at_upload_and_a_render_reads_no_file(client, demo, media_root):
    from django.apps import apps as global_apps

    from jetportal.images import fill_dimensions
    from pages.models import ParticipantCategory

    category = ParticipantCategory.objects.exclude(image="").first()
    assert (category.image_width, category.image_height) == (640, 480)
    # Rows from before sizes were kept get them from the migration.
    ParticipantCategory.objects.filter(pk=category.pk).update(image_width=None, image_height=None)
    fill_dimensions(global_apps, None, app_label="pages")
    category.refresh_from_db()
    assert (category.image_width, category.image_height) == (640, 480)
    # With every uploaded file gone, pages still render with their images' sizes.
    for path in media_root.rglob("*.webp"):
        path.unlink()
    html = client.get("/en/organisations/").content.decode()
    assert 'width="640" height="480"' in html
