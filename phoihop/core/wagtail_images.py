"""The Wagtail image form: the pixel budget before any decoding, and no location in the original.

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
from wagtail.images.fields import WagtailImageField

from phoihop.core.uploads import check_image_budget, safe_name, strip_location
from phoihop.core.wagtail_normalize import ImageForm as NormalizedImageForm


class ImageFileField(WagtailImageField):
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
