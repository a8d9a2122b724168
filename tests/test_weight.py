"""Weight: no page over 60 KB of HTML + CSS + JS compressed (before images)."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db
LIMIT = 60 * 1024
MAIN_PAGES = [
    "/{lang}/",
    "/{lang}/organisations/",
    "/{lang}/organisations/prefectural-advisors/",
    "/{lang}/updates/",
    "/{lang}/faq/",
]


def _assets(html, kind):
    pattern = r'<link rel="stylesheet" href="/static/([^"]+)"' if kind == "css" else r'<script src="/static/([^"]+)"'
    return re.findall(pattern, html)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("template", MAIN_PAGES)
def test_each_main_page_weighs_under_60_kb_compressed(client, demo, template, lang):
    response = client.get(template.format(lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    total = len(gzip.compress(response.content))
    for asset in _assets(html, "css") + _assets(html, "js"):
        path = finders.find(asset)
        assert path, asset
        with open(path, "rb") as file:
            total += len(gzip.compress(file.read()))
    assert total < LIMIT, f"{template.format(lang=lang)} weighs {total / 1024:.1f} KB compressed"
