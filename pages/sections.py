"""What each kind of landing-page section shows, registered by the app that owns it.

The pages app knows nothing of updates, documents or the Q&A: each of those apps
registers, in its ``AppConfig.ready()``, a template and a function that returns the
section's data. A section whose app has registered nothing is simply not shown.
Every provider must use a fixed number of queries, whatever the amount of content.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from jetportal.localized import Localized, localize, localized_element


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
    """A section with what the landing page shows around its own template, worked out once
    here: a landing render after every content change would otherwise spend more on these
    few dozen template tags and lookups than on the sections themselves."""

    section: object
    template_name: str
    data: dict
    anchor: str = field(init=False)
    heading: Localized = field(init=False)  # for the "On this page" links
    heading_element: str = field(init=False)
    intro_element: str = field(init=False)

    def __post_init__(self):
        anchor = self.section.anchor
        set_field = object.__setattr__  # frozen: set once, here
        set_field(self, "anchor", anchor)
        set_field(self, "heading", localize(self.section, "heading"))
        set_field(self, "heading_element", localized_element(self.section, "heading", "h2", id=f"{anchor}-heading"))
        set_field(self, "intro_element", localized_element(self.section, "intro", "div", css_class="prose"))

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
