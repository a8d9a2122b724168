"""What each kind of landing-page section shows, registered by the app that owns it.

The pages app knows nothing of updates, documents or the Q&A: each of those apps
registers, in its ``AppConfig.ready()``, a template and a function that returns the
section's data. A section whose app has registered nothing is simply not shown.
Every provider must use a fixed number of queries, whatever the amount of content.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SectionProvider:
    template_name: str
    get_data: Callable  # (request, page) -> dict


_providers: dict[str, SectionProvider] = {}


def register(kind, template_name, get_data):
    _providers[kind] = SectionProvider(template_name, get_data)


def provider_for(kind):
    return _providers.get(kind)


@dataclass(frozen=True)
class RenderedSection:
    section: object
    template_name: str
    data: dict


def build_sections(request, page, sections):
    blocks = []
    for section in sections:
        provider = provider_for(section.kind)
        if provider is not None:
            blocks.append(RenderedSection(section, provider.template_name, provider.get_data(request, page)))
    return blocks
