from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JetPortalConfig(AppConfig):
    """The project package as an app: shared template tags, commands and catalogue."""

    name = "jetportal"
    verbose_name = _("JET Portal")
