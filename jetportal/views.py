"""Site-wide views: error pages in the visitor's language, robots.txt and uploaded media."""

import logging
import sys

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

from . import origin, shared_cache
from .sitemaps import sitemaps

logger = logging.getLogger(__name__)

# What a 503 tells browsers and crawlers to wait before asking again.
RETRY_AFTER_SECONDS = 30


def _error_page(request, status, template_name, **context):
    # Error pages render without a database query: the database may be why we are here.
    _forget_disallowed_host(request)
    # In the language of the address, even when the error came before the locale middleware.
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        content = render_to_string(template_name, {"status": status, **context}, request)
    return HttpResponse(content, status=status)


def _forget_disallowed_host(request):
    """Let the page render whatever it asks of the request after a forged Host.

    A template, context processor or middleware that calls ``request.get_host()`` would raise
    DisallowedHost again while the 400 page renders (a 500). The page is not about that host
    anyway: it is rendered as if it had come to the configured origin.
    """
    try:
        request.get_host()
    except DisallowedHost:
        for header in ("HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT"):
            request.META.pop(header, None)
        request.META["HTTP_HOST"] = origin.domain()


def bad_request(request, exception=None):
    return _error_page(request, 400, "errors/400.html")


def permission_denied(request, exception=None):
    return _error_page(request, 403, "errors/403.html")


def page_not_found(request, exception=None):
    return _error_page(request, 404, "errors/404.html")


def server_error(request):
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        return database_unavailable(request)
    try:
        return _error_page(request, 500, "errors/500.html")
    except Exception:
        logger.exception("The error page itself failed to render")
        return HttpResponse("Server error / サーバーエラー", status=500, content_type="text/plain; charset=utf-8")


def database_unavailable(request):
    """The database is down or refused the connection: a 503 that says when to come back.

    Pages in the cache are still served (jetportal.cache asks no database for them); this is
    for the rest. Django reconnects on the next request, so the site recovers by itself.
    """
    try:
        response = _error_page(request, 503, "errors/503.html", retry_after=RETRY_AFTER_SECONDS)
    except Exception:
        logger.exception("The 503 page itself failed to render")
        response = HttpResponse(
            "Temporarily unavailable / 一時的に利用できません", status=503, content_type="text/plain; charset=utf-8"
        )
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def csrf_failure(request, reason=""):
    return _error_page(request, 403, "errors/403_csrf.html")


@require_safe
@cache_control(max_age=settings.CACHE_TIME_LONG, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        # The Q&A is for contracting organisations only, in every language.
        "Disallow: /en/faq/",
        "Disallow: /ja/faq/",
        f"Sitemap: {origin.absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class CanonicalSite:
    """All the sitemaps framework needs of a site: the configured origin's domain."""

    domain = property(lambda self: origin.domain())


@require_safe
@cache_control(max_age=settings.CACHE_TIME_SHORT, public=True)
def sitemap_xml(request):
    """The sitemap, with addresses on the configured origin (SITE_URL), not the request's host."""
    site = CanonicalSite()
    urls = []
    for sitemap_class in sitemaps.values():
        urls.extend(sitemap_class().get_urls(site=site, protocol=origin.scheme()))
    return TemplateResponse(request, "sitemap.xml", {"urlset": urls}, content_type="application/xml; charset=utf-8")


@require_safe
@cache_control(max_age=settings.CACHE_TIME_LONG, public=True)
def media(request, path):
    # Uploads are stored under generated names, so a name always means the same bytes.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def benchmark_retire(request):
    """Retire every cached page (scripts/benchmark.py, "right after a retirement")."""
    shared_cache.retire_all()
    return HttpResponse(b"retired", content_type="text/plain; charset=utf-8")
