"""Reads of deadline policies and calendar rows for the other apps (exchange, newsroom, factcheck)."""

from __future__ import annotations

import vntext
from phoihop.deadlines.models import CalendarDay, DeadlinePolicy, DeadlinePolicyQuerySet


def policies_active() -> DeadlinePolicyQuerySet:
    """The policies a form may offer, in their display order."""
    return DeadlinePolicy.objects.active().order_by("sort_order", "name")


def policy_find(code_or_name: str) -> DeadlinePolicy | None:
    """The policy with this code, or else with this name (case- and accent-insensitive), active or not.

    Inactive policies are found too: a request opened under a policy since retired keeps its rules.
    """
    value = code_or_name.strip()
    if not value:
        return None
    policy = DeadlinePolicy.objects.filter(code=value.lower()).first()
    if policy is not None:
        return policy
    wanted = vntext.fold(vntext.clean_line(value))
    for candidate in DeadlinePolicy.objects.order_by("-is_active", "sort_order", "pk"):
        if vntext.fold(candidate.name) == wanted:
            return candidate
    return None


def calendar_days_in(year: int) -> list[CalendarDay]:
    """The exceptional days of one year, in date order."""
    return list(CalendarDay.objects.filter(date__year=year).select_related("year").order_by("date"))
