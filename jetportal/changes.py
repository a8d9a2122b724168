"""What History says about each version, in the reader's language, and what changed between two.

Change messages are stored with field *names* (``title_ja``), not labels, and turned into
words when History is shown: a Japanese reader sees 「タイトル（日本語）を変更しました。」
whoever saved the version, and in whichever language.
"""

import datetime
import difflib
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext, override, pgettext

from .content import translated_fields

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def localized_label(verbose_name, language):
    """A translated field's label: "Title (English)", 「タイトル（英語）」 (MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME)."""
    return gettext("%(field)s (%(language)s)") % {
        "field": verbose_name,
        "language": gettext(str(LANGUAGE_NAMES.get(language, language))),
    }


# --- storing: names, not labels ----------------------------------------------------------


def _field_keys(model, form, names):
    keys = []
    for name in names:
        try:
            model._meta.get_field(name)
            keys.append(name)
        except FieldDoesNotExist:
            # A form-only field ("This is a significant change"): its English label, a msgid.
            with override(None):
                keys.append(str(form.fields[name].label or name))
    return keys


def change_message(form, formsets, add):
    """The admin's change message (LogEntry's JSON form), with field names for model fields."""
    model = form._meta.model
    message = []
    if add:
        message.append({"added": {}})
    elif form.changed_data:
        message.append({"changed": {"fields": _field_keys(model, form, form.changed_data)}})
    for formset in formsets or []:
        inline = formset.model
        with override(None):
            name = str(inline._meta.verbose_name)
        for obj in formset.new_objects:
            message.append({"added": {"name": name, "object": str(obj)}})
        for obj, changed in formset.changed_objects:
            fields = _field_keys(inline, formset.forms[0], changed)
            message.append({"changed": {"name": name, "object": str(obj), "fields": fields}})
        for obj in formset.deleted_objects:
            message.append({"deleted": {"name": name, "object": str(obj)}})
    return json.dumps(message, ensure_ascii=False)


# --- showing: in the reader's language ----------------------------------------------------


def field_label(model, key):
    try:
        return capfirst(model._meta.get_field(key).verbose_name)
    except FieldDoesNotExist:
        return capfirst(gettext(key))


def _inline_model(model, verbose_name):
    for relation in model._meta.related_objects:
        related = relation.related_model
        with override(None):
            if str(related._meta.verbose_name) == verbose_name:
                return related
    return None


def describe(model, comment):
    """A version's comment in the active language ("Added.", "Changed Title (Japanese).", …)."""
    try:
        entries = json.loads(comment) if comment and comment.lstrip().startswith("[") else None
    except ValueError:
        entries = None
    if not isinstance(entries, list):
        return comment  # written as text (older versions, or outside the admin)
    sentences = []
    for entry in entries:
        for action, detail in entry.items():
            sentences.append(_sentence(model, action, detail or {}))
    return " ".join(sentence for sentence in sentences if sentence) or gettext("No fields changed.")


def text_list(items):
    """ "A, B and C" / 「A、BとC」: Django's get_text_list puts spaces around と."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return pgettext("list of fields", "%(items)s and %(last)s") % {
        "items": pgettext("list separator", ", ").join(items[:-1]),
        "last": items[-1],
    }


def _sentence(model, action, detail):
    inline = _inline_model(model, detail["name"]) if "name" in detail else None
    name = capfirst(inline._meta.verbose_name) if inline else gettext(detail.get("name", ""))
    fields = text_list([field_label(inline or model, key) for key in detail.get("fields", [])])
    if action == "added":
        if "name" in detail:
            return gettext("Added {name} “{object}”.").format(name=name, object=detail["object"])
        return gettext("Added.")
    if action == "changed":
        if "name" in detail:
            return gettext("Changed {fields} for {name} “{object}”.").format(
                fields=fields, name=name, object=detail["object"]
            )
        return gettext("Changed {fields}.").format(fields=fields)
    if action == "deleted":
        return gettext("Deleted {name} “{object}”.").format(name=name, object=detail["object"])
    if action == "restored":
        saved = parse_datetime(detail.get("date", ""))
        when = date_format(localtime(saved), "DATETIME_FORMAT") if saved else ""
        return gettext("Restored the version saved on %(date)s.") % {"date": when}
    if action == "recovered":
        return gettext("Recovered after it was deleted.")
    return ""


# --- comparing two states of an item ------------------------------------------------------


@dataclass
class Difference:
    label: str
    old: str
    new: str
    inline: str  # the changed words marked, for longer texts


def compared_fields(model):
    """Every field staff edit, in the model's order: per language for translated texts."""
    bases = set(translated_fields(model))
    return [
        field
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if field.editable and not field.primary_key and field.name not in bases
    ]


def _shown(field, value):
    if field.many_to_many:
        objs = list(field.related_model._default_manager.filter(pk__in=value or []))
        return ", ".join(str(obj) for obj in objs)
    if isinstance(field, models.ForeignKey):
        obj = field.related_model._default_manager.filter(pk=value).first() if value is not None else None
        return str(obj) if obj is not None else ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value if value is not None else ""))
    if isinstance(value, datetime.datetime):
        return date_format(localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if isinstance(field, models.FileField):
        return str(getattr(value, "name", value) or "")
    return "" if value is None else str(value)


def state_of(obj):
    """The values compared: a live object's fields, keyed by attname as a version's field_dict holds them."""
    state = {}
    for field in compared_fields(type(obj)):
        if field.many_to_many:
            state[field.attname] = [related.pk for related in getattr(obj, field.name).all()] if obj.pk else []
        else:
            state[field.attname] = getattr(obj, field.attname)
    return state


def _normalise(field, value):
    if field.many_to_many:
        return sorted(value or [])
    if isinstance(field, models.ForeignKey) and hasattr(value, "pk"):
        return value.pk
    if isinstance(field, models.FileField):
        return str(getattr(value, "name", value) or "")
    if isinstance(value, datetime.datetime):
        # The admin's inputs hold whole seconds: a save drops the microseconds, which is no change.
        return value.replace(microsecond=0)
    return value


def differences(model, old, new):
    """What differs between two states (attname → value), field by field and language by language."""
    rows = []
    for field in compared_fields(model):
        before, after = _normalise(field, old.get(field.attname)), _normalise(field, new.get(field.attname))
        if before == after or (not before and not after):
            continue
        old_text, new_text = _shown(field, before), _shown(field, after)
        rows.append(Difference(capfirst(field.verbose_name), old_text, new_text, _marked(old_text, new_text)))
    return rows


def _marked(old, new):
    """The new text with removed words struck through and added words marked, for long texts only."""
    if len(old) + len(new) < 80:
        return ""
    # Japanese has no spaces between words: compare character by character when there are few spaces.
    split = str.split if old.count(" ") + new.count(" ") > (len(old) + len(new)) / 20 else list
    joiner = " " if split is str.split else ""
    a, b = split(old), split(new)
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            parts.append(("<del>{}</del>", joiner.join(a[i1:i2])))
        if tag in ("replace", "insert"):
            parts.append(("<ins>{}</ins>", joiner.join(b[j1:j2])))
        if tag == "equal":
            parts.append(("{}", joiner.join(a[i1:i2])))
    return format_html_join(joiner, "{}", ((format_html(template, text),) for template, text in parts))
