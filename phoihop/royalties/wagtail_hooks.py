"""The royalty frames and unit values in the Wagtail admin: data with their legal basis, edited by staff."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from phoihop.core.wagtail_normalize import ModelViewSet
from phoihop.royalties.models import CoefficientUnit, GenreFrame


class GenreFrameViewSet(ModelViewSet):
    url_prefix = "royalties/frames"
    url_namespace = "royalties_frames"
    model = GenreFrame
    icon = "list-ul"
    menu_label = _("Khung hệ số nhuận bút")
    list_display = ["name", "range_label", "valid_from", "valid_until", "confirmed"]
    list_filter = ["confirmed"]
    search_fields = ["name", "code"]
    form_fields = [
        "code",
        "name",
        "examples",
        "coefficient_min",
        "coefficient_max",
        "valid_from",
        "valid_until",
        "instrument",
        "citation",
        "confirmed",
        "note",
        "sort_order",
    ]


class CoefficientUnitViewSet(ModelViewSet):
    url_prefix = "royalties/units"
    url_namespace = "royalties_units"
    model = CoefficientUnit
    icon = "table"
    menu_label = _("Giá trị đơn vị hệ số")
    list_display = ["valid_from", "base_salary", "percent", "value", "confirmed"]
    form_fields = [
        "valid_from",
        "base_salary",
        "percent",
        "instrument",
        "citation",
        "base_salary_basis",
        "confirmed",
        "note",
    ]


class RoyaltiesViewSetGroup(ViewSetGroup):
    menu_label = _("Nhuận bút")
    menu_icon = "list-ul"
    menu_order = 320
    items = (GenreFrameViewSet, CoefficientUnitViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets() -> ViewSetGroup:
    return RoyaltiesViewSetGroup()
