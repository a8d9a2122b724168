from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UpdatesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "updates"
    verbose_name = _("Latest Updates")
    public_content = True
    staff_role = "editor"

    def ready(self):
        from pages.sections import register

        from .sections import latest_updates

        register("updates", "updates/sections/updates.html", latest_updates)
