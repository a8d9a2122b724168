"""The Latest Updates section of the For Organisations page."""

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext as _

from jetportal.prepared import PreparedList

from .display import with_display
from .models import Update, audiences_prefetch

# The seed page shows a short list; the full list is one link away.
LATEST_COUNT = 4
# The For Organisations page offers the feed of its own audience (one of the standard audiences,
# whose slug staff are told never to change, so the address needs no query).
FEED_AUDIENCE = "organisations"

# The items without their audiences (a prepared list cannot prefetch): the time is the only
# parameter, so the SQL is built once per process; the audiences follow in one query as before.
_latest = PreparedList(lambda at: Update.objects.listed(at=at).prefetch_related(None)[:LATEST_COUNT], timed=True)


def latest_updates(request, page):
    """The newest public items, pinned first (two queries: items and their audiences)."""
    updates = _latest.rows()
    prefetch_related_objects(updates, audiences_prefetch())
    list_url = reverse("updates:list")
    return {
        "updates": with_display(updates, list_url),
        "list_url": list_url,
        "feed_url": reverse("updates:audience_feed", kwargs={"audience": FEED_AUDIENCE}),
        "feed_title": _("Latest Updates for organisations (Atom feed)"),
    }
