"""The public pages, in both languages with their alternates. Nothing gated is ever listed."""

from django.contrib.sitemaps import Sitemap

from pages.models import Page
from updates.sitemaps import UpdateListSitemap, UpdateSitemap


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Page.objects.published().order_by("path")

    def lastmod(self, page):
        return page.updated_at


sitemaps = {"pages": PageSitemap, "update-list": UpdateListSitemap, "updates": UpdateSitemap}
