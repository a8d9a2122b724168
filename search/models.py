"""The search index: one row per public item per language, with its text made easy to match.

Pages, updates and documents each write their rows when they are saved (see indexing.py);
the index is a copy, rebuilt at any time with ``manage.py rebuild_search_index``.
Matching is a substring test on text that is NFKC-normalised and case-folded, so it
needs no word splitting (Japanese has no spaces) and behaves the same on SQLite and
PostgreSQL.
"""

from django.db import models

from jetportal.content import PublishableQuerySet


class Kind(models.TextChoices):
    PAGE = "page"
    UPDATE = "update"
    DOCUMENT = "document"


class SearchEntryQuerySet(PublishableQuerySet):
    """The rows copy their item's status and publish time, so the items' own rule applies."""


class SearchEntry(models.Model):
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=8)
    # Copies of the item's own state, so drafts and scheduled items are left out at query time
    # and a scheduled item turns up by itself when its time comes.
    status = models.CharField(max_length=10)
    publish_at = models.DateTimeField()
    date = models.DateField()
    url = models.CharField(max_length=500)
    # What the results page shows, as written (the text is in SearchText: see there).
    title = models.CharField(max_length=300)
    # What queries match: normalised title, and the title followed by the text.
    title_key = models.TextField()
    match_key = models.TextField()

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "language"], name="one_search_entry_per_language")
        ]
        indexes = [models.Index(fields=["status", "publish_at"], name="search_entry_visible")]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.language})"


class SearchText(models.Model):
    """An entry's text as written, for the excerpt under a result.

    Kept apart from SearchEntry so that a query, which reads every entry, reads only the
    normalised text it matches on: half the bytes, and half the time, of one wide table.
    Only the page of results shown reads these rows.
    """

    entry = models.OneToOneField(SearchEntry, on_delete=models.CASCADE, primary_key=True, related_name="body")
    text = models.TextField()

    def __str__(self):
        return str(self.entry)
