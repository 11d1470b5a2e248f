"""Forms of the press conference pages. They parse and validate input (in Vietnamese); the services
in `conferences.py` do the writing and check again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.access import scope_for, visible_organizations
from phoihop.accounts.models import Organization
from phoihop.core.staged_uploads import StagedUploadsMixin
from phoihop.core.validators import HttpURLFormField
from phoihop.exchange.access import conference_units
from phoihop.exchange.forms import MultipleFileField
from phoihop.exchange.models import PeriodicInformation, PressConference, Submission
from phoihop.programs.access import programs_for_user
from phoihop.programs.models import Program

# The browser's picker sends "2024-11-21T19:41"; a person typing writes "21/11/2024 19:41".
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M"]
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
GRACE = dt.timedelta(minutes=5)


def _conference_units_for(user: Any) -> QuerySet[Organization]:
    units = visible_organizations(user).filter(kind=Organization.Kind.PARTNER, status=Organization.Status.ACTIVE)
    allowed = conference_units(user)
    if allowed is not None:
        units = units.filter(pk__in=allowed)
    return units.order_by("name")


class PressConferenceForm(StagedUploadsMixin):
    """Plan a conference, record a briefing attended, or edit either (`editing`: no unit, files or
    held/invite choices; those have their own buttons on the conference's page)."""

    organization = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Organization.objects.none())
    kind = forms.ChoiceField(label=_("Loại"), choices=PressConference.Kind.choices)
    title = forms.CharField(label=_("Nội dung họp báo"), max_length=500)
    starts_at = forms.DateTimeField(
        label=_("Thời gian"),
        input_formats=DATETIME_FORMATS,
        widget=DATETIME_WIDGET,
        help_text=_("Ví dụ: 21/11/2024 19:41."),
        error_messages={
            "required": _("Cần thời gian họp báo."),
            "invalid": _("Thời gian không hợp lệ (dd/mm/yyyy hh:mm)."),
        },
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    online_url = HttpURLFormField(
        label=_("Đường dẫn trực tuyến"),
        required=False,
        help_text=_("Cho họp báo trực tuyến hoặc kết hợp; để trống nếu chỉ họp trực tiếp."),
    )
    host = forms.CharField(
        label=_("Đơn vị chủ trì"),
        max_length=300,
        required=False,
        help_text=_("Cho giao ban báo chí do nơi khác chủ trì; để trống khi đơn vị tự tổ chức."),
    )
    chaired_by = forms.CharField(label=_("Người chủ trì"), max_length=300, required=False)
    programme = forms.CharField(label=_("Chương trình"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    program = forms.ModelChoiceField(label=_("Chương trình phối hợp"), queryset=Program.objects.none(), required=False)
    invited_press = forms.ModelMultipleChoiceField(
        label=_("Cơ quan báo chí được mời"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_invitees = forms.CharField(
        label=_("Cơ quan báo chí khác được mời"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Các cơ quan báo chí không dùng hệ thống, mỗi dòng một cơ quan."),
    )
    invite = forms.BooleanField(label=_("Gửi giấy mời đến các cơ quan báo chí được mời"), required=False, initial=True)
    held = forms.BooleanField(
        label=_("Đã tổ chức (ghi nhận sau khi diễn ra)"),
        required=False,
        help_text=_("Chọn khi ghi nhận một giao ban báo chí đã dự hoặc một họp báo đã diễn ra."),
    )
    outcome = forms.CharField(
        label=_("Kết quả, thông tin đã cung cấp"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    attachments = MultipleFileField(
        label=_("Tài liệu họp báo"),
        help_text=_("Chương trình, thông cáo báo chí, tài liệu, ảnh: PDF, DOCX, XLSX, ảnh, video MP4."),
    )

    def __init__(self, *args: Any, user: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.editing = editing
        if editing:
            for name in ("organization", "invite", "held", "outcome", "attachments"):
                del self.fields[name]
        else:
            units = _conference_units_for(user)
            self.fields["organization"].queryset = units  # type: ignore[attr-defined]
            own = units.filter(pk__in=scope_for(user).member_of).first()
            self.fields["organization"].initial = own or units.first()
            if scope_for(user).is_press:
                # The newsroom records for itself: nobody to invite.
                del self.fields["invite"]
        press = Organization.objects.press().active().order_by("name")
        self.fields["invited_press"].queryset = press  # type: ignore[attr-defined]
        if not editing:
            self.fields["invited_press"].initial = list(press)
        self.fields["program"].queryset = programs_for_user(user).exclude(  # type: ignore[attr-defined]
            status__in=[Program.Status.COMPLETED, Program.Status.TERMINATED]
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("place") and not cleaned.get("online_url"):
            self.add_error("place", _("Cần địa điểm hoặc đường dẫn trực tuyến."))
        starts_at = cleaned.get("starts_at")
        if starts_at is not None and not self.editing:
            now = timezone.now()
            if cleaned.get("held") and starts_at > now + GRACE:
                self.add_error("starts_at", _("Họp báo chưa diễn ra thì chưa ghi nhận là đã tổ chức được."))
            if not cleaned.get("held") and starts_at < now - GRACE:
                self.add_error(
                    "starts_at",
                    _("Thời gian họp báo dự kiến phải ở tương lai; họp báo đã diễn ra thì chọn «Đã tổ chức»."),
                )
        return cleaned


class HoldForm(forms.Form):
    outcome = forms.CharField(
        label=_("Kết quả, thông tin đã cung cấp"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do hủy"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Cần lý do hủy họp báo.")},
    )


class MaterialsForm(StagedUploadsMixin):
    attachments = MultipleFileField(label=_("Tài liệu họp báo"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("attachments") and "attachments" not in self.errors:
            self.add_error("attachments", _("Chọn ít nhất một tệp."))
        return cleaned


class QuestionForm(forms.Form):
    reporter_name = forms.CharField(label=_("Phóng viên"), max_length=200, required=False)
    outlet = forms.CharField(
        label=_("Cơ quan báo chí"), max_length=300, error_messages={"required": _("Cần tên cơ quan báo chí.")}
    )
    question = forms.CharField(
        label=_("Câu hỏi"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Cần nội dung câu hỏi.")},
    )
    answered_by = forms.CharField(
        label=_("Người trả lời"), max_length=300, required=False, help_text=_("Họ tên, chức vụ.")
    )
    answer = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    answer_later = forms.BooleanField(label=_("Hẹn trả lời sau bằng văn bản"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("answer") and not cleaned.get("answer_later"):
            self.add_error("answer", _("Cần nội dung trả lời, hoặc đánh dấu «hẹn trả lời sau bằng văn bản»."))
        return cleaned


class PeriodicInformationForm(forms.Form):
    """Record a unit's monthly information: the month is one of those still without a record."""

    month = forms.ChoiceField(label=_("Tháng"), choices=[])
    given_on = forms.DateField(
        label=_("Ngày cung cấp"),
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
        error_messages={"required": _("Cần ngày cung cấp."), "invalid": _("Ngày không hợp lệ (dd/mm/yyyy).")},
    )
    summary = forms.CharField(
        label=_("Nội dung đã cung cấp"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Cần nội dung thông tin đã cung cấp.")},
    )
    submission = forms.ModelChoiceField(
        label=_("Thông tin đã gửi qua hệ thống"), queryset=Submission.objects.none(), required=False
    )
    portal_url = HttpURLFormField(label=_("Đường dẫn trên cổng thông tin điện tử"), max_length=500, required=False)

    def __init__(self, *args: Any, organization: Organization, months: list[dt.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = set(PeriodicInformation.objects.filter(organization=organization).values_list("month", flat=True))
        open_months = [m for m in months if m not in taken]
        self.fields["month"].choices = [(m.isoformat(), f"{m:%m/%Y}") for m in open_months]  # type: ignore[attr-defined]
        if open_months:
            self.fields["month"].initial = open_months[0].isoformat()
        self.fields["given_on"].initial = timezone.localdate()
        # What the unit sent in the last year and a bit: the months one may still record.
        since = timezone.now() - dt.timedelta(days=400)
        self.fields["submission"].queryset = Submission.objects.filter(  # type: ignore[attr-defined]
            organization=organization, created_at__gte=since
        ).order_by("-created_at")

    def clean_month(self) -> dt.date:
        return dt.date.fromisoformat(self.cleaned_data["month"])
