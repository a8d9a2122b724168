from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "documents"
    verbose_name = _("Documents and figures")
    public_content = True
    staff_role = "editor"
    # Counted on every download and shown only in the admin: counting must not retire the pages.
    not_public_content = ("Document.download_count",)

    def ready(self):
        from pages.sections import register

        from . import providers

        register("pamphlet", "documents/sections/pamphlet.html", providers.pamphlet)
        register("statistics", "documents/sections/statistics.html", providers.statistics)
        register("documents", "documents/sections/category_documents.html", providers.category_documents)
