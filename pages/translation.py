from modeltranslation.translator import TranslationOptions, register

from .models import ContactDivision, Page, ParticipantCategory, Quality, Section, Video


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt", "change_note")
    required_languages = ("en",)


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("heading", "intro")
    required_languages = ("en",)


@register(ParticipantCategory)
class ParticipantCategoryTranslation(TranslationOptions):
    fields = ("name", "description", "image_alt")
    required_languages = ("en",)


@register(Quality)
class QualityTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)


@register(ContactDivision)
class ContactDivisionTranslation(TranslationOptions):
    fields = ("name", "summary", "duties")
    required_languages = ("en",)


@register(Video)
class VideoTranslation(TranslationOptions):
    fields = ("title", "description", "poster_alt")
    required_languages = ("en",)
