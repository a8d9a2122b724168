"""What each kind of landing-page section shows, registered by the app that owns it.

The pages app knows nothing of updates, documents or the Q&A: each of those apps
registers, in its ``AppConfig.ready()``, a template and a function that returns the
section's data. A section whose app has registered nothing is simply not shown.
Every provider must use a fixed number of queries, whatever the amount of content.
"""

from collections.abc import Callable
from dataclasses import dataclass

from jetportal.localized import localize, localized_element


@dataclass(frozen=True)
class SectionProvider:
    template_name: str
    get_data: Callable  # (request, page) -> dict


_providers: dict[str, SectionProvider] = {}


def register(kind, template_name, get_data):
    _providers[kind] = SectionProvider(template_name, get_data)


def provider_for(kind):
    return _providers.get(kind)


class RenderedSection:
    """A section with what the landing page shows around its own template, worked out once
    here: a landing render after every content change would otherwise spend more on these
    few dozen template tags and lookups than on the sections themselves."""

    def __init__(self, section, template_name, data):
        self.section = section
        self.template_name = template_name
        self.data = data
        self.anchor = section.anchor
        self.heading = localize(section, "heading")  # for the "On this page" links
        self.heading_element = localized_element(section, "heading", "h2", id=f"{self.anchor}-heading")
        self.intro_element = localized_element(section, "intro", "div", css_class="prose")

    @property
    def feed(self):
        """(address, title) of the Atom feed this section offers, if it offers one."""
        return (self.data["feed_url"], self.data["feed_title"]) if "feed_url" in self.data else None


def build_sections(request, page, sections):
    blocks = []
    for section in sections:
        provider = provider_for(section.kind)
        if provider is not None:
            blocks.append(RenderedSection(section, provider.template_name, provider.get_data(request, page)))
    return blocks
