"""Addresses of the site's own views, worked out once per process.

Django's ``reverse`` matches the view's patterns and quotes the result on every call (30–50 µs
on a 2 GHz core) and ``translate_url`` resolves and reverses (120 µs); a landing page needs
about twenty of them on each render. The answer depends only on the URL configuration, the
script prefix, the active language (``i18n_patterns`` puts it in the address) and the
arguments, so it is remembered under exactly those, in a bounded table.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.urls import reverse as django_reverse
from django.utils.translation import get_language

_KEPT = 4096  # addresses a process remembers; the least recently used go first


def address(viewname, **kwargs):
    """``reverse(viewname, kwargs=kwargs)``, remembered."""
    return _address(get_urlconf(), get_script_prefix(), get_language(), viewname, tuple(sorted(kwargs.items())))


def address_in(path, language):
    """``translate_url(path, language)``, remembered: the same page in the other language."""
    return _address_in(get_urlconf(), get_script_prefix(), get_language(), path, language)


@lru_cache(maxsize=_KEPT)
def _address(_urlconf, _prefix, _language, viewname, kwargs):
    return django_reverse(viewname, kwargs=dict(kwargs) or None)


@lru_cache(maxsize=_KEPT)
def _address_in(_urlconf, _prefix, _language, path, language):
    return translate_url(path, language)


@receiver(setting_changed)
def _forget(setting, **kwargs):
    # Tests that swap the URL configuration or the languages get fresh answers.
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "PREFIX_DEFAULT_LANGUAGE", "FORCE_SCRIPT_NAME"}:
        _address.cache_clear()
        _address_in.cache_clear()
