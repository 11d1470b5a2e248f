"""The Wagtail image form: the pixel budget before any decoding, no location in the original, and
Vietnamese error messages.

Originals are kept in the private default storage (only renditions are public), but editors download
them and pass them on, so an original must not carry the photographer's position either. The file
field of the admin's image forms (single and multiple upload, and replacing a file) is the one place
every admin upload passes: it refuses an image above `PHOIHOP_UPLOAD_MAX_IMAGE_PIXELS` from its
header, with a Vietnamese message (Pillow's own bomb guard would otherwise escape Wagtail's checks
as a server error), and stores the bytes `strip_location` returns. Images made in code (the
newsroom's copy of partner photos) call `strip_location` themselves.
"""

from __future__ import annotations

import io
from typing import Any

import willow
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.images.fields import WagtailImageField

from phoihop.core.uploads import check_image_budget, safe_name, strip_location
from phoihop.core.wagtail_normalize import ImageForm as NormalizedImageForm


class ImageFileField(WagtailImageField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Wagtail's own messages have no Vietnamese translation (its vi catalogue lacks them).
        self.error_messages.update(
            {
                "invalid_image_extension": _("Không nhận định dạng ảnh này. Chỉ nhận: %(supported_formats)s.")
                % {"supported_formats": self.supported_formats_text},
                "invalid_image_known_format": _(
                    "Tệp không phải ảnh .%(extension)s hợp lệ: phần mở rộng không khớp với định dạng thật của tệp "
                    "(%(image_format)s)."
                ),
                "file_too_large": _("Tệp quá lớn (%(file_size)s); tối đa %(max_filesize)s."),
                "file_too_large_unknown_size": _("Tệp quá lớn; tối đa %(max_filesize)s.")
                % {"max_filesize": self.max_upload_size_text},
                "file_too_many_pixels": _(
                    "Ảnh quá lớn (%(num_pixels)s điểm ảnh); tối đa %(max_pixels_count)s điểm ảnh."
                ),
            }
        )
        if self.max_upload_size is not None:
            self.help_text = _("Định dạng: %(supported_formats)s. Dung lượng tối đa: %(max_upload_size)s.") % {
                "supported_formats": self.supported_formats_text,
                "max_upload_size": self.max_upload_size_text,
            }

    def to_python(self, data: Any) -> Any:
        if data is not None and hasattr(data, "read"):
            check_image_budget(data, name=safe_name(getattr(data, "name", "") or "anh"))
        checked = super().to_python(data)
        if checked is None:
            return None
        checked.seek(0)
        content = checked.read()
        checked.seek(0)
        try:
            cleaned = strip_location(content)
        except Exception as exc:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from exc
        if cleaned == content:
            return checked
        replacement = SimpleUploadedFile(
            checked.name, cleaned, content_type=getattr(checked, "content_type", None) or ""
        )
        replacement.image = willow.Image.open(io.BytesIO(cleaned))  # type: ignore[attr-defined]
        return replacement


class ImageForm(NormalizedImageForm):
    """`WAGTAILIMAGES_IMAGE_FORM_BASE`: normalized text (the parent) and a checked, cleaned file."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            old = self.fields["file"]
            field = ImageFileField(
                label=capfirst(self._meta.model._meta.get_field("file").verbose_name),
                required=old.required,
                widget=old.widget,
            )
            field.widget.attrs.update(old.widget.attrs)
            self.fields["file"] = field
