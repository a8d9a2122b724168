"""What every piece of public content shares: a status, a publish time, a change note.

And what every translated model shares: a text the model needs may be written in either
language (Japanese-only content is as complete as English-only), and an address (slug)
made from whichever title there is.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import clock
from .text import clean_text

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
ONE_LANGUAGE_REQUIRED = _("Write this in English or Japanese (one language is enough).")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Ordered(models.Model):
    """Content that staff put in order (with the admin's move buttons, see jetportal.admin)."""

    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class SampleContent(models.Model):
    """Content the demo wrote (not from the programme's own page), so nobody mistakes it for official text."""

    is_sample = models.BooleanField(
        _("sample content"),
        default=False,
        help_text=_(
            "Written for the demonstration, not official information. Untick it once the text has been "
            "checked or replaced."
        ),
    )

    class Meta:
        abstract = True


class PublishableQuerySet(models.QuerySet):
    def published(self, at=None):
        """What the public may see: published, and its publish time has come."""
        return self.filter(status=Status.PUBLISHED, publish_at__lte=at or clock.now())

    def visible_to(self, user):
        """Staff preview drafts and scheduled items; everyone else sees what is published."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        return self.published()


class Publishable(models.Model):
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish at"),
        default=clock.now,
        help_text=_("The item appears on the site by itself at this time, once it is published."),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    change_note = models.CharField(
        _("public change note"),
        max_length=200,
        blank=True,
        help_text=_("A short note shown to visitors when you make a significant change."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED and self.publish_at <= clock.now()


def missing_translations(obj, fields):
    """The languages that lack a text which another language has, for staff to fill in."""
    codes = [code for code, _name in settings.LANGUAGES]
    missing = set()
    for field in fields:
        values = {code: getattr(obj, f"{field}_{code}", "") for code in codes}
        if any(values.values()):
            missing.update(code for code, value in values.items() if not value)
    return [code for code in codes if code in missing]


def translated_fields(model):
    """The names of ``model``'s translated fields (``title``, not ``title_en``); none if it is not translated.

    Its own and its parents', in registration order. Not modeltranslation's ``get_field_names()``:
    that adds the reverse lookups of translated relations, which have no texts.
    """
    # Imported when called: models import this module while the apps are still loading.
    from modeltranslation.translator import NotRegistered, translator

    try:
        return list(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


def required_texts(model):
    """The translated fields ``model`` cannot do without: each needs a text in one language at least."""
    return [name for name in translated_fields(model) if not model._meta.get_field(name).blank]


def _has_text(value):
    return bool(clean_text(str(value or "")).strip())


def clean_texts(obj):
    """Remove control characters from every text of ``obj``, both languages included."""
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            # Straight from the instance: a translated field's own attribute is a descriptor
            # that reads the active language; its language columns are cleaned here one by one.
            value = obj.__dict__.get(field.attname)
            if isinstance(value, str):
                obj.__dict__[field.attname] = clean_text(value)


def generated_slug(obj, source, max_length):
    """An address for ``obj`` made from its ``source`` text, English first.

    No transliteration table for Japanese ships with the project, so an item titled only in
    Japanese gets its model's name and a short digest of that title (``update-3f9a2c1e``):
    the same title always gives the same address, and it never changes by itself later.
    """
    english = slugify(getattr(obj, f"{source}_en", "") or "")[:max_length].strip("-")
    if english:
        return english
    texts = [getattr(obj, f"{source}_{code}", "") or "" for code in LANGUAGE_CODES]
    text = next((text.strip() for text in texts if text.strip()), "")
    if not text:
        return ""
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return f"{obj._meta.model_name[: max_length - 9]}-{digest}"


class Translated(models.Model):
    """A model with texts in English and Japanese, either of which is enough.

    Every text is cleaned of control characters before it is validated and saved.

    ``slug_source`` names the translated text an empty ``slug`` is made from on save
    (``slug_scope``: the fields within which a slug is unique, if not the whole table).
    """

    slug_source = None
    slug_scope = ()

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        clean_texts(self)
        if self.slug_source and "slug" not in exclude:
            self.fill_slug()
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name in required_texts(type(self)):
            fields = [f"{name}_{code}" for code in LANGUAGE_CODES if f"{name}_{code}" not in exclude]
            if fields and not any(_has_text(getattr(self, field)) for field in fields):
                # On the input in the editor's own language, where they are most likely to type.
                active = f"{name}_{(get_language() or '').split('-')[0]}"
                errors.setdefault(active if active in fields else fields[0], []).append(ONE_LANGUAGE_REQUIRED)
        if errors:
            raise ValidationError(errors)

    def fill_slug(self):
        if not self.slug_source or self.slug:
            return
        max_length = self._meta.get_field("slug").max_length
        base = generated_slug(self, self.slug_source, max_length)
        if not base:
            return
        attnames = [self._meta.get_field(name).attname for name in self.slug_scope]
        taken = (
            type(self)._default_manager.filter(**{name: getattr(self, name) for name in attnames}).exclude(pk=self.pk)
        )
        slug, number = base, 1
        while taken.filter(slug=slug).exists():
            number += 1
            suffix = f"-{number}"
            slug = base[: max_length - len(suffix)] + suffix
        self.slug = slug

    def save(self, *args, **kwargs):
        clean_texts(self)
        self.fill_slug()
        super().save(*args, **kwargs)
