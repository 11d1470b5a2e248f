"""The screenshot of a tip: an image only (JPEG, PNG or WebP, sniffed from the content) and no
larger than `PHOIHOP_FACTCHECK_SCREENSHOT_MAX_BYTES` (5 MB unless configured). The exchange's
`check_upload` then parses it (a damaged image is refused) and removes its location.

`screenshot_precheck` is the cheap part (declared size, sniffed type, pixel count from the header):
the public form runs it with the other field checks and leaves the parse for when everything else,
spam checks included, has passed."""

from __future__ import annotations

from typing import Any

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from phoihop.core.uploads import check_image_budget, safe_name
from phoihop.exchange.uploads import CheckedFile, check_upload
from phoihop.factcheck.spam import setting

MB = 1024 * 1024
SCREENSHOT_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


def screenshot_limit() -> int:
    return int(setting("PHOIHOP_FACTCHECK_SCREENSHOT_MAX_BYTES", 5 * MB))


def screenshot_precheck(uploaded: Any) -> None:
    """Refuse by size, sniffed type and header pixel count, without decoding anything."""
    limit = screenshot_limit()
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("Ảnh chụp màn hình quá lớn (%(size)s). Vui lòng gửi ảnh không quá %(limit)s."),
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    head = uploaded.read(8192)
    guess = filetype.guess(head) if head else None
    if guess is None or guess.mime not in SCREENSHOT_TYPES:
        raise ValidationError(
            _(
                "Tệp gửi kèm không phải ảnh. Ảnh chụp màn hình phải là tệp JPEG, PNG hoặc WebP "
                "(hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp)."
            ),
            code="bad_type",
        )
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    check_image_budget(uploaded, name=safe_name(getattr(uploaded, "name", "") or "tep"))


def check_screenshot(uploaded: Any) -> CheckedFile:
    screenshot_precheck(uploaded)
    limit = screenshot_limit()
    checked = check_upload(uploaded)
    if checked.mime_type not in SCREENSHOT_TYPES or checked.size > limit:
        raise ValidationError(_("Ảnh chụp màn hình không hợp lệ."), code="bad_type")
    return checked
