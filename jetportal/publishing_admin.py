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


class PublishingAdminMixin:
    """A "state" column for the change list (pair it with PublishingStateFilter)."""

    @admin.display(description=_("state"), ordering="publish_at")
    def state(self, obj):
        if obj.status == Status.DRAFT:
            return _("Draft")
        if not obj.is_public:
            return _("Scheduled")
        return _("Live on the site")
