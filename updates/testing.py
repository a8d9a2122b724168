"""Helpers for the updates tests: build items with only the fields a test cares about."""

import datetime
import itertools
from zoneinfo import ZoneInfo

from jetportal.content import Status

from .models import Audience, Update

TOKYO = ZoneInfo("Asia/Tokyo")
# A fixed "now" for tests that move the clock: Wednesday 25 November 2026, noon in Tokyo.
NOW = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=TOKYO)

_numbers = itertools.count(1)


def audiences():
    """The four standard audiences by slug (created if a previous test flushed them)."""
    return {audience.slug: audience for audience in Audience.objects.ensure_defaults()}


def make_update(*, audience_slugs=("organisations",), **values):
    number = next(_numbers)
    values.setdefault("slug", f"item-{number}")
    values.setdefault("title_en", f"English title {number}")
    values.setdefault("title_ja", f"日本語のタイトル{number}")
    values.setdefault("summary_en", f"English summary {number}")
    values.setdefault("summary_ja", f"日本語の概要{number}")
    values.setdefault("status", Status.PUBLISHED)
    values.setdefault("publish_at", NOW - datetime.timedelta(days=30))
    if "date" in values:
        # A test that names a date wants it shown, whatever the publish time.
        values["date_shown"] = values.pop("date")
    update = Update.objects.create(**values)
    by_slug = audiences()
    update.audiences.set([by_slug[slug] for slug in audience_slugs])
    return update


def admin_form(**overrides):
    """What the admin's "add update" form posts: every input empty but an audience and a publish time."""
    data = {
        "slug": "",
        "audiences": [audiences()["organisations"].pk],
        "status": Status.PUBLISHED,
        "publish_at_0": "2026-01-05",
        "publish_at_1": "09:00:00",
        "date_shown": "",
        "link": "",
        "deadline": "",
    }
    for field in ("title", "summary", "body", "image_alt", "link_text"):
        for code in ("en", "ja"):
            data[f"{field}_{code}"] = ""
    data.update(overrides)
    return data
