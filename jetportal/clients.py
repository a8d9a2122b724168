"""Who is asking: the client address every throttle counts by (admin sign-in, Q&A gate)."""

import ipaddress

from django.conf import settings


def parse_ip(text):
    try:
        return ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return None


def client_address(request):
    """REMOTE_ADDR, or X-Forwarded-For as far as our own proxies vouch for it.

    With TRUSTED_PROXY_COUNT = n, the n-th address from the right of X-Forwarded-For was
    written by our outermost proxy; anything to its left may be forged by the client.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            candidate = forwarded[-count] if len(forwarded) >= count else forwarded[0]
            if parse_ip(candidate):
                return candidate
    return remote
