"""Saved versions of Q&A entries (history, "Recover deleted") speak the publishing model too.

Versions written before 0004 hold the Boolean ``published``; restoring one would have
brought the entry back as a draft. They now say what the entry was: published or draft.
"""

import json

from django.db import migrations


def rewrite_versions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    content_type = ContentType.objects.filter(app_label="faq", model="entry").first()
    if content_type is None:
        return
    for version in Version.objects.filter(content_type=content_type, format="json").iterator():
        data = json.loads(version.serialized_data)
        changed = False
        for item in data:
            fields = item.get("fields", {})
            if "published" in fields:
                published = fields.pop("published")
                fields["status"] = "published" if published else "draft"
                fields.setdefault("publish_at", fields.get("updated_at"))
                changed = True
        if changed:
            Version.objects.filter(pk=version.pk).update(serialized_data=json.dumps(data))


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0004_entry_publishing_workflow"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(rewrite_versions, migrations.RunPython.noop)]
