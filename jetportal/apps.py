from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class JetPortalConfig(AppConfig):
    """The project package as an app: shared template tags, commands and catalogue."""

    name = "jetportal"
    verbose_name = _("JET Portal")

    def ready(self):
        from reversion.signals import post_revision_commit

        from .cache import connect_invalidation
        from .history import give_first_versions_after_migrate, prune_after_save
        from .origin import update_site_record
        from .roles import refresh_roles_after_migrate
        from .staff_hint import forget_staff_when_rights_change

        # Roles are refreshed after every migrate, so new apps' permissions join their role.
        post_migrate.connect(refresh_roles_after_migrate, dispatch_uid="jetportal.roles")
        # The sites framework's domain follows SITE_URL at every migrate (deploys run it).
        post_migrate.connect(update_site_record, dispatch_uid="jetportal.origin.site")
        # Content apps say so on their AppConfig (public_content); the page cache wires itself.
        connect_invalidation()
        # The "Edit in admin" link's memo of who is staff follows users, groups and permissions.
        forget_staff_when_rights_change()
        # Rows created by migrations, commands or the shell get a first version (see .history).
        # Once per migrate (this app has no models, so it is sent no signal): with reversion's.
        post_migrate.connect(
            give_first_versions_after_migrate,
            sender=apps.get_app_config("reversion"),
            dispatch_uid="jetportal.history.first",
        )
        post_revision_commit.connect(prune_after_save, dispatch_uid="jetportal.history.prune")
