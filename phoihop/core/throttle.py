"""Counting things people send, in the Django cache: "once per period" and "at most N per window".

Keys are hashed (an address or a browser name never sits in the cache as such). With Redis
(`REDIS_URL`) every web process shares the counts; with the per-process memory cache each process
counts on its own, so the limits are per process.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.core.cache import cache


def _key(scope: str, *parts: object) -> str:
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:32]
    return f"throttle:{scope}:{digest}"


def first_time(scope: str, *parts: object, seconds: int) -> bool:
    """True the first time `parts` are seen in `seconds`, False afterwards."""
    return bool(cache.add(_key(scope, *parts), 1, timeout=seconds))


def allow(scope: str, *parts: object, limit: int, seconds: int) -> bool:
    """Count one event for `parts`; False once more than `limit` were counted in the window that the
    first of them opened (`seconds` long)."""
    key = _key(scope, *parts)
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, timeout=seconds)
        count = 1
    return count <= limit


def retry_after(scope: str, *parts: object, limit: int, seconds: int) -> int:
    """Count one event like `allow`; 0 while within `limit`, else the whole seconds until the window
    that the first counted event opened ends (at least 1), for a `Retry-After` header."""
    key = _key(scope, *parts)
    if cache.add(f"{key}:start", time.time(), timeout=seconds):
        cache.set(key, 0, timeout=seconds)
    if allow(scope, *parts, limit=limit, seconds=seconds):
        return 0
    started = cache.get(f"{key}:start")
    if started is None:  # the window ended meanwhile: the next attempt opens a new one
        return 1
    return max(1, math.ceil(float(started) + seconds - time.time()))
