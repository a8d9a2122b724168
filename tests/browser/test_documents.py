"""A Prefectural Advisor finds the PA Handbook and downloads it in Japanese, as a person would."""

import re

import pytest

from documents.models import Document

pytestmark = pytest.mark.browser


def test_a_pa_downloads_the_handbook_in_japanese(live_demo, page):
    page.goto(f"{live_demo.url}/en/organisations/")
    page.get_by_role("link", name="For Prefectural Advisors (PAs)").first.click()
    page.wait_for_url(re.compile(r"/en/organisations/prefectural-advisors/$"))

    # The link says the language, the format and the size before anyone clicks it.
    link = page.get_by_role("link", name=re.compile(r"^Download in Japanese \(PDF, [\d.]+ KB\) — PA Handbook$"))
    assert link.get_attribute("hreflang") == "ja"
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value

    assert download.suggested_filename == "PAハンドブック.pdf"
    assert download.url.endswith("/ja/downloads/pa-handbook/")
    data = open(download.path(), "rb").read()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data
    # The Japanese title is in the file, written as UCS-2 codes for the Japanese font.
    assert "".join(f"{ord(ch):04X}" for ch in "ハンドブック").encode() in data
    assert Document.objects.get(slug="pa-handbook").download_count == 1
    assert page.csp_errors == []
