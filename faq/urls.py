from django.urls import path, register_converter

from . import views
from .gate import VERSIONS


class VersionConverter:
    regex = "|".join(VERSIONS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(VersionConverter, "faqversion")

app_name = "faq"

urlpatterns = [
    path("", views.index, name="index"),
    path("unlock/", views.unlock, name="unlock"),
    path("lock/", views.lock, name="lock"),
    path("<faqversion:version>/", views.version, name="version"),
]
