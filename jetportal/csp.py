"""One Content-Security-Policy for the public site, a slightly looser one for the admin.

The public pages carry no inline style at all. The Django admin and the prose editor set
``style`` attributes from their own scripts (collapsible fieldsets, the editor's menus), so
under the admin's path, and only there, inline styles are allowed. Scripts stay 'self',
plus a per-response nonce that the admin's change forms put on the prose editor's import
map (an inline ``<script type="importmap">``; see jetportal.admin.BilingualAdmin).
"""

from csp.constants import NONCE
from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_POLICY_UPDATE = {"style-src": ["'unsafe-inline'"], "script-src": [NONCE]}


def is_admin_path(path):
    return path.startswith("/" + settings.ADMIN_URL_PATH)


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_path(request.path_info):
            parts.update = {**ADMIN_POLICY_UPDATE, **(parts.update or {})}
        return parts
