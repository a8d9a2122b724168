from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from jetportal.admin import BilingualAdmin, OrderedBilingualAdmin

from .files import upload_help_text
from .models import LANGUAGE_CODES, Document, DocumentGroup, ProgrammeStatistic


@dataclass(frozen=True)
class CurrentFile:
    """What the file input shows as "Currently": the clean name, linked to the download address."""

    url: str
    name: str

    def __str__(self):
        return self.name


class DocumentFileInput(forms.ClearableFileInput):
    """A file input for files that have no media URL: the current one links to its download address."""

    def __init__(self, current=None, attrs=None):
        self.current = current
        super().__init__(attrs)

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def format_value(self, value):
        if self.is_initial(value):
            return self.current or CurrentFile("", value.name)
        return None


@admin.register(DocumentGroup)
class DocumentGroupAdmin(OrderedBilingualAdmin):
    list_display = ["name", "translation_status"]
    fields = ["name"]


@admin.register(Document)
class DocumentAdmin(OrderedBilingualAdmin):
    # Documents are listed by category page, then group: they move among those neighbours.
    order_scope = ("category", "group")
    list_display = [
        "title",
        "category",
        "group",
        "files",
        "download_count",
        "status",
        "is_featured",
        "updated_at",
        "translation_status",
    ]
    list_filter = ["status", "category", "group", "is_featured"]
    search_fields = ["title_en", "title_ja", "slug"]
    list_select_related = ["category", "group"]
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["download_count", "file_details", "download_links"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "group", "description"]}),
        (_("Files"), {"fields": ["file_en", "file_ja", "file_details", "download_links"]}),
        (_("Pamphlet"), {"fields": ["is_featured", "cover", "cover_alt"], "classes": ["collapse"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "change_note", "download_count"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # Changing the slug would break every link and bookmark to the document.
            fields.append("slug")
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else super().get_prepopulated_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        for code in LANGUAGE_CODES:
            field = form.base_fields.get(f"file_{code}")
            if field is None:
                continue
            field.help_text = upload_help_text()
            version = obj.version(code) if obj is not None else None
            current = CurrentFile(obj.get_download_url(code), version.filename) if version else None
            field.widget = DocumentFileInput(current=current)
        return form

    @admin.display(description=_("Files"))
    def files(self, obj):
        return " · ".join(
            f"{code.upper()} {version.format_label} {version.size_label}"
            for code in LANGUAGE_CODES
            if (version := obj.version(code))
        ) or _("none")

    @admin.display(description=_("Stored files"))
    def file_details(self, obj):
        versions = [version for code in LANGUAGE_CODES if obj.pk and (version := obj.version(code))]
        if not versions:
            return "—"
        return format_html_join(
            "",
            "{}: {} ({}, {})<br>",
            ((v.language.upper(), v.filename, v.format_label, v.size_label) for v in versions),
        )

    @admin.display(description=_("Permanent download addresses"))
    def download_links(self, obj):
        if not obj.pk:
            return _("Shown once the document is saved.")
        return format_html_join(
            "", '<a href="{0}">{0}</a><br>', ((obj.get_download_url(code),) for code in LANGUAGE_CODES)
        )


@admin.register(ProgrammeStatistic)
class ProgrammeStatisticAdmin(BilingualAdmin):
    list_display = ["fiscal_year", "participants", "countries", "alt_count", "cir_count", "sea_count"]
    fields = ["fiscal_year", "participants", "countries", "alt_count", "cir_count", "sea_count", "source_note"]
