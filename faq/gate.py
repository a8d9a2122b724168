"""The Q&A password gate: who is unlocked, who is throttled, and the headers of every gated response.

The unlock lives in the server-side session and remembers the password version it was
made with, so rotating the password ends every unlock at once. Wrong passwords are
counted in the database, so the limit holds across every gunicorn worker and host.
"""

import datetime
import ipaddress
import logging
import re
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

from jetportal import clock
from jetportal.clients import client_address, parse_ip

from .models import AccessSetting, FailedAttempt

logger = logging.getLogger("faq.gate")

SESSION_KEY = "faq_unlock"
ENDED_KEY = "faq_unlock_ended"
MAX_FAILURES = 5
WINDOW = datetime.timedelta(minutes=15)
VERSIONS = ("bilingual", "english", "japanese")


def gated(view):
    """Responses about the gated Q&A are for one visitor only: never stored, never indexed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper


# --- who is asking -------------------------------------------------------------------------


def client_key(request):
    """What the throttle counts by. An IPv6 client usually holds a whole /64, so that is one key."""
    address = client_address(request)
    ip = parse_ip(address)
    if ip is None:
        return (address or "unknown")[:64]
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


# --- the unlock ----------------------------------------------------------------------------


def unlocked_until(request, setting):
    """When this visitor's unlock ends, or None if they are not unlocked (any more)."""
    data = request.session.get(SESSION_KEY)
    if not data or not setting.has_password:
        return None
    try:
        unlocked_at = datetime.datetime.fromisoformat(data["at"])
        version = int(data["version"])
    except (KeyError, TypeError, ValueError):
        version, unlocked_at = None, None
    if unlocked_at is not None and version == setting.version:
        until = unlocked_at + datetime.timedelta(hours=setting.unlock_hours)
        if clock.now() < until:
            return until
    # Expired, or the password was changed since: forget it, and tell the visitor why once.
    del request.session[SESSION_KEY]
    request.session[ENDED_KEY] = True
    return None


def is_unlocked(request, setting=None):
    return unlocked_until(request, setting or AccessSetting.load()) is not None


def unlock(request, setting):
    # A new session key on every unlock: a key planted before the password was typed is worthless.
    request.session.cycle_key()
    request.session.pop(ENDED_KEY, None)
    request.session[SESSION_KEY] = {
        "at": clock.now().isoformat(),
        "version": setting.version,
        "changed_at": setting.changed_at.isoformat() if setting.changed_at else None,
    }
    lifetime = setting.unlock_hours * 3600
    if request.session.get_expiry_age() < lifetime:
        # The session must live at least as long as the unlock it carries.
        request.session.set_expiry(lifetime)


def lock(request):
    request.session.pop(SESSION_KEY, None)
    request.session.pop(ENDED_KEY, None)


def pop_ended_notice(request):
    return bool(request.session.pop(ENDED_KEY, False))


# --- where to go after the unlock ----------------------------------------------------------


def _gated_path_pattern():
    languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    versions = "|".join(VERSIONS)
    return re.compile(rf"^/(?:{languages})/faq/(?:{versions})/$")


# An anchor on a version page (#q-3, #topic-contracts): letters, digits, hyphens, underscores.
_FRAGMENT = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


def safe_fragment(value):
    """``value`` (without its #) if it can only be an anchor on the page, else an empty string."""
    value = (value or "").removeprefix("#")
    return value if _FRAGMENT.fullmatch(value) else ""


def safe_next(request, target):
    """``target`` if it is a Q&A version page on this site, else None (never an open redirect)."""
    if not target or len(target) > 2000:
        return None
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not _gated_path_pattern().match(parts.path):
        return None
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


# --- the throttle --------------------------------------------------------------------------


class Throttled(Exception):
    def __init__(self, retry_at):
        super().__init__(retry_at)
        self.retry_at = retry_at

    @property
    def retry_after_seconds(self):
        return max(1, int((self.retry_at - clock.now()).total_seconds()) + 1)


def try_password(request, setting, password):
    """Check ``password`` unless this client has used up its tries; raise Throttled if it has.

    The try is written down before it is checked and counted with everyone else's, all in
    autocommit: two processes racing each see the other's row, so together they can never
    check more than MAX_FAILURES passwords in the window (at worst, both are refused).
    """
    key = client_key(request)
    now = clock.now()
    since = now - WINDOW
    attempt = FailedAttempt.objects.create(client=key, at=now)
    recent = FailedAttempt.objects.filter(client=key, at__gt=since)
    if recent.count() > MAX_FAILURES:
        attempt.delete()
        oldest_that_counts = (
            recent.exclude(pk=attempt.pk).order_by("-at").values_list("at", flat=True)[MAX_FAILURES - 1 : MAX_FAILURES]
        )
        retry_at = (oldest_that_counts[0] if oldest_that_counts else now) + WINDOW
        logger.warning("Q&A password try refused (throttled) client=%s at=%s", key, now.isoformat())
        raise Throttled(retry_at)
    if setting.check_password(password):
        attempt.delete()
        logger.info("Q&A unlocked client=%s at=%s", key, now.isoformat())
        return True
    # The row stays as the record of a wrong password; rows older than the window are no use.
    FailedAttempt.objects.filter(at__lte=since).delete()
    logger.warning("Wrong Q&A password client=%s at=%s", key, now.isoformat())
    return False
