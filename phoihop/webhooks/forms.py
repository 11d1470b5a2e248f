from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.models import Organization
from phoihop.core.validators import HttpURLFormField
from phoihop.webhooks import access, events


class EndpointForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Organization.objects.none(), empty_label=None)
    url = HttpURLFormField(
        label=_("Địa chỉ nhận"),
        max_length=500,
        help_text=_("Địa chỉ https:// trên Internet của phần mềm nhận thông báo (phương thức POST, nội dung JSON)."),
    )
    description = forms.CharField(label=_("Mô tả"), max_length=200, required=False)
    events = forms.MultipleChoiceField(
        label=_("Sự kiện"),
        choices=list(events.EVENTS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Chọn ít nhất một sự kiện.")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = access.managed_units(user)
        field = self.fields["organization"]
        field.queryset = units  # type: ignore[attr-defined]
        if len(units) == 1:
            field.initial = units[0].pk
            field.widget = forms.HiddenInput()
