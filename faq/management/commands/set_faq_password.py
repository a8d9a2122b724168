"""Set a new Q&A password, read from standard input (never from the command line, where `ps` shows it)."""

import getpass
import sys

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from faq.forms import MAX_PASSWORD_LENGTH
from faq.models import AccessSetting


class Command(BaseCommand):
    # call_command(..., stdin=...) lets tests and scripts pass the password as a stream.
    stealth_options = ("stdin",)
    help = (
        "Set a new Q&A password, read from standard input (first line) or typed twice at a terminal. "
        "Every visitor who had opened the Q&A must enter the new password."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-validation",
            action="store_true",
            help="Accept a password that Django's password validators reject.",
        )

    def handle(self, *args, skip_validation=False, **options):
        stdin = options.get("stdin") or sys.stdin
        if stdin.isatty():
            password = getpass.getpass("New Q&A password: ")
            if getpass.getpass("The same password again: ") != password:
                raise CommandError("The two passwords are not the same; nothing was changed.")
        else:
            password = stdin.readline().rstrip("\r\n")
        if not password:
            raise CommandError("The password is empty; nothing was changed.")
        if len(password) > MAX_PASSWORD_LENGTH:
            raise CommandError(f"The password is longer than {MAX_PASSWORD_LENGTH} characters; nothing was changed.")
        if not skip_validation:
            try:
                password_validation.validate_password(password)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages) + " (nothing was changed)") from error
        setting = AccessSetting.load()
        setting.set_password(password)
        self.stdout.write(self.style.SUCCESS("The Q&A password was changed. Every earlier unlock has ended."))
