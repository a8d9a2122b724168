from django.conf import settings


def site(request):
    return {"ADMIN_URL_PATH": settings.ADMIN_URL_PATH, "SHOW_SAMPLE_NOTICE": settings.SHOW_SAMPLE_NOTICE}
