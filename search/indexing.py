"""Keeping the search index in step with pages, updates and documents.

Each source (one a kind of item) says which model it reads, which fields hold its words,
and all else that is particular to its kind, so that adding a kind is adding a source.
A save or a delete marks the item, and its rows are written again from what was committed
once the transaction commits: once per item however many of its parts the transaction
changed (an admin save of a landing page and ten of its sections indexes the page once),
and not at all when it is rolled back. Changes that bypass ``save()`` (bulk loads, raw
updates), or an indexing that failed after its commit, are caught up by
``manage.py rebuild_search_index``, which every ``migrate`` and the demo loader run.
"""

import operator
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .models import Kind, SearchEntry, SearchText
from .text import normalise, plain_text

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
REBUILD_BATCH = 500


# The For Organisations page is made of sections whose words live in other records: what each
# shown section kind adds to the page's text, as (model, fields).
LANDING_PARTS = {
    "participants": ("pages.ParticipantCategory", ("name", "abbreviation", "description")),
    "qualities": ("pages.Quality", ("text",)),
    "contacts": ("pages.ContactDivision", ("name", "summary", "duties")),
    "videos": ("pages.Video", ("title", "description")),
}


def _field_text(record, field, code):
    """A translated field's text in ``code``, or an untranslated field's one text (an abbreviation)."""
    value = getattr(record, f"{field}_{code}", None)
    return getattr(record, field, "") if value is None else value


def _landing_texts(page):
    """Per language, the words of a landing page's shown sections and what they list (none for other pages)."""
    if page.kind != "landing":
        return {}
    texts = {code: [] for code in LANGUAGE_CODES}
    sections = list(page.sections.filter(is_shown=True).order_by("order", "pk"))
    for section in sections:
        for code in LANGUAGE_CODES:
            texts[code] += [getattr(section, f"heading_{code}", ""), getattr(section, f"intro_{code}", "")]
        part = LANDING_PARTS.get(section.kind)
        if part is None:
            continue
        label, fields = part
        for record in apps.get_model(label).objects.all():
            for code in LANGUAGE_CODES:
                texts[code] += [_field_text(record, field, code) for field in fields]
    return {code: " ".join(filter(None, (plain_text(text) for text in values))) for code, values in texts.items()}


def _publish_date(obj):
    return timezone.localdate(obj.publish_at)


def _has_a_file(document):
    # A document with no file is listed nowhere, so it is found nowhere either.
    return bool(document.file_en or document.file_ja)


@dataclass(frozen=True)
class Source:
    """One kind of item the search finds, and what is particular to it."""

    kind: str
    model_label: str
    text_fields: tuple
    # What a result of this kind is called, in the visitor's language.
    label: str
    # Whether a result shows its date (an update's date is part of its news).
    shows_date: bool = False
    title_field: str = "title"
    # Where a result links to, in the active language.
    url: Callable = operator.methodcaller("get_absolute_url")
    # The date a result shows and is ordered by, newest first.
    date: Callable = _publish_date
    is_searchable: Callable = lambda obj: True
    # Per language, words the item shows that are kept in other records.
    more_texts: Callable = lambda obj: {}

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def queryset(self):
        return self.model._base_manager.order_by("pk")

    def entries(self, obj):
        """The index rows of ``obj`` with their texts: one per language it has a title or text in."""
        if not self.is_searchable(obj):
            return []
        extra = self.more_texts(obj)
        rows = []
        for code in LANGUAGE_CODES:
            title = plain_text(getattr(obj, f"{self.title_field}_{code}", ""))
            parts = [plain_text(getattr(obj, f"{f}_{code}", "")) for f in self.text_fields] + [extra.get(code, "")]
            text = " ".join(filter(None, parts))
            if not title and not text:
                continue
            with translation.override(code):
                url = self.url(obj)
            # A text without its own title is still listed, under the other language's title.
            title = title or next(
                filter(None, (plain_text(getattr(obj, f"{self.title_field}_{c}", "")) for c in LANGUAGE_CODES)), ""
            )
            entry = SearchEntry(
                kind=self.kind,
                object_id=obj.pk,
                language=code,
                status=obj.status,
                publish_at=obj.publish_at,
                date=self.date(obj),
                url=url[:500],
                title=title[:300],
                title_key=normalise(title),
                match_key=normalise(f"{title}\n{text}"),
            )
            rows.append((entry, text))
        return rows


SOURCES = (
    Source(Kind.PAGE, "pages.Page", ("summary", "body"), _("Page"), more_texts=_landing_texts),
    Source(Kind.UPDATE, "updates.Update", ("summary", "body"), _("Update"), shows_date=True, date=lambda u: u.date),
    Source(
        Kind.DOCUMENT,
        "documents.Document",
        ("description",),
        _("Document"),
        url=operator.methodcaller("get_download_url"),
        is_searchable=_has_a_file,
    ),
)
SOURCE_OF_KIND = {source.kind: source for source in SOURCES}


def _source_for(model):
    return next((source for source in SOURCES if source.model is model), None)


def _write(rows, using="default"):
    entries = SearchEntry.objects.using(using).bulk_create([entry for entry, _text in rows])
    SearchText.objects.using(using).bulk_create(
        [SearchText(entry=entry, text=text) for entry, (_entry, text) in zip(entries, rows, strict=True)]
    )
    return len(entries)


# What a change to a landing page's section or to a record a section lists marks: every landing
# page, found when the transaction commits.
LANDING_PAGES = (Kind.PAGE, "landing")


class _Marked(threading.local):
    """Per database, the set that the open transaction's callbacks share (see _index_on_commit)."""

    def __init__(self):
        self.done = {}


_marked = _Marked()


def _index_on_commit(key, using):
    """Index ``key``, a (kind, pk) or LANDING_PAGES, again once the transaction commits (at once outside one).

    Every change registers a callback of its own, so that one made in a savepoint that is
    rolled back is dropped with it, as Django drops that savepoint's callbacks, and the others
    still run. The callbacks of one transaction share one set of what they have indexed: the
    first to run for an item indexes it, the rest find it done.
    """
    done = _marked.done.setdefault(using, set())
    # Robust: the change is committed by then, and a failed indexing is caught up by the next
    # rebuild; it should not turn the editor's save into an error page.
    transaction.on_commit(partial(_index_once, key, done, using), using=using, robust=True)


def _index_once(key, done, using):
    if _marked.done.get(using) is done:
        del _marked.done[using]  # committed: the next transaction collects in a set of its own
    if key in done:
        return
    done.add(key)
    if key == LANDING_PAGES:
        pages = SOURCE_OF_KIND[Kind.PAGE].queryset().using(using).filter(kind="landing")
        for pk in pages.values_list("pk", flat=True):
            _index_once((Kind.PAGE, pk), done, using)
        return
    kind, pk = key
    source = SOURCE_OF_KIND[kind]
    with transaction.atomic(using=using):
        # Locked, so that two transactions that changed one item and committed together write its
        # rows one after the other: each then removes the other's rows before writing its own.
        obj = source.queryset().using(using).select_for_update().filter(pk=pk).first()
        SearchEntry.objects.using(using).filter(kind=kind, object_id=pk).delete()
        if obj is not None:
            _write(source.entries(obj), using)


def _saved(sender, instance, raw=False, using="default", **kwargs):
    if raw:
        return  # fixtures: the rebuild after loading them indexes everything at once
    _index_on_commit((_source_for(sender).kind, instance.pk), using)


def _deleted(sender, instance, using="default", **kwargs):
    _index_on_commit((_source_for(sender).kind, instance.pk), using)


def _landing_part_changed(sender, raw=False, using="default", **kwargs):
    if raw:
        return
    _index_on_commit(LANDING_PAGES, using)


def connect_signals():
    for source in SOURCES:
        uid = f"search-index-{source.model_label}"
        post_save.connect(_saved, sender=source.model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_deleted, sender=source.model, dispatch_uid=f"{uid}-delete")
    # A section or a record it lists changes the landing pages' words.
    for label in ["pages.Section", *(label for label, _fields in LANDING_PARTS.values())]:
        model = apps.get_model(label)
        post_save.connect(_landing_part_changed, sender=model, dispatch_uid=f"search-landing-{label}-save")
        post_delete.connect(_landing_part_changed, sender=model, dispatch_uid=f"search-landing-{label}-delete")


def rebuild(using="default"):
    """Write the whole index again from the content; returns the number of rows."""
    count = 0
    with transaction.atomic(using=using):
        # The texts first: each table is then emptied in one statement.
        SearchText.objects.using(using).all().delete()
        SearchEntry.objects.using(using).all().delete()
        for source in SOURCES:
            batch = []
            for obj in source.queryset().using(using).iterator(chunk_size=REBUILD_BATCH):
                batch.extend(source.entries(obj))
                if len(batch) >= REBUILD_BATCH:
                    count += _write(batch, using)
                    batch = []
            count += _write(batch, using)
    return count


def rebuild_after_migrate(sender, using="default", **kwargs):
    from django.db import connections

    # Not when the index's own tables have just been migrated away (or not yet made).
    tables = connections[using].introspection.table_names()
    if SearchEntry._meta.db_table in tables and SearchText._meta.db_table in tables:
        rebuild(using=using)
