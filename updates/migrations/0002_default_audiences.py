"""The four audiences the site's filter and feed addresses are built on.

They exist from the first migration so that a fresh site, with or without the demo
content, can publish updates at once. Staff may rename them; the slugs stay.
"""

from django.db import migrations

AUDIENCES = [
    ("current-jets", "Current JETs", "現役JET参加者", 1),
    ("former-jets", "Former JETs", "JET経験者", 2),
    ("organisations", "Organisations", "団体", 3),
    ("service-providers", "Service Providers", "サービス提供事業者", 4),
]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("updates", "Audience")
    for slug, name_en, name_ja, order in AUDIENCES:
        Audience.objects.get_or_create(
            slug=slug, defaults={"name": name_en, "name_en": name_en, "name_ja": name_ja, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("updates", "0001_initial")]

    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
