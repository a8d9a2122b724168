from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from jetportal.admin import BilingualAdmin
from jetportal.publishing_admin import PublishingAdminMixin, PublishingStateFilter

from .models import Audience, Update


@admin.register(Audience)
class AudienceAdmin(BilingualAdmin):
    list_display = ["name", "slug", "order", "translation_status"]
    list_editable = ["order"]
    fields = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name_en"]}


class UpdateForm(forms.ModelForm):
    significant_change = forms.BooleanField(
        label=_("This is a significant change"),
        required=False,
        help_text=_(
            "Tick this when readers should know the item changed (a new date, a corrected amount...). "
            "The item then shows an “updated” badge and the public change note. Leave it empty for typo fixes."
        ),
    )

    class Meta:
        model = Update
        # The admin builds the form from its fieldsets; these are the fields clean() reads.
        fields = ["change_note_en", "change_note_ja"]

    def clean(self):
        cleaned = super().clean()
        has_note = any(cleaned.get(f"change_note_{code}") for code in ("en", "ja"))
        if cleaned.get("significant_change") and not has_note:
            self.add_error("change_note_en", _("Write a short public note saying what changed."))
        return cleaned


@admin.register(Update)
class UpdateAdmin(PublishingAdminMixin, BilingualAdmin):
    form = UpdateForm
    list_display = ["title", "date", "state", "audience_list", "pinned", "deadline", "translation_status"]
    list_display_links = ["title"]
    list_filter = [PublishingStateFilter, "audiences", "pinned"]
    date_hierarchy = "date"
    search_fields = ["title_en", "title_ja", "summary_en", "summary_ja", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    formfield_overrides = {
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
        models.URLField: {"assume_scheme": "https"},
    }
    readonly_fields = ["significant_change_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "audiences", "summary", "body"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (_("Link and deadline"), {"fields": ["link", "link_text", "deadline"]}),
        (
            _("Publishing"),
            {
                "fields": ["status", "publish_at", "date_shown", "pinned"],
                "description": _(
                    "A published item appears on the site by itself at its “publish at” time. "
                    "Until then, and while it is a draft, only signed-in staff can see it, "
                    "with “View on site”, as a preview."
                ),
            },
        ),
        (_("Changes"), {"fields": ["significant_change", "change_note", "significant_change_at", "updated_at"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # A new item has no history to note; the change fields appear once it exists.
        return fieldsets if obj is not None else fieldsets[:-1]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("audiences")

    @admin.display(description=_("audiences"))
    def audience_list(self, obj):
        return ", ".join(audience.name for audience in obj.audiences.all())

    def save_model(self, request, obj, form, change):
        if change and form.cleaned_data.get("significant_change"):
            obj.mark_significant_change()
        super().save_model(request, obj, form, change)
