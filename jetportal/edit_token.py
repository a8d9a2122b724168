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
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
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

    # A disabled field (a user's password hash) is shown but never saved from the form.
    pk = form.instance._meta.pk.name
    return [
        name
        for name, field in form.fields.items()
        if name not in (TOKEN_FIELD, pk) and not field.disabled and not isinstance(field, InlineForeignKeyField)
    ]


def make_token(form):
    return token_for(form.instance, _edited_names(form))


def token_for(instance, names):
    """A token of ``instance``'s stored values for ``names``, made now."""
    opened = int(timezone.now().timestamp() * 1_000_000)  # microseconds, as revisions are dated
    return f"{opened}:{stored_digest(instance, names)}"


def check_token(form):
    """Raise the two-editor warning when the row changed since the form's token was made."""
    check_stored(form.instance, _edited_names(form), form.cleaned_data.get(TOKEN_FIELD) or "")


def check_stored(instance, names, token):
    """Raise the two-editor warning when ``instance``'s ``names`` changed since ``token`` was made."""
    opened, _sep, digest = token.partition(":")
    if not digest or instance.pk is None:
        return  # a new item, or a form that was never opened from this admin
    if digest == stored_digest(instance, names):
        return
    user, saved_at = last_save(instance)
    if saved_at is not None and opened.isdigit() and saved_at.timestamp() * 1_000_000 > int(opened):
        raise ValidationError(
            _(
                "Someone else saved this item after you opened it (%(user)s, %(time)s). Nothing of yours "
                "was saved yet, and your changes are still in this form: check the History, then save "
                "again to keep your version."
            ),
            code="changed_meanwhile",
            params={
                "user": user.get_username() if user else _("unknown"),
                "time": date_format(localtime(saved_at), "DATETIME_FORMAT"),
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


def last_save(obj):
    """Who saved ``obj`` last and when: (user, time), or (None, None) when nothing says.

    Its newest revision, for a model with history; else the admin's own log of changes (users,
    groups, redirects, sites, the Q&A access), which the admin writes on every save.
    """
    import reversion
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    if reversion.is_registered(type(obj)):
        latest = latest_version(obj)
        return (latest.revision.user, latest.revision.date_created) if latest else (None, None)
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            action_flag=CHANGE,
        )
        .select_related("user")
        .order_by("-action_time", "-pk")
        .first()
    )
    return (entry.user, entry.action_time) if entry else (None, None)


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


class EditTokenAdminMixin:
    """A ModelAdmin whose change forms, and rows of columns edited in the list, carry the token.

    ``change_form_template`` renders the token at the top of the form: a hidden field named in
    the fieldsets would be drawn as a labelled row of its own. The template's other addition
    (the sample-content note) shows only for models that have sample content.
    """

    change_form_template = "admin/bilingual_change_form.html"

    def get_fields(self, request, obj=None):
        # Without declared fields Django lists the form's, the token among them; the template
        # renders it instead, and the model form to be made cannot name it.
        return [name for name in super().get_fields(request, obj) if name != TOKEN_FIELD]

    def get_form(self, request, obj=None, **kwargs):
        return with_edit_token(super().get_form(request, obj, **kwargs))

    def get_changelist_form(self, request, **kwargs):
        # Rendered by jetportal/templates/reversion/change_list.html (admins with history).
        return with_edit_token(super().get_changelist_form(request, **kwargs))


def token_in_address(instance, names, token=None):
    """``?edit_token=…`` of ``instance`` now (or ``token``, one made earlier): for a page whose
    template has no place for a hidden field.

    The password pages (a user's, the Q&A's) post back to their own address, so the token rides
    in it. Their inputs are never shown again after a refused save anyway, as password inputs.
    """
    return "?" + urlencode({TOKEN_FIELD: token or token_for(instance, names)})


def refuse_if_stale(model_admin, request, instance, names):
    """None when the token in ``request``'s address is current (or absent); else a redirect.

    A stale save goes back to the page, warned and with a fresh token: saving again is then a
    deliberate choice, as on a change form.
    """
    try:
        check_stored(instance, names, request.GET.get(TOKEN_FIELD, ""))
    except ValidationError:
        model_admin.message_user(
            request,
            _(
                "The password was changed after you opened this page. Nothing was saved: check the "
                "History, then enter the new password again to replace it."
            ),
            messages.WARNING,
        )
        return HttpResponseRedirect(request.path + token_in_address(instance, names))
    return None
