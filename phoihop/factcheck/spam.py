"""Defences of the public tip form that need no outside service.

* A rate limit per client address in the Django cache (a fixed window: the first tip opens a
  window of `PHOIHOP_FACTCHECK_TIP_WINDOW_SECONDS`, and at most `PHOIHOP_FACTCHECK_TIPS_PER_WINDOW`
  tips are accepted in it). With Redis every web process shares the count; with the per-process
  memory cache each process counts on its own.
* The client address is REMOTE_ADDR. X-Forwarded-For is read only when
  `PHOIHOP_TRUSTED_PROXY_COUNT` says how many proxies of ours stand in front: the address that the
  outermost trusted proxy saw is taken, so a client cannot choose its own address by sending the
  header itself.
* A honeypot field people never see, and a minimum time between loading and sending the form
  (a signed timestamp in the form, so it cannot be forged).
* A cap on the number of links in the description.
"""

from __future__ import annotations

import hashlib
import re
import time
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

_SALT = "phoihop.factcheck.tip-form"
_LINK = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)


def setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    trusted = int(setting("PHOIHOP_TRUSTED_PROXY_COUNT", 0))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    # Our proxies append what they saw: the `trusted`-th entry from the right is the client as
    # seen by the outermost proxy we run. Anything further left was sent by the client.
    return hops[-trusted] if len(hops) >= trusted else (hops[0] if hops else remote)


def _key(ip: str) -> str:
    return "factcheck:tips:" + hashlib.sha256(ip.encode()).hexdigest()[:32]


def tips_limit() -> tuple[int, int]:
    return int(setting("PHOIHOP_FACTCHECK_TIPS_PER_WINDOW", 5)), int(
        setting("PHOIHOP_FACTCHECK_TIP_WINDOW_SECONDS", 60)
    )


def over_limit(ip: str) -> bool:
    """True when this address has used up its tips for the current window (nothing is counted)."""
    limit, _window = tips_limit()
    return int(cache.get(_key(ip), 0)) >= limit


def count_tip(ip: str) -> bool:
    """Count one tip from `ip`; False when it is over the limit (the caller refuses it)."""
    limit, window = tips_limit()
    key = _key(ip)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


def form_stamp() -> str:
    """A signed "form shown at" time to put in the form."""
    return signing.dumps(time.time(), salt=_SALT)


def stamp_problem(stamp: str) -> str | None:
    """None when the form was shown long enough ago (and not too long ago); else "fast" or "stale"."""
    try:
        shown_at = float(
            signing.loads(stamp or "", salt=_SALT, max_age=int(setting("PHOIHOP_FACTCHECK_FORM_MAX_AGE", 86400)))
        )
    except (signing.BadSignature, TypeError, ValueError):
        return "stale"
    if time.time() - shown_at < float(setting("PHOIHOP_FACTCHECK_MIN_FILL_SECONDS", 3)):
        return "fast"
    return None


def link_count(text: str) -> int:
    return len(_LINK.findall(text or ""))


def max_links() -> int:
    return int(setting("PHOIHOP_FACTCHECK_MAX_LINKS", 3))
