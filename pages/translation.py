from modeltranslation.translator import TranslationOptions, register

from .models import ContactDivision, Page, ParticipantCategory, Quality, Section, Video


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt", "change_note")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("heading", "intro")


@register(ParticipantCategory)
class ParticipantCategoryTranslation(TranslationOptions):
    fields = ("name", "description", "image_alt")


@register(Quality)
class QualityTranslation(TranslationOptions):
    fields = ("text",)


@register(ContactDivision)
class ContactDivisionTranslation(TranslationOptions):
    fields = ("name", "summary", "duties")


@register(Video)
class VideoTranslation(TranslationOptions):
    fields = ("title", "description", "poster_alt")
