"""Load the demo content of every app, in English and Japanese.

Safe to run any number of times: it only adds what is missing and never changes
an object that already exists, so staff edits survive.
"""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

# The order matters: later apps refer to pages the first one creates.
DEMO_APPS = ["pages", "updates", "documents", "faq"]


class Command(BaseCommand):
    help = "Load the demo content in both languages (adds only what is missing)."

    def handle(self, *args, **options):
        for label in DEMO_APPS:
            app = apps.get_app_config(label)
            try:
                demo = import_module(f"{app.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app.name}.demo":
                    raise
                continue
            with transaction.atomic():
                demo.load(self.report)

    def report(self, what, count):
        self.stdout.write(f"  {what}: {count}")
