"""`/healthz`: is this instance able to serve? For a load balancer, systemd or a monitor.

Four checks, each cheap: the database answers a trivial query; every configured cache stores and
returns a value; the public and private file storages accept a small file (written, then deleted);
a worker's heartbeat (`phoihop.core.worker`) is younger than `PHOIHOP_WORKER_STALE_SECONDS`.

The answer is JSON with each check's state and duration: 200 when all pass, 503 otherwise. It
names no path, host or setting, and an error only by its class. It needs no login, is never cached
and is not rate-limited. `?check=database,cache` runs only the checks named (a load balancer that
should not take web servers out because the worker is down asks for `database,cache,storage`).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from phoihop.core.models import WorkerHeartbeat
from phoihop.core.worker import stale_seconds

logger = logging.getLogger(__name__)

# The storages that must accept a file: public media (Wagtail images, documents) and private files.
STORAGE_ALIASES = ("default", "private")


def check_database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("unexpected answer")
    return {}


def check_cache() -> dict[str, Any]:
    value = uuid.uuid4().hex
    for alias in settings.CACHES:
        cache = caches[alias]
        key = f"phoihop:healthz:{value}"
        cache.set(key, value, 30)
        if cache.get(key) != value:
            raise RuntimeError(f"cache {alias} did not return the value it stored")
        cache.delete(key)
    return {"caches": len(settings.CACHES)}


def check_storage() -> dict[str, Any]:
    for alias in STORAGE_ALIASES:
        storage = storages[alias]
        name = storage.save(f".healthz-{uuid.uuid4().hex}", ContentFile(b"ok"))
        try:
            with storage.open(name) as stored:
                if stored.read() != b"ok":
                    raise RuntimeError(f"storage {alias} did not return the file it stored")
        finally:
            storage.delete(name)
    return {"storages": len(STORAGE_ALIASES)}


def check_worker() -> dict[str, Any]:
    now = timezone.now()
    limit = stale_seconds()
    beats = list(WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True)[:50])
    if not beats:
        raise HealthFailure("no worker heartbeat", {"workers": 0})
    age = (now - beats[0]).total_seconds()
    fresh = sum(1 for beat in beats if (now - beat).total_seconds() <= limit)
    detail = {"workers": fresh, "last_beat": beats[0].isoformat(), "age_seconds": round(age, 1)}
    if age > limit:
        raise HealthFailure("worker heartbeat stale", detail)
    return detail


class HealthFailure(Exception):
    """A check that ran but found the thing unhealthy, with details safe to show."""

    def __init__(self, message: str, detail: dict[str, Any]) -> None:
        super().__init__(message)
        self.detail = detail


CHECKS: dict[str, Callable[[], dict[str, Any]]] = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
    "worker": check_worker,
}


def run_checks(names: list[str] | None = None) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    for name in names or list(CHECKS):
        started = time.perf_counter()
        try:
            detail = CHECKS[name]()
            state: dict[str, Any] = {"status": "ok", **detail}
        except HealthFailure as failure:
            state = {"status": "fail", "error": str(failure), **failure.detail}
        except Exception as exc:
            logger.warning("health check %s failed", name, exc_info=True)
            state = {"status": "fail", "error": type(exc).__name__}
        state["ms"] = round((time.perf_counter() - started) * 1000, 2)
        results[name] = state
    return results


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    asked = [name.strip() for name in request.GET.get("check", "").split(",") if name.strip()]
    unknown = [name for name in asked if name not in CHECKS]
    if unknown:
        return JsonResponse({"status": "fail", "error": "unknown check", "checks": sorted(CHECKS)}, status=400)
    checks = run_checks(asked or None)
    healthy = all(state["status"] == "ok" for state in checks.values())
    body = {"status": "ok" if healthy else "fail", "time": timezone.now().isoformat(), "checks": checks}
    return JsonResponse(body, status=200 if healthy else 503)
