"""The Q&A block of the For Organisations page: links to the three versions, no Q&A text."""

from .presenters import version_links


def faq_section(request, page):
    # No query: the block only says which versions exist and that they need the password.
    return {"versions": version_links()}
