from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from jetportal.cache import cache_public_page
from jetportal.prepared import PreparedList
from jetportal.preview import staff_context

from .models import Page, Section, ancestors_and_navigation
from .sections import build_sections, provider_for

TEMPLATES = {
    Page.Kind.HOME: "pages/home.html",
    Page.Kind.LANDING: "pages/landing.html",
    Page.Kind.CATEGORY: "pages/category.html",
    Page.Kind.STANDARD: "pages/standard.html",
}

# A landing page's shown sections: the page is the only parameter, so the SQL is built once.
_shown_sections = PreparedList(lambda page_id: Section.objects.filter(page_id=page_id, is_shown=True), keyed=True)


# A published page by its address: the time and the address are the only parameters.
_published_page = PreparedList(lambda at, path: Page.objects.published(at=at).filter(path=path), timed=True, keyed=True)


def _get_page(request, path):
    if request.user.is_staff:  # may preview drafts and scheduled pages: the queryset says which
        page = Page.objects.visible_to(request.user).filter(path=path).first()
    else:
        page = next(iter(_published_page.rows(key=path)), None)
    if page is None:
        raise Http404
    return page


def _render_page(request, page):
    breadcrumbs, navigation = ancestors_and_navigation(page)
    context = {"page": page, "breadcrumbs": breadcrumbs, "navigation_pages": navigation, **staff_context(page)}
    if page.kind == Page.Kind.LANDING:
        sections = _shown_sections.rows(key=page.pk)
        for section in sections:
            section.page = page  # as page.sections would have set it, without a query
        context["blocks"] = build_sections(request, page, sections)
        context["section_feeds"] = [block.feed for block in context["blocks"] if block.feed]
    elif page.kind == Page.Kind.CATEGORY:
        documents = provider_for("documents")
        context["documents_block"] = documents and documents.get_data(request, page)
        context["documents_template"] = documents and documents.template_name
    else:
        context["children"] = list(Page.objects.published().filter(parent=page).order_by("order", "pk"))
    response = render(request, TEMPLATES[page.kind], context)
    if context["is_preview"]:
        # A draft shown to staff must never be kept by a browser or a shared cache.
        add_never_cache_headers(response)
    return response


@cache_public_page
def home(request):
    return _render_page(request, _get_page(request, ""))


@cache_public_page
def page_detail(request, path):
    return _render_page(request, _get_page(request, f"{path}/"))
