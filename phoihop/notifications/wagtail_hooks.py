"""The delivery log in the newsroom's admin: read-only, for press leaders and superusers.

It answers "who was told what, when, by which channel"; nobody edits or deletes a log row.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from phoihop.accounts.access import can_administer
from phoihop.notifications.models import Delivery


class DeliveryLogPolicy(ModelPermissionPolicy):
    """Only "view", and only for superusers and the press agency's leaders."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action != "view" or not getattr(user, "is_active", False):
            return False
        return can_administer(user)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class DeliveryLogViewSet(ModelViewSet):
    model = Delivery
    icon = "mail"
    menu_label = _("Nhật ký gửi thông báo")
    menu_order = 900
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    # Log rows reference nothing worth indexing, and indexing would add work to every send.
    add_to_reference_index = False
    list_display = ["created_at", "recipient", "address", "channel", "status", "subject", "attempts", "sent_at"]
    list_filter = ["channel", "status"]
    search_fields = ["address", "subject", "recipient__username", "recipient__last_name", "recipient__first_name"]
    list_per_page = 50
    inspect_view_fields = [
        "created_at",
        "recipient",
        "address",
        "channel",
        "status",
        "subject",
        "notification",
        "attempts",
        "last_attempt_at",
        "sent_at",
        "error",
    ]
    form_fields = ["status"]  # never shown: there is no add or edit view

    @property
    def permission_policy(self) -> DeliveryLogPolicy:  # type: ignore[override]
        return DeliveryLogPolicy(self.model)

    def get_queryset(self, request: Any) -> QuerySet[Delivery]:
        return Delivery.objects.select_related("recipient", "notification")

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        return Permission.objects.none()

    def get_urlpatterns(self) -> list[Any]:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<str:pk>/", self.inspect_view, name="inspect"),
        ]


@hooks.register("register_admin_viewset")
def register_viewset() -> DeliveryLogViewSet:
    return DeliveryLogViewSet("delivery_log")
