"""A translated field's text, with the language it is really in.

modeltranslation falls back to the other language when a text is missing; pages
need to know when that happened, to mark the text with its own ``lang`` and to
tell the visitor it is not yet translated.
"""

import html
from functools import lru_cache
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language


class Localized(NamedTuple):
    """A field's text and the language it is in (``is_fallback``: not the page's language).

    A named tuple rather than a dataclass: a landing page makes about a hundred, and each is
    printed through ``__html__``, so both are kept as cheap as the work allows.
    """

    text: str
    lang: str
    is_fallback: bool

    def __str__(self):
        return self.text

    def __html__(self):
        # Rich text was sanitised on save and is already safe; plain text is escaped here.
        return self.text if isinstance(self.text, SafeString) else SafeString(html.escape(self.text))

    def __bool__(self):
        return bool(self.text)

    @property
    def lang_attr(self):
        """` lang="en"` when the text is not in the page's language, else nothing."""
        return SafeString(f' lang="{self.lang}"') if self.is_fallback else ""


@lru_cache(maxsize=16)
def _languages_from(active):
    codes = [code for code, _name in settings.LANGUAGES]
    return (active, *(code for code in codes if code != active))


def localize(obj, field, language=None):
    """The text of ``field`` in ``language`` (default: active), or in the other language."""
    active = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    rich = _is_rich_text(obj, field)
    for code in _languages_from(active):
        text = getattr(obj, f"{field}_{code}", "") or ""
        if text:
            # Rich text was sanitised on save; plain text is escaped when rendered.
            return Localized(mark_safe(text) if rich else text, code, code != active)
    return Localized("", active, False)


def localized_element(obj, field, tag="p", quiet=False, id="", css_class=""):
    """The field's text in an element (nothing when it is empty), marked with its own language
    and followed by the not-yet-translated notice (unless ``quiet``) when it is in the other one.

    ``tag`` comes from templates and code, never from content. Built with plain string
    formatting: a landing page makes about thirty of these, and format_html cost most of it.
    """
    text = localize(obj, field)
    if not text:
        return ""
    id_attr = f' id="{html.escape(id)}"' if id else ""
    class_attr = f' class="{html.escape(css_class)}"' if css_class else ""
    element = SafeString(f"<{tag}{id_attr}{class_attr}{text.lang_attr}>{text.__html__()}</{tag}>")
    if text.is_fallback and not quiet:
        element += render_to_string("includes/fallback_notice.html", {"lang": text.lang})
    return element


def _is_rich_text(obj, field):
    # A landing page asks about a hundred times; a model's fields do not change while it runs.
    return _field_is_rich_text(type(obj), field)


@lru_cache(maxsize=1024)
def _field_is_rich_text(model, field):
    from .richtext import RichTextField

    try:
        return isinstance(model._meta.get_field(field), RichTextField)
    except FieldDoesNotExist:
        return False
