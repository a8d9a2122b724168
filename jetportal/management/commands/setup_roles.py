"""Create or refresh the staff roles (also done automatically after every migrate)."""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from jetportal.roles import ROLES, refresh_roles, role_permissions


class Command(BaseCommand):
    help = "Create the Editors, Q&A managers and Site administrators groups and set their permissions."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database, **options):
        refresh_roles(database)
        for role in ROLES.values():
            count = role_permissions(role, database).count()
            self.stdout.write(f"  {role.group_name}: {count} permissions")
