"""The work calendar and the deadline policies in the newsroom's admin (Wagtail).

A year is edited on one page with its days inline; the day list filters by year and kind for a quick
look across years. Wagtail records each create, edit and delete in its own action log.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup

from phoihop.core.wagtail_normalize import ModelViewSet
from phoihop.deadlines.forms import CalendarYearForm
from phoihop.deadlines.models import CalendarDay, CalendarYear, DeadlinePolicy


class DeadlinePolicyViewSet(ModelViewSet):
    url_prefix = "deadlines/policies"
    url_namespace = "deadlines_policies"
    model = DeadlinePolicy
    icon = "time"
    menu_label = _("Loại thời hạn")
    list_display = ["name", "code", "duration_label", "is_active", "sort_order"]
    list_filter = ["unit", "is_active"]
    search_fields = ["name", "code", "legal_basis"]
    form_fields = ["name", "code", "amount", "unit", "legal_basis", "description", "is_active", "sort_order"]


class CalendarYearViewSet(ModelViewSet):
    url_prefix = "deadlines/years"
    url_namespace = "deadlines_years"
    model = CalendarYear
    icon = "date"
    menu_label = _("Lịch làm việc theo năm")
    list_display = ["year", "source"]
    edit_handler = ObjectList(
        [
            FieldPanel("year"),
            FieldPanel("source"),
            FieldPanel("note"),
            InlinePanel(
                "days",
                label=_("Ngày nghỉ lễ, nghỉ bù, làm bù"),
                panels=[FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")],
            ),
        ],
        base_form_class=CalendarYearForm,
    )


class CalendarDayViewSet(ModelViewSet):
    url_prefix = "deadlines/days"
    url_namespace = "deadlines_days"
    model = CalendarDay
    icon = "calendar-alt"
    menu_label = _("Ngày đặc biệt")
    list_display = ["date", "name", "kind", "year"]
    list_filter = ["year", "kind"]
    search_fields = ["name"]
    form_fields = ["year", "date", "kind", "name"]


class DeadlinesViewSetGroup(ViewSetGroup):
    menu_label = _("Lịch làm việc và thời hạn")
    menu_icon = "date"
    menu_order = 310
    items = (CalendarYearViewSet, CalendarDayViewSet, DeadlinePolicyViewSet)


@hooks.register("register_admin_viewset")
def register_viewset() -> DeadlinesViewSetGroup:
    return DeadlinesViewSetGroup()
