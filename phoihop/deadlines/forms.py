"""The admin forms of a calendar year (its inline days belong to it) and of a policy (its versions
follow each other; one in use is not deleted)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


class CalendarYearForm(WagtailAdminModelForm):
    """A day added inline has no year yet when its own `clean()` runs, so the year checks them here."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        year = cleaned.get("year")
        days = self.formsets.get("days")
        if year is None or days is None or not days.is_valid():
            return cleaned
        for form in days.forms:
            day = form.cleaned_data.get("date")
            if day is not None and not form.cleaned_data.get("DELETE") and day.year != year:
                form.add_error("date", _("Ngày này không thuộc năm %(year)s.") % {"year": year})
        return cleaned


class DeadlinePolicyForm(WagtailAdminModelForm):
    """A policy's versions must follow each other, and a version something was computed under stays."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        versions = self.formsets.get("versions")
        if versions is None or not versions.is_valid():
            return cleaned
        kept = []
        for form in versions.forms:
            if not form.cleaned_data:
                continue
            instance = form.instance
            if form.cleaned_data.get("DELETE"):
                if instance.pk is not None and instance.is_in_use():
                    form.add_error(
                        None,
                        _("Phiên bản này đã được dùng để tính thời hạn nên không xóa được; hãy ghi ngày kết thúc."),
                    )
                continue
            kept.append(form)
        kept.sort(key=lambda f: f.cleaned_data.get("valid_from") or dt.date.min)
        for earlier, later in itertools.pairwise(kept):
            start = later.cleaned_data.get("valid_from")
            end = earlier.cleaned_data.get("valid_until")
            if start is None:
                later.add_error("valid_from", _("Chỉ phiên bản đầu tiên được để trống ngày bắt đầu."))
            elif end is not None and end >= start:
                earlier.add_error(
                    "valid_until",
                    _("Phiên bản sau bắt đầu từ %(date)s: ngày kết thúc phải trước ngày đó.")
                    % {"date": f"{start:%d/%m/%Y}"},
                )
        return cleaned
