from django.urls import path

from jetportal.cache import cache_public_page

from . import feeds, views

app_name = "updates"

urlpatterns = [
    path("", views.update_list, name="list"),
    path("feed/", cache_public_page(feeds.UpdatesFeed()), name="feed"),
    path("feed/<slug:audience>/", cache_public_page(feeds.UpdatesFeed()), name="audience_feed"),
    path("<slug:slug>/", views.update_detail, name="detail"),
]
