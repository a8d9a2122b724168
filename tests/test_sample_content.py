"""True content: the seed's facts with their meaning, and what the demo adds marked as sample content."""

import re

import pytest
from django.utils import translation
from django.utils.html import strip_tags

from documents.models import Document
from faq.models import Entry
from pages.models import Page, Video
from updates.models import Update

pytestmark = pytest.mark.django_db

NOTICE = {
    "en": "Demonstration site: apart from the facts taken from the JET Programme's own pages",
    "ja": "デモサイトです。JETプログラムの公式ページに基づく情報を除き",
}


def text_of(response):
    """The page's visible words, on one line, so a sentence is found whatever the markup."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|head)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", strip_tags(html)).replace("&#x27;", "'").replace("&quot;", '"')


def public_paths(lang):
    update = Update.objects.published().first()
    with translation.override(lang):
        update_url = update.get_absolute_url()
    return [
        f"/{lang}/",
        f"/{lang}/organisations/",
        f"/{lang}/organisations/companies/",
        f"/{lang}/updates/",
        update_url,
        f"/{lang}/faq/",
        f"/{lang}/faq/unlock/",
        f"/{lang}/no-such-page/",
    ]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_sample_notice_is_on_every_page_when_the_setting_is_on(client, demo, settings, lang):
    settings.SHOW_SAMPLE_NOTICE = True
    for path in public_paths(lang):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        html = response.content.decode()
        assert html.count('class="sample-notice"') == 1, path
        assert NOTICE[lang] in text_of(response), path


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_sample_notice_by_default(client, demo, settings, lang):
    assert settings.SHOW_SAMPLE_NOTICE is False  # a deployment leaves it off
    for path in public_paths(lang):
        html = client.get(path).content.decode()
        assert "sample-notice" not in html, path
        assert NOTICE[lang] not in html, path


def test_make_run_turns_the_notice_on():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    demo_env = makefile.split("DEMO_ENV =", 1)[1].split("\n\n", 1)[0]
    assert "SHOW_SAMPLE_NOTICE=1" in demo_env


SEED_FACTS = {
    "en": [
        "mainly invites young university graduates from overseas to work for local governments and other organisations",
        "improve foreign-language education and to promote international exchange in local communities",
        "JET Programme participants are outstanding university graduates, screened and selected in their home "
        "countries by the overseas missions of Japan's Ministry of Foreign Affairs",
        "strong wish to work in Japan",
        "an ambassador who builds bridges between Japan and their home country",
        "ALTs are usually placed in schools or boards of education",
        "extra-curricular activities such as English-language workshops",
        "every CIR must have a high level of Japanese: JLPT N2 to N1",
        "SEAs are placed in local governments, where they work as sports instructors",
        "approximately 90% of participants",
        "approximately 9% of participants",
        "approximately 1% of participants",
        "9:00–17:45",
    ],
    "ja": [
        "主に海外の若い大学卒業者を招致し",
        "外国語教育の充実と、地域レベルでの国際交流の推進",
        "外務省の在外公館が各国で審査・選考した、優秀な大学卒業者です",
        "日本で働くことへの強い意欲",
        "日本と出身国との懸け橋となる「大使」",
        "ALTは主に学校や教育委員会に配属されます",
        "英語のワークショップなどの課外活動",
        "CIRには高い日本語能力（日本語能力試験N2～N1）が必要です",
        "SEAは地方公共団体に配属され、スポーツの指導者として活動します",
        "9:00–17:45",
    ],
}
# Paraphrases that changed the seed's meaning, never to come back.
DISTORTIONS = {
    "en": ["most of them recent", "usually at JLPT", "English clubs", "speech contests"],
    "ja": ["N2～N1程度", "英語クラブ", "スピーチコンテスト"],
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_organisations_page_keeps_the_seed_facts_with_their_meaning(client, demo, lang):
    text = text_of(client.get(f"/{lang}/organisations/"))
    for fact in SEED_FACTS[lang]:
        assert fact in text, fact
    for distortion in DISTORTIONS[lang]:
        assert distortion not in text, distortion


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_companies_card_has_the_companies_page_own_description(client, demo, lang):
    html = client.get(f"/{lang}/organisations/").content.decode()
    section = re.search(r'<section class="section section--categories".*?</section>', html, re.S).group(0)
    cards = re.findall(r'<li class="card">(.*?)</li>', section, re.S)
    summaries = {}
    for page in Page.objects.filter(kind=Page.Kind.CATEGORY):
        summary = getattr(page, f"summary_{lang}")
        summaries[page.slug] = summary
        (card,) = [card for card in cards if f'href="/{lang}/{page.path}"' in card]
        assert summary in strip_tags(card).replace("&#x27;", "'")
    assert summaries["companies"] != summaries["prefectural-advisors"]


def test_videos_without_a_real_id_show_their_poster_and_coming_soon(client, demo):
    assert not Video.objects.exclude(youtube_id="").exists()
    for lang, label in (("en", "Video coming soon"), ("ja", "動画は近日公開予定です")):
        html = client.get(f"/{lang}/organisations/").content.decode()
        section = re.search(r'<section class="section section--videos".*?</section>', html, re.S).group(0)
        assert section.count(label) == Video.objects.count() == 2
        assert section.count('<img src="') == 2
        assert "youtube" not in section and "data-video-play" not in section


def test_everything_the_demo_wrote_is_flagged_as_sample(demo):
    assert Update.objects.count() == Update.objects.filter(is_sample=True).count() > 0
    assert Entry.objects.count() == Entry.objects.filter(is_sample=True).count() > 0
    assert Document.objects.count() == Document.objects.filter(is_sample=True).count() > 0
    assert set(Page.objects.filter(is_sample=True).values_list("kind", flat=True)) == {Page.Kind.CATEGORY}


def test_the_admin_shows_sample_items_in_a_column_a_filter_and_a_notice(admin_client, demo):
    changelist = admin_client.get("/admin/updates/update/").content.decode()
    assert "column-sample_column" in changelist
    assert "?is_sample__exact=1" in changelist
    only_real = admin_client.get("/admin/updates/update/?is_sample__exact=0")
    assert only_real.status_code == 200 and only_real.context["cl"].result_count == 0

    update = Update.objects.first()
    form = admin_client.get(f"/admin/updates/update/{update.pk}/change/").content.decode()
    assert 'class="sample-content-note"' in form
    assert 'name="is_sample"' in form

    Update.objects.filter(pk=update.pk).update(is_sample=False)
    form = admin_client.get(f"/admin/updates/update/{update.pk}/change/").content.decode()
    assert 'class="sample-content-note"' not in form


@pytest.mark.parametrize("url", ["/admin/faq/entry/", "/admin/documents/document/", "/admin/pages/page/"])
def test_every_flagged_model_has_the_sample_filter(admin_client, demo, url):
    assert "?is_sample__exact=1" in admin_client.get(url).content.decode()
