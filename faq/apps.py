from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "faq"
    verbose_name = _("Q&A for organisations")
    public_content = True
    staff_role = "qa"
    # Records no public page shows. A wrong Q&A password must not retire the page cache, or
    # anyone could keep every page uncached.
    not_public_content = ("FailedAttempt", "AccessSetting")

    def ready(self):
        from pages.sections import register

        from .sections import faq_section

        register("faq", "faq/sections/faq.html", faq_section)
