"""The portal's admin site: Django's, with a translation dashboard and the portal's name."""

from django.contrib import admin
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
