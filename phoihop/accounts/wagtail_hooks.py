"""The organization lists in the newsroom's admin (Wagtail): levels, units, memberships, successions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from phoihop.accounts.models import Membership, Organization, OrganizationLevel, OrganizationSuccession
from phoihop.core.wagtail_normalize import ModelViewSet


class OrganizationViewSet(ModelViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Đơn vị")
    list_display = ["name", "kind", "level", "parent", "status"]
    list_filter = ["kind", "status", "level"]
    search_fields = ["name", "short_name"]
    form_fields = [
        "name",
        "short_name",
        "kind",
        "level",
        "parent",
        "status",
        "ended_on",
        "address",
        "email",
        "phone",
        "website",
    ]


class OrganizationLevelViewSet(ModelViewSet):
    model = OrganizationLevel
    icon = "list-ol"
    menu_label = _("Cấp đơn vị")
    list_display = ["name", "code", "sort_order", "is_historical"]
    form_fields = ["code", "name", "sort_order", "is_historical"]


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Thành viên")
    list_display = ["user", "organization", "role", "title", "is_active"]
    list_filter = ["role", "is_active"]
    form_fields = ["user", "organization", "role", "title", "is_active"]


class OrganizationSuccessionViewSet(ModelViewSet):
    model = OrganizationSuccession
    icon = "arrow-right"
    menu_label = _("Kế thừa đơn vị")
    list_display = ["predecessor", "successor", "effective_on", "is_primary"]
    form_fields = ["predecessor", "successor", "effective_on", "legal_basis", "is_primary"]


class AccountsViewSetGroup(ViewSetGroup):
    menu_label = _("Đơn vị phối hợp")
    menu_icon = "group"
    menu_order = 300
    items = (OrganizationViewSet, OrganizationLevelViewSet, MembershipViewSet, OrganizationSuccessionViewSet)


@hooks.register("register_admin_viewset")
def register_viewset() -> AccountsViewSetGroup:
    return AccountsViewSetGroup()
