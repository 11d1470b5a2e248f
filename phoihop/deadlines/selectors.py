"""Reads of deadline policies and calendar rows for the other apps (exchange, newsroom, factcheck)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.utils import timezone

import vntext
from phoihop.deadlines.models import (
    Applies,
    CalendarDay,
    DeadlinePolicy,
    DeadlinePolicyQuerySet,
    DeadlinePolicyVersion,
    local_date,
)


def _with_versions(queryset: DeadlinePolicyQuerySet) -> DeadlinePolicyQuerySet:
    """Each policy with its versions (and their instruments) loaded once, for `version_on`."""
    return queryset.prefetch_related(
        Prefetch("versions", queryset=DeadlinePolicyVersion.objects.select_related("instrument"))
    )


def policies_active() -> DeadlinePolicyQuerySet:
    """The policies in use, in their display order, with their versions loaded."""
    return _with_versions(DeadlinePolicy.objects.active().order_by("sort_order", "name"))


def policies_for_requests(on: dt.date | dt.datetime | None = None) -> DeadlinePolicyQuerySet:
    """What a request form may offer: the request policies in use that have a version in force on `on` (today)."""
    day = local_date(on or timezone.now())
    candidates = _with_versions(DeadlinePolicy.objects.active().filter(applies_to=Applies.REQUEST))
    in_force = [policy.pk for policy in candidates if policy.version_on(day) is not None]
    return _with_versions(DeadlinePolicy.objects.filter(pk__in=in_force).order_by("sort_order", "name"))


def policies_in_force(on: dt.date | dt.datetime) -> list[tuple[DeadlinePolicy, DeadlinePolicyVersion]]:
    """Every policy in use with the version in force on that day, in display order (none: left out)."""
    day = local_date(on)
    pairs = []
    for policy in policies_active():
        version = policy.version_on(day)
        if version is not None:
            pairs.append((policy, version))
    return pairs


def policy_find(code_or_name: str) -> DeadlinePolicy | None:
    """The policy with this code, or else with this name (case- and accent-insensitive), active or not.

    Inactive policies are found too: a request opened under a policy since retired keeps its rules.
    """
    value = code_or_name.strip()
    if not value:
        return None
    policy = _with_versions(DeadlinePolicy.objects.filter(code=value.lower())).first()
    if policy is not None:
        return policy
    wanted = vntext.fold(vntext.clean_line(value))
    for candidate in _with_versions(DeadlinePolicy.objects.order_by("-is_active", "sort_order", "pk")):
        if vntext.fold(candidate.name) == wanted:
            return candidate
    return None


def calendar_days_in(year: int) -> list[CalendarDay]:
    """The exceptional days of one year, in date order."""
    return list(CalendarDay.objects.filter(date__year=year).select_related("year").order_by("date"))
