"""Saved versions of updates (history, "Recover deleted") keep the date they showed.

Versions written before 0005 hold only ``date``; restoring one would now show the publish
day. Where that date differed from the publish day, it becomes the version's ``date_shown``,
as 0005 did for the rows themselves.
"""

import datetime
import json

from django.db import migrations
from django.utils import timezone
from django.utils.dateparse import parse_datetime


def rewrite_versions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    content_type = ContentType.objects.filter(app_label="updates", model="update").first()
    if content_type is None:
        return
    for version in Version.objects.filter(content_type=content_type, format="json").iterator():
        data = json.loads(version.serialized_data)
        changed = False
        for item in data:
            fields = item.get("fields", {})
            if "date_shown" in fields or not fields.get("date") or not fields.get("publish_at"):
                continue
            publish_day = timezone.localdate(parse_datetime(fields["publish_at"]))
            shown = datetime.date.fromisoformat(fields["date"])
            fields["date_shown"] = shown.isoformat() if shown != publish_day else None
            changed = True
        if changed:
            Version.objects.filter(pk=version.pk).update(serialized_data=json.dumps(data))


class Migration(migrations.Migration):
    dependencies = [
        ("updates", "0006_store_image_sizes"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(rewrite_versions, migrations.RunPython.noop)]
