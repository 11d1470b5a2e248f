"""Programmes and spokespersons in the newsroom's admin.

Programmes are created and edited here, with their parties, signatories, themes (and targets),
commitments and focal contacts as inline lists. Only the editor-in-chief and the deputies hold the
add/change permission (see portal.services.newsroom_groups_ensure); every save writes an audit event.
Spokespersons are saved through `services.spokesperson_save`, which checks Decree 244's rules (only a
head authorizes), starts the 24-hour publication clock and writes the audit event.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from phoihop.audit.services import audit_record
from phoihop.programs import services
from phoihop.programs.models import Program, Spokesperson


class AuditedCreateView(CreateView):
    def save_instance(self) -> Any:
        instance = super().save_instance()
        audit_record(actor=self.request.user, verb=f"{instance._meta.model_name}.created", target=instance)
        return instance


class AuditedEditView(EditView):
    def save_instance(self) -> Any:
        instance = super().save_instance()
        audit_record(
            actor=self.request.user,
            verb=f"{instance._meta.model_name}.updated",
            target=instance,
            data={"changed": sorted(self.form.changed_data)},
        )
        return instance


class SpokespersonCreateView(CreateView):
    def save_instance(self) -> Any:
        return services.spokesperson_save(actor=self.request.user, person=self.form.save(commit=False))


class SpokespersonEditView(EditView):
    def save_instance(self) -> Any:
        return services.spokesperson_save(
            actor=self.request.user, person=self.form.save(commit=False), changed=sorted(self.form.changed_data)
        )


class ProgramViewSet(ModelViewSet):
    model = Program
    icon = "doc-full"
    menu_label = _("Chương trình phối hợp")
    add_view_class = AuditedCreateView
    edit_view_class = AuditedEditView
    list_display = ["title", "number", "starts_on", "ends_on", "status"]
    list_filter = ["status"]
    search_fields = ["title", "number"]
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("signed_on"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("legal_bases"),
        FieldPanel("purpose"),
        InlinePanel("parties", heading=_("Các bên tham gia"), label=_("Bên tham gia"), min_num=2),
        InlinePanel("signatories", heading=_("Người ký"), label=_("Người ký")),
        InlinePanel("themes", heading=_("Nội dung tuyên truyền và chỉ tiêu"), label=_("Nội dung")),
        InlinePanel("commitments", heading=_("Cam kết của các bên"), label=_("Cam kết")),
        InlinePanel("focal_contacts", heading=_("Đầu mối liên hệ"), label=_("Đầu mối")),
    ]


class SpokespersonViewSet(ModelViewSet):
    model = Spokesperson
    icon = "user"
    menu_label = _("Người phát ngôn")
    add_view_class = SpokespersonCreateView
    edit_view_class = SpokespersonEditView
    list_display = [
        "full_name",
        "role",
        "title",
        "organization",
        "valid_from",
        "valid_to",
        "publish_due_at",
        "published_at",
    ]
    list_filter = ["role", "is_public"]
    search_fields = ["full_name", "organization__name"]
    panels = [
        FieldPanel("organization"),
        FieldPanel("role"),
        MultiFieldPanel([FieldPanel("full_name"), FieldPanel("title")], heading=_("Người phát ngôn")),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
        MultiFieldPanel(
            [FieldPanel("decision_number"), FieldPanel("decided_at"), FieldPanel("decision_document")],
            heading=_("Quyết định giao nhiệm vụ, văn bản ủy quyền"),
        ),
        MultiFieldPanel(
            [FieldPanel("authorized_by"), FieldPanel("matter")],
            heading=_("Ủy quyền phát ngôn (chỉ người đứng đầu ủy quyền)"),
        ),
        FieldPanel("is_public"),
    ]


class ProgramsViewSetGroup(ViewSetGroup):
    menu_label = _("Chương trình phối hợp")
    menu_icon = "doc-full"
    menu_order = 250
    items = (ProgramViewSet, SpokespersonViewSet)


@hooks.register("register_admin_viewset")
def register_viewset() -> ProgramsViewSetGroup:
    return ProgramsViewSetGroup()
