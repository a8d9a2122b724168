"""The three versions of the Q&A, built from one set of entries.

Templates get ready-made blocks: which language each block is in, its text, and
whether that text is missing or shown from the other language.
"""

from dataclasses import dataclass
from itertools import groupby

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jetportal.localized import Localized, localize


@dataclass(frozen=True)
class VersionInfo:
    slug: str
    title: str
    summary: str
    languages: tuple
    # The language of the version's content, for <main>'s neighbours; None when bilingual.
    content_lang: str | None


VERSIONS = {
    "bilingual": VersionInfo(
        "bilingual",
        _("Q&A (bilingual version)"),
        _("Every question and answer in English and Japanese, side by side."),
        ("en", "ja"),
        None,
    ),
    "english": VersionInfo(
        "english",
        _("Q&A (English version)"),
        _("Every question and answer in English."),
        ("en",),
        "en",
    ),
    "japanese": VersionInfo(
        "japanese",
        _("Q&A (Japanese version)"),
        _("Every question and answer in Japanese."),
        ("ja",),
        "ja",
    ),
}

LANGUAGE_NAMES = {"en": pgettext_lazy("language", "English"), "ja": pgettext_lazy("language", "Japanese")}


@dataclass(frozen=True)
class VersionLink:
    info: VersionInfo
    url: str
    is_current: bool


def version_links(current=None):
    return [
        VersionLink(info, reverse("faq:version", kwargs={"version": slug}), slug == current)
        for slug, info in VERSIONS.items()
    ]


@dataclass(frozen=True)
class Text:
    """One text of a block: shown as is, shown from the other language, or missing."""

    value: Localized
    missing: bool

    @property
    def fallback(self):
        return not self.missing and self.value.is_fallback


@dataclass(frozen=True)
class Block:
    lang: str
    language_name: str
    question: Text
    answer: Text

    @property
    def whole_fallback(self):
        """Both texts come from the other language: one notice for the entry, not one per text."""
        return self.question.fallback and self.answer.fallback

    @property
    def question_notice(self):
        return self.question.fallback and not self.answer.fallback

    @property
    def answer_notice(self):
        return self.answer.fallback and not self.question.fallback


@dataclass(frozen=True)
class EntryView:
    entry: object
    anchor: str
    blocks: list

    @property
    def toc_question(self):
        return self.blocks[0].question.value


@dataclass(frozen=True)
class TopicView:
    topic: object
    anchor: str
    names: list  # Localized, one per language of the version
    entries: list


def _text(obj, field, lang, allow_fallback):
    value = localize(obj, field, language=lang)
    if value.is_fallback and not allow_fallback:
        return Text(Localized("", lang, False), True)
    return Text(value, not value)


def build_topics(entries, languages):
    """Entries (already in reading order, with their topic) grouped into topics."""
    # A single-language version shows the other language when one is missing (saying so);
    # the bilingual version already shows both, so there a gap is only announced.
    allow_fallback = len(languages) == 1
    topics = []
    for topic, group in groupby(entries, key=lambda entry: entry.topic):
        views = [
            EntryView(
                entry,
                entry.anchor,
                [
                    Block(
                        lang,
                        LANGUAGE_NAMES[lang],
                        _text(entry, "question", lang, allow_fallback),
                        _text(entry, "answer", lang, allow_fallback),
                    )
                    for lang in languages
                ],
            )
            for entry in group
        ]
        names = [localize(topic, "name", language=lang) for lang in languages]
        topics.append(TopicView(topic, f"topic-{topic.slug}", names, views))
    return topics
