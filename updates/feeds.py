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


class ReadableAtomFeed(XMLSafeAtom1Feed):
    """An Atom feed that a browser shows as a page: it names an XSLT stylesheet (static/feeds/atom.xsl).

    Sent as application/xml: Chromium applies the stylesheet only to XML it renders as XML, and
    shows application/atom+xml as raw text. Feed readers read the document, whatever its type.
    """

    content_type = "application/xml; charset=utf-8"

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
        return [Stylesheet(static("feeds/atom.xsl"), mimetype="text/xsl")]

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
