"""What every content admin shares: English and Japanese side by side, translation status."""

from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from modeltranslation.translator import translator

from .content import missing_translations

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


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


class BilingualAdmin(SideBySideMixin, TranslationAdmin):
    """The base of every translated model's admin."""

    class Media:
        css = {"all": ["admin/css/bilingual.css"]}

    @admin.display(description=_("Translation"))
    def translation_status(self, obj):
        fields = translator.get_options_for_model(type(obj)).get_field_names()
        missing = missing_translations(obj, fields)
        if not missing:
            return _("Complete")
        names = dict(settings.LANGUAGES)
        return format_html_join(
            ", ", "{}", ((_("%(language)s missing") % {"language": names[code]},) for code in missing)
        )


class BilingualTabularInline(SideBySideMixin, TranslationTabularInline):
    pass


class BilingualStackedInline(SideBySideMixin, TranslationStackedInline):
    pass
