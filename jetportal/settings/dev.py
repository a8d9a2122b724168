"""Local development: DEBUG on, a secret key kept in .local/ (outside git)."""

import secrets

from .base import *  # noqa: F403
from .base import BASE_DIR
from .env import env_bool, env_str


def _local_secret_key():
    # Generated once per checkout and never committed: .local/ is git-ignored.
    path = BASE_DIR / ".local" / "secret_key"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or _local_secret_key()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if not (env_str("CACHE_URL") or env_str("REDIS_URL")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
