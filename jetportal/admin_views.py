"""Admin pages of the portal's own: the translation dashboard."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.admin.options import InlineModelAdmin
from django.db.models import Q
from django.forms.models import _get_foreign_key
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from modeltranslation.translator import translator

from .content import missing_translations, translated_fields

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@dataclass
class MissingItem:
    obj: object
    languages: list
    url: str | None


@dataclass
class ModelGroup:
    name: str
    items: list = field(default_factory=list)


def _has_text(name):
    return Q(**{f"{name}__isnull": False}) & ~Q(**{name: ""})


def missing_text_filter(fields):
    """Rows where some field has a text in one language and none in another."""
    conditions = [
        _has_text(f"{name}_{present}") & ~_has_text(f"{name}_{absent}")
        for name in fields
        for present in LANGUAGE_CODES
        for absent in LANGUAGE_CODES
        if present != absent
    ]
    return reduce(or_, conditions)


def _public(queryset):
    # Items with a publishing workflow count once published; the rest are always on the site.
    return queryset.published() if hasattr(queryset, "published") else queryset


def _edit_targets(admin_site):
    """For each model, how to reach its change form: its own, or the parent's holding it inline."""
    targets = {}
    for model, model_admin in admin_site._registry.items():
        targets[model] = (model, None)
        for inline in model_admin.inlines:
            if issubclass(inline, InlineModelAdmin) and inline.model not in admin_site._registry:
                fk = _get_foreign_key(model, inline.model, fk_name=inline.fk_name)
                targets.setdefault(inline.model, (model, fk.attname))
    return targets


def _change_url(admin_site, target, obj):
    if target is None:
        return None
    model, fk_attname = target
    pk = getattr(obj, fk_attname) if fk_attname else obj.pk
    opts = model._meta
    try:
        return reverse(f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[pk])
    except NoReverseMatch:
        return None


def _may_see(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def missing_translation_groups(admin_site, user):
    """Every published item lacking an English or Japanese text, one query per model."""
    targets = _edit_targets(admin_site)
    names = dict(settings.LANGUAGES)
    groups = []
    for model in translator.get_registered_models(abstract=False):
        if not _may_see(user, model):
            continue
        fields = translated_fields(model)
        if not fields:
            continue
        target = targets.get(model)
        group = ModelGroup(capfirst(model._meta.verbose_name_plural))
        for obj in _public(model._default_manager.filter(missing_text_filter(fields))):
            codes = missing_translations(obj, fields)
            if codes:
                group.items.append(
                    MissingItem(obj, [names[code] for code in codes], _change_url(admin_site, target, obj))
                )
        if group.items:
            groups.append(group)
    groups.sort(key=lambda group: str(group.name))
    return groups


class TranslationDashboard(TemplateView):
    template_name = "admin/translation_dashboard.html"
    admin_site = None

    def get_context_data(self, **kwargs):
        groups = missing_translation_groups(self.admin_site, self.request.user)
        return {
            **super().get_context_data(**kwargs),
            **self.admin_site.each_context(self.request),
            "title": _("Missing translations"),
            "groups": groups,
            "total": sum(len(group.items) for group in groups),
        }
