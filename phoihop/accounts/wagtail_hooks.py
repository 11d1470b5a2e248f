"""The organization lists in the newsroom's admin (Wagtail): levels, units, memberships, successions.

Units, memberships and mergers are written through `accounts.services`, like the workspace writes
them (`core.wagtail_services`): the same checks and audit events, a membership's Wagtail groups
following its role, a merger marking the old unit and moving its open work. A unit's status is not a
field: it ends by a merger (the "Kế thừa đơn vị" list) or by dissolution (`organization_dissolve`).
A merger, once recorded, is corrected (date, legal basis) but not deleted. A unit that ends without a
successor is dissolved from its edit page ("Giải thể").
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import AdminDateInput, Button
from wagtail.documents.views import documents as document_views
from wagtail.images.views import images as image_views
from wagtail.permission_policies import ModelPermissionPolicy

from phoihop.accounts import media, services
from phoihop.accounts.models import Membership, Organization, OrganizationLevel, OrganizationSuccession
from phoihop.core.wagtail_normalize import ModelViewSet
from phoihop.core.wagtail_services import ServiceCreateView, ServiceDeleteView, ServiceEditView, ServiceModelViewSet

# ---------------------------------------------------------------------------------------------------
# Units


class OrganizationCreateView(ServiceCreateView):
    def create_object(self, form: Any) -> Organization:
        data = {name: form.cleaned_data[name] for name in services.ORGANIZATION_DETAILS}
        return services.organization_create(actor=self.request.user, **data)


class OrganizationEditView(ServiceEditView):
    @cached_property
    def header_more_buttons(self) -> list[Any]:
        buttons = list(super().header_more_buttons)
        if self.object.status == Organization.Status.ACTIVE:
            url = reverse("organization:dissolve", args=[self.object.pk])
            buttons.append(Button(_("Giải thể"), url=url, icon_name="cross", priority=5))
        return buttons

    def update_object(self, form: Any) -> Organization:
        data = {name: form.cleaned_data[name] for name in services.ORGANIZATION_DETAILS}
        return services.organization_update(actor=self.request.user, organization=self.object, **data)


class DissolveForm(forms.Form):
    ended_on = forms.DateField(label=_("ngày giải thể"), widget=AdminDateInput())
    note = forms.CharField(label=_("căn cứ, ghi chú"), required=False, max_length=500)


class OrganizationDissolveView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):  # type: ignore[misc]
    """A unit ends without a successor, through `services.organization_dissolve`."""

    template_name = "accounts/admin/organization_dissolve.html"
    form_class = DissolveForm
    permission_required = "change"
    header_icon = "group"
    page_title = _("Giải thể đơn vị")

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.organization = get_object_or_404(Organization, pk=kwargs["pk"])

    def get_page_subtitle(self) -> str:
        return self.organization.name

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["organization"] = self.organization
        context["edit_url"] = reverse("organization:edit", args=[self.organization.pk])
        return context

    def form_valid(self, form: DissolveForm) -> HttpResponse:
        try:
            services.organization_dissolve(
                actor=self.request.user,  # type: ignore[arg-type]
                organization=self.organization,
                ended_on=form.cleaned_data["ended_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, gettext("Đã ghi nhận giải thể đơn vị."))
        return redirect("organization:edit", pk=self.organization.pk)


class OrganizationDeleteView(ServiceDeleteView):
    def delete_object(self, obj: Organization) -> None:
        services.organization_delete(actor=self.request.user, organization=obj)


class OrganizationViewSet(ServiceModelViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Đơn vị")
    add_view_class = OrganizationCreateView
    edit_view_class = OrganizationEditView
    delete_view_class = OrganizationDeleteView
    list_display = ["name", "kind", "level", "parent", "status"]
    list_filter = ["kind", "status", "level"]
    search_fields = ["name", "short_name"]
    form_fields = list(services.ORGANIZATION_DETAILS)

    def get_urlpatterns(self) -> list[Any]:
        dissolve = OrganizationDissolveView.as_view(permission_policy=self.permission_policy)
        return [*super().get_urlpatterns(), path("dissolve/<int:pk>/", dissolve, name="dissolve")]


class OrganizationLevelViewSet(ModelViewSet):
    model = OrganizationLevel
    icon = "list-ol"
    menu_label = _("Cấp đơn vị")
    list_display = ["name", "code", "sort_order", "is_historical"]
    form_fields = ["code", "name", "sort_order", "is_historical"]


# ---------------------------------------------------------------------------------------------------
# Memberships


class MembershipCreateView(ServiceCreateView):
    def create_object(self, form: Any) -> Membership:
        data = form.cleaned_data
        return services.membership_create(
            actor=self.request.user,
            user=data["user"],
            organization=data["organization"],
            role=data["role"],
            title=data["title"],
        )


class MembershipEditView(ServiceEditView):
    def update_object(self, form: Any) -> Membership:
        data = form.cleaned_data
        return services.membership_update(
            actor=self.request.user,
            membership=self.object,
            role=data["role"],
            title=data["title"],
            is_active=data["is_active"],
        )


class MembershipDeleteView(ServiceDeleteView):
    def delete_object(self, obj: Membership) -> None:
        services.membership_delete(actor=self.request.user, membership=obj)


class MembershipViewSet(ServiceModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Thành viên")
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    delete_view_class = MembershipDeleteView
    list_display = ["user", "organization", "role", "title", "is_active"]
    list_filter = ["role", "is_active"]
    form_fields = ["user", "organization", "role", "title"]
    # The person and the unit are the membership; another person or unit is another membership.
    edit_form_fields = ["role", "title", "is_active"]


# ---------------------------------------------------------------------------------------------------
# Mergers


class SuccessionCreateForm(WagtailAdminModelForm):
    """A merger: the old unit, its primary successor (which receives the open work) and any others.
    The model form is made by the viewset (`get_form_class`), once the admin's field overrides are in."""

    other_successors = forms.ModelMultipleChoiceField(
        label=_("đơn vị kế thừa khác"),
        queryset=Organization.objects.active(),
        required=False,
        help_text=_("Khi đơn vị cũ chia về nhiều đơn vị; việc đang mở chuyển về đơn vị kế thừa chính ở trên."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("predecessor", "successor"):
            self.fields[name].queryset = Organization.objects.active()  # type: ignore[attr-defined]


class SuccessionCreateView(ServiceCreateView):
    def create_object(self, form: Any) -> OrganizationSuccession:
        data = form.cleaned_data
        others = [org for org in data.get("other_successors") or () if org.pk != data["successor"].pk]
        rows = services.organization_merge(
            actor=self.request.user,
            organization=data["predecessor"],
            successors=[data["successor"], *others],
            effective_on=data["effective_on"],
            legal_basis=data["legal_basis"],
        )
        return rows[0]


class SuccessionEditView(ServiceEditView):
    def update_object(self, form: Any) -> OrganizationSuccession:
        data = form.cleaned_data
        return services.succession_update(
            actor=self.request.user,
            succession=self.object,
            legal_basis=data["legal_basis"],
            effective_on=data["effective_on"],
        )


class NoDeletePermissionPolicy(ModelPermissionPolicy):
    """A recorded merger stays: its open work has moved and its old unit is closed."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action != "delete" and bool(super().user_has_permission(user, action))

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return action != "delete" and bool(super().user_has_permission_for_instance(user, action, instance))


class OrganizationSuccessionViewSet(ServiceModelViewSet):
    model = OrganizationSuccession
    icon = "arrow-right"
    menu_label = _("Kế thừa đơn vị")
    add_view_class = SuccessionCreateView
    edit_view_class = SuccessionEditView
    list_display = ["predecessor", "successor", "effective_on", "is_primary"]
    # The first successor chosen is the primary one (it receives the open work).
    form_fields = ["predecessor", "successor", "effective_on", "legal_basis"]
    edit_form_fields = ["effective_on", "legal_basis"]

    @property
    def permission_policy(self) -> ModelPermissionPolicy:  # type: ignore[override]
        return NoDeletePermissionPolicy(self.model)

    def get_form_class(self, for_update: bool = False) -> Any:
        if for_update:
            return super().get_form_class(for_update)
        return modelform_factory(self.model, form=SuccessionCreateForm, fields=self.form_fields)


class AccountsViewSetGroup(ViewSetGroup):
    menu_label = _("Đơn vị phối hợp")
    menu_icon = "group"
    menu_order = 300
    items = (OrganizationViewSet, OrganizationLevelViewSet, MembershipViewSet, OrganizationSuccessionViewSet)


@hooks.register("register_admin_viewset")
def register_viewset() -> AccountsViewSetGroup:
    return AccountsViewSetGroup()


# ---------------------------------------------------------------------------------------------------
# Deleting images and documents (the rule is `accounts.media`; Wagtail's policies carry it everywhere,
# these pages say why in Vietnamese instead of Wagtail's "you do not have permission").


def _refuse_media_deletion(view: Any, request: HttpRequest, index_url_name: str) -> HttpResponse | None:
    refusal = media.deletion_refusal(request.user, view.object)
    if refusal is None:
        return None
    messages.error(request, refusal)
    return redirect(index_url_name)


class ImageDeleteView(image_views.DeleteView):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _refuse_media_deletion(self, request, "wagtailimages:index") or super().dispatch(
            request, *args, **kwargs
        )


class DocumentDeleteView(document_views.DeleteView):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _refuse_media_deletion(self, request, "wagtaildocs:index") or super().dispatch(request, *args, **kwargs)


@hooks.register("register_admin_urls", order=-10)
def register_media_delete_urls() -> list[Any]:
    """The same paths as Wagtail's delete pages (`wagtailimages:delete`, `wagtaildocs:delete`), listed
    before Wagtail's own (lower order), so a request reaches these views first."""
    return [
        path("images/<int:image_id>/delete/", ImageDeleteView.as_view(), name="phoihop_image_delete"),
        path("documents/delete/<int:document_id>/", DocumentDeleteView.as_view(), name="phoihop_document_delete"),
    ]
