"""Load the demo content of every app, in English and Japanese.

Safe to run any number of times: it only adds what is missing and never changes
an object that already exists, so staff edits survive.
"""

from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from jetportal.cache import content_app_configs
from jetportal.history import give_first_versions


class Command(BaseCommand):
    help = "Load the demo content in both languages (adds only what is missing)."

    def handle(self, *args, **options):
        # Every content app (public_content on its AppConfig), in INSTALLED_APPS order: the
        # order matters, as later apps refer to the pages the first one creates.
        for app in content_app_configs():
            try:
                demo = import_module(f"{app.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app.name}.demo":
                    raise
                continue
            with transaction.atomic():
                demo.load(self.report)

        # Everything created gets its first version, one per item: undo, recover and history
        # work from the start, and restoring one item's first version touches nothing else.
        self.report("first versions", give_first_versions())

        # Saves index themselves; this also catches anything written past save().
        call_command("rebuild_search_index", stdout=self.stdout)

    def report(self, what, count):
        self.stdout.write(f"  {what}: {count}")
