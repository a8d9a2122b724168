from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin with the portal's admin site (language switch, translation dashboard)."""

    default_site = "jetportal.admin_site.PortalAdminSite"
