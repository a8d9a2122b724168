"""The portal's admin site: Django's, with a translation dashboard and the portal's name."""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.urls import path
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    site_header = _("JET Portal administration")
    site_title = _("JET Portal admin")
    index_template = "admin/portal_index.html"

    @property
    def login_form(self):
        from .signin import BoundedAuthenticationForm

        return BoundedAuthenticationForm

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every admin that edits something carries the two-editor token (jetportal.edit_token).

        Admins of the project's apps get it from their base; those of Django and django-axes
        are given it here, so no page that saves a form can silently overwrite another editor.
        """
        from .edit_token import EditTokenAdminMixin

        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, EditTokenAdminMixin) and not _edits_nothing(admin_class):
            # An admin's own change form template wins (its form then simply carries no token).
            attrs = {"__module__": admin_class.__module__}
            if admin_class.change_form_template:
                attrs["change_form_template"] = admin_class.change_form_template
            admin_class = type(admin_class.__name__, (EditTokenAdminMixin, admin_class), attrs)
        return super().register(model_or_iterable, admin_class, **options)

    def get_urls(self):
        from . import admin_views

        return [
            path(
                "translations/",
                self.admin_view(admin_views.TranslationDashboard.as_view(admin_site=self)),
                name="translation_dashboard",
            ),
            *super().get_urls(),
        ]


def _edits_nothing(admin_class):
    # django-axes' sign-in records: every field shown is read-only, so a save writes nothing typed.
    fields = flatten_fieldsets(admin_class.fieldsets) if admin_class.fieldsets else admin_class.fields
    return bool(fields) and set(fields) <= set(admin_class.readonly_fields)
