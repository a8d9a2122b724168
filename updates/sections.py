"""The Latest Updates section of the For Organisations page."""

from django.urls import reverse

from .models import Update

# The seed page shows a short list; the full list is one link away.
LATEST_COUNT = 4


def latest_updates(request, page):
    """The newest public items, pinned first (two queries: items and their audiences)."""
    return {
        "updates": list(Update.objects.listed()[:LATEST_COUNT]),
        "list_url": reverse("updates:list"),
        "feed_url": reverse("updates:feed"),
    }
