"""The fact-checking reference lists in the newsroom's admin (Wagtail): domains, verdict labels
and the default checklist. Wagtail records each create, edit and delete in its own action log."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from phoihop.core.wagtail_normalize import ModelViewSet
from phoihop.factcheck.models import ChecklistTemplateItem, Domain, VerdictLabel


class DomainViewSet(ModelViewSet):
    url_prefix = "factcheck/domains"
    url_namespace = "factcheck_domains"
    model = Domain
    icon = "folder-open-inverse"
    menu_label = _("Lĩnh vực phản ánh")
    list_display = ["name", "slug", "is_active", "sort_order"]
    form_fields = ["name", "slug", "sort_order", "is_active"]


class VerdictLabelViewSet(ModelViewSet):
    url_prefix = "factcheck/labels"
    url_namespace = "factcheck_labels"
    model = VerdictLabel
    icon = "tag"
    menu_label = _("Nhãn kết luận")
    list_display = ["name", "slug", "colour", "rating_value", "is_active"]
    form_fields = ["name", "slug", "description", "colour", "rating_value", "sort_order", "is_active"]


class ChecklistTemplateViewSet(ModelViewSet):
    url_prefix = "factcheck/checklist"
    url_namespace = "factcheck_checklist"
    model = ChecklistTemplateItem
    icon = "list-ul"
    menu_label = _("Bước kiểm tra mặc định")
    list_display = ["text", "sort_order", "is_active"]
    form_fields = ["text", "sort_order", "is_active"]


class FactcheckViewSetGroup(ViewSetGroup):
    menu_label = _("Kiểm chứng")
    menu_icon = "warning"
    menu_order = 320
    items = (DomainViewSet, VerdictLabelViewSet, ChecklistTemplateViewSet)


@hooks.register("register_admin_viewset")
def register_viewset() -> FactcheckViewSetGroup:
    return FactcheckViewSetGroup()
