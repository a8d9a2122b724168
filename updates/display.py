"""What an update's card and page show besides its own text, computed in Python once per item.

The list, the item page and the landing page's four cards all show the date, the badges and the
audience tags; working them out here rather than with template tags and filters keeps a landing
render cheaper (the tags' links share one ``reverse`` a render when the caller passes it).
"""

from django.utils.translation import gettext as _

from jetportal.addresses import address
from jetportal.dates import local_date
from jetportal.localized import localize


class UpdateDisplay:
    def __init__(self, update, list_url=None, audiences=None):
        list_url = list_url or address("updates:list")
        self.date_iso = update.date.isoformat()
        self.date_label = local_date(update.date)
        self.badges = [
            (kind, label)
            for kind, label, shown in (
                ("pinned", _("Pinned"), update.pinned),
                ("new", _("New"), update.is_new),
                ("updated", _("Updated"), update.is_updated),
            )
            if shown
        ]
        if audiences is None:
            audiences = update.audiences.all()
        self.tags = [(f"{list_url}?audience={tag.slug}", localize(tag, "name")) for tag in audiences]


def with_display(updates, list_url, audiences_of=None):
    """Gives each item its display values, sharing one list address.

    ``audiences_of`` maps an item's id to its audiences, for items whose audiences were not
    prefetched; without it, each item's prefetched ``audiences`` are used.
    """
    for update in updates:
        audiences = audiences_of.get(update.pk, []) if audiences_of is not None else None
        update.__dict__["display"] = UpdateDisplay(update, list_url, audiences)
    return updates
