"""The work calendar, the deadline policies and their legal texts in the newsroom's admin (Wagtail).

A year is edited on one page with its days inline; the day list filters by year and kind for a quick
look across years. A policy is edited with its versions inline (a new law: add a version from its
date, do not edit the old one). Wagtail records each create, edit and delete in its own action log.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup

from phoihop.core.wagtail_normalize import ModelViewSet
from phoihop.deadlines.forms import CalendarYearForm, DeadlinePolicyForm
from phoihop.deadlines.models import CalendarDay, CalendarYear, DeadlinePolicy, LegalInstrument


class DeadlinePolicyViewSet(ModelViewSet):
    url_prefix = "deadlines/policies"
    url_namespace = "deadlines_policies"
    model = DeadlinePolicy
    icon = "time"
    menu_label = _("Loại thời hạn")
    list_display = ["name", "code", "applies_to", "is_active", "sort_order"]
    list_filter = ["applies_to", "is_active"]
    search_fields = ["name", "code", "description"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("code"),
            FieldPanel("applies_to"),
            FieldPanel("description"),
            FieldPanel("is_active"),
            FieldPanel("sort_order"),
            InlinePanel(
                "versions",
                label=_("Phiên bản theo thời gian"),
                panels=[
                    FieldPanel("valid_from"),
                    FieldPanel("valid_until"),
                    FieldPanel("amount"),
                    FieldPanel("unit"),
                    FieldPanel("instrument"),
                    FieldPanel("article"),
                    FieldPanel("clause"),
                    FieldPanel("point"),
                    FieldPanel("summary"),
                    FieldPanel("note"),
                ],
            ),
        ],
        base_form_class=DeadlinePolicyForm,
    )


class LegalInstrumentViewSet(ModelViewSet):
    url_prefix = "deadlines/instruments"
    url_namespace = "deadlines_instruments"
    model = LegalInstrument
    icon = "doc-full"
    menu_label = _("Văn bản làm căn cứ")
    list_display = ["short_name", "in_force_from", "repealed_from", "replaced_by"]
    list_filter = ["kind"]
    search_fields = ["number", "title"]
    form_fields = [
        "code",
        "kind",
        "number",
        "title",
        "issued_on",
        "in_force_from",
        "repealed_from",
        "replaced_by",
        "repeal_basis",
        "source",
    ]


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
    items = (CalendarYearViewSet, CalendarDayViewSet, DeadlinePolicyViewSet, LegalInstrumentViewSet)


@hooks.register("register_admin_viewset")
def register_viewset() -> DeadlinesViewSetGroup:
    return DeadlinesViewSetGroup()
