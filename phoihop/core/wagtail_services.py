"""Wagtail admin views that write through an app's service instead of saving the model themselves.

Wagtail's generic create, edit and delete views call `form.save()` and `instance.delete()`; a viewset
of ours that manages a table with rules (memberships, units, mergers, programmes) uses these views
instead, so the admin writes exactly what the workspace writes: the same checks, the same audit
event, the same side effects (a membership's Wagtail groups, a merger's handlers). The subclass
says which service to call:

* `ServiceCreateView.create_object(form)` and `ServiceEditView.update_object(form)` return the saved object;
* `ServiceDeleteView.delete_object(obj)` removes it.

A `ValidationError` from the service (a rule the form could not know) is shown on the form, or,
for a deletion, as an error message on the edit page; a `PermissionDenied` is Wagtail's usual
refusal. Wagtail's own log entry ("wagtail.create", …) is kept beside the service's audit event,
so the object's history in the admin still reads the same.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.forms import modelform_factory
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView, DeleteView, EditView
from wagtail.log_actions import log

from phoihop.core.wagtail_normalize import ModelViewSet


def _messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


class _ServiceFormMixin:
    form: Any
    object: Any

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            response: HttpResponse = super().form_valid(form)  # type: ignore[misc]
        except ValidationError as error:
            for message in _messages(error):
                form.add_error(None, message)
            return self.form_invalid(form)  # type: ignore[attr-defined,no-any-return]
        return response


class ServiceCreateView(_ServiceFormMixin, CreateView):
    def create_object(self, form: Any) -> models.Model:
        raise NotImplementedError

    def save_instance(self) -> models.Model:
        instance = self.create_object(self.form)
        log(instance=instance, action="wagtail.create", content_changed=True)
        return instance


class ServiceEditView(_ServiceFormMixin, EditView):
    def update_object(self, form: Any) -> models.Model:
        raise NotImplementedError

    def save_instance(self) -> models.Model:
        instance = self.update_object(self.form)
        self.has_content_changes = self.form.has_changed()
        log(instance=instance, action="wagtail.edit", content_changed=self.has_content_changes)
        return instance


class ServiceDeleteView(DeleteView):
    def delete_object(self, obj: Any) -> None:
        raise NotImplementedError

    def delete_action(self) -> None:
        with transaction.atomic():
            log(instance=self.object, action="wagtail.delete")
            self.delete_object(self.object)

    def form_valid(self, form: Any) -> HttpResponse:
        # Wagtail's own view refuses here, without a reason, when its reference index knows of a
        # protecting reference; the service decides instead and says why.
        success_url = self.get_success_url()
        try:
            self.delete_action()
        except ValidationError as error:
            for message in _messages(error):
                messages.error(self.request, message)
            return HttpResponseRedirect(self.request.path)
        except ProtectedError:
            messages.error(self.request, _("Không xóa được: còn dữ liệu khác dẫn chiếu đến mục này."))
            return HttpResponseRedirect(self.request.path)
        messages.success(self.request, self.get_success_message())
        hook_response = self.run_after_hook()
        if hook_response is not None:
            return hook_response  # type: ignore[no-any-return]
        return HttpResponseRedirect(success_url)


class ServiceModelViewSet(ModelViewSet):
    """A `form_fields` viewset (normalizing, like `core.wagtail_normalize.ModelViewSet`) whose edit form
    may hold fewer fields than its create form (`edit_form_fields`: what is fixed once created, such as a
    membership's person and unit, is not offered again). Copying is off: a copy would be a create that
    skips the service."""

    edit_form_fields: list[str] | None = None
    copy_view_enabled = False

    def get_form_class(self, for_update: bool = False) -> Any:
        fields = self.edit_form_fields if for_update and self.edit_form_fields is not None else self.form_fields
        # WagtailAdminModelForm asks the field-override registry, so text normalizes and dates get
        # the admin's date picker.
        return modelform_factory(self.model, form=WagtailAdminModelForm, fields=fields)
