from django.urls import path

from . import feeds, views

app_name = "updates"

urlpatterns = [
    path("", views.update_list, name="list"),
    path("feed/", feeds.UpdatesFeed(), name="feed"),
    path("feed/<slug:audience>/", feeds.UpdatesFeed(), name="audience_feed"),
    path("<slug:slug>/", views.update_detail, name="detail"),
]
