"""What every content admin shares.

English and Japanese side by side, translation status, history and undo (django-reversion),
a preview of the current image, alt text required with an image, and moving items up and
down instead of typing order numbers. And Django's user admin, whose password page carries the
two-editor token too.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from js_asset import Media
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from reversion.admin import VersionAdmin

from .cache import invalidate
from .content import missing_translations, translated_fields
from .edit_token import TOKEN_FIELD, EditTokenAdminMixin, refuse_if_stale, token_in_address, with_edit_token
from .history_admin import HistoryAdminMixin
from .protect import InUseProtectionMixin
from .publishing_admin import ViewOnSiteMixin
from .sample_admin import SampleContentAdminMixin

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
PREVIEW_MAX_WIDTH = 240
NOT_AN_IMAGE = _("This file is not an image that can be read. Please upload a JPEG, PNG, WebP or GIF image.")


def _pair_translations(fields):
    """Put each translated field's English and Japanese inputs on one row of the form."""
    paired, pending = [], {}
    for field in fields:
        if isinstance(field, str) and field[-3] == "_" and field[-2:] in LANGUAGE_CODES:
            base = field[:-3]
            pending.setdefault(base, []).append(field)
            if len(pending[base]) == len(LANGUAGE_CODES):
                paired.append(tuple(pending.pop(base)))
            continue
        paired.append(field)
    paired.extend(tuple(group) for group in pending.values())
    return paired


class SideBySideMixin:
    def get_fieldsets(self, request, obj=None):
        return [
            (name, {**options, "fields": _pair_translations(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]


class EitherLanguageMixin:
    """No language's input is required by itself: the model asks for a text in one at least.

    modeltranslation would make the English input of a required text required; the
    programme's staff often write in Japanese first (see jetportal.content.Translated).
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and hasattr(db_field, "translated_field"):
            field.required = False
        return field


class OrderedAdminMixin:
    """ "Move up" and "Move down" buttons in the list, for models ordered by a number field.

    Staff never type order numbers: each press swaps an item with its neighbour and
    renumbers the group. ``order_scope`` names the fields whose items are ordered among
    themselves (a page's children among their siblings: ``("parent",)``).
    Moves are POST-only and CSRF-protected (the buttons submit the change list's form).
    """

    order_field = "order"
    order_scope = ()

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/move/<str:direction>/",
                self.admin_site.admin_view(require_POST(self.move_view)),
                name=f"{opts.app_label}_{opts.model_name}_move",
            ),
            *super().get_urls(),
        ]

    def get_list_display(self, request):
        list_display = list(super().get_list_display(request))
        if self.has_change_permission(request):
            list_display.append(self._move_column(request))
        return list_display

    def _move_column(self, request):
        opts = self.model._meta
        query = request.GET.urlencode()
        suffix = f"?{query}" if query else ""

        @admin.display(description=_("Move"))
        def move(obj):
            buttons = []
            for direction, label, symbol in (
                ("up", _("Move “%(item)s” up"), "↑"),
                ("down", _("Move “%(item)s” down"), "↓"),
            ):
                url = reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_move", args=[obj.pk, direction]
                )
                buttons.append((url + suffix, label % {"item": obj}, direction, symbol))
            return format_html(
                '<span class="move-buttons">{}</span>',
                format_html_join(
                    "",
                    '<button type="submit" form="changelist-form" formaction="{}" formmethod="post" '
                    'formnovalidate class="button move-{}" aria-label="{}" title="{}">{}</button>',
                    ((url, direction, label, label, symbol) for url, label, direction, symbol in buttons),
                ),
            )

        return move

    def _siblings(self, obj):
        attnames = [self.model._meta.get_field(name).attname for name in self.order_scope]
        scope = {attname: getattr(obj, attname) for attname in attnames}
        return self.model._default_manager.filter(**scope).order_by(self.order_field, "pk")

    def move(self, obj, direction):
        """Swap ``obj`` with its neighbour; returns False when it is already at that end."""
        with transaction.atomic():
            siblings = list(self._siblings(obj).select_for_update())
            index = next(i for i, item in enumerate(siblings) if item.pk == obj.pk)
            target = index - 1 if direction == "up" else index + 1
            if not 0 <= target < len(siblings):
                return False
            siblings.insert(target, siblings.pop(index))
            changed = []
            # Gaps of ten leave room for anyone who still types a number in the form.
            for position, item in enumerate(siblings, start=1):
                if getattr(item, self.order_field) != position * 10:
                    setattr(item, self.order_field, position * 10)
                    changed.append(item)
            self.model._default_manager.bulk_update(changed, [self.order_field])
        # bulk_update sends no save signals: retire the cached public pages once committed.
        invalidate()
        return True

    def move_view(self, request, object_id, direction):
        if direction not in ("up", "down"):
            raise Http404
        obj = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        if self.move(obj, direction):
            message = _("“%(item)s” moved up.") if direction == "up" else _("“%(item)s” moved down.")
            self.message_user(request, message % {"item": obj}, messages.SUCCESS)
        else:
            message = _("“%(item)s” is already first.") if direction == "up" else _("“%(item)s” is already last.")
            self.message_user(request, message % {"item": obj}, messages.WARNING)
        opts = self.model._meta
        url = reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
        query = request.GET.urlencode()
        return HttpResponseRedirect(f"{url}?{query}" if query else url)


def _image_fields(model):
    return [field for field in model._meta.get_fields() if isinstance(field, models.ImageField)]


class BilingualAdmin(
    EditTokenAdminMixin,
    HistoryAdminMixin,
    InUseProtectionMixin,
    EitherLanguageMixin,
    ViewOnSiteMixin,
    SampleContentAdminMixin,
    SideBySideMixin,
    VersionAdmin,
    TranslationAdmin,
):
    """The base of every translated model's admin.

    Every save through it keeps a revision (who, when, what) that staff can view, compare
    and restore; deleted items can be recovered from the change list.

    ``image_alt_fields`` maps an image field to the translated field describing it: when an
    image is present, at least one language's description is required.
    """

    image_alt_fields = {}

    class Media:
        css = {"all": ["admin/css/bilingual.css"]}

    @admin.display(description=_("Translation"))
    def translation_status(self, obj):
        missing = missing_translations(obj, translated_fields(type(obj)))
        if not missing:
            return _("Complete")
        names = dict(settings.LANGUAGES)
        return format_html_join(
            ", ", "{}", ((_("%(language)s missing") % {"language": names[code]},) for code in missing)
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.ImageField):
            # Django's own message for a non-image is vague; say what is accepted instead.
            kwargs.setdefault("error_messages", {})
            kwargs["error_messages"].setdefault("invalid_image", NOT_AN_IMAGE)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The prose editor's import map is an inline script: it runs under the admin's CSP
        # only with this response's nonce (the middleware adds it to script-src).
        media = context.get("media")
        if isinstance(media, Media) and hasattr(request, "csp_nonce"):
            context["media"] = Media.from_media(media, nonce=str(request.csp_nonce))
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    # Image preview: the current image, shown just above its upload input.

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if _image_fields(self.model) and "image_preview" not in readonly:
            readonly.append("image_preview")
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        images = _image_fields(self.model)
        if not images:
            return fieldsets
        name = images[0].name
        placed = []
        for title, options in fieldsets:
            fields = [field for field in options["fields"] if field != "image_preview"]
            if name in fields and getattr(obj, name, None):
                fields.insert(fields.index(name), "image_preview")
            placed.append((title, {**options, "fields": fields}))
        return placed

    @admin.display(description=_("Current image"))
    def image_preview(self, obj):
        images = _image_fields(type(obj)) if obj else []
        image = getattr(obj, images[0].name) if images else None
        if not image:
            return _("No image yet.")
        width, height = images[0].width_field, images[0].height_field
        width = getattr(obj, width) if width else None
        height = getattr(obj, height) if height else None
        if width and height and width > PREVIEW_MAX_WIDTH:
            width, height = PREVIEW_MAX_WIDTH, round(height * PREVIEW_MAX_WIDTH / width)
        return format_html(
            '<img src="{}" alt="" class="admin-image-preview"{}>',
            image.url,
            format_html(' width="{}" height="{}"', width, height) if width and height else "",
        )

    # Alt text: required when there is an image.

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        pairs = dict(self.image_alt_fields)

        class BilingualForm(form):
            def clean(self):
                cleaned = super().clean()
                for image, alt in pairs.items():
                    names = [f"{alt}_{code}" for code in LANGUAGE_CODES if f"{alt}_{code}" in self.fields]
                    if image in self.fields and names and cleaned.get(image):
                        if not any(cleaned.get(name) for name in names):
                            self.add_error(names[0], _("Describe the image for people who cannot see it."))
                return cleaned

        BilingualForm.__name__ = form.__name__
        return BilingualForm


class OrderedBilingualAdmin(OrderedAdminMixin, BilingualAdmin):
    """A translated model ordered by hand: move buttons in the list."""


class EditTokenInlineMixin:
    """Each inline row carries the two-editor token too (see jetportal.edit_token)."""

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        # Only an editable row is saved; a read-only one shows no form field at all.
        return [*fields, TOKEN_FIELD] if self.has_change_permission(request, obj) else fields

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = with_edit_token(kwargs.get("form", self.form))
        return super().get_formset(request, obj, **kwargs)


class BilingualTabularInline(EditTokenInlineMixin, EitherLanguageMixin, SideBySideMixin, TranslationTabularInline):
    pass


class BilingualStackedInline(EditTokenInlineMixin, EitherLanguageMixin, SideBySideMixin, TranslationStackedInline):
    pass


class UserAdmin(EditTokenAdminMixin, auth_admin.UserAdmin):
    """Django's, with the two-editor token on the change form and on the password page too."""

    # Recorded by the site itself: shown, never typed, so a colleague signing in as this user
    # while an editor has the form open does not make the editor's save look stale.
    readonly_fields = ("last_login", "date_joined")

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if user is None or not self.has_change_permission(request, user):
            return super().user_change_password(request, id, form_url)  # its own 404 or 403
        if request.method == "POST" and (refused := refuse_if_stale(self, request, user, ["password"])):
            return refused
        return super().user_change_password(request, id, token_in_address(user, ["password"]))


# Imported above, Django's UserAdmin is registered already (this module is discovered first).
admin.site.unregister(User)
admin.site.register(User, UserAdmin)
