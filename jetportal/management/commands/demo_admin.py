"""Create the demo's first administrator, or say who can already sign in.

The password is generated here and shown once in the terminal; it is written
nowhere else (the database keeps only its hash).
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create an administrator for the demo site if there is none, printing its one-time password."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        existing = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if existing is not None:
            self.stdout.write(
                f"  Admin sign-in: the existing user “{existing.get_username()}”. "
                f"Forgotten password? Run: .venv/bin/python manage.py changepassword {existing.get_username()}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS(f"  Admin sign-in created: user “{username}”, password {password}"))
        self.stdout.write("  (shown this once only; change it in the admin after signing in)")
