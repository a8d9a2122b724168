"""The Latest Updates section of the For Organisations page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Update

# The seed page shows a short list; the full list is one link away.
LATEST_COUNT = 4
# The For Organisations page offers the feed of its own audience (one of the standard audiences,
# whose slug staff are told never to change, so the address needs no query).
FEED_AUDIENCE = "organisations"


def latest_updates(request, page):
    """The newest public items, pinned first (two queries: items and their audiences)."""
    return {
        "updates": list(Update.objects.listed()[:LATEST_COUNT]),
        "list_url": reverse("updates:list"),
        "feed_url": reverse("updates:audience_feed", kwargs={"audience": FEED_AUDIENCE}),
        "feed_title": _("Latest Updates for organisations (Atom feed)"),
    }
