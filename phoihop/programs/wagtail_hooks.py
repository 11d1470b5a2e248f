"""Programmes and spokespersons in the newsroom's admin.

Programmes are created and edited here, with their parties, signatories, themes (and targets),
commitments and focal contacts as inline lists. Only the editor-in-chief and the deputies hold the
add/change permission (see portal.services.newsroom_groups_ensure); every save writes an audit event.
A programme's status is not a field of the form: the edit page offers the moves the service allows
(draft → active → completed | terminated) as actions, each through `services.program_set_status`,
which refuses any other move with its Vietnamese reason.
Spokespersons are saved through `services.spokesperson_save`, which checks Decree 244's rules (only a
head authorizes), starts the 24-hour publication clock and writes the audit event.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

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


class ProgramEditView(AuditedEditView):
    @cached_property
    def header_more_buttons(self) -> list[Any]:
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Đổi trạng thái"),
                url=reverse("program:status", args=[self.object.pk]),
                icon_name="resubmit",
                priority=5,
            )
        )
        return buttons


class ProgramStatusView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """The programme's next statuses as buttons; a move goes through `services.program_set_status`."""

    template_name = "programs/admin/program_status.html"
    permission_required = "change"
    header_icon = "doc-full"
    page_title = _("Đổi trạng thái chương trình")

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.program = get_object_or_404(Program, pk=kwargs["pk"])

    def get_page_subtitle(self) -> str:
        return self.program.title

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["program"] = self.program
        context["next_statuses"] = [
            Program.Status(status) for status in sorted(services.PROGRAM_TRANSITIONS[self.program.status])
        ]
        context["edit_url"] = reverse("program:edit", args=[self.program.pk])
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        status = request.POST.get("status", "")
        if status not in Program.Status.values:
            messages.error(request, gettext("Trạng thái không hợp lệ."))
            return redirect("program:status", pk=self.program.pk)
        try:
            program = services.program_set_status(
                actor=request.user, program=self.program, status=status, note=request.POST.get("note", "")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("program:status", pk=self.program.pk)
        messages.success(
            request,
            gettext("Chương trình đã chuyển sang “%(status)s”.") % {"status": program.get_status_display()},
        )
        return redirect("program:edit", pk=program.pk)


class SpokespersonCreateView(CreateView):
    def save_instance(self) -> Any:
        return services.spokesperson_save(actor=self.request.user, person=self.form.save(commit=False))


class SpokespersonEditView(EditView):
    def save_instance(self) -> Any:
        return services.spokesperson_save(
            actor=self.request.user, person=self.form.save(commit=False), changed=sorted(self.form.changed_data)
        )


def _order_panel() -> FieldPanel:
    return FieldPanel("sort_order", heading=_("thứ tự"))


class ProgramViewSet(ModelViewSet):
    model = Program
    icon = "doc-full"
    menu_label = _("Chương trình phối hợp")
    add_view_class = AuditedCreateView
    edit_view_class = ProgramEditView
    # A copy would be a new programme saved past the audit; status moves are actions, not a field.
    copy_view_enabled = False
    list_display = ["title", "number", "starts_on", "ends_on", "status"]
    list_filter = ["status"]
    search_fields = ["title", "number"]
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("signed_on")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("legal_bases"),
        FieldPanel("purpose"),
        InlinePanel("parties", heading=_("Các bên tham gia"), label=_("Bên tham gia"), min_num=2),
        # The child rows' fields, each with its Vietnamese label (sort_order has none of its own: #15).
        InlinePanel(
            "signatories",
            heading=_("Người ký"),
            label=_("Người ký"),
            panels=[FieldPanel("organization"), FieldPanel("full_name"), FieldPanel("title"), _order_panel()],
        ),
        InlinePanel(
            "themes",
            heading=_("Nội dung tuyên truyền và chỉ tiêu"),
            label=_("Nội dung"),
            panels=[
                FieldPanel("title"),
                FieldPanel("description"),
                FieldPanel("target_count"),
                FieldPanel("target_period"),
                _order_panel(),
            ],
        ),
        InlinePanel(
            "commitments",
            heading=_("Cam kết của các bên"),
            label=_("Cam kết"),
            panels=[
                FieldPanel("organization"),
                FieldPanel("what"),
                FieldPanel("who"),
                FieldPanel("frequency"),
                _order_panel(),
            ],
        ),
        InlinePanel("focal_contacts", heading=_("Đầu mối liên hệ"), label=_("Đầu mối")),
    ]

    def get_urlpatterns(self) -> list[Any]:
        return [
            *super().get_urlpatterns(),
            path(
                "status/<int:pk>/",
                ProgramStatusView.as_view(permission_policy=self.permission_policy),
                name="status",
            ),
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
