"""Two editors on one item: the later save is stopped instead of silently overwriting.

Every admin form (inline forms too) carries a hidden token: when the form was opened, and a
digest of the values of exactly the fields that form edits, as they were stored then. On
save, the digest is taken again from the row as it is stored now. If they differ, someone
(or something: a command, a restore) changed what this form would overwrite, and the save is
refused with the editor's input kept in the form. No history is needed: items loaded by
``load_demo`` or a migration are protected like any other.
"""

import hashlib
import json

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from .content import translated_fields

TOKEN_FIELD = "edit_token"


def stored_digest(instance, names):
    """A digest of ``instance``'s stored values for the model fields among ``names``."""
    opts = instance._meta
    bases = set(translated_fields(type(instance)))
    values = []
    for name in sorted(names):
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:
            continue
        if name in bases:
            continue  # its per-language fields (title_en, title_ja) carry the values
        if field.many_to_many:
            # .all() uses a prefetch when the admin made one (an update's audiences).
            value = sorted(obj.pk for obj in getattr(instance, name).all()) if instance.pk else []
        elif field.concrete:
            value = field.value_to_string(instance)
        else:
            continue
        values.append([name, value])
    return hashlib.sha256(json.dumps(values, default=str, ensure_ascii=False).encode()).hexdigest()[:32]


def _edited_names(form):
    # The primary key and an inline's link to its parent are added by the formset after the
    # form is built, and never change: left out, so the token is the same when made and checked.
    from django.forms.models import InlineForeignKeyField

    pk = form.instance._meta.pk.name
    return [
        name
        for name, field in form.fields.items()
        if name not in (TOKEN_FIELD, pk) and not isinstance(field, InlineForeignKeyField)
    ]


def make_token(form):
    opened = int(timezone.now().timestamp() * 1_000_000)  # microseconds, as revisions are dated
    return f"{opened}:{stored_digest(form.instance, _edited_names(form))}"


def check_token(form):
    """Raise the two-editor warning when the row changed since the form's token was made."""
    token = form.cleaned_data.get(TOKEN_FIELD) or ""
    opened, _sep, digest = token.partition(":")
    if not digest or form.instance.pk is None:
        return  # a new item, or a form that was never opened from this admin
    if digest == stored_digest(form.instance, _edited_names(form)):
        return
    latest = latest_version(form.instance)
    revision = latest.revision if latest else None
    if revision is not None and opened.isdigit() and revision.date_created.timestamp() * 1_000_000 > int(opened):
        raise ValidationError(
            _(
                "Someone else saved this item after you opened it (%(user)s, %(time)s). Nothing of yours "
                "was saved yet, and your changes are still in this form: check the History, then save "
                "again to keep your version."
            ),
            code="changed_meanwhile",
            params={
                "user": revision.user.get_username() if revision.user else _("unknown"),
                "time": date_format(localtime(revision.date_created), "DATETIME_FORMAT"),
            },
        )
    raise ValidationError(
        _(
            "This item was changed after you opened it. Nothing of yours was saved yet, and your "
            "changes are still in this form: check the History, then save again to keep your version."
        ),
        code="changed_meanwhile",
    )


class TokenField(forms.CharField):
    """Hidden, optional, and never a change in itself (a new token is made every time a form is built)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data):
        return False


def latest_version(obj):
    """The newest saved revision of ``obj`` (django-reversion), or None."""
    from reversion.models import Version

    return Version.objects.get_for_object(obj).select_related("revision__user").first()


class EditTokenFormMixin:
    """The hidden token on a ModelForm, made when the form is opened and checked on save.

    A refused save shows the form again with a token of the row as it is now, so saving again
    (after a look at the History) is a deliberate choice to keep this version.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A bound form renders its submitted token and clean() digests the row itself: making
        # one here too would read the row (and its many-to-many links) twice on every save.
        if not self.is_bound:
            self.initial[TOKEN_FIELD] = make_token(self)

    def clean(self):
        cleaned = super().clean()
        try:
            check_token(self)
        except ValidationError:
            self.data = self.data.copy()
            self.data[self.add_prefix(TOKEN_FIELD)] = make_token(self)
            raise
        return cleaned


def with_edit_token(form_class):
    """``form_class`` with the two-editor token (a declared hidden field, so admin fieldsets may name it)."""
    if issubclass(form_class, EditTokenFormMixin):
        return form_class
    attrs = {TOKEN_FIELD: TokenField(), "__module__": __name__}
    return type(form_class.__name__, (EditTokenFormMixin, form_class), attrs)
