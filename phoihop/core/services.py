"""Gap-free numbering shared by the apps that issue numbered documents."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from phoihop.core.models import Counter


@transaction.atomic
def next_number(key: str) -> int:
    """The next value of the named sequence; concurrent callers never get the same number.

    The row is locked (PostgreSQL) or the write lock is held (SQLite immediate transactions) until
    the caller's transaction ends, so a rolled-back caller leaves no gap.
    """
    Counter.objects.get_or_create(key=key)
    Counter.objects.filter(key=key).update(value=F("value") + 1)
    return Counter.objects.select_for_update().values_list("value", flat=True).get(key=key)
