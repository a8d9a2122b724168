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

With Redis, reading the number is a round trip for every page served, which costs more than the
rest of serving a cached page. So every bump is also published, and each process listens
(``_Listener``): while it listens, it trusts the number it last read until Redis says it moved,
and for ``TRUST_SECONDS`` at most, so a fault that closes no connection ends within that time.
"""

import logging
import threading
import time

import redis
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.core.signals import setting_changed
from django.dispatch import receiver

logger = logging.getLogger(__name__)

GENERATION_KEY = "public-pages:generation"
RETIRED_CHANNEL = "public-pages:retired"
BREAKER_SECONDS = 5
TRUST_SECONDS = 1.0


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


def _incr(delta):
    """Move the number on by ``delta`` (atomically: it never goes down), tell every process, and
    return it; raises when the cache fails. Where there is no number any more (a restart, an
    eviction), a new one starts from the clock, above every number used before."""
    try:
        value = cache.incr(GENERATION_KEY, delta)
    except ValueError:
        cache.add(GENERATION_KEY, max(time.time_ns(), highest.value + 1), timeout=None)
        value = _read_number()
    if value == delta:
        # Gone between Django's check and its INCR (an eviction, a flush): Redis made a new one
        # from 0. A number that small may have been used before; move it past every one.
        return _incr(max(time.time_ns(), highest.value + 1) - value)
    listener = _listener()
    if listener is not None:
        listener.announce()
    return value


def _read_number():
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        # From the first server named, where it is written: Django reads from the others (its
        # replicas), and one that lags would make the number look as if it went back.
        raw = backend._cache.get_client(write=True).get(backend.make_and_validate_key(GENERATION_KEY))
        return None if raw is None else int(raw)
    return cache.get(GENERATION_KEY)


def _bump():
    """Retire every page: move the generation on. Raises when the cache fails."""
    listener = _listener()
    epoch = listener.epoch if listener is not None else None
    value = _incr(1)
    if value is not None:
        highest.note(value)
        if listener is not None:
            # This process's next page uses it at once, before its own news reaches its listener.
            listener.learn(value, epoch)


def generation():
    """The current generation, or None when the shared cache cannot be used right now."""
    if not breaker.available():
        return None
    listener = _listener()
    if listener is not None and not breaker.must_retire:
        trusted = listener.trusted()
        if trusted is not None:
            return trusted
    try:
        if breaker.must_retire:
            faults = breaker.faults
            _bump()
            if breaker.settle(faults):
                logger.info("Shared cache back; every page stored before the outage is retired")
        # Both taken before the read: a bump by another thread meanwhile is neither mistaken
        # for the number going back nor missed by the listener.
        floor = highest.value
        epoch = listener.epoch if listener is not None else None
        current = _read_number()
        if current is None:
            cache.add(GENERATION_KEY, max(time.time_ns(), floor + 1), timeout=None)
            current = _read_number()
            if current is None:  # a cache that keeps nothing (dummy://)
                return None
        if current < floor:
            # Gone back (a Redis restored from an older snapshot): pages stored under that number
            # and the ones after it may be old. No error was seen, so nothing else would tell.
            logger.warning("Shared cache's generation went back; every page stored before is retired")
            current = _incr(max(time.time_ns(), floor + 1) - current)
        highest.note(current)
        if listener is not None:
            listener.learn(current, epoch)
        return current
    except Exception as error:  # noqa: BLE001
        breaker.trip(error)
        if listener is not None:
            listener.forget()
        return None


# Redis: each process hears of every bump -----------------------------------------------------


class _Listener:
    """The generation as this process last read it, trusted while it listens for bumps.

    A thread per process subscribes to ``RETIRED_CHANNEL``; every bump publishes on it after the
    increment. Each message, subscription and lost connection moves ``epoch`` and forgets the
    number; a number read from Redis is kept only if the epoch did not move while it was read (a
    bump in between would otherwise be missed). While not listening (starting, Redis gone),
    nothing is trusted and every request reads the number. A Redis user not allowed to publish or
    subscribe (Redis 7 ACLs give no channel by default) turns it off for good in this process.
    """

    def __init__(self, backend):
        self.lock = threading.Lock()
        self.known = None  # (generation, monotonic time it is trusted until)
        self.epoch = 0
        self.listening = False
        self.stopped = False
        self.refused = False
        self.channel = backend.make_and_validate_key(RETIRED_CHANNEL)
        # Django's own client: the cache's server (the first of several), database and options.
        self.client = backend._cache.get_client(write=True)
        self.thread = threading.Thread(target=self._listen, name="public-pages-listener", daemon=True)
        self.thread.start()

    def trusted(self):
        known = self.known
        if known is not None and known[1] > time.monotonic():
            return known[0]
        return None

    def learn(self, value, epoch):
        with self.lock:
            # Never back to a lower number: a thread that read before another's bump learns last.
            if self.listening and self.epoch == epoch and (self.known is None or value >= self.known[0]):
                self.known = (value, time.monotonic() + TRUST_SECONDS)

    def forget(self, listening=None):
        with self.lock:
            self.epoch += 1
            self.known = None
            if listening is not None:
                self.listening = listening

    def announce(self):
        """Tell every process the number moved. Any other error is the caller's (a retirement not
        delivered, tried again); a refusal (no permission) turns listening off here for good."""
        try:
            self.client.publish(self.channel, b"")
        except redis.exceptions.NoPermissionError as error:
            self.give_up(error)

    def give_up(self, error):
        if not self.refused:
            logger.warning(
                "Redis refused the retired-pages channel %s (%s); every page reads the generation. "
                "Give the cache's Redis user that channel (ACL: &%s).",
                self.channel,
                error,
                self.channel,
            )
        self.refused = True
        self.stop()

    def _listen(self):
        pause = 1
        while not self.stopped:
            pubsub = self.client.pubsub()
            try:
                pubsub.subscribe(self.channel)
                while not self.stopped:
                    message = pubsub.get_message(timeout=1.0)
                    if message is None:
                        continue
                    # A subscription (the first, or again after redis-py reconnected) may have
                    # missed messages: what was read before it is not trusted.
                    self.forget(listening=True if message["type"] == "subscribe" else None)
                    pause = 1
            except redis.exceptions.NoPermissionError as error:
                self.give_up(error)
            except Exception as error:  # noqa: BLE001 - any failure: stop trusting, try again
                if pause == 1:  # once per outage, not once per try
                    logger.info("Not listening for retired pages (%s); every page reads the generation", error)
                pause = min(pause * 2, 8)
            finally:
                self.forget(listening=False)
                try:
                    pubsub.close()
                except Exception:  # noqa: BLE001, S110 - the connection is gone anyway
                    pass
            if not self.stopped:
                time.sleep(pause)

    def stop(self):
        self.stopped = True
        self.forget(listening=False)


_listeners = {}
_listeners_lock = threading.Lock()


def _listener():
    """This process's listener for the Redis shared cache (started at first use), or None."""
    backend = caches["default"]  # each thread's own
    listener = getattr(backend, "_public_pages_listener", False)
    if listener is False or (listener is not None and not listener.thread.is_alive() and not listener.refused):
        # First use in this thread, or a listener stopped or left behind by a fork.
        try:
            listener = _process_listener(backend) if isinstance(backend, RedisCache) else None
        except Exception as error:  # noqa: BLE001 - without it, every page reads the number
            logger.warning("Cannot listen for retired pages (%s); every page reads the generation", error)
            listener = None
        backend._public_pages_listener = listener
    return None if listener is None or listener.refused else listener


def _process_listener(backend):
    with _listeners_lock:
        config = settings.CACHES["default"]
        ident = (config["LOCATION"], config.get("KEY_PREFIX", ""))
        listener = _listeners.get(ident)
        if listener is None or not (listener.thread.is_alive() or listener.refused):
            listener = _listeners[ident] = _Listener(backend)
        return listener


@receiver(setting_changed, dispatch_uid="jetportal-shared-cache-listeners")
def _stop_listeners(setting, **kwargs):
    # Tests point the cache at Redis servers of their own: stop listening to the old ones.
    if setting == "CACHES":
        with _listeners_lock:
            for listener in _listeners.values():
                listener.stop()
            _listeners.clear()


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
        # Bumps first while must_retire is set; a fault meanwhile leaves it set, to try again.
        if generation() is not None and not breaker.must_retire:
            return
    if breaker.must_retire:
        logger.error("Could not retire the cached pages; they expire by themselves within their lifetime")
