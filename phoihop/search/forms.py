"""The reader's search form: /tim-kiem/?q=…&chuyen-muc=…&tu=dd/mm/yyyy&den=dd/mm/yyyy&trang=…"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.core.text import clean_text
from phoihop.search.engine import MAX_QUERY_CHARS

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=MAX_QUERY_CHARS)

    def __init__(self, *args: Any, categories: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The parameter names are Vietnamese and carry dashes, so these fields are added by name.
        self.fields["chuyen-muc"] = forms.ChoiceField(
            label=_("Chuyên mục"), required=False, choices=[("", _("Tất cả chuyên mục")), *categories]
        )
        self.fields["tu"] = forms.DateField(
            label=_("Từ ngày"),
            required=False,
            input_formats=DATE_FORMATS,
            widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        )
        self.fields["den"] = forms.DateField(
            label=_("Đến ngày"),
            required=False,
            input_formats=DATE_FORMATS,
            widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        )
        # "Tìm đúng như đã gõ": no Telex/VNI reading, no spelling suggestion.
        self.fields["chinh-xac"] = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_q(self) -> str:
        return clean_text(self.cleaned_data.get("q"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("tu"), cleaned.get("den")
        if start and end and start > end:
            self.add_error("den", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return cleaned


class WorkspaceSearchForm(forms.Form):
    """The workspace search: /tim-kiem/phoi-hop/?q=…&loai=thong-tin|de-nghi|tep&trang=…"""

    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=MAX_QUERY_CHARS)

    def __init__(self, *args: Any, kinds: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["loai"] = forms.ChoiceField(label=_("Loại"), required=False, choices=[("", _("Tất cả")), *kinds])

    def clean_q(self) -> str:
        return clean_text(self.cleaned_data.get("q"))
