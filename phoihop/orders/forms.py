from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.orders.models import Kind


class ItemEditForm(forms.Form):
    included = forms.BooleanField(label=_("Tính vào kỳ"), required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices)
    reason = forms.CharField(label=_("Lý do"), required=False, max_length=2000)


class DisputeForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=2000)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Trả lời"), max_length=2000)
    remove = forms.BooleanField(label=_("Loại sản phẩm khỏi kỳ"), required=False)


class PaymentForm(forms.Form):
    amount = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=1)
    paid_on = forms.DateField(label=_("Ngày thanh toán"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    document_number = forms.CharField(label=_("Số chứng từ"), max_length=80)
