"""Atom feeds of the published updates, for everyone or for one audience, in each language."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.feedgenerator import Stylesheet
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from jetportal.localized import localize
from jetportal.origin import absolute_url
from jetportal.text import XMLSafeAtom1Feed

from .models import Audience, Update

FEED_LENGTH = 30


@dataclass(frozen=True)
class FeedScope:
    audience: Audience | None

    def absolute(self, path):
        # The configured origin: a feed is cached and served to everyone, so never the request's Host.
        return absolute_url(path)


# Foreign markup (RFC 4287 section 6) for what only the XSLT stylesheet reads.
PAGE_NAMESPACE = "urn:x-jetportal:feed-page"


class ReadableAtomFeed(XMLSafeAtom1Feed):
    """An Atom feed that a browser shows as a page: it names an XSLT stylesheet (static/feeds/atom.xsl.xml).

    Sent as application/xml: Chromium applies the stylesheet only to XML it renders as XML, and
    shows application/atom+xml as raw text. Feed readers read the document, whatever its type.
    """

    content_type = "application/xml; charset=utf-8"

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:page": PAGE_NAMESPACE}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        # The page's CSS at its content-hashed address, wherever STATIC_URL points: the XSLT
        # cannot know it. Feed readers skip elements of namespaces they do not know.
        handler.addQuickElement("page:stylesheet", attrs={"href": self.feed["page_stylesheet"]})

    def write(self, outfile, encoding):
        # Atom1Feed.write leaves out the stylesheets that RSS writes; the same steps, with them.
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", str(stylesheet))
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class UpdatesFeed(Feed):
    feed_type = ReadableAtomFeed

    def stylesheets(self, scope):
        # Named .xml so that whitenoise and nginx send it as text/xml: neither knows .xsl, and a
        # stylesheet sent as application/octet-stream with nosniff is refused by Firefox.
        return [Stylesheet(static("feeds/atom.xsl.xml"), mimetype="text/xsl")]

    def feed_extra_kwargs(self, scope):
        return {"page_stylesheet": static("feeds/feed.css")}

    def get_object(self, request, audience=None):
        if audience is None:
            return FeedScope(None)
        try:
            return FeedScope(Audience.objects.get(slug=audience))
        except Audience.DoesNotExist:
            raise Http404 from None

    def title(self, scope):
        if scope.audience is None:
            return _("JET Programme: Latest Updates")
        return _("JET Programme: Latest Updates for %(audience)s") % {"audience": localize(scope.audience, "name")}

    def subtitle(self, scope):
        return _("News from CLAIR about the JET Programme.")

    def link(self, scope):
        return scope.absolute(scope.audience.get_absolute_url() if scope.audience else reverse("updates:list"))

    def feed_url(self, scope):
        return scope.absolute(scope.audience.get_feed_url() if scope.audience else reverse("updates:feed"))

    def author_name(self, scope):
        return _("Council of Local Authorities for International Relations (CLAIR)")

    def items(self, scope):
        items = list(Update.objects.latest(scope.audience)[:FEED_LENGTH])
        for item in items:
            item.feed_link = scope.absolute(item.get_absolute_url())
        return items

    def item_link(self, item):
        return item.feed_link

    def item_title(self, item):
        return str(localize(item, "title"))

    def item_description(self, item):
        # Atom carries the summary as HTML; the summary is plain text, so it is escaped first.
        return escape(str(localize(item, "summary")))

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.significant_change_at if item.is_updated else item.publish_at

    def item_categories(self, item):
        return [audience.slug for audience in item.audiences.all()]
