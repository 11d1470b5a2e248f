"""Reads for programmes and spokespersons."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from phoihop.accounts.models import Organization
from phoihop.programs.models import Spokesperson


def current_spokesperson(organization: Organization, on: dt.date | None = None) -> Spokesperson | None:
    """The spokesperson in office on `on` (today): the unit's own, else the nearest parent's."""
    on = on or timezone.localdate()
    unit: Organization | None = organization
    while unit is not None:
        person = (
            Spokesperson.objects.filter(organization=unit, valid_from__lte=on)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
            .order_by("-valid_from")
            .first()
        )
        if person is not None:
            return person
        unit = unit.parent
    return None
