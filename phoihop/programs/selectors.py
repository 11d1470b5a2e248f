"""Reads for programmes and spokespersons."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from phoihop.accounts.models import Organization
from phoihop.accounts.tree import OrganizationTree
from phoihop.programs.models import Program, Spokesperson


def current_spokesperson(
    organization: Organization, on: dt.date | None = None, *, tree: OrganizationTree | None = None
) -> Spokesperson | None:
    """The spokesperson in office on `on` (today): the unit's own, else the nearest parent's.

    Pass the request's `tree` (`UserScope.tree_for`) when there is one: the answer then takes one query.
    """
    on = on or timezone.localdate()
    lineage = (tree or OrganizationTree.load()).lineage(organization.pk)
    in_office: dict[int, Spokesperson] = {}
    for person in (
        Spokesperson.objects.filter(organization_id__in=lineage, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from")
    ):
        in_office.setdefault(person.organization_id, person)  # the latest appointment of each unit
    return next((in_office[unit] for unit in lineage if unit in in_office), None)


def program_detail(program_id: int):  # type: ignore[no-untyped-def]
    """The programme with everything its page lists, fetched once."""
    return Program.objects.prefetch_related(
        "parties__organization",
        "signatories__organization",
        "themes",
        "commitments__organization",
        "focal_contacts__organization",
    ).get(pk=program_id)


def spokespersons_directory(organization_ids: frozenset[int] | None, on: dt.date | None = None):  # type: ignore[no-untyped-def]
    """Spokespersons in office, for the units given (None: all), ordered by unit."""
    on = on or timezone.localdate()
    qs = (
        Spokesperson.objects.filter(valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .select_related("organization")
        .order_by("organization__name", "full_name")
    )
    if organization_ids is not None:
        qs = qs.filter(organization_id__in=organization_ids)
    return qs
