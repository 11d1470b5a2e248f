from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.notifications.models import NotificationPreference

HOUR_CHOICES = [(hour, f"{hour:02d}:00") for hour in range(24)]


class PreferenceForm(forms.Form):
    email_mode = forms.ChoiceField(
        label=_("Nhận thư điện tử"),
        choices=NotificationPreference.EmailMode.choices,
        widget=forms.RadioSelect,
    )
    digest_hour = forms.TypedChoiceField(
        label=_("Giờ gửi thư tóm tắt"),
        choices=HOUR_CHOICES,
        coerce=int,
        help_text=_("Chỉ dùng khi chọn thư tóm tắt hằng ngày (giờ Việt Nam)."),
    )
