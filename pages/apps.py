from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from jetportal.cache import connect_invalidation

        from . import providers
        from .sections import register

        register("overview", "pages/sections/overview.html", providers.overview)
        register("categories", "pages/sections/categories.html", providers.categories)
        register("participants", "pages/sections/participants.html", providers.participants)
        register("qualities", "pages/sections/qualities.html", providers.qualities)
        register("contacts", "pages/sections/contacts.html", providers.contacts)
        register("videos", "pages/sections/videos.html", providers.videos)
        connect_invalidation()
