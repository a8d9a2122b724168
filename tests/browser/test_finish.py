"""The finish, measured in a real browser: alignment, chart text size, print, Japanese line breaks."""

import re

import pytest

pytestmark = pytest.mark.browser

WIDTHS = [320, 360, 768, 1024, 1280, 1600]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_menu_starts_where_the_logo_and_the_content_start(live_demo, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_demo.url}/en/organisations/")
    lefts = page.evaluate(
        """() => {
            const left = (selector) => document.querySelector(selector).getBoundingClientRect().left;
            const link = document.querySelector('.site-nav a');
            const text = document.createRange();
            text.selectNodeContents(link);
            return {
                logo: left('.brand'), content: left('main h1'), link: left('.site-nav a'),
                text: text.getBoundingClientRect().left,
                rows: [...document.querySelectorAll('.site-nav li')].map((li) => li.getBoundingClientRect().left),
            };
        }"""
    )
    assert lefts["logo"] == pytest.approx(lefts["content"], abs=1)
    assert lefts["link"] == pytest.approx(lefts["logo"], abs=1)
    assert lefts["text"] == pytest.approx(lefts["logo"], abs=1)
    if width == 1280:
        assert lefts["logo"] == pytest.approx(80, abs=1)
    # Wrapped rows of the menu start at the same place as the first.
    assert min(lefts["rows"]) == pytest.approx(lefts["logo"], abs=1)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_chart_text_is_at_least_12_px_from_a_320_px_screen(live_demo, page, lang):
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_demo.url}/{lang}/organisations/")
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('svg.chart text')].map((text) =>
                parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a)"""
        )
        assert len(sizes) >= 8
        assert min(sizes) >= 12, (width, sizes)
        # Nothing of the chart is cut off at the sides.
        overflow = page.evaluate(
            """() => {
                const chart = document.querySelector('svg.chart').getBoundingClientRect();
                return [...document.querySelectorAll('svg.chart text')].some((text) => {
                    const box = text.getBoundingClientRect();
                    return box.left < chart.left - 1 || box.right > chart.right + 1;
                });
            }"""
        )
        assert not overflow, width


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_landing_page_prints_on_four_a4_pages_at_most_without_decorative_pictures(live_demo, page, lang):
    page.goto(f"{live_demo.url}/{lang}/organisations/")
    page.wait_for_load_state("networkidle")
    pages = pdf_pages(page.pdf(format="A4", print_background=False))
    assert 1 <= pages <= 4, pages

    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => [...document.querySelectorAll('img, .video__frame')]
            .filter((element) => element.getClientRects().length > 0).map((element) => element.outerHTML.slice(0, 80))"""
    )
    assert shown == []


def test_japanese_card_text_never_leaves_a_lone_syllable_on_its_last_line(live_demo, page):
    """「す。」 alone on a line: phrase-aware breaking keeps the last phrase together."""
    page.set_viewport_size({"width": 360, "height": 800})
    short_last_lines = []
    for path in ("/ja/organisations/", "/ja/updates/", "/ja/"):
        page.goto(f"{live_demo.url}{path}")
        short_last_lines += page.evaluate(
            """() => [...document.querySelectorAll('main p, main li')].flatMap((element) => {
                if (!element.matches(':lang(ja)')) return [];
                // The text's own line boxes (not the padding boxes of links and badges).
                const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
                const rects = [];
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const range = document.createRange();
                    range.selectNodeContents(node);
                    rects.push(...[...range.getClientRects()].filter((rect) => rect.width > 0));
                }
                const lines = rects.reduce((rows, rect) => {
                    const row = rows.find((r) => Math.abs(r.top - rect.top) < 4);
                    if (row) { row.left = Math.min(row.left, rect.left); row.right = Math.max(row.right, rect.right); }
                    else rows.push({top: rect.top, left: rect.left, right: rect.right});
                    return rows;
                }, []);
                if (lines.length < 2) return [];
                const last = lines.sort((a, b) => a.top - b.top).at(-1);
                const em = parseFloat(getComputedStyle(element).fontSize);
                return last.right - last.left < 2.5 * em ? [element.textContent.trim().slice(-12)] : [];
            })"""
        )
    assert short_last_lines == []


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_sample_notice_passes_axe_and_prints(live_demo, page, settings, lang):
    from .axe import scan

    settings.SHOW_SAMPLE_NOTICE = True
    page.set_viewport_size({"width": 360, "height": 800})
    assert scan(page, live_demo.url, [f"/{lang}/organisations/", f"/{lang}/no-such-page/"]) == {}
    page.goto(f"{live_demo.url}/{lang}/organisations/")
    assert page.locator(".sample-notice").is_visible()
    pages = pdf_pages(page.pdf(format="A4"))
    page.emulate_media(media="print")
    assert page.locator(".sample-notice").is_visible()
    assert pages <= 4
