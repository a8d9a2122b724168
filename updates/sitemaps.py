from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Update


class UpdateListSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return ["updates:list"]

    def location(self, name):
        return reverse(name)


class UpdateSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Update.objects.published().order_by("-date", "pk")

    def lastmod(self, update):
        return update.significant_change_at or update.publish_at
