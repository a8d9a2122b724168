"""The three versions of the Q&A, the search, the public index and the For Organisations block."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from faq.models import Entry, Topic
from faq.sections import faq_section
from faq.testing import make_content, set_password, unlock
from jetportal.content import Status

LANGS = ["en", "ja"]


@pytest.fixture
def entries(db):
    made = make_content()
    set_password()
    return made


@pytest.fixture
def reader(client, entries):
    """A client that has entered the password."""
    assert unlock(client).status_code == 302
    return client


def article(html, entry):
    """The HTML of one entry's <article>."""
    match = re.search(rf'<article class="faq-entry[^"]*" id="{entry.anchor}".*?</article>', html, re.S)
    assert match, f"no article for {entry.anchor}"
    return match.group(0)


def shown_anchors(html):
    return re.findall(r'<article class="faq-entry[^"]*" id="(q-\d+)"', html)


@translation.override("en")
def test_urls_are_named():
    assert reverse("faq:index") == "/en/faq/"
    assert reverse("faq:unlock") == "/en/faq/unlock/"
    assert reverse("faq:lock") == "/en/faq/lock/"
    assert reverse("faq:version", kwargs={"version": "japanese"}) == "/en/faq/japanese/"


@pytest.mark.parametrize("lang", LANGS)
def test_the_bilingual_version_pairs_both_languages_with_their_own_lang(reader, entries, lang):
    html = reader.get(f"/{lang}/faq/bilingual/").content.decode()
    renewal = article(html, entries["renewal"])
    assert 'class="faq-entry faq-entry--bilingual"' in renewal
    en_block, ja_block = re.findall(r'<div class="faq-block" lang="(\w+)">', renewal)
    assert (en_block, ja_block) == ("en", "ja")
    assert renewal.index("When is the renewal deadline?") < renewal.index('lang="ja"') < renewal.index("再任用の締切")
    assert "<strong>winter</strong>" in renewal


@pytest.mark.parametrize(
    ("lang", "notice"),
    [("en", "This answer is not yet available in Japanese."), ("ja", "この回答の日本語版はまだありません。")],
)
def test_a_missing_japanese_answer_is_announced_in_the_bilingual_version(reader, entries, lang, notice):
    html = reader.get(f"/{lang}/faq/bilingual/").content.decode()
    housing = article(html, entries["housing"])
    assert notice in housing
    assert f'<p class="faq-notice" lang="{lang}">' in housing
    # The English answer is not repeated in the Japanese column.
    assert housing.count("helps with the flat") == 1


@pytest.mark.parametrize(
    ("lang", "notice"),
    [
        ("en", "Not yet available in Japanese: shown in English."),
        ("ja", "日本語版は準備中のため、英語で表示しています。"),
    ],
)
def test_the_japanese_version_shows_a_missing_answer_in_english_and_says_so(reader, entries, lang, notice):
    html = reader.get(f"/{lang}/faq/japanese/").content.decode()
    housing = article(html, entries["housing"])
    assert '<div class="faq-block" lang="ja">' in housing
    assert "住居は誰が探しますか。" in housing
    assert notice in housing
    assert (
        '<div class="prose faq-answer" lang="en"><p>The contracting organisation helps with the flat.</p></div>'
        in housing
    )
    # Nothing vanished: every published entry is there.
    assert len(shown_anchors(html)) == 3


def test_the_english_version_shows_a_missing_english_question_from_japanese(reader, entries):
    japanese_only = Entry.objects.create(
        topic=entries["renewal"].topic,
        order=9,
        status=Status.PUBLISHED,
        question_ja="日本語だけの質問です。",
        answer_ja="<p>日本語だけの回答です。</p>",
    )
    html = reader.get("/en/faq/english/").content.decode()
    assert '<h3 class="faq-question" lang="ja">日本語だけの質問です。</h3>' in html
    # One notice for the whole entry, before its question, not one for the question and one for the answer.
    assert html.count("Not yet available in English: shown in Japanese.") == 1
    shown = article(html, japanese_only)
    assert shown.index("Not yet available in English: shown in Japanese.") < shown.index("<h3")
    assert len(shown_anchors(html)) == 4


@pytest.mark.parametrize("version", ["english", "japanese"])
def test_single_language_versions_carry_only_their_language(reader, entries, version):
    html = reader.get(f"/en/faq/{version}/").content.decode()
    langs = set(re.findall(r'<div class="faq-block" lang="(\w+)">', html))
    assert langs == {"en" if version == "english" else "ja"}


@pytest.mark.parametrize("version", ["bilingual", "english", "japanese"])
def test_contents_anchors_and_order(reader, entries, version):
    html = reader.get(f"/ja/faq/{version}/").content.decode()
    anchors = shown_anchors(html)
    assert anchors == [entries[key].anchor for key in ("renewal", "housing", "tax")]
    for anchor in anchors:
        assert f'href="#{anchor}"' in html
    assert 'href="#topic-contracts"' in html and 'id="topic-contracts"' in html
    assert html.index('id="topic-contracts"') < html.index('id="topic-money"')
    # Headings go down one level at a time: h1, h2 (contents, topics), h3 (questions).
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html.split('id="main-content"')[1])]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))


def test_drafts_are_never_shown(reader, entries):
    for version in ("bilingual", "english", "japanese"):
        html = reader.get(f"/en/faq/{version}/?q=secret").content.decode()
        assert "secret bonuses" not in html
        assert "秘密の賞与" not in html


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("winter", ["renewal"]),
        ("WINTER deadline", ["renewal"]),
        ("締切", ["renewal"]),
        ("住民税", ["tax"]),
        ("alt", ["tax"]),  # the question says "ＡＬＴ" in full-width letters
        ("ＡＬＴ", ["tax"]),
        ("organisation", ["housing"]),
        ("winter 住民税", []),
        ("strong", []),  # words inside HTML tags are not content
        ("%", []),
        ("_", []),
        ("", ["renewal", "housing", "tax"]),
    ],
)
def test_search_finds_words_in_either_language(reader, entries, lang, query, expected):
    for version in ("bilingual", "english", "japanese"):
        response = reader.get(f"/{lang}/faq/{version}/", {"q": query})
        assert response.status_code == 200
        assert shown_anchors(response.content.decode()) == [entries[key].anchor for key in expected]


@pytest.mark.parametrize(
    ("lang", "summary"),
    [("en", "1 entry matches “締切”."), ("ja", "「締切」に一致する項目は1件です。")],
)
def test_search_says_how_many_match_and_how_to_see_all(reader, entries, lang, summary):
    html = reader.get(f"/{lang}/faq/english/", {"q": "締切"}).content.decode()
    assert summary in html
    assert f'<a href="/{lang}/faq/english/">' in html


@pytest.mark.parametrize(
    "query",
    [
        "x" * 5000,
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "\\",
        "%00",
        "🎌" * 50,
        "　全角スペース　",
    ],
)
def test_odd_search_queries_get_a_normal_page(reader, entries, query):
    response = reader.get("/en/faq/bilingual/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


def test_a_nul_byte_in_the_search_is_a_bad_request(reader, entries):
    # Refused for the whole site by jetportal.middleware (PostgreSQL cannot search for it).
    assert reader.get("/en/faq/bilingual/", {"q": "a\x00b"}).status_code == 400


def test_an_overlong_query_is_explained_and_searches_nothing(reader, entries):
    html = reader.get("/ja/faq/english/", {"q": "x" * 5000}).content.decode()
    assert "200文字以内で入力してください。" in html
    assert 'aria-describedby="faq-q-hint faq-q-error"' in html
    assert len(shown_anchors(html)) == 3


def test_the_search_works_without_javascript_and_faster_with_it(reader, entries):
    html = reader.get("/en/faq/english/").content.decode()
    form = re.search(r"<form method=\"get\" role=\"search\".*?</form>", html, re.S).group(0)
    assert 'action="/en/faq/english/"' in form
    assert 'name="q"' in form and 'maxlength="200"' in form
    assert '<label for="faq-q">' in form
    assert "data-faq-search" in form
    assert '<script src="/static/js/faq.js" defer></script>' in html
    assert not re.search(r"<script(?![^>]*\ssrc=)", html), "no inline script (strict CSP)"
    assert " style=" not in html


def test_the_version_page_query_count_does_not_grow_with_content(reader, entries):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert reader.get("/en/faq/bilingual/").status_code == 200
        return len(queries)

    before = count()
    topic = Topic.objects.create(slug="more", name_en="More", name_ja="その他", order=5)
    for number in range(25):
        Entry.objects.create(
            topic=topic, order=number, status=Status.PUBLISHED, question_en=f"Q{number}?", answer_en=f"<p>A{number}</p>"
        )
    assert count() == before
    assert before <= 5


def test_the_version_page_offers_the_other_versions_and_lock(reader, entries):
    html = reader.get("/en/faq/english/").content.decode()
    assert '<a href="/en/faq/english/" aria-current="page">' in html
    assert '<a href="/en/faq/bilingual/">' in html and '<a href="/en/faq/japanese/">' in html
    assert 'action="/en/faq/lock/"' in html
    assert (
        "You can read the Q&amp;A on this device until" in html or "You can read the Q&A on this device until" in html
    )


@pytest.mark.parametrize(
    ("lang", "heading", "note"),
    [
        ("en", "Questions and Answers", "A password is needed to access the system."),
        ("ja", "質疑応答集", "閲覧にはパスワードが必要です。"),
    ],
)
def test_the_index_presents_three_versions_and_no_q_and_a_text(client, entries, lang, heading, note):
    response = client.get(f"/{lang}/faq/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in html
    assert html.count(note) == 3
    for version in ("bilingual", "english", "japanese"):
        assert f'href="/{lang}/faq/{version}/"' in html
    for entry in entries.values():
        assert entry.question_en not in html and entry.question_ja not in html


def test_the_section_provider_makes_no_query(rf, db):
    request = rf.get("/en/organisations/")
    with CaptureQueriesContext(connection) as queries, translation.override("en"):
        data = faq_section(request, page=None)
    assert len(queries) == 0
    assert [link.url for link in data["versions"]] == ["/en/faq/bilingual/", "/en/faq/english/", "/en/faq/japanese/"]


@pytest.mark.parametrize(
    ("lang", "title", "note"),
    [
        ("en", "Q&amp;A (bilingual version)", "A password is needed to access the system."),
        ("ja", "質疑応答集（日英併記版）", "閲覧にはパスワードが必要です。"),
    ],
)
def test_for_organisations_links_to_the_three_versions(client, demo, lang, title, note):
    html = client.get(f"/{lang}/organisations/").content.decode()
    section = re.search(r'<section class="section section--faq".*?</section>', html, re.S).group(0)
    for version in ("bilingual", "english", "japanese"):
        assert f'href="/{lang}/faq/{version}/"' in section
    assert title in section
    assert section.count(note) == 3
    # Only the headings of the versions: no question from the Q&A.
    for entry in Entry.objects.all()[:5]:
        assert entry.question_en not in html and entry.question_ja not in html


def test_unknown_version_is_a_404(client, entries):
    assert client.get("/en/faq/french/").status_code == 404


@pytest.mark.parametrize("active", ["en", "ja"])
def test_saving_in_either_language_never_fills_a_missing_answer_with_the_other(db, active):
    topic = Topic.objects.create(slug="t", name_en="T")
    with translation.override(active):
        english_only = Entry.objects.create(topic=topic, question_en="Q?", answer_en="<p>English</p>")
        japanese_only = Entry.objects.create(topic=topic, question_ja="質問？", answer_ja="<p>日本語</p>")
    english_only.refresh_from_db()
    japanese_only.refresh_from_db()
    assert (english_only.answer_en, english_only.answer_ja) == ("<p>English</p>", "")
    assert (japanese_only.answer_en, japanese_only.answer_ja) == ("", "<p>日本語</p>")
