"""The For Organisations page and the other pages, through real requests in both languages."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jetportal.content import Status
from jetportal.prepared import PreparedList
from jetportal.shared_cache import retire_all
from pages.models import ContactDivision, Page, ParticipantCategory, Quality, Section, Video

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "For Organisations",
                "Overview of the JET Programme",
                "Ministry of Internal Affairs and Communications (MIC)",
                "Assistant Language Teacher (ALT)",
                "approximately 90% of participants",
                "Coordinator for International Relations (CIR)",
                "approximately 9% of participants",
                "Sports Exchange Advisor (SEA)",
                "approximately 1% of participants",
                "Common Qualities among JET Programme Participants",
                "Coordination Division",
                "Training and Counseling Division",
                "JET Promotional Video",
                "For Prefectural Advisors (PAs)",
                "For Companies",
            ],
        ),
        (
            "ja",
            [
                "団体の皆さまへ",
                "JETプログラムの概要",
                "総務省",
                "外国語指導助手（ALT）",
                "参加者の約90%",
                "国際交流員（CIR）",
                "参加者の約9%",
                "スポーツ国際交流員（SEA）",
                "参加者の約1%",
                "JET企画調整課",
                "JET研修相談課",
                "JETプログラム紹介動画",
                "企業の皆さまへ",
            ],
        ),
    ],
)
def test_every_section_of_the_organisations_page_comes_from_the_database(client, demo, lang, expected):
    response = client.get(f"/{lang}/organisations/")
    assert response.status_code == 200
    for text in expected:
        assert text in response.content.decode(), text
    assert f'<html lang="{lang}">' in response.content.decode()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_business_hours_and_breadcrumbs(client, demo, lang):
    html = client.get(f"/{lang}/organisations/").content.decode()
    assert html.count('<time datetime="09:00">9:00</time>–<time datetime="17:45">17:45</time>') == 2
    breadcrumb = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    assert f'href="/{lang}/"' in breadcrumb
    assert 'aria-current="page"' in breadcrumb


def _crumbs(html):
    breadcrumb = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"', breadcrumb)


def test_breadcrumbs_and_navigation_at_every_depth(client, demo):
    organisations = Page.objects.get(path="organisations/")
    category = Page.objects.filter(parent=organisations, kind=Page.Kind.CATEGORY).first()
    published = {"status": Status.PUBLISHED, "publish_at": timezone.now() - datetime.timedelta(days=1)}
    deep = Page.objects.create(parent=category, title_en="Deep", slug="deep", **published)
    deeper = Page.objects.create(parent=deep, title_en="Deeper", slug="deeper", **published)
    html = client.get(deeper.get_absolute_url()).content.decode()
    ancestors = [Page.objects.get(path="").get_absolute_url(), organisations.get_absolute_url()]
    assert _crumbs(html) == [*ancestors, category.get_absolute_url(), deep.get_absolute_url()]
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    assert organisations.get_absolute_url() in nav and deep.get_absolute_url() not in nav
    # An unpublished ancestor is left out of the trail, as it is out of the site.
    Page.objects.filter(pk=deep.pk).update(status=Status.DRAFT)
    Page.objects.filter(pk=deeper.pk).update(status=Status.PUBLISHED)
    assert deep.get_absolute_url() not in _crumbs(client.get(deeper.get_absolute_url()).content.decode())


def test_a_section_hidden_by_staff_disappears(client, demo):
    Section.objects.filter(kind="qualities").update(is_shown=False)
    html = client.get("/en/organisations/").content.decode()
    assert "Common Qualities among JET Programme Participants" not in html
    assert 'id="qualities"' not in html


def test_language_switcher_links_to_the_same_page_in_the_other_language(client, demo):
    html = client.get("/en/organisations/prefectural-advisors/").content.decode()
    assert 'href="/ja/organisations/prefectural-advisors/" hreflang="ja" lang="ja">日本語</a>' in html
    assert (
        '<link rel="alternate" hreflang="ja" href="http://testserver/ja/organisations/prefectural-advisors/">' in html
    )
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/organisations/prefectural-advisors/">' in html
    )
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/en/organisations/prefectural-advisors/">'
        in html
    )
    assert '<link rel="canonical" href="http://testserver/en/organisations/prefectural-advisors/">' in html


def test_switcher_keeps_the_parameters_the_page_reads_and_no_others(client, demo):
    html = client.get("/ja/updates/?page=1&utm=x").content.decode()
    assert 'href="/en/updates/?page=1" hreflang="en"' in html
    # A made-up parameter is never written into a page that is cached and served to everyone.
    html = client.get("/ja/organisations/?utm=x").content.decode()
    assert 'href="/en/organisations/" hreflang="en"' in html and "utm" not in html


def test_root_redirects_by_the_browsers_language(client, demo):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ja,en;q=0.5").headers["Location"] == "/ja/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").headers["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr").headers["Location"] == "/en/"


def test_missing_japanese_text_falls_back_to_english_with_a_notice(client, demo):
    Quality.objects.create(text_en="They bring a fresh outside view to local projects.", text_ja="", order=99)
    html = client.get("/ja/organisations/").content.decode()
    assert '<li lang="en">They bring a fresh outside view to local projects.' in html
    assert "日本語版は準備中のため、英語で表示しています。" in html


def test_missing_english_text_falls_back_to_japanese_with_a_notice(client, demo):
    division = ContactDivision.objects.get(name_en="Coordination Division")
    division.summary_en = ""
    division.save()
    html = client.get("/en/organisations/").content.decode()
    assert f'<p lang="ja">{division.summary_ja}</p>' in html
    assert "Not yet available in English: shown in Japanese." in html


def test_home_leads_to_the_organisations_page(client, demo):
    html = client.get("/en/").content.decode()
    assert 'href="/en/organisations/"' in html


def test_drafts_and_scheduled_pages_are_hidden_from_the_public_but_previewed_by_staff(client, demo, admin_user):
    organisations = Page.objects.get(path="organisations/")
    draft = Page.objects.create(
        parent=organisations, slug="host-organisations", kind=Page.Kind.CATEGORY, title_en="For Host Organisations"
    )
    later = Page.objects.create(
        parent=organisations,
        slug="considering",
        kind=Page.Kind.CATEGORY,
        title_en="Considering Hiring",
        status=Status.PUBLISHED,
        publish_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC),
    )
    for page in (draft, later):
        assert client.get(page.get_absolute_url()).status_code == 404
    assert "For Host Organisations" not in client.get("/en/organisations/").content.decode()
    assert "Considering Hiring" not in client.get("/sitemap.xml").content.decode()

    client.force_login(admin_user)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Preview: this content is not public yet." in response.content.decode()
    assert "no-cache" in response.headers["Cache-Control"] and "private" in response.headers["Cache-Control"]


def test_an_edit_in_the_admin_shows_on_the_page(client, demo, admin_user):
    client.force_login(admin_user)
    category = ParticipantCategory.objects.get(code="cir")
    url = f"/admin/pages/participantcategory/{category.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if name not in ("image",)}
    data["description_ja"] = "<p>CIRは地域の国際交流の要です。</p><script>alert(1)</script>"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    html = client.get("/ja/organisations/").content.decode()
    assert "<p>CIRは地域の国際交流の要です。</p>" in html
    assert "alert(1)" not in html


def _double_content():
    for model in (ParticipantCategory, Quality, ContactDivision, Video):
        for obj in list(model.objects.all()):
            obj.pk = None
            if model is ParticipantCategory:
                obj.code = f"{obj.code}-copy"
            obj.save()


def test_query_count_stays_the_same_when_content_doubles(client, demo):
    client.get("/en/organisations/")  # warm caches that are not per request (content types, etc.)
    retire_all()  # measure the rendering, not the page cache
    with CaptureQueriesContext(connection) as before:
        client.get("/en/organisations/")
    _double_content()
    retire_all()
    with CaptureQueriesContext(connection) as after:
        response = client.get("/en/organisations/")
    assert response.content.decode().count('class="participant-category"') == 6
    assert len(after) == len(before), [q["sql"] for q in after.captured_queries]
    # The page; its ancestors and the main navigation together; its sections; one per section
    # provider (the updates three: items, their audience links, audiences); the next scheduled
    # publish time.
    assert len(before) == 14, [q["sql"] for q in before.captured_queries]


def test_a_prepared_list_gives_what_the_queryset_gives(demo):
    def fields(objects):
        return [{f.attname: getattr(o, f.attname) for f in o._meta.concrete_fields} for o in objects]

    for build in (lambda: ContactDivision.objects.all(), lambda: Page.objects.order_by("path")):
        prepared = PreparedList(build)
        assert fields(prepared.rows()) == fields(build()) and prepared.rows()  # times, booleans, choices
        rows = prepared.rows()
        assert all(not row._state.adding and row._state.db == "default" for row in rows)
    # Rows added later are read (only the SQL is kept); what it cannot prepare falls back.
    _double_content()
    assert len(PreparedList(lambda: Video.objects.all()).rows()) == Video.objects.count()
    with_join = PreparedList(lambda: Section.objects.select_related("page"))
    assert [s.page.pk for s in with_join.rows()] == [s.page.pk for s in Section.objects.select_related("page")]


def test_a_prepared_list_fills_in_the_time_and_the_key(demo):
    build = lambda at, key: Page.objects.published(at=at).filter(parent=key).order_by("order", "pk")  # noqa: E731
    prepared = PreparedList(build, timed=True, keyed=True)
    now = timezone.now()
    for parent in Page.objects.filter(children__isnull=False).distinct():
        for at in (now, now - datetime.timedelta(days=36500)):
            assert [p.pk for p in prepared.rows(at=at, key=parent.pk)] == [p.pk for p in build(at, parent.pk)]
        assert prepared.rows(key=parent.pk)  # the clock's time by default: the demo's pages are published
    assert prepared.rows(at=now - datetime.timedelta(days=36500), key=parent.pk) == []


def test_demo_loader_is_idempotent_and_keeps_staff_edits(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    counts = {
        model: model.objects.count() for model in (Page, Section, ParticipantCategory, Quality, ContactDivision, Video)
    }
    Quality.objects.filter(order=0).update(text_en="Edited by staff")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert {model: model.objects.count() for model in counts} == counts
    assert Quality.objects.get(order=0).text_en == "Edited by staff"
    assert all(counts.values())


def test_demo_content_is_complete_in_both_languages(demo):
    from jetportal.content import missing_translations, translated_fields

    for model in (Page, Section, ParticipantCategory, Quality, ContactDivision, Video):
        fields = translated_fields(model)
        for obj in model.objects.all():
            assert missing_translations(obj, fields) == [], obj


def test_sitemap_lists_public_pages_with_alternates(client, demo):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/en/organisations/</loc>" in xml
    assert "<loc>http://testserver/ja/organisations/</loc>" in xml
    assert 'hreflang="x-default"' in xml


def test_public_pages_are_served_from_the_cache_until_content_changes(client, demo, django_assert_num_queries):
    first = client.get("/en/organisations/")
    assert "max-age=60" in first.headers["Cache-Control"] and "public" in first.headers["Cache-Control"]
    with django_assert_num_queries(0):
        second = client.get("/en/organisations/")
    assert second.content == first.content

    quality = Quality.objects.get(order=0)
    quality.text_en = "Changed a moment ago"
    quality.save()
    assert "Changed a moment ago" in client.get("/en/organisations/").content.decode()


def test_a_cached_page_does_not_hide_content_scheduled_to_appear(client, demo, monkeypatch):
    organisations = Page.objects.get(path="organisations/")
    soon = timezone.now() + datetime.timedelta(minutes=2)
    Page.objects.create(
        parent=organisations,
        slug="hosts",
        kind=Page.Kind.CATEGORY,
        title_en="For Host Organisations",
        status=Status.PUBLISHED,
        publish_at=soon,
    )
    assert "For Host Organisations" not in client.get("/en/organisations/").content.decode()
    monkeypatch.setattr("jetportal.clock.now", lambda: soon + datetime.timedelta(seconds=1))
    assert "For Host Organisations" in client.get("/en/organisations/").content.decode()


def test_staff_always_bypass_the_page_cache(client, demo, admin_user):
    client.get("/en/organisations/")
    Quality.objects.filter(order=0).update(text_en="Changed without a signal")
    client.force_login(admin_user)
    assert "Changed without a signal" in client.get("/en/organisations/").content.decode()


def test_nothing_personal_is_cached_or_served_from_the_cache(client, demo):
    anonymous = client.get("/en/faq/")
    assert "public" in anonymous.headers["Cache-Control"]
    client.cookies["messages"] = "a-pending-message"
    with_message = client.get("/en/faq/")
    assert "public" not in with_message.headers.get("Cache-Control", "")


def test_an_invalidation_by_another_process_retires_this_process_copy(client, demo):
    from jetportal.cache import invalidate

    client.get("/en/organisations/")
    # Another worker saves (no signal here) and bumps the shared generation.
    Quality.objects.filter(order=0).update(text_en="Saved by another worker")
    invalidate()
    assert "Saved by another worker" in client.get("/en/organisations/").content.decode()


def test_a_flushed_shared_cache_never_brings_back_an_old_copy(client, demo):
    client.get("/en/organisations/")
    Quality.objects.filter(order=0).update(text_en="Changed while the cache was flushed")
    cache.clear()  # e.g. Redis restarted: the generation number is gone
    assert "Changed while the cache was flushed" in client.get("/en/organisations/").content.decode()
