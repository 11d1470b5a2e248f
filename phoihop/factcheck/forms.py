"""Forms of fact-checking. They parse and validate input; the services do the writing."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.access import scope_for, visible_organizations
from phoihop.accounts.models import Organization
from phoihop.core.staged_uploads import StagedUploadsMixin
from phoihop.deadlines import selectors as deadline_selectors
from phoihop.factcheck import spam
from phoihop.factcheck.models import Claim, Domain, Evidence, VerdictLabel
from phoihop.factcheck.uploads import check_screenshot, screenshot_precheck

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
HONEYPOT = "website"
PHONE = re.compile(r"^[0-9+()\s.-]{8,20}$")


class SuspectURLField(forms.CharField):
    """A link as people paste it: "facebook.com/…" works without the scheme."""

    def clean(self, value: Any) -> str:
        value = (super().clean(value) or "").strip()
        if not value:
            return ""
        if "://" not in value:
            value = "https://" + value
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise ValidationError(
                _("Đường dẫn không hợp lệ. Hãy dán nguyên địa chỉ bài viết, ví dụ https://…")
            ) from None
        return value


class ScreenshotField(forms.FileField):
    """Only the cheap checks (size, type, header pixel count) run with the other fields; the form's
    `clean` parses the image once every other check, the spam ones included, has passed."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        uploaded = super().clean(data, initial)
        if uploaded:
            screenshot_precheck(uploaded)
        return uploaded or None


class TipFieldsMixin(StagedUploadsMixin):
    suspect_url = SuspectURLField(
        label=_("Đường dẫn thông tin nghi vấn"),
        max_length=1000,
        required=False,
        help_text=_("Địa chỉ bài viết, video, trang hoặc tài khoản đăng tải thông tin."),
    )
    description = forms.CharField(
        label=_("Mô tả"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Thông tin đang lan truyền nói gì, bạn thấy ở đâu, từ khi nào."),
    )
    domain = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Domain.objects.none(), empty_label=None)
    screenshot = ScreenshotField(
        label=_("Ảnh chụp màn hình"),
        required=False,
        help_text=_("Không bắt buộc. Ảnh JPEG, PNG hoặc WebP."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = Domain.objects.filter(is_active=True)  # type: ignore[attr-defined]
        from django.template.defaultfilters import filesizeformat

        from phoihop.factcheck.uploads import screenshot_limit

        self.fields["screenshot"].help_text = _("Không bắt buộc. Ảnh JPEG, PNG hoặc WebP, tối đa %(limit)s.") % {
            "limit": filesizeformat(screenshot_limit())
        }

    # A kept screenshot passed the cheap checks only (the parse waits for every other check, spam
    # ones included); it is parsed when the form is finally sent, like a freshly chosen one.

    def clean_description(self) -> str:
        text = self.cleaned_data["description"]
        if spam.link_count(text) > spam.max_links():
            raise ValidationError(
                _("Mô tả có quá nhiều đường dẫn (tối đa %(n)d). Hãy giữ đường dẫn chính ở ô phía trên."),
                params={"n": spam.max_links()},
            )
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        screenshot = cleaned.get("screenshot")
        if screenshot is not None and not self.errors:
            try:
                cleaned["screenshot"] = check_screenshot(screenshot)
            except ValidationError as error:
                self.add_error("screenshot", error)
        return cleaned


class PublicTipForm(TipFieldsMixin):
    """The public form. The template adds the honeypot (`website`, hidden from people) and the signed
    time the form was shown (`started`); the view checks both before the form."""

    contact_email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        help_text=_("Không bắt buộc. Để nhận kết luận khi Báo có bài kiểm chứng."),
    )
    contact_phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    field_order = ["suspect_url", "description", "domain", "screenshot", "contact_email", "contact_phone"]

    def clean_contact_phone(self) -> str:
        phone = (self.cleaned_data.get("contact_phone") or "").strip()
        if phone and not PHONE.match(phone):
            raise ValidationError(_("Số điện thoại không hợp lệ."))
        return phone

    @property
    def is_bot(self) -> bool:
        """The honeypot `website` (rendered by the template, hidden from people) was filled in."""
        return bool((self.data.get(HONEYPOT) or "").strip())


class WorkspaceTipForm(TipFieldsMixin):
    """A partner's tip (for one of the units they act for) or the newsroom's monitoring log."""

    organization = forms.ModelChoiceField(label=_("Đơn vị gửi"), queryset=Organization.objects.none())

    field_order = ["organization", "suspect_url", "description", "domain", "screenshot"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = scope_for(user)
        if scope.is_press:
            del self.fields["organization"]
        else:
            units = visible_organizations(user).filter(
                kind=Organization.Kind.PARTNER, status=Organization.Status.ACTIVE, pk__in=scope.writable
            )
            self.fields["organization"].queryset = units  # type: ignore[attr-defined]
            self.fields["organization"].initial = units.filter(pk__in=scope.member_of).order_by("pk").first()


class ClaimFromTipForm(forms.Form):
    prefix = "hs"

    title = forms.CharField(label=_("Thông tin cần kiểm chứng"), max_length=500)
    domain = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Domain.objects.filter(is_active=True))
    summary = forms.CharField(label=_("Mô tả"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AttachForm(forms.Form):
    claim = forms.ModelChoiceField(label=_("Hồ sơ"), queryset=Claim.objects.matchable())


class ReasonForm(forms.Form):
    prefix = "kx"

    reason = forms.CharField(label=_("Lý do không xử lý"), widget=forms.Textarea(attrs={"rows": 2}))


class ClaimEditForm(forms.Form):
    prefix = "hs"

    title = forms.CharField(label=_("Thông tin cần kiểm chứng"), max_length=500)
    domain = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Domain.objects.filter(is_active=True))
    summary = forms.CharField(label=_("Mô tả"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    appearance_url = SuspectURLField(label=_("Nơi xuất hiện"), max_length=1000, required=False)
    claimant_name = forms.CharField(label=_("Người/trang đăng tải"), max_length=300, required=False)
    claimant_kind = forms.ChoiceField(label=_("Loại người đăng"), choices=Claim.ClaimantKind.choices)
    first_seen_at = forms.DateTimeField(label=_("Xuất hiện lần đầu"), required=False, widget=DATETIME_WIDGET)


class ChecklistItemForm(forms.Form):
    prefix = "bk"

    text = forms.CharField(label=_("Bước kiểm tra mới"), max_length=300)


class EvidenceForm(forms.Form):
    prefix = "bc"

    kind = forms.ChoiceField(label=_("Loại"), choices=Evidence.Kind.choices)
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    url = SuspectURLField(label=_("Đường dẫn"), max_length=1000, required=False)
    document_reference = forms.CharField(label=_("Số, ký hiệu văn bản"), max_length=200, required=False)
    file = forms.FileField(label=_("Tệp"), required=False, help_text=_("PDF, DOCX, XLSX, ảnh."))
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean_file(self) -> Any:
        from phoihop.exchange.uploads import check_upload

        uploaded = self.cleaned_data.get("file")
        return check_upload(uploaded) if uploaded else None


class NoteForm(forms.Form):
    prefix = "gc"

    body = forms.CharField(label=_("Ghi chú nội bộ"), widget=forms.Textarea(attrs={"rows": 3}))


class DeadlineForm(forms.Form):
    prefix = "th"

    policy: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Thời hạn áp dụng"), queryset=None, required=False
    )  # set in __init__
    due_at = forms.DateTimeField(label=_("Hoặc hạn cụ thể"), required=False, widget=DATETIME_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the request policies with a version in force today: a repealed rule is not offered.
        self.fields["policy"].queryset = deadline_selectors.policies_for_requests()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("policy") and not cleaned.get("due_at"):
            raise ValidationError(_("Chọn loại thời hạn hoặc nhập hạn xác minh."))
        return cleaned


class ClaimRequestForm(forms.Form):
    prefix = "dn"

    organization = forms.ModelChoiceField(label=_("Đơn vị có thẩm quyền"), queryset=Organization.objects.none())
    subject = forms.CharField(label=_("Nội dung đề nghị"), max_length=500)
    questions = forms.CharField(label=_("Câu hỏi"), widget=forms.Textarea(attrs={"rows": 5}))
    policy: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Thời hạn trả lời"), queryset=None
    )  # set in __init__

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.partners().active()  # type: ignore[attr-defined]
        self.fields["policy"].queryset = deadline_selectors.policies_for_requests()  # type: ignore[attr-defined]


class VerdictForm(forms.Form):
    prefix = "kl"

    label = forms.ModelChoiceField(
        label=_("Nhãn"), queryset=VerdictLabel.objects.filter(is_active=True), empty_label=None
    )
    summary = forms.CharField(label=_("Kết luận"), widget=forms.Textarea(attrs={"rows": 4}))
    rests_on_authority = forms.BooleanField(label=_("Dựa trên kết luận của cơ quan có thẩm quyền"), required=False)
    authority_name = forms.CharField(label=_("Cơ quan có thẩm quyền"), max_length=300, required=False)
    authority_document = forms.CharField(
        label=_("Văn bản kết luận"), max_length=300, required=False, help_text=_("Số, ký hiệu, ngày ban hành.")
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("rests_on_authority") and not (cleaned.get("authority_document") or "").strip():
            self.add_error("authority_document", _("Cần số, ký hiệu văn bản kết luận của cơ quan có thẩm quyền."))
        return cleaned


class RebuttalLinkForm(forms.Form):
    prefix = "gb"

    article: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Bài trong chuyên mục Kiểm chứng"), queryset=None
    )  # set in __init__

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from phoihop.factcheck.models import Verdict
        from phoihop.portal.models import ArticlePage

        super().__init__(*args, **kwargs)
        taken = Verdict.objects.exclude(rebuttal=None).values_list("rebuttal_id", flat=True)
        self.fields["article"].queryset = (  # type: ignore[attr-defined]
            ArticlePage.objects.filter(path__startswith=_category_path()).exclude(pk__in=taken).order_by("-pk")
        )


def _category_path() -> str:
    from phoihop.portal.models import CategoryPage

    category = CategoryPage.objects.filter(slug="kiem-chung").first()
    return category.path if category is not None else "-"


class VerdictFilterForm(forms.Form):
    nhan = forms.ModelChoiceField(
        label=_("Nhãn"),
        queryset=VerdictLabel.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tất cả"),
    )
    linh_vuc = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=Domain.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tất cả"),
    )
