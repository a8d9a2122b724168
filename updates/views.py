import re

from django.core.exceptions import BadRequest
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from jetportal.cache import cache_public_page
from jetportal.preview import staff_context

from .models import Audience, Update

PER_PAGE = 10

# Checked before paginating: a page number can only look like this.
PAGE_PATTERN = re.compile(r"[0-9]{1,6}")


def _single(request, name):
    """The one value of a query parameter; asking twice is ambiguous, so it is refused."""
    values = request.GET.getlist(name)
    if len(values) > 1:
        raise BadRequest(f"{name} given {len(values)} times")
    return values[0] if values else None


@require_safe
@cache_public_page(params=("audience", "page"))
def update_list(request):
    audience_slug = _single(request, "audience")
    page_number = _single(request, "page") or "1"
    audiences = list(Audience.objects.all())
    audience = None
    if audience_slug is not None:
        audience = next((a for a in audiences if a.slug == audience_slug), None)
        if audience is None:
            return render(
                request,
                "updates/audience_not_found.html",
                {"audiences": audiences},
                status=404,
            )
    if not PAGE_PATTERN.fullmatch(page_number):
        raise Http404(_("There is no such page of updates."))
    paginator = Paginator(Update.objects.listed(audience), PER_PAGE)
    try:
        page = paginator.page(page_number)
    except InvalidPage:
        raise Http404(_("There is no such page of updates.")) from None
    query_prefix = f"?audience={audience.slug}&" if audience else "?"
    return render(
        request,
        "updates/update_list.html",
        {
            "audience": audience,
            "audiences": audiences,
            "page_obj": page,
            "updates": page.object_list,
            "page_links": _page_links(page, query_prefix),
            "query_prefix": query_prefix,
        },
    )


def _page_links(page, query_prefix):
    """Links to the first, last and nearby pages, with gaps marked, for a short pagination bar."""
    paginator = page.paginator
    links = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == paginator.ELLIPSIS:
            links.append({"gap": True})
        else:
            links.append({"number": number, "url": f"{query_prefix}page={number}", "current": number == page.number})
    return links


@require_safe
@cache_public_page
def update_detail(request, slug):
    try:
        update = Update.objects.visible_to(request.user).with_audiences().get(slug=slug)
    except Update.DoesNotExist:
        raise Http404 from None
    context = {"update": update, **staff_context(update)}
    response = render(request, "updates/update_detail.html", context)
    if context["is_preview"]:
        # A draft or scheduled item shown to staff must never be kept by a browser or a shared cache.
        add_never_cache_headers(response)
    return response
