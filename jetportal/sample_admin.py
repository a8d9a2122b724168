"""Sample content in the admin: a column, a filter and a notice on the form.

Every model with ``is_sample`` (jetportal.content.SampleContent) gets them through the
shared admin base, so staff see at a glance what the demo wrote and what is theirs.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


def _has_sample_flag(model):
    return any(field.name == "is_sample" for field in model._meta.get_fields())


class SampleContentAdminMixin:
    def get_list_display(self, request):
        list_display = list(super().get_list_display(request))
        if _has_sample_flag(self.model) and "sample_column" not in list_display:
            # Before the move buttons, which other mixins append last.
            list_display.insert(min(len(list_display), 1), "sample_column")
        return list_display

    def get_list_filter(self, request):
        list_filter = list(super().get_list_filter(request))
        if _has_sample_flag(self.model) and "is_sample" not in list_filter:
            list_filter.append("is_sample")
        return list_filter

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not _has_sample_flag(self.model):
            return fieldsets
        if any("is_sample" in options["fields"] for _title, options in fieldsets):
            return fieldsets
        title, options = fieldsets[-1]
        return [*fieldsets[:-1], (title, {**options, "fields": [*options["fields"], "is_sample"]})]

    @admin.display(description=_("Sample"), boolean=True, ordering="is_sample")
    def sample_column(self, obj):
        return obj.is_sample
