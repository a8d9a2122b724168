"""Whether a public page's "Edit in admin" slot needs to look at who is visiting.

Most visitors with a session are not staff (every organisation that unlocked the Q&A has
one). Finding that out costs the session and user reads on every page. Once a session has
been seen without a staff user, the response carries a signed "not staff" hint bound to that
session key; while the browser sends it back with the same session, the slot renders empty
without reading anything, and the cached page goes out unchanged.

The hint never grants anything; it only decides whether to look. Signing in (or out) always
gives the session a new key (django.contrib.auth.login cycles it, logout flushes it), so a
hint from before does not match and the next page looks again. The secret key signs it, so
a visitor cannot make the site skip the check for a session that was never seen. It is
also trusted for ``HINT_SECONDS`` only: a signed-in user given staff rights in mid-session (the
only way a seen session can gain them without signing in again) gets the link within that
time, and an organisation's session costs one read per period.

Staff are looked at, but cheaply: what the slot learnt about a session's user (staff? which
model may they change?) is kept in this process for ``STAFF_MEMO_SECONDS``, keyed by the
session key, so a signed-in editor browsing the site costs no query either. It is dropped at
any sign-out in this process and whenever a user, a group or their permissions change in it
(what it holds depends on those, not on content), but not at a sign-in, which saves only the
user's last login time.
"""

import hashlib
import threading
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.core import signing
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

COOKIE_NAME = "jp_not_staff"
_SALT = "jetportal.staff_hint"
STAFF_MEMO_SECONDS = 10
HINT_SECONDS = 10 * 60
_MEMO_SIZE = 1024


def _session_key(request):
    return request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")


def _bound_to(session_key):
    return hashlib.sha256(session_key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def known_not_staff(request):
    """True when the browser's hint says this very session was seen without a staff user."""
    session_key = _session_key(request)
    hint = request.COOKIES.get(COOKIE_NAME)
    if not (session_key and hint):
        return False
    try:
        return signing.TimestampSigner(salt=_SALT).unsign(hint, max_age=HINT_SECONDS) == _bound_to(session_key)
    except signing.BadSignature:
        return False


def remember_not_staff(request):
    """Called by the slot that read the session and found no staff user in it."""
    request._jetportal_not_staff = True


def add_hint(request, response):
    """On a page sent to a visitor with a session: the hint, if the slot learnt it this time."""
    if getattr(request, "_jetportal_not_staff", False) and not known_not_staff(request):
        response.set_cookie(
            COOKIE_NAME,
            signing.TimestampSigner(salt=_SALT).sign(_bound_to(_session_key(request))),
            max_age=HINT_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


class _StaffMemo:
    """Per session key: the user's staff rights as the slot last read them (short-lived, bounded)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = {}

    def get(self, request, compute):
        session_key = _session_key(request)
        now = time.monotonic()
        with self.lock:
            known = self.entries.get(session_key)
        if known is not None and known[0] > now:
            return known[1]
        value = compute()
        with self.lock:
            if len(self.entries) >= _MEMO_SIZE:
                self.entries.clear()
            self.entries[session_key] = (now + STAFF_MEMO_SECONDS, value)
        return value

    def clear(self):
        with self.lock:
            self.entries.clear()


staff_memo = _StaffMemo()


@receiver(user_logged_out, dispatch_uid="jetportal-staff-memo-logout")
def _forget(**kwargs):
    staff_memo.clear()


def _forget_unless_only_signed_in(update_fields=None, **kwargs):
    # Every sign-in saves its user's last_login alone; rights are unchanged, and forgetting
    # everyone's at each sign-in would cost every signed-in editor their next pages' reads.
    if update_fields is not None and update_fields <= {"last_login"}:
        return
    staff_memo.clear()


def _forget_on_rights_relation_change(action, **kwargs):
    if action.startswith("post_"):
        staff_memo.clear()


def forget_staff_when_rights_change():
    """Once at start-up (jetportal's AppConfig.ready): a user's staff rights change at once in this process."""
    from django.contrib.auth.models import Group, Permission

    user_model = get_user_model()
    # A permission deleted outright (its model removed) leaves every holder at once.
    for model in (user_model, Group, Permission):
        label = model._meta.label
        post_save.connect(
            _forget_unless_only_signed_in, sender=model, dispatch_uid=f"jetportal-staff-memo-save-{label}"
        )
        post_delete.connect(_forget, sender=model, dispatch_uid=f"jetportal-staff-memo-delete-{label}")
    for relation in (user_model.groups, user_model.user_permissions, Group.permissions):
        through = relation.through
        m2m_changed.connect(
            _forget_on_rights_relation_change,
            sender=through,
            dispatch_uid=f"jetportal-staff-memo-m2m-{through._meta.label}",
        )
