"""Report layouts in the newsroom's admin: the Decree 30 and Party layouts are data a clerk adjusts
(margins, font and sizes, header lines, number pattern, place, signature title). Every save writes an
audit event; the newsroom's leaders and editors hold the permissions (see migration 0002)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from phoihop.programs.wagtail_hooks import AuditedCreateView, AuditedEditView
from phoihop.reports.models import ReportLayout


class ReportLayoutViewSet(ModelViewSet):
    model = ReportLayout
    icon = "doc-full-inverse"
    menu_label = _("Thể thức báo cáo")
    menu_order = 330
    add_to_admin_menu = True
    add_view_class = AuditedCreateView
    edit_view_class = AuditedEditView
    list_display = ["name", "kind", "number_pattern", "place_name", "is_active"]
    list_filter = ["kind", "is_active"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("sort_order"), FieldPanel("is_active")]),
        FieldPanel("legal_basis"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("page_width_mm"), FieldPanel("page_height_mm")]),
                FieldRowPanel(
                    [
                        FieldPanel("margin_top_mm"),
                        FieldPanel("margin_bottom_mm"),
                        FieldPanel("margin_left_mm"),
                        FieldPanel("margin_right_mm"),
                    ]
                ),
                FieldRowPanel([FieldPanel("font_name"), FieldPanel("body_size_pt")]),
            ],
            heading=_("Khổ giấy, lề, phông chữ"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issuer_size_pt"), FieldPanel("issuer_mark")]),
                FieldRowPanel([FieldPanel("motto_line_1"), FieldPanel("motto_line_1_size_pt")]),
                FieldRowPanel([FieldPanel("motto_line_2"), FieldPanel("motto_line_2_size_pt")]),
                FieldRowPanel([FieldPanel("number_pattern"), FieldPanel("number_size_pt")]),
                FieldRowPanel([FieldPanel("place_name"), FieldPanel("date_size_pt")]),
                FieldRowPanel([FieldPanel("title_text"), FieldPanel("title_size_pt"), FieldPanel("subject_size_pt")]),
            ],
            heading=_("Phần đầu văn bản"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("signature_title"), FieldPanel("signature_size_pt")]),
                FieldRowPanel(
                    [
                        FieldPanel("recipients_label"),
                        FieldPanel("recipients_label_size_pt"),
                        FieldPanel("recipients_size_pt"),
                    ]
                ),
                FieldPanel("default_recipients"),
            ],
            heading=_("Chữ ký và nơi nhận"),
        ),
    ]


@hooks.register("register_admin_viewset")
def register_viewset() -> ReportLayoutViewSet:
    return ReportLayoutViewSet("report_layouts")
