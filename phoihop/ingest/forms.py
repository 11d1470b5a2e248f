from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.models import Organization
from phoihop.core.text import clean_text


class ReleaseForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Đơn vị gửi"),
        queryset=Organization.objects.none(),
        empty_label=_("— Chọn đơn vị —"),
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(  # type: ignore[attr-defined]
            kind=Organization.Kind.PARTNER, status=Organization.Status.ACTIVE
        ).order_by("name")

    def clean_title(self) -> str:
        return clean_text(self.cleaned_data.get("title"))


class RejectMailForm(forms.Form):
    note = forms.CharField(label=_("Lý do loại"), widget=forms.Textarea(attrs={"rows": 3}))
