"""Reference data that migrations seed (levels, the home page, deadline policies, the work calendar,
answer forms…), restorable on demand.

Each app registers an idempotent function in its AppConfig.ready(). `restore_all()` runs them: the
test suite calls it after a transactional test has flushed the database, and an operator can run
`phoihop seed_reference_data` to repair a database whose reference rows were deleted by hand.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from django.apps import apps as django_apps

_seeders: list[tuple[str, Callable[[], object]]] = []


def register(name: str, seeder: Callable[[], object]) -> None:
    if all(existing != name for existing, _fn in _seeders):
        _seeders.append((name, seeder))


def register_migration(name: str, module: str, function: str = "seed") -> None:
    """Register a data migration's RunPython function, run against the real app registry."""

    def run() -> None:
        getattr(importlib.import_module(module), function)(django_apps, None)

    register(name, run)


def restore_all() -> list[str]:
    for _name, seeder in _seeders:
        seeder()
    return [name for name, _fn in _seeders]
