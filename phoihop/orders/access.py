"""Who sees an order: the press's members (the newsroom edits, its editors and leaders) and the
ordering unit's own members; the unit's leader (Lãnh đạo) accepts or disputes. Anyone else gets a 404,
the same answer as "does not exist"."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.access import scope_for
from phoihop.accounts.roles import PRESS_EDITOR_ROLES, Role
from phoihop.orders.models import AcceptancePeriod, Item, Order

NEWSROOM_REFUSAL = _("Chỉ biên tập viên, lãnh đạo tòa soạn sửa danh sách, trả lời ý kiến và ghi thanh toán.")
LEADER_REFUSAL = _("Chỉ lãnh đạo đơn vị đặt hàng nghiệm thu hoặc nêu ý kiến về sản phẩm.")


def orders_for_user(user: Any) -> QuerySet[Order]:
    scope = scope_for(user)
    qs = Order.objects.select_related("program", "unit")
    if scope.is_press:
        return qs
    return qs.filter(unit_id__in=scope.member_of)


def can_edit(user: Any) -> bool:
    return scope_for(user).is_press and bool(scope_for(user).units_with(PRESS_EDITOR_ROLES))


def can_accept(user: Any, order: Order) -> bool:
    return order.unit_id in scope_for(user).units_with(frozenset({Role.LEADER}))


def require_edit(user: Any) -> None:
    if not can_edit(user):
        raise PermissionDenied(NEWSROOM_REFUSAL)


def require_accept(user: Any, order: Order) -> None:
    if not can_accept(user, order):
        raise PermissionDenied(LEADER_REFUSAL)


def get_order_for_user(user: Any, pk: Any) -> Order:
    try:
        return orders_for_user(user).get(pk=int(pk))
    except (TypeError, ValueError, Order.DoesNotExist):
        raise Http404 from None


def get_period_for_user(user: Any, pk: Any) -> AcceptancePeriod:
    try:
        period = AcceptancePeriod.objects.select_related("order__program", "order__unit").get(pk=int(pk))
    except (TypeError, ValueError, AcceptancePeriod.DoesNotExist):
        raise Http404 from None
    get_order_for_user(user, period.order_id)
    return period


def get_item_for_user(user: Any, pk: Any) -> Item:
    try:
        item = Item.objects.select_related("period__order", "article").get(pk=int(pk))
    except (TypeError, ValueError, Item.DoesNotExist):
        raise Http404 from None
    get_order_for_user(user, item.period.order_id)
    return item
