"""The admin's view of content with a publishing workflow: draft, scheduled or live."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import clock
from .content import Status


class PublishingStateFilter(admin.SimpleListFilter):
    """Draft, scheduled or live: what staff need to know is whether visitors can see it now."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("draft", _("Draft")), ("scheduled", _("Scheduled")), ("live", _("Live on the site"))]

    def queryset(self, request, queryset):
        now = clock.now()
        if self.value() == "draft":
            return queryset.filter(status=Status.DRAFT)
        if self.value() == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, publish_at__gt=now)
        if self.value() == "live":
            return queryset.published(at=now)
        return queryset


class ViewOnSiteMixin:
    """ "View on site" opens the item on the address the admin itself is on, in the admin's language.

    Not through the sites framework's domain (``example.com`` until someone sets it), and not
    on another host: the staff member's sign-in belongs to this one, and it is what lets a
    draft or a scheduled item open as a preview.
    """

    def get_view_on_site_url(self, obj=None):
        if obj is None or obj.pk is None or not self.view_on_site:
            return None
        if callable(self.view_on_site):
            return self.view_on_site(obj)
        public_url = getattr(obj, "get_absolute_url", None)
        return public_url() if public_url else None


class PublishingAdminMixin:
    """A "state" column for the change list (pair it with PublishingStateFilter)."""

    @admin.display(description=_("state"), ordering="publish_at")
    def state(self, obj):
        if obj.status == Status.DRAFT:
            return _("Draft")
        if not obj.is_public:
            return _("Scheduled")
        return _("Live on the site")
