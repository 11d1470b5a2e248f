"""The admin form of a calendar year, which checks its inline days belong to it."""

from __future__ import annotations

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
