"""Latest Updates with the demo content: the For Organisations section and the demo items.

The site's real clock is used here: the demo's pages are published "now".
"""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import translation

from updates import sections
from updates.demo import UPDATES
from updates.models import Update
from updates.testing import audiences

ALL_AUDIENCES = ["current-jets", "former-jets", "organisations", "service-providers"]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_organisations_page_shows_latest_updates_like_the_seed(client, demo, lang):
    response = client.get(f"/{lang}/organisations/")
    assert response.status_code == 200
    section = response.text.split('id="updates"', 1)[1].split("</section>", 1)[0]
    assert section.count('<article class="update-card') == sections.LATEST_COUNT
    assert f'href="/{lang}/updates/"' in section
    assert f'href="/{lang}/updates/?audience=organisations"' in section
    # A card without a picture has no picture area; a card's picture is decorative.
    assert "update-card__placeholder" not in section and ("画像なし" if lang == "ja" else "No image") not in section
    assert (
        section.count('<img class="update-card__image"')
        == len(re.findall(r'<img class="update-card__image"[^>]* alt=""', section))
        >= 1
    )
    assert re.search(r'<img class="update-card__image" src="/media/updates/cards/[a-z0-9]+\.webp"', section)
    # Pinned items first, as on the list page.
    updates_block = next(block for block in response.context["blocks"] if block.section.kind == "updates")
    pinned = [u.pinned for u in updates_block.data["updates"]]
    assert pinned == sorted(pinned, reverse=True)


# Demo content


def test_demo_content_covers_the_seed_and_both_languages(demo):
    seed = {
        datetime.date(2023, 10, 10): set(ALL_AUDIENCES),
        datetime.date(2018, 5, 11): {"former-jets"},
        datetime.date(2017, 5, 23): {"current-jets", "former-jets", "organisations"},
    }
    updates = list(Update.objects.prefetch_related("audiences"))
    assert len(updates) >= 12
    by_date = {u.date: {a.slug for a in u.audiences.all()} for u in updates}
    for date, tags in seed.items():
        assert by_date[date] == tags
    assert {u.date.year for u in updates} >= set(range(2017, 2027))
    assert set().union(*by_date.values()) == set(ALL_AUDIENCES)
    assert sum(u.pinned for u in updates) >= 2
    assert any(u.deadline for u in updates)
    assert any(u.image for u in updates)
    for update in updates:
        assert update.title_en and update.title_ja and update.summary_ja and update.body_ja
    assert len(UPDATES) == len(updates)


def test_demo_audiences_in_japanese(demo):
    with translation.override("ja"):
        names = {a.slug: a.name for a in audiences().values()}
    assert names == {
        "current-jets": "現役JET参加者",
        "former-jets": "JET経験者",
        "organisations": "団体",
        "service-providers": "サービス提供事業者",
    }


def test_demo_loader_is_idempotent(demo):
    before = Update.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Update.objects.count() == before
