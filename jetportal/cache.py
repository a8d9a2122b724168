"""The cache of public pages, and the one place it is invalidated.

Public pages are the same for every anonymous visitor in a language, so each is
rendered once and then served from the cache until content changes. Any save or
delete of site content bumps a generation number, which retires every cached page
at once (on all processes and hosts sharing the cache). Scheduled content is
honoured too: an entry never outlives the next scheduled publish time.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import clock

CONTENT_APPS = ("pages", "updates", "documents", "faq")
# Records that change without changing what any public page shows. A wrong Q&A password
# must not empty the cache, or anyone could keep every page uncached.
NOT_CONTENT = {"faq.FailedAttempt", "faq.AccessSetting"}
GENERATION_KEY = "public-pages:generation"


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Never 1 again after the shared cache is flushed or evicted: each process also keeps
        # pages under the generation they were made in, and must not take them for current.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY, time.time_ns())
    return generation


def invalidate(**kwargs):
    """Retire every cached public page."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def connect_invalidation():
    """Called once at start-up: any content model's save or delete invalidates the pages."""
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label in NOT_CONTENT:
                continue
            post_save.connect(invalidate, sender=model, dispatch_uid=f"public-cache-save-{model._meta.label}")
            post_delete.connect(invalidate, sender=model, dispatch_uid=f"public-cache-delete-{model._meta.label}")


def next_scheduled_change(now):
    """The earliest future publish time of any published content, or None (one query)."""
    from .content import Publishable, Status

    upcoming = [
        model._base_manager.filter(status=Status.PUBLISHED, publish_at__gt=now)
        .order_by()
        .values_list("publish_at", flat=True)
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        if issubclass(model, Publishable)
    ]
    if not upcoming:
        return None
    first, *others = upcoming
    return first.union(*others).order_by("publish_at").first() if others else first.order_by("publish_at").first()


def _key(request):
    digest = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogateescape")).hexdigest()
    return f"public-pages:{_generation()}:{request.LANGUAGE_CODE}:{digest}"


@dataclass(frozen=True)
class CachedPage:
    """What is kept of a response: enough to rebuild it, cheaper to store than the object."""

    status: int
    headers: tuple
    content: bytes
    valid_until: datetime

    @classmethod
    def of(cls, response, valid_until):
        return cls(response.status_code, tuple(response.headers.items()), response.content, valid_until)

    def response(self):
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        return response


class _ProcessEntries:
    """The pages this process served last, in front of the shared cache.

    Keys carry the shared generation number, so an invalidation anywhere retires these
    too; a hit then costs one small read (the generation) instead of a whole page.
    """

    def __init__(self, size=256):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            self.entries[key] = entry
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


process_entries = _ProcessEntries()


def _cached(key, now):
    entry = process_entries.get(key)
    if entry is None:
        entry = cache.get(key)
        if entry is not None:
            process_entries.put(key, entry)
    return entry if entry is not None and entry.valid_until > now else None


def _has_personal_state(request):
    cookies = request.COOKIES
    return bool(cookies.get(settings.SESSION_COOKIE_NAME) or cookies.get("messages"))


def cache_public_page(view):
    """Serve GET requests from visitors without a session from the cache.

    A session means someone signed in (staff may be previewing drafts), a Q&A unlock,
    or a message waiting to be shown: those visitors always reach the view, so nothing
    personal is ever cached or served to someone else.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or _has_personal_state(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        now = clock.now()
        entry = _cached(key, now)
        if entry is not None:
            return entry.response()
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.has_header("Cache-Control"):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            lifetime = settings.CACHE_TIME_MEDIUM
            upcoming = next_scheduled_change(now)
            if upcoming is not None:
                lifetime = min(lifetime, max(1, int((upcoming - now).total_seconds())))
            # Browsers and proxies may keep the page briefly; content edits show within a minute.
            patch_cache_control(response, public=True, max_age=min(lifetime, settings.CACHE_TIME_SHORT))
            entry = CachedPage.of(response, now + timedelta(seconds=lifetime))
            cache.set(key, entry, timeout=lifetime)
            process_entries.put(key, entry)
            # The rebuilt response is one piece of content, not the many small writes a feed
            # generator leaves (the server would send each as its own packet).
            return entry.response()
        return response

    return wrapper
