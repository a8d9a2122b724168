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
- A number lower than one this process has seen (a Redis restored from an older snapshot: the
  README asks for one without persistence) is replaced by a new one, never used as it is.
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
        # Counts those faults, so that a bump only settles the ones that came before it.
        self.faults = 0

    def available(self):
        return time.monotonic() >= self.closed_at

    def trip(self, error):
        with self.lock:
            first = self.available()
            self.closed_at = time.monotonic() + BREAKER_SECONDS
            self.must_retire = True
            self.faults += 1
        if first:
            logger.warning("Shared cache unavailable (%s); pages are rendered for %ss", error, BREAKER_SECONDS)

    def owe_retirement(self):
        with self.lock:
            self.must_retire = True
            self.faults += 1

    def settle(self, faults_before):
        """A bump went through: the retirement owed is paid, unless a fault came while it ran
        (another thread's save that failed meanwhile still needs a bump after its own)."""
        with self.lock:
            if self.faults == faults_before:
                self.must_retire = False
                return True
            return False

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


class _Highest:
    """The highest generation this process has seen: the number only ever grows."""

    def __init__(self):
        self.lock = threading.Lock()
        self.value = 0

    def note(self, value):
        if value > self.value:  # read without the lock: most calls see the same number again
            with self.lock:
                self.value = max(self.value, value)


highest = _Highest()


def _start_anew():
    """A new number above every one used before (the clock, or past what this process saw)."""
    value = max(time.time_ns(), highest.value + 1)
    cache.set(GENERATION_KEY, value, timeout=None)
    highest.note(value)
    return value


def _bump():
    """Move the generation on; raises when the cache fails."""
    try:
        highest.note(cache.incr(GENERATION_KEY))
    except ValueError:  # the number is gone (restart, eviction): start a new one
        _start_anew()


def generation():
    """The current generation, or None when the shared cache cannot be used right now."""
    if not breaker.available():
        return None
    try:
        if breaker.must_retire:
            faults = breaker.faults
            _bump()
            if breaker.settle(faults):
                logger.info("Shared cache back; every page stored before the outage is retired")
        current = cache.get(GENERATION_KEY)
        if current is None:
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
            current = cache.get(GENERATION_KEY)
        if current < highest.value:
            # Gone back (a Redis restored from an older snapshot): pages stored under that number
            # and the ones after it may be old. No error was seen, so nothing else would tell.
            logger.warning("Shared cache's generation went back; every page stored before is retired")
            return _start_anew()
        highest.note(current)
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
    else:
        breaker.owe_retirement()
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
