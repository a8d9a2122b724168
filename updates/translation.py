from modeltranslation.translator import TranslationOptions, register

from .models import Audience, Update


@register(Audience)
class AudienceTranslation(TranslationOptions):
    fields = ("name",)


@register(Update)
class UpdateTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt", "link_text", "change_note")
