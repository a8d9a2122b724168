"""Documents on the site's pages: category listings, the pamphlet, the figures, redirects."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.redirects.models import Redirect
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from test_documents_factories import category_pages, make_document, make_group

from documents.charts import bar_chart, nice_step, summary
from documents.models import Document, ProgrammeStatistic
from documents.pdf import one_page_pdf
from jetportal.content import Status
from pages.models import Page, Section

pytestmark = pytest.mark.django_db


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "Handbooks",
                "PA Handbook",
                "Forms",
                "Consultation Record Form",
                "PA Activity Report Form",
                "Download in English (PDF, 1.",
                "Download in Japanese (PDF, 1.",
                "Contact details updated for fiscal 2025.",
            ],
        ),
        (
            "ja",
            [
                "ハンドブック",
                "PAハンドブック",
                "様式",
                "相談記録票",
                "PA活動報告書",
                "日本語版をダウンロード （PDF、1.",
                "英語版をダウンロード （PDF、1.",
                "2025年度の連絡先を更新しました。",
            ],
        ),
    ],
)
def test_pa_page_lists_the_handbook_and_forms_by_group(client, demo, lang, expected):
    response = client.get(f"/{lang}/organisations/prefectural-advisors/")
    assert response.status_code == 200
    text = text_of(response.content.decode())
    positions = [text.find(item) for item in expected]
    assert all(p >= 0 for p in positions), dict(zip(expected, positions, strict=True))
    # Handbooks come before forms, as the groups are ordered.
    assert text.find(expected[0]) < text.find(expected[2])
    html = response.content.decode()
    assert f'href="/{lang}/downloads/pa-handbook/" hreflang="{lang}" type="application/pdf"' in html


@pytest.mark.parametrize(("lang", "label"), [("en", "Download: Japanese only"), ("ja", "日本語版をダウンロード")])
def test_companies_page_says_japanese_only_before_the_click(client, demo, lang, label):
    response = client.get(f"/{lang}/organisations/companies/")
    html = response.content.decode()
    assert label in text_of(html)
    assert "English" not in text_of(html[html.index('id="documents-heading"') :]) and "英語版" not in html
    # The link keeps the page's own address: it will serve English by itself once English is added.
    assert f'href="/{lang}/downloads/hiring-former-jets-guide/" hreflang="ja"' in html
    guide = client.get(f"/{lang}/downloads/hiring-former-jets-guide/")
    assert guide.status_code == 200 and guide["Content-Language"] == "ja"


def test_draft_and_fileless_documents_are_not_listed(client):
    _organisations, pas, _companies = category_pages()
    make_document(slug="visible", category=pas, title_en="Visible document")
    make_document(slug="draft", category=pas, title_en="Draft document", status=Status.DRAFT)
    make_document(slug="empty", category=pas, title_en="Empty document", en=False, ja=False, status=Status.DRAFT)
    Document.objects.filter(slug="empty").update(status=Status.PUBLISHED)
    html = client.get("/en/organisations/prefectural-advisors/").content.decode()
    assert "Visible document" in html
    assert "Draft document" not in html and "Empty document" not in html


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_category_page_queries_do_not_grow_with_documents(client, lang, settings):
    # Measure the page itself, not the page cache.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    _organisations, pas, _companies = category_pages()
    groups = [make_group("Handbooks", "ハンドブック", 0), make_group("Forms", "様式", 1)]
    for index in range(2):
        make_document(slug=f"doc-{index}", category=pas, group=groups[index % 2], title_en=f"Document {index}")
    url = f"/{lang}/organisations/prefectural-advisors/"
    with_two = _queries_for(client, url)
    for index in range(2, 10):
        make_document(slug=f"doc-{index}", category=pas, group=groups[index % 2], ja=index % 3 != 0)
    with_ten = _queries_for(client, url)
    assert with_ten == with_two
    assert client.get(url).content.decode().count('class="download"') > 10


@pytest.mark.parametrize(
    ("lang", "heading", "links"),
    [
        ("en", "JET Pamphlet", ["Download in English (PDF", "Download in Japanese (PDF"]),
        ("ja", "JETパンフレット", ["日本語版をダウンロード （PDF", "英語版をダウンロード （PDF"]),
    ],
)
def test_pamphlet_section_shows_cover_description_and_both_versions(client, demo, lang, heading, links):
    html = client.get(f"/{lang}/organisations/").content.decode()
    section = html[html.index('id="pamphlet"') : html.index('id="categories"')]
    assert heading in section
    assert 'class="pamphlet__cover"' in section and 'alt="' in section
    assert 'width="480" height="640"' in section
    text = text_of(section)
    assert all(link in text for link in links)
    assert '/en/downloads/jet-pamphlet/" hreflang="en"' in section
    assert '/ja/downloads/jet-pamphlet/" hreflang="ja"' in section


class TableReader(HTMLParser):
    """The statistics table as rows of cell texts, and whether headers carry a scope."""

    def __init__(self):
        super().__init__()
        self.rows, self.scopes, self.caption = [], [], ""
        self._in_table = self._in_cell = self._in_caption = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "stats__table" in attrs.get("class", ""):
            self._in_table = True
        elif self._in_table and tag == "tr":
            self.rows.append([])
        elif self._in_table and tag in ("td", "th"):
            self._in_cell = True
            self.rows[-1].append("")
            if tag == "th":
                self.scopes.append(attrs.get("scope"))
        elif self._in_table and tag == "caption":
            self._in_caption = True
        elif self._in_table and tag == "span" and attrs.get("aria-hidden") == "true":
            self._in_cell = False

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = False
        elif tag in ("td", "th"):
            self._in_cell = False
        elif tag == "caption":
            self._in_caption = False
        elif tag == "span" and self._in_table and self.rows and self.rows[-1]:
            self._in_cell = True

    def handle_data(self, data):
        if self._in_caption:
            self.caption += data
        elif self._in_cell:
            self.rows[-1][-1] += data.strip()


@pytest.mark.parametrize(
    ("lang", "expected_rows", "caption", "summary_text"),
    [
        (
            "en",
            [
                ["Fiscal year", "Participants", "Countries"],
                ["Fiscal 1987", "848", "4"],
                ["Fiscal 2002", "6,273", "not recorded"],
                ["Fiscal 2025", "5,933", "54"],
            ],
            "JET Programme participants by fiscal year (as of fiscal 2025)",
            "The number of participants was highest in fiscal 2002, at 6,273.",
        ),
        (
            "ja",
            [
                ["年度", "参加者数", "参加国数"],
                ["1987年度", "848", "4"],
                ["2002年度", "6,273", "記録なし"],
                ["2025年度", "5,933", "54"],
            ],
            "JETプログラム参加者数の推移（2025年度現在）",
            "参加者数が最も多かったのは2002年度の6,273人です。",
        ),
    ],
)
def test_statistics_table_matches_the_data_and_the_chart(client, demo, lang, expected_rows, caption, summary_text):
    html = client.get(f"/{lang}/organisations/").content.decode()
    section = html[html.index('id="statistics"') :]
    section = section[: section.index("</section>")]
    reader = TableReader()
    reader.feed(section)
    assert reader.rows == expected_rows
    assert reader.caption.strip() == caption
    assert set(reader.scopes) == {"col", "row"}
    # The SVG is an image with a title and a description, and no inline style anywhere.
    assert re.search(r'<svg class="chart" role="img"[^>]*aria-labelledby="stats-chart-title stats-chart-desc"', section)
    assert '<title id="stats-chart-title">' in section and '<desc id="stats-chart-desc">' in section
    assert "style=" not in section
    assert summary_text in text_of(section)
    # One bar per year, labelled with the same figures as the table.
    bars = re.findall(r'<rect class="chart__bar"', section)
    values = re.findall(r'<text class="chart__value"[^>]*>([^<]+)</text>', section)
    assert len(bars) == 3 and values == ["848", "6,273", "5,933"]


def test_statistics_are_only_the_published_figures(demo):
    rows = list(ProgrammeStatistic.objects.values_list("fiscal_year", "participants", "countries"))
    assert rows == [(1987, 848, 4), (2002, 6273, None), (2025, 5933, 54)]


def test_bar_geometry_is_proportional_and_inside_the_plot():
    chart = bar_chart([(1987, 848), (2002, 6273), (2025, 5933)])
    assert [t.value for t in chart.ticks] == [0, 2000, 4000, 6000, 8000]
    heights = [bar.height for bar in chart.bars]
    assert heights[1] > heights[2] > heights[0] > 0
    assert abs(heights[1] / heights[0] - 6273 / 848) < 0.05
    for bar in chart.bars:
        assert chart.plot_left <= bar.x and bar.x + bar.width <= chart.plot_right
        assert bar.y + bar.height == pytest.approx(chart.baseline)
    assert nice_step(0) == 1 and nice_step(9) == 5 and nice_step(62730) == 20000
    assert bar_chart([]).bars == []


def test_summary_handles_a_single_year():
    stat = ProgrammeStatistic(fiscal_year=2025, participants=5933, countries=1)
    with translation.override("en"):
        assert summary([stat]) == ["In fiscal 2025 there were 5,933 participants from 1 country."]
    with translation.override("ja"):
        assert summary([stat]) == ["2025年度の参加者数は1か国から5,933人でした。"]


def test_only_language_link_in_japanese_for_an_english_only_document(client):
    _organisations, pas, _companies = category_pages()
    make_document(slug="english-only", category=pas, ja=False)
    html = client.get("/ja/organisations/prefectural-advisors/").content.decode()
    assert "ダウンロード（英語のみ）" in text_of(html)
    assert 'href="/ja/downloads/english-only/" hreflang="en"' in html


def test_statistics_section_hidden_without_data(client, demo):
    ProgrammeStatistic.objects.all().delete()
    html = client.get("/en/organisations/").content.decode()
    assert 'class="stats"' not in html


def test_generated_pdf_is_well_formed():
    data = one_page_pdf("PAハンドブック", ["Line (with parentheses) and \\ backslash"])
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    # Every cross-reference offset points at the object it names.
    xref = int(data[data.rindex(b"startxref") + 9 :].split()[0])
    table = data[xref:].split(b"\n")
    count = int(table[1].split()[1])
    for number in range(1, count):
        offset = int(table[2 + number].split()[0])
        assert data[offset:].startswith(f"{number} 0 obj".encode())


def test_staff_can_add_a_category_page_that_lists_documents(admin_client, client):
    organisations, _pas, _companies = category_pages()
    response = admin_client.post(
        "/admin/pages/page/add/",
        {
            "title_en": "For Boards of Education",
            "title_ja": "教育委員会の皆さまへ",
            "slug": "boards-of-education",
            "parent": organisations.pk,
            "kind": Page.Kind.CATEGORY,
            "status": Status.PUBLISHED,
            "publish_at_0": "2026-01-01",
            "publish_at_1": "09:00:00",
            "order": "3",
            "summary_en": "",
            "summary_ja": "",
            "body_en": "",
            "body_ja": "",
            "image_alt_en": "",
            "image_alt_ja": "",
            "change_note_en": "",
            "change_note_ja": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(slug="boards-of-education")
    make_document(slug="boe-guide", category=page, title_en="Guide for boards of education")
    html = client.get("/en/organisations/boards-of-education/").content.decode()
    assert "Guide for boards of education" in html
    assert "/en/downloads/boe-guide/" in html


def test_landing_without_pamphlet_section_still_renders(client, demo):
    Section.objects.filter(kind="pamphlet").delete()
    Document.objects.filter(is_featured=True).update(is_featured=False)
    assert client.get("/en/organisations/").status_code == 200


def test_redirect_from_an_old_address(client, demo):
    Redirect.objects.create(site_id=1, old_path="/jet/pa-handbook.pdf", new_path="/en/downloads/pa-handbook/")
    Redirect.objects.create(site_id=1, old_path="/en/old-pa-page/", new_path="/en/organisations/prefectural-advisors/")
    response = client.get("/jet/pa-handbook.pdf")
    assert response.status_code == 301
    assert response["Location"] == "/en/downloads/pa-handbook/"
    assert (
        client.get("/en/old-pa-page/", follow=True).redirect_chain[-1][0] == "/en/organisations/prefectural-advisors/"
    )
    # Addresses with no redirect are still a proper 404 page in the visitor's language.
    missing = client.get("/ja/no-such-page/")
    assert missing.status_code == 404
    assert 'lang="ja"' in missing.content.decode()
    gone = Redirect.objects.create(site_id=1, old_path="/en/withdrawn-form/", new_path="")
    assert client.get(gone.old_path).status_code == 410


def test_staff_manage_redirects_in_the_admin(admin_client, client):
    response = admin_client.post(
        "/admin/redirects/redirect/add/",
        {"site": "1", "old_path": "/old/handbook/", "new_path": "/en/downloads/pa-handbook/"},
    )
    assert response.status_code == 302
    assert admin_client.get("/admin/redirects/redirect/").status_code == 200
    moved = client.get("/old/handbook/")
    assert (moved.status_code, moved["Location"]) == (301, "/en/downloads/pa-handbook/")


def test_years_stand_on_a_time_axis_and_labels_never_crowd():
    chart = bar_chart([(1987, 848), (2002, 6273), (2025, 5933)])
    first, peak, latest = (bar.centre for bar in chart.bars)
    # 15 years, then 23: the gaps say so, instead of three evenly spaced bars.
    assert (peak - first) / (latest - peak) == pytest.approx(15 / 23, rel=0.01)
    assert all(bar.labelled for bar in chart.bars)

    yearly = bar_chart([(year, 5000) for year in range(1987, 2026)])
    bars = yearly.bars
    assert all(a.x + a.width < b.x for a, b in zip(bars, bars[1:], strict=False))
    assert yearly.plot_left <= bars[0].x and bars[-1].x + bars[-1].width <= yearly.plot_right
    labelled = [bar.centre for bar in bars if bar.labelled]
    assert bars[-1].labelled and len(labelled) >= 4
    assert all(b - a >= 17 for a, b in zip(labelled, labelled[1:], strict=False))
