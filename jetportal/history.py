"""The history of every item (django-reversion): first versions, and how many are kept.

- Everything has a first version: ``load_demo`` gives each item it created one, and after every
  ``migrate`` the rows that have no version yet (created by a migration, a command or the
  shell) get one, so their first edit can be undone and a deleted one recovered.
- Each item keeps its newest ``VERSIONS_KEPT`` versions. Older ones are pruned when a new one
  is saved, and by ``manage.py prune_history`` (after lowering the setting). A pruned version
  releases what only it referred to (documents: the stored file, see documents.models).
"""

import json

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, router, transaction

# How the first version is described in History: an "added" change message, which
# LogEntry.get_change_message() shows in the reader's language ("Added." / 「追加しました。」).
ADDED = json.dumps([{"added": {}}])


def versions_kept():
    return max(1, int(getattr(settings, "VERSIONS_KEPT", 30)))


def give_first_versions(using=DEFAULT_DB_ALIAS):
    """Save a first version of every row of a registered model that has none; returns how many."""
    from reversion.models import Version

    created = 0
    for model in reversion.get_registered_models():
        if not router.allow_migrate_model(using, model):
            continue
        content_type = ContentType.objects.db_manager(using).get_for_model(model)
        have = set(Version.objects.using(using).filter(content_type=content_type).values_list("object_id", flat=True))
        missing = [obj for obj in model._default_manager.using(using).iterator() if str(obj.pk) not in have]
        # One revision per item: restoring an item's first version must revert that item alone
        # (with what it follows, a page's sections), never everything created at the same time.
        with transaction.atomic(using=using):
            for obj in missing:
                with reversion.create_revision(using=using):
                    reversion.set_comment(ADDED)
                    reversion.add_to_revision(obj, model_db=using)
        created += len(missing)
    return created


def give_first_versions_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    give_first_versions(using)


def prune(content_type_id, object_id, using=DEFAULT_DB_ALIAS, keep=None):
    """Delete all but the newest ``keep`` versions of one item, and revisions left empty."""
    from reversion.models import Revision, Version

    keep = keep or versions_kept()
    versions = Version.objects.using(using).filter(content_type_id=content_type_id, object_id=object_id)
    old = list(versions.order_by("-pk").values_list("pk", "revision_id")[keep:])
    if not old:
        return 0
    # One by one through the ORM, so that post_delete handlers release what the versions held.
    Version.objects.using(using).filter(pk__in=[pk for pk, _revision in old]).delete()
    Revision.objects.using(using).filter(pk__in={revision for _pk, revision in old}, version__isnull=True).delete()
    return len(old)


def prune_all(using=DEFAULT_DB_ALIAS, keep=None):
    from django.db.models import Count
    from reversion.models import Version

    keep = keep or versions_kept()
    crowded = (
        Version.objects.using(using)
        .values("content_type_id", "object_id")
        .annotate(count=Count("pk"))
        .filter(count__gt=keep)
    )
    return sum(prune(row["content_type_id"], row["object_id"], using, keep) for row in crowded)


def prune_after_save(sender, revision, versions, **kwargs):
    """reversion's post_revision_commit: keep each saved item's history to its bound."""
    for version in versions:
        prune(version.content_type_id, version.object_id, using=version.db)
