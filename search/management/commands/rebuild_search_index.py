from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = "Write the site search index again from the pages, updates and documents."

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(f"  search index: {count} entries")
