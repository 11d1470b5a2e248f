"""Forms of the newsroom. They parse and validate input; the services do the writing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.models import Organization, Role
from phoihop.exchange.forms import DATETIME_WIDGET
from phoihop.newsroom.models import Correction, Republisher, ResponseThread
from phoihop.newsroom.services import DEFAULT_STEPS
from phoihop.portal.models import CategoryPage
from phoihop.programs.models import Program, Theme


def press_users() -> QuerySet[Any]:
    """Active members of the press, by given name (the Vietnamese order)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True, memberships__is_active=True, memberships__organization__kind=Organization.Kind.PRESS
        )
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def categories() -> QuerySet[CategoryPage]:
    return CategoryPage.objects.all().order_by("path")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} — {obj.program.title}"


def default_due(submission: Any = None) -> dt.datetime:
    """An event is covered when it happens; other work is due tomorrow at 17:00 (local time)."""
    if submission is not None and submission.event_starts_at is not None:
        return timezone.localtime(submission.event_starts_at)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(17, 0)))


class AssignmentForm(forms.Form):
    title = forms.CharField(label=_("Tên việc"), max_length=500)
    brief = forms.CharField(label=_("Yêu cầu"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    assignee = UserChoiceField(
        label=_("Người thực hiện"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Để trống để lưu nháp, giao sau."),
    )
    section = forms.ModelChoiceField(label=_("Ban / chuyên mục"), queryset=CategoryPage.objects.none(), required=False)
    due_at = forms.DateTimeField(label=_("Hạn hoàn thành"), widget=DATETIME_WIDGET)
    program = forms.ModelChoiceField(label=_("Chương trình phối hợp"), queryset=Program.objects.none(), required=False)
    themes = ThemeChoiceField(
        label=_("Nội dung tuyên truyền"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = press_users()  # type: ignore[attr-defined]
        self.fields["section"].queryset = categories()  # type: ignore[attr-defined]
        self.fields["program"].queryset = Program.objects.exclude(status=Program.Status.TERMINATED)  # type: ignore[attr-defined]
        self.fields["themes"].queryset = Theme.objects.select_related("program").exclude(  # type: ignore[attr-defined]
            program__status=Program.Status.TERMINATED
        )


class FromSubmissionForm(forms.Form):
    assignee = UserChoiceField(label=_("Giao cho"), queryset=get_user_model().objects.none())
    section = forms.ModelChoiceField(
        label=_("Ban / chuyên mục"),
        queryset=CategoryPage.objects.none(),
        help_text=_("Bản thảo tin, bài được tạo trong chuyên mục này."),
    )
    due_at = forms.DateTimeField(label=_("Hạn hoàn thành"), widget=DATETIME_WIDGET)
    brief = forms.CharField(label=_("Yêu cầu"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = press_users()  # type: ignore[attr-defined]
        self.fields["section"].queryset = categories()  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class BoardFilterForm(forms.Form):
    """The board's and calendar's filters, read from the query string (so a filtered view is a link)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ban"] = forms.ModelChoiceField(
            label=_("Ban"), queryset=categories(), required=False, empty_label=_("Tất cả")
        )
        self.fields["nguoi"] = UserChoiceField(
            label=_("Người thực hiện"), queryset=press_users(), required=False, empty_label=_("Tất cả")
        )
        self.fields["chuong-trinh"] = forms.ModelChoiceField(
            label=_("Chương trình"), queryset=Program.objects.all(), required=False, empty_label=_("Tất cả")
        )

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "section": data.get("ban"),
            "assignee": data.get("nguoi"),
            "program": data.get("chuong-trinh"),
        }


STEP_CHOICES = [(role, Role(role).label) for role in DEFAULT_STEPS]


class WorkflowStepsForm(forms.Form):
    steps = forms.MultipleChoiceField(
        label=_("Các bước duyệt (theo thứ tự)"),
        choices=STEP_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )

    def ordered_steps(self) -> list[str]:
        chosen = set(self.cleaned_data["steps"])
        return [role for role in DEFAULT_STEPS if role in chosen]


class SectionMemberForm(forms.Form):
    user = UserChoiceField(label=_("Thành viên"), queryset=get_user_model().objects.none())
    is_head = forms.BooleanField(label=_("Trưởng ban"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = press_users()  # type: ignore[attr-defined]


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=Correction.Kind.choices, initial=Correction.Kind.CORRECTION)
    trigger = forms.ChoiceField(
        label=_("Căn cứ cải chính"), choices=Correction.Trigger.choices, initial=Correction.Trigger.OWN_FINDING
    )
    authority = forms.CharField(label=_("Cơ quan có thẩm quyền kết luận"), required=False, max_length=300)
    conclusion_number = forms.CharField(label=_("Số văn bản kết luận"), required=False, max_length=100)
    conclusion_date = forms.DateField(
        label=_("Ngày văn bản kết luận"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_at = forms.DateTimeField(
        label=_("Nhận kết luận / phát hiện sai phạm lúc"),
        widget=DATETIME_WIDGET,
        help_text=_(
            "Báo điện tử phải đăng cải chính ngay khi nhận kết luận hoặc tự phát hiện (điểm a khoản 3 Điều 19)."
        ),
    )
    false_content = forms.CharField(label=_("Nội dung sai"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    text = forms.CharField(
        label=_("Nội dung cải chính"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Đăng ngay trên bài và tại chuyên mục riêng ở trang chủ, dưới tiêu đề “Thông tin cải chính, xin lỗi”."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class CorrectionWithdrawForm(forms.Form):
    correction = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Lý do thôi hiển thị"), widget=forms.Textarea(attrs={"rows": 2}))


class RepublicationForm(forms.Form):
    republisher = forms.ModelChoiceField(
        label=_("Đơn vị đăng lại (có thỏa thuận)"), queryset=Republisher.objects.none()
    )
    url = forms.URLField(label=_("Địa chỉ bài đăng lại"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["republisher"].queryset = Republisher.objects.filter(is_active=True)  # type: ignore[attr-defined]


class ResponseForm(forms.Form):
    thread = forms.IntegerField(required=False, widget=forms.HiddenInput)
    responder = forms.CharField(label=_("Cơ quan, tổ chức, cá nhân phản hồi"), required=False, max_length=300)
    responder_kind = forms.ChoiceField(
        label=_("Là"), required=False, choices=[("", "—"), *ResponseThread.ResponderKind.choices]
    )
    received_at = forms.DateTimeField(label=_("Nhận phản hồi lúc"), widget=DATETIME_WIDGET)
    text = forms.CharField(label=_("Nội dung phản hồi"), widget=forms.Textarea(attrs={"rows": 4}))
    press_note = forms.CharField(
        label=_("Ý kiến của tòa soạn (nếu có)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    agreed = forms.BooleanField(label=_("Hai bên đã nhất trí"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class ResponseStopForm(forms.Form):
    thread = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Lý do ngừng đăng"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TakedownForm(forms.Form):
    reason = forms.CharField(label=_("Lý do gỡ bài"), widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(label=_("Căn cứ (văn bản, yêu cầu của cơ quan có thẩm quyền)"), required=False)


class RestoreForm(forms.Form):
    reason = forms.CharField(label=_("Lý do khôi phục bài"), widget=forms.Textarea(attrs={"rows": 3}))
