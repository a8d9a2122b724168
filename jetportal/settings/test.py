"""The test suite: same apps and middleware as production, faster hashing."""

import os
import secrets
import tempfile

from .base import *  # noqa: F403
from .base import DATABASES
from .env import env_str

# A fresh key per run: nothing secret is written down, and no test may rely on one.
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50)
# Links in tests are on the test client's own host, whatever the machine's environment says.
SITE_URL = "http://testserver"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests render templates without running collectstatic first.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Live-server and browser tests read static files straight from the apps, as in development.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Each test process gets its own cache unless CI points the suite at Redis.
if not (env_str("CACHE_URL") or env_str("REDIS_URL")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file per test process, not shared in-memory SQLite: live-server threads then get their own
    # connections and wait for the lock (the timeout in base.py) instead of failing at once with
    # "database table is locked" when many requests write at the same time.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"jetportal-test-{os.getpid()}.sqlite3"),
    }
