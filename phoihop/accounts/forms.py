"""Forms of signing in: the Wagtail admin's sign-in form and the second factor's code forms."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    """`WAGTAILADMIN_USER_LOGIN_FORM`: Wagtail's sign-in form with the workspace's message for a
    wrong login or password (Django's, in Vietnamese), the same whether the login exists or not."""

    def get_invalid_login_error(self) -> ValidationError:
        return AuthenticationForm.get_invalid_login_error(self)  # type: ignore[arg-type]

    error_messages = {**LoginForm.error_messages, "invalid_login": AuthenticationForm.error_messages["invalid_login"]}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=32,
        help_text=_("Mã 6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục (mỗi mã chỉ dùng được một lần)."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )


class AuthenticatorConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("Mã trong ứng dụng"),
        max_length=12,
        help_text=_("Nhập mã 6 chữ số ứng dụng hiện ra sau khi quét mã QR."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên mã"),
        max_length=100,
        help_text=_("Để nhận ra mã dùng ở đâu, ví dụ “phần mềm một cửa của xã”."),
    )
    write = forms.BooleanField(
        label=_("Cho phép ghi"),
        required=False,
        help_text=_("Gửi thông tin, trả lời đề nghị, nhắn tin thay bạn. Không chọn: mã chỉ đọc."),
    )
    expires_in_days = forms.IntegerField(
        label=_("Hết hạn sau (ngày)"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("Để trống nếu không hết hạn."),
    )
