"""Refuse requests that no page could answer sensibly, before any view sees them."""

from django.core.exceptions import BadRequest


class RejectNulBytesMiddleware:
    """A NUL byte in the address or query is never legitimate input.

    PostgreSQL refuses NUL in text, so such a value reaching a query (a search box in the
    admin, say) would be a 500; here it is a 400 in the visitor's language instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in value for value in request.GET.values()):
            raise BadRequest("NUL byte in the request")
        return self.get_response(request)
