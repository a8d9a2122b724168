"""The cache of public pages, and the one place it is invalidated.

Public pages are the same for every anonymous visitor in a language, so each is
rendered once and then served from the cache until content changes. Any save or
delete of site content bumps a generation number, which retires every cached page
at once (on all processes and hosts sharing the cache). Scheduled content is
honoured too: an entry never outlives the next scheduled publish time.
"""

import hashlib
from datetime import timedelta
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
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
        generation = 1
        cache.add(GENERATION_KEY, generation, timeout=None)
    return generation


def invalidate(**kwargs):
    """Retire every cached public page."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


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
        entry = cache.get(key)
        if entry is not None and entry["valid_until"] > now:
            return entry["response"]
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
            valid_until = now + timedelta(seconds=lifetime)
            cache.set(key, {"response": response, "valid_until": valid_until}, timeout=lifetime)
        return response

    return wrapper
