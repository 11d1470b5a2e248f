"""Forms of the workspace. They parse and validate input; the services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.access import scope_for, visible_organizations
from phoihop.accounts.models import Organization
from phoihop.accounts.selectors import press_editors
from phoihop.core.staged_uploads import StagedUploadsMixin
from phoihop.core.validators import HttpURLFormField
from phoihop.deadlines.selectors import policies_for_requests
from phoihop.exchange.access import event_opener_units
from phoihop.exchange.models import (
    PETITION_POLICY,
    PRESS_POLICIES,
    InfoRequest,
    Priority,
    RefusalGround,
    ResponseForm,
    Statement,
    StatementEvent,
    Submission,
)
from phoihop.exchange.selectors import press_policies
from phoihop.exchange.uploads import check_upload
from phoihop.programs.access import programs_for_user
from phoihop.programs.models import Program, Theme

# Forms on a detail page are shown again through a redirect, which cannot carry the chosen files.
FILES_NOT_SENT = _("Chưa gửi nên các tệp đã chọn chưa được lưu: vui lòng chọn lại tệp khi gửi lại.")

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content (type, size, integrity)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [single(item, initial) for item in files]
        errors: list[ValidationError] = []
        checked = []
        for item in cleaned:
            try:
                checked.append(check_upload(item))
            except ValidationError as exc:
                errors.append(exc)
        if errors:
            raise ValidationError(errors)
        return checked


def _writable_partner_units(user: Any) -> QuerySet[Organization]:
    scope = scope_for(user)
    units = visible_organizations(user).filter(kind=Organization.Kind.PARTNER, status=Organization.Status.ACTIVE)
    if scope.is_press:
        return units
    return units.filter(pk__in=scope.writable)


class SubmissionForm(StagedUploadsMixin):
    organization = forms.ModelChoiceField(label=_("Đơn vị gửi"), queryset=Organization.objects.none())
    kind = forms.ChoiceField(label=_("Loại thông tin"), choices=Submission.Kind.choices)
    priority = forms.ChoiceField(label=_("Độ khẩn"), choices=Priority.choices, initial=Priority.NORMAL)
    program = forms.ModelChoiceField(label=_("Chương trình phối hợp"), queryset=Program.objects.none(), required=False)
    themes = forms.ModelMultipleChoiceField(
        label=_("Nội dung tuyên truyền"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=500)
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 10}), required=False)
    embargo_until = forms.DateTimeField(
        label=_("Không đăng trước"),
        required=False,
        widget=DATETIME_WIDGET,
        help_text=_("Để trống nếu báo được đăng ngay."),
    )
    event_starts_at = forms.DateTimeField(label=_("Thời gian diễn ra sự kiện"), required=False, widget=DATETIME_WIDGET)
    event_location = forms.CharField(label=_("Địa điểm sự kiện"), max_length=300, required=False)
    attachments = MultipleFileField(
        label=_("Tệp đính kèm"),
        help_text=_("PDF, DOCX, XLSX, ảnh JPEG/PNG/HEIC/WebP, video MP4. Ảnh được xóa thông tin vị trí GPS."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = _writable_partner_units(user)
        self.fields["organization"].queryset = units  # type: ignore[attr-defined]
        # Preselect the unit the user belongs to; its sub-units stay selectable.
        own = units.filter(pk__in=scope_for(user).member_of).order_by("pk").first()
        self.fields["organization"].initial = own or units.first()
        programs = programs_for_user(user).exclude(status__in=[Program.Status.COMPLETED, Program.Status.TERMINATED])
        self.fields["program"].queryset = programs  # type: ignore[attr-defined]
        self.fields["themes"].queryset = Theme.objects.filter(program__in=programs).select_related("program")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") == Submission.Kind.EVENT and not cleaned.get("event_starts_at"):
            self.add_error("event_starts_at", _("Thông báo sự kiện cần thời gian diễn ra."))
        if not cleaned.get("body") and not cleaned.get("attachments"):
            self.add_error("body", _("Cần nội dung hoặc ít nhất một tệp đính kèm."))
        return cleaned


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Lý do không sử dụng"), widget=forms.Textarea(attrs={"rows": 3}))


class PublishedForm(forms.Form):
    url = HttpURLFormField(label=_("Đường dẫn bài đã đăng"), max_length=500)


class MessageForm(StagedUploadsMixin):
    body = forms.CharField(
        label=_("Tin nhắn"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Gõ @tên_đăng_nhập để nhắc một người."),
    )
    attachments = MultipleFileField(label=_("Tệp đính kèm"))


class InfoRequestForm(StagedUploadsMixin):
    organization = forms.ModelChoiceField(label=_("Đơn vị được đề nghị"), queryset=Organization.objects.none())
    subject = forms.CharField(label=_("Nội dung đề nghị"), max_length=500)
    questions = forms.CharField(label=_("Câu hỏi"), widget=forms.Textarea(attrs={"rows": 8}))
    policy: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Thời hạn áp dụng"), queryset=None
    )  # set in __init__
    response_form = forms.ModelChoiceField(
        label=_("Hình thức trả lời đề nghị"), queryset=ResponseForm.objects.filter(is_active=True), required=False
    )
    program = forms.ModelChoiceField(label=_("Chương trình phối hợp"), queryset=Program.objects.none(), required=False)
    addressee_name = forms.CharField(
        label=_("Người nhận"),
        max_length=200,
        required=False,
        help_text=_("Để trống: gửi người phát ngôn hiện tại của đơn vị."),
    )
    addressee_email = forms.EmailField(label=_("Thư điện tử người nhận"), required=False)
    attachments = MultipleFileField(label=_("Tệp đính kèm"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = visible_organizations(user).filter(  # type: ignore[attr-defined]
            kind=Organization.Kind.PARTNER, status=Organization.Status.ACTIVE
        )
        # A petition goes through its own form (`PetitionForm`): it needs the petitioner and the press's clock.
        self.fields["policy"].queryset = policies_for_requests().exclude(code=PETITION_POLICY)  # type: ignore[attr-defined]
        self.fields["program"].queryset = programs_for_user(user).filter(status=Program.Status.ACTIVE)  # type: ignore[attr-defined]


class PetitionForm(StagedUploadsMixin):
    """Forward a citizen's opinion, petition, report or criticism the newsroom received (Decree
    237/2026 Art. 18(3)). The deadline policy is not chosen: a petition goes under `tra-loi-kien-nghi`."""

    organization = forms.ModelChoiceField(label=_("Đơn vị có thẩm quyền"), queryset=Organization.objects.none())
    nature = forms.ChoiceField(
        label=_("Tính chất"), choices=InfoRequest.PetitionNature.choices, initial=InfoRequest.PetitionNature.PETITION
    )
    subject = forms.CharField(label=_("Tóm tắt nội dung kiến nghị"), max_length=500)
    content = forms.CharField(
        label=_("Nội dung kiến nghị"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Đơn vị đọc được nội dung này. Không ghi họ tên, liên hệ của người kiến nghị vào đây."),
    )
    petitioner_name = forms.CharField(label=_("Họ tên người kiến nghị (hoặc tên tổ chức)"), max_length=200)
    petitioner_contact = forms.CharField(
        label=_("Liên hệ của người kiến nghị"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Địa chỉ, điện thoại, thư điện tử: để báo thông tin kết quả cho người kiến nghị."),
    )
    petitioner_disclosed = forms.BooleanField(
        label=_("Cho đơn vị biết họ tên và liên hệ của người kiến nghị"),
        required=False,
        help_text=_("Để trống: chỉ tòa soạn biết người kiến nghị là ai (khuyến nghị, trừ khi người kiến nghị đồng ý)."),
    )
    channel = forms.ChoiceField(
        label=_("Tòa soạn nhận qua"),
        choices=[("", _("(không ghi)")), *InfoRequest.PetitionChannel.choices],
        required=False,
    )
    received_on = forms.DateField(
        label=_("Tòa soạn nhận ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    press_policy: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Thời hạn báo thông tin kết quả"),
        queryset=None,  # set in __init__
        help_text=_("Theo loại hình báo chí; bắt đầu tính khi đơn vị trả lời."),
    )
    desk_editor: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Biên tập viên, trưởng ban phụ trách"),
        queryset=None,  # set in __init__
        required=False,
        help_text=_("Được báo cùng người chuyển khi quá hạn."),
    )
    program = forms.ModelChoiceField(label=_("Chương trình phối hợp"), queryset=Program.objects.none(), required=False)
    attachments = MultipleFileField(label=_("Tệp đính kèm"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = visible_organizations(user).filter(  # type: ignore[attr-defined]
            kind=Organization.Kind.PARTNER, status=Organization.Status.ACTIVE
        )
        policies = press_policies()
        self.fields["press_policy"].queryset = policies  # type: ignore[attr-defined]
        self.fields["press_policy"].initial = policies.filter(code=PRESS_POLICIES[0]).first()
        editors = press_editors()
        self.fields["desk_editor"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(pk__in=[person.pk for person in editors])
            .order_by("first_name", "last_name")
        )
        self.fields["program"].queryset = programs_for_user(user).filter(status=Program.Status.ACTIVE)  # type: ignore[attr-defined]

    def clean_received_on(self) -> Any:
        day = self.cleaned_data.get("received_on")
        if day is not None and day > timezone.localdate():
            raise ValidationError(_("Ngày tòa soạn nhận kiến nghị không được sau hôm nay."))
        return day


class InformedForm(forms.Form):
    """The newsroom informed the petitioner in writing, or published (Art. 18(5))."""

    method = forms.ChoiceField(
        label=_("Hình thức"),
        choices=InfoRequest.InformMethod.choices,
        widget=forms.RadioSelect,
        initial=InfoRequest.InformMethod.WRITTEN,
    )
    informed_at = forms.DateTimeField(
        label=_("Thời điểm"), required=False, widget=DATETIME_WIDGET, help_text=_("Để trống: bây giờ.")
    )
    article_url = HttpURLFormField(label=_("Đường dẫn bài đã đăng"), max_length=500, required=False)
    note = forms.CharField(
        label=_("Ghi chú của tòa soạn"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Ví dụ: số công văn gửi người kiến nghị. Đơn vị không đọc được ghi chú này."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("method") == InfoRequest.InformMethod.PUBLISHED and not cleaned.get("article_url"):
            self.add_error("article_url", _("Đăng, phát trên báo: cần đường dẫn bài đã đăng."))
        moment = cleaned.get("informed_at")
        if moment is not None and moment > timezone.now():
            self.add_error("informed_at", _("Thời điểm báo thông tin kết quả không được ở tương lai."))
        return cleaned


class AnswerForm(StagedUploadsMixin):
    outcome = forms.ChoiceField(
        label=_("Kết quả"),
        choices=[
            (InfoRequest.Status.ANSWERED, _("Trả lời đầy đủ")),
            (InfoRequest.Status.PARTIAL, _("Trả lời một phần")),
            (InfoRequest.Status.REFUSED, _("Từ chối cung cấp")),
        ],
        widget=forms.RadioSelect,
        initial=InfoRequest.Status.ANSWERED,
    )
    answer = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    refusal_ground = forms.ModelChoiceField(
        label=_("Căn cứ từ chối"), queryset=RefusalGround.objects.filter(is_active=True), required=False
    )
    response_form = forms.ModelChoiceField(
        label=_("Hình thức trả lời"), queryset=ResponseForm.objects.filter(is_active=True), required=False
    )
    attachments = MultipleFileField(label=_("Tệp đính kèm"))

    def __init__(self, *args: Any, petition: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if petition:
            # Art. 18(3): the unit's head notifies in writing the measures taken; no refusal ground applies.
            self.fields["outcome"].choices = [(InfoRequest.Status.ANSWERED, _("Thông báo biện pháp xử lý"))]  # type: ignore[attr-defined]
            self.fields["answer"].label = _("Biện pháp xử lý")
            del self.fields["refusal_ground"]
            del self.fields["response_form"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("outcome") == InfoRequest.Status.REFUSED and not cleaned.get("refusal_ground"):
            self.add_error("refusal_ground", _("Từ chối cung cấp thông tin phải nêu căn cứ."))
        if (
            cleaned.get("outcome") != InfoRequest.Status.REFUSED
            and not cleaned.get("answer")
            and not cleaned.get("attachments")
        ):
            self.add_error("answer", _("Cần nội dung trả lời hoặc tệp đính kèm."))
        return cleaned


class InboxFilterForm(forms.Form):
    program = forms.ModelChoiceField(label=_("Chương trình"), queryset=Program.objects.none(), required=False)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Organization.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=[("", _("Tất cả")), *Submission.Kind.choices], required=False)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[])
    due = forms.ChoiceField(
        label=_("Thời hạn"),
        required=False,
        choices=[("", _("Tất cả")), ("overdue", _("Quá hạn")), ("soon", _("Sắp đến hạn (48 giờ)"))],
    )
    petition = forms.ChoiceField(
        label=_("Kiến nghị do báo chí chuyển"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("all", _("Mọi kiến nghị")),
            ("unit", _("Chờ đơn vị thông báo biện pháp xử lý")),
            ("press", _("Báo đang trong hạn báo kết quả")),
            ("press_overdue", _("Báo quá hạn báo kết quả")),
            ("done", _("Đã báo kết quả cho người kiến nghị")),
        ],
    )

    def __init__(self, *args: Any, user: Any, tab: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs_for_user(user)  # type: ignore[attr-defined]
        self.fields["unit"].queryset = visible_organizations(user).filter(kind=Organization.Kind.PARTNER)  # type: ignore[attr-defined]
        statuses = Submission.Status.choices if tab == "thong-tin" else InfoRequest.Status.choices
        self.fields["status"].choices = [("", _("Tất cả")), *statuses]  # type: ignore[attr-defined]


class StatementEventForm(forms.Form):
    """Open an event that calls for a statement, for a unit the user may open one for."""

    organization = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Organization.objects.none())
    kind = forms.ChoiceField(label=_("Loại vụ việc"), choices=StatementEvent.Kind.choices)
    title = forms.CharField(label=_("Tên vụ việc"), max_length=500)
    description = forms.CharField(label=_("Mô tả"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    opened_at = forms.DateTimeField(
        label=_("Tính thời hạn từ"),
        required=False,
        widget=DATETIME_WIDGET,
        help_text=_(
            "Để trống: từ bây giờ. Hoặc thời điểm đơn vị tiếp nhận vụ việc, hay xác định vụ việc tác động đến dư luận."
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = _writable_partner_units(user)
        allowed = event_opener_units(user)
        if allowed is not None:
            units = units.filter(pk__in=allowed)
        self.fields["organization"].queryset = units.order_by("name")  # type: ignore[attr-defined]


class StatementForm(StagedUploadsMixin):
    kind = forms.ChoiceField(label=_("Loại"), choices=Statement.Kind.choices)
    title = forms.CharField(label=_("Tiêu đề"), max_length=500)
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}))
    is_initial = forms.BooleanField(label=_("Đây là phát ngôn ban đầu"), required=False)
    attachments = MultipleFileField(label=_("Tệp đính kèm"))
