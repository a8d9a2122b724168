from django.urls import path, register_converter

from . import views


class PagePathConverter:
    """Slugs separated by slashes: anything else cannot be a page (nor reach the database)."""

    regex = r"[-a-zA-Z0-9_]+(?:/[-a-zA-Z0-9_]+)*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PagePathConverter, "pagepath")

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    # Last in the site's URLs: any other path is looked up as a page.
    path("<pagepath:path>/", views.page_detail, name="page"),
]
