"""The Latest Updates section of the For Organisations page."""

from django.utils.translation import gettext as _

from jetportal import clock
from jetportal.addresses import address
from jetportal.prepared import PreparedList

from .display import with_display
from .models import Audience, Update

# The seed page shows a short list; the full list is one link away.
LATEST_COUNT = 4
# The For Organisations page offers the feed of its own audience (one of the standard audiences,
# whose slug staff are told never to change, so the address needs no query).
FEED_AUDIENCE = "organisations"


def _latest_items(at):
    return Update.objects.listed(at=at).prefetch_related(None)[:LATEST_COUNT]


# The items, their audience links and the audiences, each a prepared list (the time is the only
# parameter, so the SQL is built once per process): an ORM prefetch of the audiences built its
# SQL on every render and cost more than the rest of the section.
_latest = PreparedList(_latest_items, timed=True)
_latest_links = PreparedList(
    lambda at: Update.audiences.through.objects.filter(update__in=_latest_items(at).values("pk")), timed=True
)
_audiences = PreparedList(lambda: Audience.objects.order_by("order", "pk"))


def latest_updates(request, page):
    """The newest public items, pinned first (three queries: items, their links, audiences)."""
    at = clock.now()
    updates = _latest.rows(at=at)
    links = {(link.update_id, link.audience_id) for link in _latest_links.rows(at=at)}
    audiences = _audiences.rows()
    audiences_of = {update.pk: [a for a in audiences if (update.pk, a.pk) in links] for update in updates}
    list_url = address("updates:list")
    return {
        "updates": with_display(updates, list_url, audiences_of),
        "list_url": list_url,
        "feed_url": address("updates:audience_feed", audience=FEED_AUDIENCE),
        "feed_title": _("Latest Updates for organisations (Atom feed)"),
    }
