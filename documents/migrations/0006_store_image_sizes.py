from functools import partial

from django.db import migrations

from jetportal.images import fill_dimensions


class Migration(migrations.Migration):
    """Images uploaded before their width and height were kept get them now (no file is read on render)."""

    dependencies = [("documents", "0005_decorative_pictures")]

    operations = [migrations.RunPython(partial(fill_dimensions, app_label="documents"), migrations.RunPython.noop)]
