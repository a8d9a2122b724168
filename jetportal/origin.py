"""The site's one canonical origin, from the SITE_URL setting, never from the request.

Every absolute address the site writes (canonical and hreflang links, feeds, the sitemap,
robots.txt, the admin's "View on site", the sites framework's record) is built here. The
Host and X-Forwarded-* headers a request carries can be forged, and a page rendered for one
visitor is served from the cache to the next: taking the origin from the request would let
anyone write their own host into everyone's links.
"""

from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.encoding import iri_to_uri


@cache
def _parts(site_url):
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
        raise ImproperlyConfigured(f"SITE_URL must look like https://host[:port], not {site_url!r}.")
    return parts.scheme, parts.netloc.lower()


def scheme():
    return _parts(settings.SITE_URL)[0]


def domain():
    """The host (and port, if any) of the canonical origin."""
    return _parts(settings.SITE_URL)[1]


def origin():
    return f"{scheme()}://{domain()}"


def absolute_url(path):
    """``path`` (such as ``/en/updates/``) on the canonical origin, escaped as a URI.

    It never raises for an odd path: error pages call it for whatever address was asked for.
    """
    return origin() + iri_to_uri("/" + str(path).lstrip("/"))


def update_site_record(sender, using="default", **kwargs):
    """After migrate: django.contrib.sites' record (redirects, the admin) gets the same origin."""
    if sender.label != "sites":
        return
    from django.contrib.sites.management import create_default_site
    from django.contrib.sites.models import Site

    sites = Site.objects.using(using).filter(pk=settings.SITE_ID)
    if not sites.exists():
        # Django's own creation also resets the id sequence on PostgreSQL.
        create_default_site(sender, verbosity=0, using=using)
    sites.update(domain=domain(), name="JET Programme")
    Site.objects.clear_cache()
