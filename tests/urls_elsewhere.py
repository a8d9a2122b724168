"""A URL configuration that puts the updates elsewhere (tests/test_render_helpers.py)."""

from django.urls import include, path

urlpatterns = [path("elsewhere/", include("updates.urls"))]
