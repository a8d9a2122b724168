from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("Site search")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import indexing

        indexing.connect_signals()
        # After every migrate the index matches the content, whatever the migrations changed.
        post_migrate.connect(indexing.rebuild_after_migrate, sender=self, dispatch_uid="search-rebuild-after-migrate")
