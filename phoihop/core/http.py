"""Facts about the request that several apps need: who is asking, from where.

`client_ip` is the address the read beacon counts and the sign-in lockout (django-axes,
`AXES_CLIENT_IP_CALLABLE`) keys on. It is REMOTE_ADDR unless `PHOIHOP_TRUSTED_PROXY_COUNT` says how
many reverse proxies of ours stand in front: then the address the outermost of them saw is taken
from X-Forwarded-For, counted from the right, so a client cannot pick its own address by sending the
header itself (entries further left were written by the client).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", "") or "")
    trusted = int(getattr(settings, "PHOIHOP_TRUSTED_PROXY_COUNT", 0))
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", "") or "")
    if trusted <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    return hops[-trusted] if len(hops) >= trusted else hops[0]
