"""Who manages a unit's webhooks: its own members who act for it — a partner unit's leaders,
spokespersons and focal officers; the press's Tổng Biên tập and Phó Tổng Biên tập (the press's
endpoints hear every unit's events). A member of a sub-unit or a parent unit does not: an endpoint
and its secret belong to one unit. Anyone else's endpoint is a 404; a read-only member of the unit
asking for its webhooks gets a 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.access import scope_for
from phoihop.accounts.models import Organization
from phoihop.accounts.roles import PARTNER_WRITE_ROLES, PRESS_LEADER_ROLES
from phoihop.webhooks.models import WebhookDelivery, WebhookEndpoint

MANAGER_ROLES = PARTNER_WRITE_ROLES | PRESS_LEADER_ROLES
REFUSAL = _(
    "Chỉ lãnh đạo, người phát ngôn, cán bộ đầu mối của đơn vị (ở tòa soạn: Tổng Biên tập, Phó Tổng Biên tập) "
    "quản lý webhook của đơn vị."
)


def managed_unit_ids(user: Any) -> frozenset[int]:
    scope = scope_for(user)
    return frozenset(org_id for org_id in scope.units_with(MANAGER_ROLES) if scope.tree_for(org_id).is_active(org_id))


def managed_units(user: Any) -> models.QuerySet[Organization]:
    return Organization.objects.filter(pk__in=managed_unit_ids(user)).order_by("name")


def can_manage(user: Any) -> bool:
    return bool(managed_unit_ids(user))


def require_manage(user: Any, organization_id: int | None = None) -> None:
    """403 with the reason unless the user manages some unit's webhooks (or `organization_id`'s)."""
    ids = managed_unit_ids(user)
    if not ids or (organization_id is not None and organization_id not in ids):
        raise PermissionDenied(REFUSAL)


def endpoints_for_user(user: Any) -> models.QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(organization_id__in=managed_unit_ids(user)).select_related("organization")


def _check(user: Any, organization_id: int) -> None:
    if organization_id in managed_unit_ids(user):
        return
    if organization_id in scope_for(user).member_of:
        raise PermissionDenied(REFUSAL)  # the unit's own read-only member
    raise Http404


def get_endpoint_for_user(user: Any, pk: Any) -> WebhookEndpoint:
    try:
        endpoint = WebhookEndpoint.objects.select_related("organization").get(pk=int(pk))
    except (TypeError, ValueError, WebhookEndpoint.DoesNotExist):
        raise Http404 from None
    _check(user, endpoint.organization_id)
    return endpoint


def get_delivery_for_user(user: Any, pk: Any) -> WebhookDelivery:
    try:
        delivery = WebhookDelivery.objects.select_related("endpoint__organization").get(pk=int(pk))
    except (TypeError, ValueError, WebhookDelivery.DoesNotExist):
        raise Http404 from None
    _check(user, delivery.endpoint.organization_id)
    return delivery
