from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")
    # Shown on public pages: a change retires the page cache (jetportal.cache); editors manage it.
    public_content = True
    staff_role = "editor"

    def ready(self):
        from . import providers
        from .sections import register

        register("overview", "pages/sections/overview.html", providers.overview)
        register("categories", "pages/sections/categories.html", providers.categories)
        register("participants", "pages/sections/participants.html", providers.participants)
        register("qualities", "pages/sections/qualities.html", providers.qualities)
        register("contacts", "pages/sections/contacts.html", providers.contacts)
        register("videos", "pages/sections/videos.html", providers.videos)
