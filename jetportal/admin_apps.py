from django.contrib.admin.apps import AdminConfig
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin with the portal's admin site (language switch, translation dashboard)."""

    default_site = "jetportal.admin_site.PortalAdminSite"

    def ready(self):
        super().ready()
        _speak_the_admins_language()


def _speak_the_admins_language():
    """Words django-axes leaves untranslatable in the admin, given msgids our catalogue translates.

    Its app name would show as "Axes", and two list columns take their headers from method
    names ("Expiration", "Status"), which no catalogue can translate.
    """
    from axes import admin as axes_admin
    from django.apps import apps

    apps.get_app_config("axes").verbose_name = _("Sign-in attempts")
    axes_admin.AccessAttemptAdmin.expiration.short_description = capfirst(_("expires at"))
    axes_admin.AccessAttemptAdmin.status.short_description = capfirst(_("status"))
