from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jetportal.admin import BilingualStackedInline, OrderedBilingualAdmin
from jetportal.publishing_admin import PublishingAdminMixin, PublishingStateFilter

from .models import ContactDivision, Page, ParticipantCategory, Quality, Section, Video


class SectionInline(BilingualStackedInline):
    model = Section
    extra = 0
    fields = ["kind", "heading", "intro", "is_shown", "order"]


@admin.register(Page)
class PageAdmin(PublishingAdminMixin, OrderedBilingualAdmin):
    list_display = ["title", "address", "kind", "state", "publish_at", "translation_status", "updated_at"]
    list_filter = [PublishingStateFilter, "kind"]
    search_fields = ["title_en", "title_ja", "summary_en", "summary_ja"]
    prepopulated_fields = {"slug": ["title_en"]}
    # Declared so that history follows a page's sections (a restored page gets its sections back).
    inlines = [SectionInline]
    order_scope = ("parent",)
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "kind", "summary", "body"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "order", "change_note"]}),
    ]

    # The stored path has no label of its own (a column named "Path" would stay English).
    @admin.display(description=_("address"), ordering="path")
    def address(self, obj):
        return f"/{obj.path}"

    def get_inlines(self, request, obj):
        # Only a landing page is built from sections.
        return self.inlines if obj and obj.kind == Page.Kind.LANDING else []


@admin.register(ParticipantCategory)
class ParticipantCategoryAdmin(OrderedBilingualAdmin):
    list_display = ["name", "abbreviation", "share_percent", "translation_status"]
    fields = ["name", "abbreviation", "code", "share_percent", "description", "image", "image_alt", "order"]


@admin.register(Quality)
class QualityAdmin(OrderedBilingualAdmin):
    list_display = ["text", "translation_status"]
    fields = ["text", "order"]


@admin.register(ContactDivision)
class ContactDivisionAdmin(OrderedBilingualAdmin):
    list_display = ["name", "opens_at", "closes_at", "translation_status"]
    fields = ["name", "summary", "duties", "opens_at", "closes_at", "phone", "email", "order"]


@admin.register(Video)
class VideoAdmin(OrderedBilingualAdmin):
    list_display = ["title", "youtube_id", "translation_status"]
    fields = ["title", "description", "youtube_id", "poster", "poster_alt", "order"]
