"""Create a staff user in one role, with a generated password shown once.

The password is printed to the terminal and stored nowhere else (the database keeps
its hash). The new user changes it after the first sign-in.
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jetportal.roles import ROLES, refresh_roles


class Command(BaseCommand):
    help = "Create a staff user who is an editor, a Q&A manager or a site administrator."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument("--email", default="")

    def handle(self, *args, username, role, email, **options):
        User = get_user_model()
        if User._default_manager.filter(**{User.USERNAME_FIELD: username}).exists():
            raise CommandError(
                f"A user “{username}” already exists. To give them a new password, run: "
                f"manage.py changepassword {username}"
            )
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            groups = refresh_roles()
            user = User._default_manager.create_user(username=username, email=email, password=password)
            user.is_staff = True
            user.save(update_fields=["is_staff"])
            user.groups.add(groups[role])
        self.stdout.write(
            self.style.SUCCESS(f"Created {ROLES[role].group_name} member “{username}”, password: {password}")
        )
        self.stdout.write("(shown this once only; ask them to change it after signing in)")
