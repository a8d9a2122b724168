"""The shared cache (Redis, or files on one machine), reached so that it can never hurt.

The cache only makes pages faster; nothing may wait for it or fail because of it:

- The client has short connect and read timeouts (``CACHES`` OPTIONS in settings).
- After any error, a breaker stops asking for ``BREAKER_SECONDS``: every call answers
  "nothing there" at once, and pages are rendered.
- Errors are logged, never raised.

It also keeps the *generation*: one number in the shared cache that every cached page's
key carries. Retiring every page is bumping it. Three things make sure nothing stored
before a fault is ever taken for current:

- Redis restarting empty (or evicting the number) starts from a new number (the clock in
  nanoseconds), never one used before.
- A process that saw the cache fail bumps the number when the cache answers again, so a
  Redis that was only paused, or came back with its old data, serves nothing old.
- A retirement that could not be delivered (a save during the outage) is retried every
  second in the background until it is, or until every page stored before it has expired.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

GENERATION_KEY = "public-pages:generation"
BREAKER_SECONDS = 5


class _Breaker:
    def __init__(self):
        self.lock = threading.Lock()
        self.closed_at = 0.0  # monotonic time from which the cache may be asked again
        # Set when this process saw the cache fail or could not retire the pages: the
        # generation is bumped before anything is read from the cache again.
        self.must_retire = False

    def available(self):
        return time.monotonic() >= self.closed_at

    def trip(self, error):
        with self.lock:
            first = self.available()
            self.closed_at = time.monotonic() + BREAKER_SECONDS
            self.must_retire = True
        if first:
            logger.warning("Shared cache unavailable (%s); pages are rendered for %ss", error, BREAKER_SECONDS)

    def reset(self):
        with self.lock:
            self.closed_at = 0.0
            self.must_retire = False


breaker = _Breaker()


def call(method, *args, default=None, **kwargs):
    """``cache.<method>(...)``, or ``default`` when the cache fails or the breaker is open."""
    if not breaker.available():
        return default
    try:
        return getattr(cache, method)(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - any failure of the cache means "do without it"
        breaker.trip(error)
        return default


def _bump():
    """Move the generation on; raises when the cache fails."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the number is gone (restart, eviction): start a new one
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def generation():
    """The current generation, or None when the shared cache cannot be used right now."""
    if not breaker.available():
        return None
    try:
        if breaker.must_retire:
            _bump()
            breaker.must_retire = False
            logger.info("Shared cache back; every page stored before the outage is retired")
        current = cache.get(GENERATION_KEY)
        if current is None:
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
            current = cache.get(GENERATION_KEY)
        return current
    except Exception as error:  # noqa: BLE001
        breaker.trip(error)
        return None


def retire_all():
    """Retire every cached page now. Never raises: a failure is retried in the background."""
    if breaker.available():
        try:
            _bump()
            return True
        except Exception as error:  # noqa: BLE001
            breaker.trip(error)
    breaker.must_retire = True
    _retry_in_background()
    return False


_retrier_lock = threading.Lock()
_retrier = None


def _retry_in_background():
    global _retrier
    with _retrier_lock:
        if _retrier is not None and _retrier.is_alive():
            return
        _retrier = threading.Thread(target=_retry_until_delivered, name="retire-cached-pages", daemon=True)
        _retrier.start()


def _retry_until_delivered():
    # Past the longest lifetime every page stored before the save has expired anyway.
    deadline = time.monotonic() + settings.CACHE_TIME_MEDIUM
    while time.monotonic() < deadline and breaker.must_retire:
        time.sleep(1)
        if generation() is not None:  # bumps first while must_retire is set
            return
    if breaker.must_retire:
        logger.error("Could not retire the cached pages; they expire by themselves within their lifetime")
