"""Template tags shared by every page: translated fields, language alternates, dates."""

from django import template
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from jetportal import addresses, dates, origin, staff_hint
from jetportal.addresses import address_in
from jetportal.cache import render_personal
from jetportal.localized import localize
from jetportal.localized import localized_element as localize_element

register = template.Library()


@register.simple_tag
def localized(obj, field):
    """``{% localized obj "title" as title %}``: the text and the language it is really in."""
    return localize(obj, field)


@register.simple_tag
def localized_element(obj, field, tag="p", quiet=False, **attributes):
    """``{% localized_element obj=page field="title" tag="h1" id="x" class="lead" %}``.

    See jetportal.localized.localized_element. A tag rather than an included template: landing
    pages show dozens of these.
    """
    return localize_element(
        obj, field, tag or "p", quiet, id=attributes.get("id") or "", css_class=attributes.get("class") or ""
    )


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The current page in every language, for the switcher and the hreflang links."""
    request = context["request"]
    current = get_language()
    alternates = []
    full_path = request.get_full_path()
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        path = address_in(request.path, code)
        alternates.append(
            {
                "code": code,
                "name_local": info["name_local"],
                # Most addresses have no query: one translation serves both links.
                "url": path if full_path == request.path else address_in(full_path, code),
                "absolute_url": origin.absolute_url(path),
                "is_current": code == current,
            }
        )
    return alternates


@register.simple_tag
def pending_messages(request):
    """The messages waiting for this visitor (``{% pending_messages request as messages %}``).

    For a personal slot, which sees ``request`` but not the context processors; showing them
    marks them read, as the ``messages`` context processor's do.
    """
    return get_messages(request)


@register.simple_tag(takes_context=True)
def personal(context, template_name, **arguments):
    """``{% personal "includes/x.html" name=value %}``: a part rendered for each visitor.

    Everything else on a public page is cached and served to everyone; this part is rendered
    again for each visitor with a session (see jetportal.cache). Pass small values: the part
    sees them and ``request``, not the page's context nor the context processors.
    """
    return mark_safe(render_personal(context, template_name, arguments))


@register.simple_tag(takes_context=True)
def admin_change_url(context, app_label, model_name, pk):
    """``{% admin_change_url "updates" "update" 7 as url %}``: the item's admin form, for staff who may edit it."""
    from jetportal.preview import admin_change_url as change_url
    from jetportal.preview import staff_rights

    request = context.get("request")
    # Only a visitor with a session can be signed in: never load a session for anyone else,
    # nor for a session already seen without staff (jetportal.staff_hint).
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES or staff_hint.known_not_staff(request):
        return None
    rights = staff_hint.staff_memo.get(request, lambda: staff_rights(request.user))
    if rights is None:
        staff_hint.remember_not_staff(request)
    return change_url(rights, app_label, model_name, pk)


@register.simple_tag
def address(viewname, **kwargs):
    """``{% address "updates:list" as url %}``: ``{% url %}`` remembered per process
    (jetportal.addresses); "" when the view is not installed, as ``{% url ... as x %}`` gives."""
    try:
        return addresses.address(viewname, **kwargs)
    except NoReverseMatch:
        return ""


@register.simple_tag
def absolute_url(path):
    """``{% absolute_url request.path %}``: the address on the configured origin (SITE_URL)."""
    return origin.absolute_url(path)


@register.filter
def iso_datetime(value):
    """A date and time for ``<time datetime>``: whole seconds and the offset.

    Django's "c" format carries microseconds, which HTML does not allow (three fraction
    digits at most).
    """
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


@register.filter
def local_date(value):
    """``{{ value|local_date }}``: ``|date:"DATE_FORMAT"``, worded once per process (jetportal.dates)."""
    return dates.local_date(value) if value else ""


@register.filter
def iso_date(value):
    """``{{ value|iso_date }}``: ``|date:"Y-m-d"``, for ``<time datetime>``."""
    return dates.iso_date(value) if value else ""


@register.filter
def clock_time(value, padded=False):
    """``{{ value|clock_time }}`` is ``9:00`` (``|time:"G:i"``); with ``:"padded"``, ``09:00``."""
    return dates.clock_time(value, padded=bool(padded)) if value else ""


@register.filter
def lines(text):
    """The non-empty lines of a text that staff write one item per line."""
    return [line.strip() for line in str(text).splitlines() if line.strip()]


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The top-level published pages, for the main navigation (one query, unless the view read them)."""
    from pages.models import Page

    if "navigation_pages" in context:
        return context["navigation_pages"]
    return list(Page.objects.published().in_navigation())
