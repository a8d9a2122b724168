import re

from django.core.paginator import EmptyPage
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from jetportal import origin

from . import query
from .indexing import SOURCE_OF_KIND

PAGE_PATTERN = re.compile(r"[1-9][0-9]{0,5}")


def _problem(code):
    return {
        "too_long": _("Your search is too long. Please use at most %(count)d characters.")
        % {"count": query.MAX_QUERY_LENGTH},
        "too_many_terms": _("Your search has too many words. Please use at most %(count)d.")
        % {"count": query.MAX_TERMS},
        "repeated": _("Please search for one thing at a time."),
        "no_page": _("There is no such page of results."),
    }[code]


def _respond(request, context, status=200):
    response = render(request, "search/results.html", context, status=status)
    # Results depend on each query: not for the page cache, browsers or search engines.
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def results(request):
    queries = request.GET.getlist("q")
    pages = request.GET.getlist("page")
    raw = queries[0].strip() if queries else ""
    context = {"query": raw}
    if len(queries) > 1 or len(pages) > 1:
        return _respond(request, {**context, "problem": _problem("repeated")}, status=400)
    try:
        terms = query.parse(raw)
    except query.QueryError as error:
        return _respond(request, {**context, "query": "", "problem": _problem(str(error))}, status=400)
    if not terms:
        return _respond(request, {**context, "empty": True})
    number = pages[0] if pages else "1"
    if not PAGE_PATTERN.fullmatch(number):
        return _respond(request, {**context, "problem": _problem("no_page")}, status=404)
    try:
        page = query.search(terms, get_language(), number=int(number))
    except EmptyPage:
        return _respond(request, {**context, "problem": _problem("no_page")}, status=404)
    context.update(
        page=page,
        results=[_presented(result) for result in page],
        previous_url=_page_url(raw, page.previous_page_number()) if page.has_previous() else None,
        next_url=_page_url(raw, page.next_page_number()) if page.has_next() else None,
    )
    return _respond(request, context)


def _page_url(raw, number):
    return "?" + urlencode({"q": raw, "page": number} if number > 1 else {"q": raw})


def _presented(result):
    """What the template shows of a result, the other language's marked with its name."""
    other = get_language_info(result.entry.language)["name_translated"] if result.is_other_language else None
    source = SOURCE_OF_KIND[result.entry.kind]
    return {"result": result, "kind_label": source.label, "shows_date": source.shows_date, "other_language_name": other}


@require_safe
def opensearch(request):
    """The OpenSearch description: lets a browser add this site's search, in this language."""
    response = render(
        request,
        "search/opensearch.xml",
        {
            "origin": origin.origin(),
            # Translated here, not in the .xml template, which makemessages does not read.
            "short_name": _("JET Programme"),
            "description": _("Search the JET Programme site for organisations: pages, updates and documents."),
        },
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
    response["X-Robots-Tag"] = "noindex"
    return response
