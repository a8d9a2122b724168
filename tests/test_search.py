"""Site search: both languages, width forms, drafts and the Q&A left out, ranking, pages, bad queries."""

import datetime
import re
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from test_admin_helpers import form_data
from test_documents_factories import category_pages, make_document

from faq.testing import make_content as make_faq_content
from jetportal import clock
from jetportal.content import Status
from pages.models import Page
from search.models import SearchEntry
from search.query import MAX_QUERY_LENGTH, PER_PAGE
from search.text import excerpt, highlight, normalise, query_terms
from updates.testing import make_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the indexing) as a real commit would; the test's transaction never commits."""

    def commit():
        return django_capture_on_commit_callbacks(execute=True)

    return commit


@pytest.fixture
def site(db, committed):
    with committed():
        return _site()


def _site():
    organisations, pas, companies = category_pages()
    pas.body_en = "<p>Advisors support participants in their prefecture.</p>"
    pas.body_ja = "<p>PAは都道府県内の参加者を支援します。</p>"
    pas.save()
    handbook = make_document(
        category=pas, title_en="PA Handbook", title_ja="PAハンドブック", description_en="For advisors."
    )
    manual = make_update(
        slug="organisation-manual",
        title_en="Manual for contracting organisations",
        title_ja="任用団体マニュアルを公開しました",
        summary_en="The new manual for organisations is out.",
        summary_ja="任用団体向けの新しいマニュアルです。",
        body_en="<p>It explains the handbook &amp; forms.</p>",
        body_ja="<p>ハンドブックと様式を説明します。</p>",
    )
    draft = make_update(
        slug="secret-draft", title_en="Unreleased handbook draft", title_ja="未公開ハンドブック", status=Status.DRAFT
    )
    scheduled = make_update(
        slug="future-handbook",
        title_en="Future handbook",
        title_ja="将来のハンドブック",
        publish_at=clock.now() + datetime.timedelta(days=3),
    )
    english_only = make_update(
        slug="english-only",
        title_en="Orientation timetable",
        title_ja="",
        summary_en="Where and when orientation happens.",
        summary_ja="",
    )
    return {
        "pas": pas,
        "handbook": handbook,
        "manual": manual,
        "draft": draft,
        "scheduled": scheduled,
        "english_only": english_only,
    }


def results(client, lang, q, **params):
    response = client.get(f"/{lang}/search/", {"q": q, **params})
    assert response.status_code == 200, response.content[:500]
    return response, response.content.decode()


def titles(html):
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r'class="search-result__title"><a [^>]*>(.*?)</a>', html)]


def test_normalisation_makes_widths_and_cases_one():
    assert normalise("ﾊﾝﾄﾞﾌﾞｯｸ") == "ハンドブック"
    assert normalise("ＰＡ") == "pa"
    assert normalise("HandBook") == "handbook"
    assert query_terms("ＰＡ　ﾊﾝﾄﾞﾌﾞｯｸ pa") == ["pa", "ハンドブック"]


def test_highlighting_escapes_what_it_shows():
    assert highlight("<b>PA</b> & pa", ["pa"]) == "&lt;b&gt;<mark>PA</mark>&lt;/b&gt; &amp; <mark>pa</mark>"
    assert highlight("ﾊﾝﾄﾞﾌﾞｯｸです", ["ハンドブック"]) == "<mark>ﾊﾝﾄﾞﾌﾞｯｸ</mark>です"
    # A character that folds to two still gets its whole word marked, and the rest stays in place.
    assert highlight("Straße, ＰＡ", ["strasse", "pa"]) == "<mark>Straße</mark>, <mark>ＰＡ</mark>"
    long = "x" * 300 + " Handbook " + "y" * 300
    shown = excerpt(long, ["handbook"])
    assert "<mark>Handbook</mark>" in shown and shown.startswith("…") and shown.endswith("…")


def test_an_excerpt_starts_and_ends_between_english_words_but_cuts_japanese_anywhere():
    words = " ".join(f"word{n}" for n in range(60))
    shown = excerpt(f"{words} the PA Handbook {words}", ["handbook"])
    first, *_, last = shown.strip("…").split()
    assert shown.startswith("…") and shown.endswith("…")
    assert re.fullmatch(r"word\d+", first) and re.fullmatch(r"word\d+", last)
    japanese = "あ" * 100 + "PAハンドブック" + "い" * 300
    shown = excerpt(japanese, ["ハンドブック"])
    assert shown.startswith("…あ") and "<mark>ハンドブック</mark>" in shown


@pytest.mark.parametrize(
    "lang, q, expected",
    [
        ("ja", "ハンドブック", "PAハンドブック"),
        ("ja", "ﾊﾝﾄﾞﾌﾞｯｸ", "PAハンドブック"),
        ("ja", "ＰＡ", "PAハンドブック"),
        ("ja", "任用", "任用団体マニュアルを公開しました"),
        ("en", "HANDBOOK", "PA Handbook"),
        ("en", "handbook", "PA Handbook"),
        ("en", "ｈａｎｄｂｏｏｋ", "PA Handbook"),
        ("en", "organisations manual", "Manual for contracting organisations"),
    ],
)
def test_finds_in_both_languages_without_spaces_and_in_any_width(client, site, lang, q, expected):
    _response, html = results(client, lang, q)
    assert expected in titles(html)


def test_matches_are_highlighted_safely(client, site):
    _response, html = results(client, "ja", "ﾊﾝﾄﾞﾌﾞｯｸ")
    assert "PA<mark>ハンドブック</mark>" in html
    _response, html = results(client, "en", "<script>")
    assert "<script>" not in html.split('<main id="main-content"')[1].split("</main>")[0]
    assert "&lt;script&gt;" in html


def test_titles_rank_above_body_text(client, site):
    _response, html = results(client, "en", "handbook")
    found = titles(html)
    # "handbook" is in the document's title but only in the update's body.
    assert found.index("PA Handbook") < found.index("Manual for contracting organisations")


def test_drafts_and_scheduled_items_never_appear(client, site):
    for lang, q in [("en", "handbook"), ("ja", "ハンドブック"), ("en", "unreleased"), ("ja", "将来")]:
        _response, html = results(client, lang, q)
        assert "Unreleased" not in html and "未公開" not in html
        assert "Future handbook" not in html and "将来のハンドブック" not in html
    assert SearchEntry.objects.filter(object_id=site["draft"].pk).exists(), "drafts are indexed, just never shown"


def test_a_scheduled_item_appears_by_itself_when_its_time_comes(client, site, monkeypatch):
    later = clock.now() + datetime.timedelta(days=4)
    monkeypatch.setattr(clock, "now", lambda: later)
    _response, html = results(client, "en", "future")
    assert "Future handbook" in titles(html)


def test_the_q_and_a_is_never_searched(client, site):
    make_faq_content()
    for lang, q in [("en", "renewal deadline"), ("ja", "再任用"), ("en", "flat")]:
        _response, html = results(client, lang, q)
        assert titles(html) == []
    assert not SearchEntry.objects.exclude(kind__in=["page", "update", "document"]).exists()


def test_other_language_matches_are_marked(client, site):
    _response, html = results(client, "ja", "orientation")
    assert titles(html) == ["Orientation timetable"]
    assert 'lang="en" hreflang="en">Orientation' in html.replace("<mark>", "").replace("</mark>", "")
    assert "英語" in html  # the marker, in the visitor's language
    _response, html = results(client, "en", "orientation")
    assert titles(html) == ["Orientation timetable"]
    assert 'lang="en"' not in html.split('class="search-results"')[1]


def test_an_item_matching_in_both_languages_is_listed_once_in_the_visitors_language(client, site):
    _response, html = results(client, "ja", "pa")
    assert titles(html).count("PAハンドブック") == 1
    assert "PA Handbook" not in titles(html)


@pytest.mark.parametrize("q", ["", "   ", "\u3000"])
def test_an_empty_query_is_explained(client, site, q):
    response, html = results(client, "en", q)
    assert "Type a word" in html
    assert 'class="search-results"' not in html


@pytest.mark.parametrize(
    "lang, q, message",
    [
        ("en", "x" * (MAX_QUERY_LENGTH + 1), "too long"),
        ("ja", "あ" * (MAX_QUERY_LENGTH + 1), "長すぎ"),
        ("en", " ".join(f"w{n}" for n in range(11)), "too many words"),
    ],
)
def test_overlong_queries_get_a_translated_400(client, site, lang, q, message):
    response = client.get(f"/{lang}/search/", {"q": q})
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize(
    "query_string", ["q=a&q=b", "q=pa&page=0", "q=pa&page=x", "q=pa&page=99", "q=pa&page=1&page=2"]
)
def test_odd_parameters_get_a_4xx_never_a_500(client, site, query_string):
    response = client.get(f"/en/search/?{query_string}")
    assert 400 <= response.status_code < 500


def test_results_are_paginated(client, db, committed):
    with committed():
        for number in range(PER_PAGE + 3):
            make_update(slug=f"paged-{number}", title_en=f"Paged item {number}", title_ja=f"ページ送り{number}")
    _response, first = results(client, "en", "paged")
    assert len(titles(first)) == PER_PAGE
    assert f"{PER_PAGE + 3} results" in first
    assert 'rel="next"' in first and "page=2" in first
    _response, second = results(client, "en", "paged", page="2")
    assert len(titles(second)) == 3
    assert 'rel="prev"' in second
    assert not set(titles(first)) & set(titles(second))


def test_the_query_count_does_not_grow_with_content(client, db, committed):
    def count():
        with CaptureQueriesContext(connection) as queries:
            results(client, "en", "counted")
        return len(queries)

    with committed():
        make_update(slug="counted-0", title_en="Counted 0")
    few = count()
    with committed():
        for number in range(1, 15):
            make_update(slug=f"counted-{number}", title_en=f"Counted {number}")
    assert count() == few
    # The results and their total come from one query; the rest is the page's frame (the menu).
    assert few <= 3


def test_search_pages_are_not_cached_nor_indexed(client, site):
    response, html = results(client, "en", "handbook")
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in html


def test_the_index_follows_edits_and_deletes(client, site, committed):
    manual = site["manual"]
    manual.title_en = "Renamed guidance"
    with committed():
        manual.save()
    _response, html = results(client, "en", "renamed")
    assert titles(html) == ["Renamed guidance"]
    with committed():
        manual.delete()
    _response, html = results(client, "en", "renamed")
    assert titles(html) == []


def test_rebuild_writes_the_index_again(client, site):
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))
    _response, html = results(client, "ja", "任用")
    assert "任用団体マニュアルを公開しました" in titles(html)


def test_a_page_result_links_to_the_page_in_the_visitors_language(client, site):
    _response, html = results(client, "ja", "都道府県")
    assert titles(html) == ["プリフェクチュラル・アドバイザー（PA）の皆さまへ"]
    assert 'href="/ja/organisations/prefectural-advisors/"' in html
    assert Page.objects.filter(pk=site["pas"].pk).exists()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_page_has_the_search_box_and_the_opensearch_link(client, site, lang):
    html = client.get(f"/{lang}/organisations/").content.decode()
    assert re.search(rf'<form class="site-search" role="search"[^>]*action="/{lang}/search/"', html)
    assert 'for="site-search-q"' in html
    assert f'rel="search" type="application/opensearchdescription+xml" href="/{lang}/search/opensearch.xml"' in html


def test_the_opensearch_description(client, db):
    response = client.get("/ja/search/opensearch.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    body = response.content.decode()
    assert body.startswith("<?xml")
    assert re.search(r'template="https?://[^"]+/ja/search/\?q=\{searchTerms\}"', body)
    assert "<ShortName>JETプログラム</ShortName>" in body


def test_the_for_organisations_page_is_found_by_the_words_of_its_sections(client, site, committed):
    from pages.models import ParticipantCategory, Section

    organisations = Page.objects.get(kind=Page.Kind.LANDING)
    with committed():
        Section.objects.create(page=organisations, kind=Section.Kind.PARTICIPANTS, heading_en="Participants")
        category = ParticipantCategory.objects.create(
            code="cir",
            name_en="Coordinator for International Relations",
            name_ja="国際交流員",
            abbreviation="CIR",
            share_percent=5,
            description_en="<p>Works in international exchange.</p>",
        )
    _response, html = results(client, "ja", "国際交流員")
    assert titles(html) == ["団体の皆さまへ"]
    category.name_ja = "交流担当の職員"
    with committed():
        category.save()
    _response, html = results(client, "ja", "国際交流員")
    assert titles(html) == []
    _response, html = results(client, "en", "coordinator")
    assert titles(html) == ["For Organisations"]
    assert "<mark>Coordinator</mark>" in html
    Section.objects.filter(kind=Section.Kind.PARTICIPANTS).update(is_shown=False)
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))
    _response, html = results(client, "en", "coordinator")
    assert titles(html) == []


@pytest.mark.parametrize("q", ["%", "_", "\\", "'", "100%", "a_b", "<mark>", "＿", "🙂"])
def test_characters_that_mean_something_to_sql_or_html_are_just_characters(client, site, q):
    response, html = results(client, "en", q)
    assert titles(html) == []
    assert "<mark>" not in html.split('class="search-count"')[1].replace("&lt;mark&gt;", "")


def index_writes(queries):
    """How many times items were written to the index: each write inserts one item's rows in one statement."""
    return sum(query["sql"].startswith('INSERT INTO "search_searchentry"') for query in queries)


def test_an_admin_save_of_a_landing_page_and_its_sections_indexes_the_page_once(client, admin_client, site, committed):
    from pages.models import Section

    organisations = Page.objects.get(kind=Page.Kind.LANDING)
    kinds = [Section.Kind.OVERVIEW, Section.Kind.PARTICIPANTS, Section.Kind.QUALITIES, Section.Kind.CONTACTS]
    with committed():
        for order, kind in enumerate(kinds):
            Section.objects.create(page=organisations, kind=kind, heading_en=f"Section {order}", order=order)
    url = f"/admin/pages/page/{organisations.pk}/change/"
    data = form_data(admin_client.get(url), summary_en="Everything for contracting organisations.")
    for name in [name for name in data if name.startswith("sections-") and name.endswith("-heading_en")]:
        data[name] = f"Renamed {data[name]}"
    with CaptureQueriesContext(connection) as queries, committed():
        response = admin_client.post(url, data)
    assert response.status_code == 302
    # The page and its four sections were saved; the page's rows were written once, after them.
    assert index_writes(queries) == 1
    _response, html = results(client, "en", "renamed section 3")
    assert titles(html) == ["For Organisations"]


def index_rows():
    return sorted(SearchEntry.objects.values_list("kind", "object_id", "language", "title", "match_key", "body__text"))


class Undone(Exception):
    pass


def test_a_rolled_back_transaction_leaves_the_index_as_it_was(client, site, committed):
    before = index_rows()
    with CaptureQueriesContext(connection) as queries, committed() as callbacks, pytest.raises(Undone):
        with transaction.atomic():
            manual = site["manual"]
            manual.title_en = "Renamed guidance"
            manual.save()
            site["handbook"].delete()
            site["pas"].sections.create(kind="overview", heading_en="Overview")
            raise Undone
    assert callbacks == [] and index_writes(queries) == 0
    assert index_rows() == before
    _response, html = results(client, "en", "renamed")
    assert titles(html) == []


def test_a_rolled_back_savepoint_leaves_out_only_its_own_changes(client, site, committed):
    manual, english_only, pas = site["manual"], site["english_only"], site["pas"]
    with CaptureQueriesContext(connection) as queries, committed():
        with transaction.atomic():
            # The transaction's first changes are in a savepoint that is rolled back: what is
            # changed after it must still be indexed when the transaction commits.
            try:
                with transaction.atomic():
                    english_only.title_en = "Undone in the savepoint"
                    english_only.save()
                    manual.title_en = "Undone too"
                    manual.save()
                    raise Undone
            except Undone:
                pass
            manual.title_en = "Saved after the savepoint"
            manual.save()
            pas.title_en = "Also saved after the savepoint"
            pas.save()
            try:
                with transaction.atomic():
                    pas.title_en = "Undone in a second savepoint"
                    pas.save()
                    raise Undone
            except Undone:
                pass
    # Each item kept is written once, as committed; the one changed only in a savepoint not at all.
    assert index_writes(queries) == 2
    for q, expected in [
        ("undone", []),
        ("saved after", ["Also saved after the savepoint", "Saved after the savepoint"]),
        ("orientation", ["Orientation timetable"]),
    ]:
        _response, html = results(client, "en", q)
        assert sorted(titles(html)) == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time: no rows to race for")
@pytest.mark.django_db(transaction=True)
def test_two_transactions_indexing_one_item_at_once_write_it_in_turn(monkeypatch):
    """Two saves of one item committed together index it at the same time: the second must wait, not collide."""
    from search import indexing
    from search.models import Kind

    update = make_update(slug="raced", title_en="Raced", title_ja="競争")
    first_has_deleted, go_on = threading.Event(), threading.Event()
    write, waits = indexing._write, threading.local()

    def write_after_a_pause(rows, using="default"):
        if getattr(waits, "pause", False):
            first_has_deleted.set()
            go_on.wait(5)
        return write(rows, using)

    monkeypatch.setattr(indexing, "_write", write_after_a_pause)
    errors = []

    def index(pause):
        waits.pause = pause
        try:
            indexing._index_once((Kind.UPDATE, update.pk), set(), "default")
        except Exception as error:  # any failure is the finding
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=index, args=(True,))
    first.start()
    assert first_has_deleted.wait(5)
    second = threading.Thread(target=index, args=(False,))
    second.start()
    time.sleep(0.3)  # the second is now waiting for the first's lock (without it: for its deleted rows)
    go_on.set()
    first.join()
    second.join()
    assert errors == []
    assert SearchEntry.objects.filter(kind="update", object_id=update.pk).count() == 2
