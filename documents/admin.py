from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from jetportal.admin import BilingualAdmin, OrderedBilingualAdmin
from jetportal.publishing_admin import PublishingAdminMixin, PublishingStateFilter

from .files import document_storage, upload_help_text
from .models import LANGUAGE_CODES, Document, DocumentGroup, ProgrammeStatistic

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def missing_file_message(language):
    return _(
        "The %(language)s file of this version is no longer stored, so it cannot be restored. "
        "Upload the file again, or tick “Clear” to restore the version without it."
    ) % {"language": language}


def missing_files(cleaned):
    """The file fields whose value is a stored file that is not (any more) in storage."""
    for code in LANGUAGE_CODES:
        value = cleaned.get(f"file_{code}")
        if value and getattr(value, "_committed", False) and not document_storage().exists(value.name):
            yield f"file_{code}", LANGUAGE_NAMES[code]


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
class DocumentAdmin(PublishingAdminMixin, OrderedBilingualAdmin):
    # Documents are listed by category page, then group: they move among those neighbours.
    order_scope = ("category", "group")
    list_display = [
        "title",
        "category",
        "group",
        "files",
        "download_count",
        "state",
        "is_featured",
        "updated_at",
        "translation_status",
    ]
    list_filter = [PublishingStateFilter, "category", "group", "is_featured"]
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
        base = super().get_form(request, obj, change=change, **kwargs)

        class DocumentForm(base):
            def clean(self):
                cleaned = super().clean()
                for name, language in missing_files(cleaned):
                    self.add_error(name, missing_file_message(language))
                return cleaned

        DocumentForm.__name__ = base.__name__
        # After subclassing: a ModelForm subclass builds its fields afresh from the model.
        for code in LANGUAGE_CODES:
            field = DocumentForm.base_fields.get(f"file_{code}")
            if field is None:
                continue
            field.help_text = upload_help_text()
            version = obj.version(code) if obj is not None else None
            current = CurrentFile(obj.get_download_url(code), version.filename) if version else None
            field.widget = DocumentFileInput(current=current)
        return DocumentForm

    def _warn_of_missing_files(self, request, version_id):
        version = Version.objects.filter(pk=version_id).first()
        if request.method == "GET" and version is not None:
            for code in LANGUAGE_CODES:
                name = version.field_dict.get(f"file_{code}")
                if name and not document_storage().exists(str(name)):
                    self.message_user(request, missing_file_message(LANGUAGE_NAMES[code]), messages.WARNING)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self._warn_of_missing_files(request, version_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self._warn_of_missing_files(request, version_id)
        return super().recover_view(request, version_id, extra_context)

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
