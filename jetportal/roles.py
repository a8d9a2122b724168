"""The staff roles: which groups exist and exactly which permissions each one holds.

Each app names the role that manages it (``staff_role`` on its AppConfig), so an app or model
added later joins its role at the next ``migrate`` without anyone editing this file. Refreshing is idempotent:
each group ends up with exactly the permissions listed here, whatever it held before.
"""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    key: str
    group_name: str
    description: str
    # Every permission of every app, including users, groups and redirects.
    everything: bool = False

    @property
    def app_labels(self):
        """The apps whose AppConfig names this role (``staff_role``); None for every app."""
        if self.everything:
            return None
        configs = global_apps.get_app_configs()
        return tuple(config.label for config in configs if getattr(config, "staff_role", None) == self.key)


ROLES = {
    role.key: role
    for role in [
        Role(
            "editor",
            "Editors",
            _(
                "Pages and their sections, participant categories, qualities, contact divisions, videos, "
                "updates and audiences, documents and statistics. No users, no Q&A."
            ),
        ),
        Role(
            "qa",
            "Q&A managers",
            _("The Q&A topics and entries, and rotating the Q&A password."),
        ),
        Role(
            "admin",
            "Site administrators",
            _("Everything, including staff users, roles and redirects."),
            everything=True,
        ),
    ]
}


def role_permissions(role, using=DEFAULT_DB_ALIAS):
    permissions = Permission.objects.using(using)
    if role.app_labels is None:
        return permissions.all()
    return permissions.filter(content_type__app_label__in=role.app_labels)


def refresh_roles(using=DEFAULT_DB_ALIAS):
    """Create the role groups if needed and give each exactly its permissions."""
    groups = {}
    with transaction.atomic(using=using):
        for role in ROLES.values():
            group, _created = Group.objects.using(using).get_or_create(name=role.group_name)
            group.permissions.set(role_permissions(role, using))
            groups[role.key] = group
    return groups


def _last_migrated_app():
    with_models = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    return with_models[-1] if with_models else None


def refresh_roles_after_migrate(sender, using=DEFAULT_DB_ALIAS, verbosity=1, **kwargs):
    # post_migrate is sent once per app; act once, after the last one, when every
    # app's permissions can exist. This handler may run before django.contrib.auth's
    # own (jetportal is installed first), so make sure all permissions exist first.
    if sender is not _last_migrated_app():
        return
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    refresh_roles(using)
    if verbosity >= 2:
        print("Staff roles refreshed: " + ", ".join(role.group_name for role in ROLES.values()))
