from modeltranslation.translator import TranslationOptions, register

from .models import Document, DocumentGroup, ProgrammeStatistic


@register(DocumentGroup)
class DocumentGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title", "description", "cover_alt", "change_note")


@register(ProgrammeStatistic)
class ProgrammeStatisticTranslation(TranslationOptions):
    fields = ("source_note",)
