"""Dates and times as pages show them, without Django's general-purpose ``date`` filter.

The ``date`` and ``time`` filters parse their format and build a formatter on every use (about
50 µs each on these cores); a landing page shows a dozen dates and times. The same date in
the same language always reads the same, so each is worded once per process.
"""

import datetime
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language


def local_date(value):
    """The date as the active language writes it (DATE_FORMAT: "Nov. 29, 2026", "2026年11月29日")."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return _worded(value, get_language())


@lru_cache(maxsize=2048)
def _worded(day, _language):
    return date_format(day, "DATE_FORMAT")


@receiver(setting_changed)
def _forget(setting, **kwargs):
    # Tests that change how dates are written get fresh wording.
    if setting in {"DATE_FORMAT", "FORMAT_MODULE_PATH", "LANGUAGES", "LANGUAGE_CODE", "USE_L10N"}:
        _worded.cache_clear()


def iso_date(value):
    """``2026-11-29``, for ``<time datetime>``."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def clock_time(value, padded=False):
    """``9:00`` (or ``09:00`` when ``padded``, as ``<time datetime>`` needs)."""
    return f"{value.hour:02d}:{value.minute:02d}" if padded else f"{value.hour}:{value.minute:02d}"
