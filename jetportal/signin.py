"""Sign-in lockout: django-axes counts wrong passwords per username and address."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _


class LockoutBackend(AxesStandaloneBackend):
    """Axes' lockout check, for sign-ins that come with an HTTP request.

    Django's login views always pass the request. Calls without one (the test client's
    ``login()``, the shell, management commands) have no client to throttle; axes would
    refuse them outright, so they go on to the password check instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the sign-in form while a username and address are locked out."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        **admin.site.each_context(request),
        "title": _("Too many failed sign-ins"),
        "minutes": minutes,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    response = TemplateResponse(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "no-store"
    return response.render()


class BoundedAuthenticationForm(AdminAuthenticationForm):
    """The admin sign-in form, refusing a username no account can have before anything looks it up.

    Django's form only tells the browser the length limit; an overlong username would reach
    authenticate(), and axes would write it to a column of 255 characters (a database error
    on PostgreSQL). It gets the same message as any wrong username or password instead.
    """

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if len(username) > (self.username_field.max_length or 150):
            raise self.get_invalid_login_error()
        return super().clean()
