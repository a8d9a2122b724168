from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "faq"
    verbose_name = _("Q&A for organisations")

    def ready(self):
        from pages.sections import register

        from .sections import faq_section

        register("faq", "faq/sections/faq.html", faq_section)
