from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from . import views

urlpatterns = [
    path(settings.ADMIN_URL_PATH, admin.site.urls),
    # set_language: the admin's language switch (a cookie, so each person's choice sticks).
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.+)$", views.media, name="media"))

if settings.BENCHMARK_FLOOR:
    # Only for scripts/benchmark.py: retires every cached page, to measure pages right after an edit.
    urlpatterns.append(path("__retire__/", views.benchmark_retire))

urlpatterns += i18n_patterns(
    path("updates/", include("updates.urls")),
    path("faq/", include("faq.urls")),
    path("downloads/", include("documents.urls")),
    path("search/", include("search.urls")),
    path("", include("pages.urls")),
)

handler400 = "jetportal.views.bad_request"
handler403 = "jetportal.views.permission_denied"
handler404 = "jetportal.views.page_not_found"
handler500 = "jetportal.views.server_error"
