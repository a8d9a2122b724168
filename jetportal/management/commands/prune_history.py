"""Keep each item's history to its bound, and give versionless rows a first version."""

from django.core.management.base import BaseCommand

from jetportal.history import give_first_versions, prune_all, versions_kept


class Command(BaseCommand):
    help = (
        "Delete all but the newest VERSIONS_KEPT versions of every item (a document's old file goes "
        "with the last version that refers to it), and give rows without history a first version."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep", type=int, default=None, help="Versions to keep per item (default: VERSIONS_KEPT)."
        )

    def handle(self, *args, keep=None, **options):
        keep = keep or versions_kept()
        pruned = prune_all(keep=keep)
        first = give_first_versions()
        self.stdout.write(f"Pruned {pruned} old versions (keeping {keep} per item); {first} first versions saved.")
