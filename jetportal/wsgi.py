"""The WSGI entry point that gunicorn serves (production settings unless told otherwise)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jetportal.settings.production")

application = get_wsgi_application()
