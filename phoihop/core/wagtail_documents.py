"""The Wagtail document form (`WAGTAILDOCS_DOCUMENT_FORM_BASE`): normalized text (the parent) and the
upload's errors in Vietnamese — Wagtail's and Django's messages for a refused document have no
Vietnamese translation in their catalogues."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.documents.fields import WagtailDocumentField

from phoihop.core.wagtail_normalize import DocumentForm as NormalizedDocumentForm


class DocumentFileField(WagtailDocumentField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages.update(
            {
                "file_too_large": _("Tệp quá lớn (%(file_size)s); tối đa %(max_filesize)s."),
                "file_too_large_unknown_size": _("Tệp quá lớn; tối đa %(max_filesize)s.")
                % {"max_filesize": self.max_upload_size_text},
            }
        )
        if self.max_upload_size is not None:
            self.help_text = _("Dung lượng tối đa: %(max_upload_size)s.") % {
                "max_upload_size": self.max_upload_size_text
            }

    def to_python(self, data: Any) -> Any:
        checked = super().to_python(data)
        allowed = [ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []]
        if checked is not None and allowed:
            extension = os.path.splitext(checked.name or "")[1].lower().lstrip(".")
            if extension not in allowed:
                raise ValidationError(
                    _("Không nhận tệp “.%(extension)s”. Chỉ nhận: %(allowed)s.")
                    % {"extension": extension, "allowed": ", ".join(allowed)},
                    code="invalid_extension",
                )
        return checked


class DocumentForm(NormalizedDocumentForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            old = self.fields["file"]
            field = DocumentFileField(
                label=capfirst(self._meta.model._meta.get_field("file").verbose_name),
                required=old.required,
                widget=old.widget,
            )
            field.widget.attrs.update(old.widget.attrs)
            self.fields["file"] = field

    def _post_clean(self) -> None:
        refused = "file" in self._errors
        super()._post_clean()
        if refused:
            # The model's clean() repeats the extension check in English: keep our message only.
            self._errors["file"] = self.error_class([self._errors["file"][0]])
