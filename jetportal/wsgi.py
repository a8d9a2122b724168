"""The WSGI entry point that gunicorn serves (production settings unless told otherwise)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jetportal.settings.production")

application = get_wsgi_application()

# What is loaded by now (Django, the apps, their models and settings) lives as long as the
# worker: moved out of the garbage collector's reach, it is no longer scanned again and again
# by the full collections that a render's many short-lived objects set off.
gc.freeze()
