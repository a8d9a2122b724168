from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jetportal.admin import BilingualAdmin, BilingualStackedInline

from .models import ContactDivision, Page, ParticipantCategory, Quality, Section, Video


class SectionInline(BilingualStackedInline):
    model = Section
    extra = 0
    fields = ["kind", "heading", "intro", "is_shown", "order"]


@admin.register(Page)
class PageAdmin(BilingualAdmin):
    list_display = ["title", "path", "kind", "status", "publish_at", "translation_status", "updated_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title_en", "title_ja", "summary_en", "summary_ja"]
    prepopulated_fields = {"slug": ["title_en"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "kind", "summary", "body"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "order", "change_note"]}),
    ]

    def get_inlines(self, request, obj):
        return [SectionInline] if obj and obj.kind == Page.Kind.LANDING else []


@admin.register(ParticipantCategory)
class ParticipantCategoryAdmin(BilingualAdmin):
    list_display = ["name", "abbreviation", "share_percent", "order", "translation_status"]
    list_editable = ["order"]
    fields = ["name", "abbreviation", "code", "share_percent", "description", "image", "image_alt", "order"]


@admin.register(Quality)
class QualityAdmin(BilingualAdmin):
    list_display = ["text", "order", "translation_status"]
    list_editable = ["order"]
    fields = ["text", "order"]


@admin.register(ContactDivision)
class ContactDivisionAdmin(BilingualAdmin):
    list_display = ["name", "opens_at", "closes_at", "order", "translation_status"]
    list_editable = ["order"]
    fields = ["name", "summary", "duties", "opens_at", "closes_at", "phone", "email", "order"]


@admin.register(Video)
class VideoAdmin(BilingualAdmin):
    list_display = ["title", "youtube_id", "order", "translation_status"]
    list_editable = ["order"]
    fields = ["title", "description", "youtube_id", "poster", "poster_alt", "order"]
