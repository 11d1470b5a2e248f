"""Reads for programmes and spokespersons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, Count, Value, When
from django.utils import timezone

import vntext
from phoihop.accounts.models import Organization
from phoihop.accounts.tree import OrganizationTree
from phoihop.programs.models import Program, Spokesperson, SpokespersonListing


def current_spokesperson(
    organization: Organization, on: dt.date | None = None, *, tree: OrganizationTree | None = None
) -> Spokesperson | None:
    """Who answers the press for the unit on `on` (today): its regular spokesperson, else its head; the
    unit's own, else the nearest parent's. A person authorized for one matter is never the default.

    Pass the request's `tree` (`UserScope.tree_for`) when there is one: the answer then takes one query.
    """
    on = on or timezone.localdate()
    lineage = (tree or OrganizationTree.load()).lineage(organization.pk)
    rank: dict[str, int] = {Spokesperson.Role.REGULAR: 0, Spokesperson.Role.HEAD: 1}
    in_office: dict[int, Spokesperson] = {}
    for person in (
        Spokesperson.objects.filter(organization_id__in=lineage, role__in=list(rank))
        .in_office(on)
        .order_by("-valid_from", "pk")
    ):
        held = in_office.get(person.organization_id)
        # The latest appointment of each unit, a regular spokesperson before the head.
        if held is None or rank[person.role] < rank[held.role]:
            in_office[person.organization_id] = person
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


ROLE_ORDER = Case(
    When(role=Spokesperson.Role.HEAD, then=Value(0)),
    When(role=Spokesperson.Role.REGULAR, then=Value(1)),
    default=Value(2),
)


def spokespersons_directory(organization_ids: frozenset[int] | None, on: dt.date | None = None):  # type: ignore[no-untyped-def]
    """Spokespersons in office (expired authorizations left out), for the units given (None: all),
    by unit, the head first, then the regular spokesperson, then the authorized."""
    on = on or timezone.localdate()
    qs = (
        Spokesperson.objects.in_office(on)
        .select_related("organization", "organization__spokesperson_listing")
        .annotate(role_order=ROLE_ORDER)
        .order_by("organization__name", "role_order", "full_name")
    )
    if organization_ids is not None:
        qs = qs.filter(organization_id__in=organization_ids)
    return qs


def public_units() -> list[tuple[SpokespersonListing, int]]:
    """Every active partner unit's public page with how many spokespersons it shows today, by name."""
    today = timezone.localdate()
    listings = list(
        SpokespersonListing.objects.filter(
            organization__kind=Organization.Kind.PARTNER, organization__status=Organization.Status.ACTIVE
        ).select_related("organization")
    )
    counts = dict(
        Spokesperson.objects.public()
        .in_office(today)
        .filter(organization_id__in=[listing.organization_id for listing in listings])
        .values("organization_id")
        .annotate(n=Count("pk"))
        .values_list("organization_id", "n")
    )
    listings.sort(key=lambda listing: vntext.collation_key(listing.organization.name))
    return [(listing, counts.get(listing.organization_id, 0)) for listing in listings]


@dataclass(frozen=True)
class UnitSection:
    organization: Organization
    listing: SpokespersonListing | None
    people: list[Spokesperson]


def public_unit_page(listing: SpokespersonListing, on: dt.date | None = None) -> list[UnitSection]:
    """The unit's public spokespersons today, then those of the units below it that have some (a province
    publishes the lists of its departments and communes, Decree 244 Art. 3(3)). Hidden and expired ones
    are left out."""
    on = on or timezone.localdate()
    unit = listing.organization
    tree = OrganizationTree.load()
    below = tree.descendants([unit.pk]) - {unit.pk}
    people = list(
        Spokesperson.objects.public()
        .in_office(on)
        .filter(organization_id__in={unit.pk} | below)
        .select_related("organization", "organization__spokesperson_listing", "decision_document")
        .annotate(role_order=ROLE_ORDER)
        .order_by("role_order", "full_name")
    )
    by_unit: dict[int, list[Spokesperson]] = {}
    for person in people:
        by_unit.setdefault(person.organization_id, []).append(person)
    sections = [UnitSection(unit, listing, by_unit.pop(unit.pk, []))]
    others = sorted(
        (group[0].organization for group in by_unit.values()), key=lambda org: vntext.collation_key(org.name)
    )
    for org in others:
        sections.append(UnitSection(org, getattr(org, "spokesperson_listing", None), by_unit[org.pk]))
    return sections
