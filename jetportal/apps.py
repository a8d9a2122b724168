from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class JetPortalConfig(AppConfig):
    """The project package as an app: shared template tags, commands and catalogue."""

    name = "jetportal"
    verbose_name = _("JET Portal")

    def ready(self):
        from .origin import update_site_record
        from .roles import refresh_roles_after_migrate

        # Roles are refreshed after every migrate, so new apps' permissions join their role.
        post_migrate.connect(refresh_roles_after_migrate, dispatch_uid="jetportal.roles")
        # The sites framework's domain follows SITE_URL at every migrate (deploys run it).
        post_migrate.connect(update_site_record, dispatch_uid="jetportal.origin.site")
