"""Who is asking: the client address every throttle counts by (admin sign-in, Q&A gate)."""

import functools
import ipaddress
import logging

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

logger = logging.getLogger(__name__)


def parse_ip(text):
    try:
        return ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return None


@functools.cache
def _trusted_networks():
    """TRUSTED_PROXY_ADDRESSES as networks, parsed once, not at every request; None when none are named."""
    if not settings.TRUSTED_PROXY_ADDRESSES:
        return None
    networks = []
    for entry in settings.TRUSTED_PROXY_ADDRESSES:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            continue
    return tuple(networks)


@receiver(setting_changed, dispatch_uid="jetportal-clients-trusted-proxies")
def _forget_trusted_networks(setting, **kwargs):
    # Tests name other proxies (override_settings, the settings fixture): parse those instead.
    if setting == "TRUSTED_PROXY_ADDRESSES":
        _trusted_networks.cache_clear()


def _from_trusted_proxy(remote):
    """Whether the connection comes from one of our proxies (any peer, when none are named)."""
    networks = _trusted_networks()
    if networks is None:
        return True
    ip = parse_ip(remote)
    return ip is not None and any(ip in network for network in networks)


def client_address(request):
    """The address the throttles count by, worked out (and any warning logged) once per request."""
    try:
        return request._client_address
    except AttributeError:
        request._client_address = _client_address(request)
        return request._client_address


def _client_address(request):
    """REMOTE_ADDR, or X-Forwarded-For as far as our own proxies vouch for it.

    With TRUSTED_PROXY_COUNT = n, the n-th address from the right of X-Forwarded-For was
    written by our outermost proxy; anything to its left may be forged by the client.
    A request that did not come through those n proxies (fewer hops than that, or a
    connection from an address that is not one of TRUSTED_PROXY_ADDRESSES: someone reached
    gunicorn directly) is counted by the connection's own address, whatever it claims.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count or not _from_trusted_proxy(remote):
        logger.warning(
            "Request not through the expected %d proxy hop(s): counted by its connection address %s "
            "(X-Forwarded-For has %d hop(s)) path=%s",
            count,
            remote,
            len(forwarded),
            request.path[:200],
        )
        return remote
    candidate = forwarded[-count]
    return candidate if parse_ip(candidate) else remote


class ProxyHopsMiddleware:
    """Behind our proxies, any request that skipped them is logged as it arrives, not only
    when a throttle asks who it is: an app port reachable from outside shows in the logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.TRUSTED_PROXY_COUNT > 0:
            client_address(request)
        return self.get_response(request)
