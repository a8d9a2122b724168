from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    # Last in the site's URLs: any other path is looked up as a page.
    path("<path:path>/", views.page_detail, name="page"),
]
