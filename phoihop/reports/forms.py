"""Forms of the reports: start a report for the period on screen, and edit it before export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.models import Organization
from phoihop.reports.models import ProgramReport, ReportLayout, SpokespersonReport


class ReportCreateForm(forms.Form):
    issuer = forms.ModelChoiceField(label=_("Đơn vị ban hành"), queryset=Organization.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=ProgramReport.Kind.choices)
    layout = forms.ModelChoiceField(
        label=_("Thể thức"), queryset=ReportLayout.objects.filter(is_active=True), empty_label=None
    )

    def __init__(self, *args: Any, issuers: list[Organization], initial_kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = Organization.objects.filter(  # type: ignore[attr-defined]
            pk__in=[org.pk for org in issuers]
        ).order_by("kind", "name")
        self.fields["kind"].initial = initial_kind


class ReportEditForm(forms.ModelForm):
    class Meta:
        model = ProgramReport
        fields = [
            "subject",
            "layout",
            "parent_body",
            "issuer_name",
            "issuer_code",
            "place_name",
            "issued_on",
            "general_assessment",
            "results_notes",
            "exchange_notes",
            "refutation_notes",
            "shortcomings",
            "proposals",
            "signer_title",
            "signer_name",
            "recipients",
        ]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "general_assessment": forms.Textarea(attrs={"rows": 5}),
            "results_notes": forms.Textarea(attrs={"rows": 3}),
            "exchange_notes": forms.Textarea(attrs={"rows": 3}),
            "refutation_notes": forms.Textarea(attrs={"rows": 3}),
            "shortcomings": forms.Textarea(attrs={"rows": 5}),
            "proposals": forms.Textarea(attrs={"rows": 5}),
            "signer_title": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "general_assessment": _("Mỗi đoạn một dòng. Các bảng số liệu được lập tự động khi xuất."),
            "shortcomings": _("Mỗi đoạn một dòng."),
            "proposals": _("Mỗi đoạn một dòng."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["layout"].queryset = ReportLayout.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["layout"].empty_label = None  # type: ignore[attr-defined]


class SpokespersonReportEditForm(forms.ModelForm):
    """The annual report's header lines and narrative; the six figures are computed, never typed."""

    class Meta:
        model = SpokespersonReport
        fields = [
            "layout",
            "parent_body",
            "issuer_name",
            "issuer_code",
            "place_name",
            "issued_on",
            "figures_notes",
            "difficulties",
            "signer_title",
            "signer_name",
            "recipients",
        ]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "figures_notes": forms.Textarea(attrs={"rows": 3}),
            "difficulties": forms.Textarea(attrs={"rows": 5}),
            "signer_title": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "difficulties": _("Phần II của biểu mẫu, nếu có. Mỗi đoạn một dòng."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["layout"].queryset = ReportLayout.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["layout"].empty_label = None  # type: ignore[attr-defined]
