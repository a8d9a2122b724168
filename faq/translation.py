from modeltranslation.translator import TranslationOptions, register

from .models import Entry, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)


@register(Entry)
class EntryTranslation(TranslationOptions):
    # Either language may be missing: the pages say so instead of hiding the entry.
    fields = ("question", "answer")
