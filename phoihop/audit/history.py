"""Which objects have a history page, and how a user is allowed to reach each one.

Apps register their model with the getter from their own `access.py`, so the history page goes
through the same chokepoint as the object's own page: an outsider gets 404 here too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models

AccessGetter = Callable[[Any, Any], models.Model]
_registry: dict[str, AccessGetter] = {}
_verbs: dict[str, Any] = {}


def register(model: type[models.Model], getter: AccessGetter) -> None:
    _registry[model._meta.label_lower] = getter


def getter_for(label: str) -> AccessGetter | None:
    return _registry.get(label)


def register_verbs(labels: dict[str, Any]) -> None:
    """Human labels (lazy gettext strings) for the verbs an app writes, e.g. "organization.merged"."""
    _verbs.update(labels)


def verb_label(verb: str) -> Any:
    return _verbs.get(verb, verb)
