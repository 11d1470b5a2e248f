"""The exchange's reference lists in the newsroom's admin: forms of answering and refusal grounds."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from phoihop.core.wagtail_normalize import ModelViewSet
from phoihop.exchange.models import RefusalGround, ResponseForm


class ResponseFormViewSet(ModelViewSet):
    model = ResponseForm
    icon = "list-ul"
    menu_label = _("Hình thức trả lời")
    list_display = ["name", "legal_basis", "sort_order", "is_active"]
    form_fields = ["name", "legal_basis", "sort_order", "is_active"]


class RefusalGroundViewSet(ModelViewSet):
    model = RefusalGround
    icon = "warning"
    menu_label = _("Căn cứ từ chối")
    list_display = ["name", "legal_basis", "sort_order", "is_active"]
    form_fields = ["name", "legal_basis", "sort_order", "is_active"]


class ExchangeViewSetGroup(ViewSetGroup):
    menu_label = _("Danh mục trao đổi thông tin")
    menu_icon = "list-ul"
    menu_order = 320
    items = (ResponseFormViewSet, RefusalGroundViewSet)


@hooks.register("register_admin_viewset")
def register_viewset() -> ExchangeViewSetGroup:
    return ExchangeViewSetGroup()
