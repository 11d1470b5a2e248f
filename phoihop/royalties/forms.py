from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.royalties.models import GenreFrame, Royalty, RoyaltyShare


def genre_choices(day: dt.date) -> list[tuple[str, str]]:
    return [(f.code, str(f)) for f in GenreFrame.objects.in_force_on(day)]


class MonthFilterForm(forms.Form):
    month = forms.CharField(label=_("Tháng"), required=False, widget=forms.TextInput(attrs={"type": "month"}))
    section = forms.IntegerField(label=_("Chuyên mục"), required=False, widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *Royalty.Status.choices]
    )

    def period(self) -> tuple[int, int]:
        today = timezone.localdate()
        value = (self.cleaned_data.get("month") or "") if self.is_valid() else ""
        try:
            year, month = (int(part) for part in value.split("-"))
            dt.date(year, month, 1)
        except ValueError:
            return today.year, today.month
        return year, month


class RoyaltyForm(forms.Form):
    genre = forms.ChoiceField(label=_("Thể loại"))
    coefficient = forms.CharField(label=_("Hệ số"), max_length=12)

    def __init__(self, *args: Any, day: dt.date, shares: list[RoyaltyShare] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["genre"]).choices = genre_choices(day)
        for share in shares or []:
            self.fields[f"share_{share.pk}"] = forms.DecimalField(
                label=_("Tỷ lệ của %(name)s (%%)") % {"name": share.name},
                max_digits=5,
                decimal_places=2,
                min_value=Decimal("0.01"),
                initial=share.percent,
            )


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Ngày chi"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
