"""Shared fixtures of the fact-checking tests: personas plus an editor, and tiny real images."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from phoihop.accounts.models import Role
from phoihop.factcheck import services
from phoihop.factcheck.models import Domain, VerdictLabel
from phoihop.testing import PersonaTestCase

RUMOUR = (
    "THÔNG BÁO: UBND xã Thanh Trì chi trả tiền bồi thường GPMB đợt cuối cho các hộ có đất thu hồi. "
    "Hộ nào muốn nhận sớm nộp phí hồ sơ 500.000đ qua số tài khoản cán bộ phụ trách trước ngày 30/11."
)


def png_file(name: str = "anh-chup.png", size: tuple[int, int] = (40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf_as_image(name: str = "anh.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", content_type="image/jpeg")


def big_file(name: str = "anh-lon.jpg", megabytes: int = 20) -> SimpleUploadedFile:
    """A JPEG header followed by padding: as large as asked, refused for its size before parsing."""
    return SimpleUploadedFile(name, b"\xff\xd8\xff\xe0" + b"\0" * (megabytes * 1024 * 1024), content_type="image/jpeg")


class FactcheckTestCase(PersonaTestCase):
    editor: Any
    domain: Domain
    fake: VerdictLabel

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.editor = cls.make_user("btv", "Đặng Thu Thảo", cls.press, Role.EDITOR)
        cls.deputy = cls.make_user("ptbt", "Phan Văn Khải", cls.press, Role.DEPUTY_EDITOR)
        cls.domain = Domain.objects.get(slug="kinh-te-tai-chinh")
        cls.fake = VerdictLabel.objects.get(slug="tin-gia")

    @classmethod
    def public_tip(cls, description: str = RUMOUR, **kwargs: Any) -> Any:
        kwargs.setdefault("domain", cls.domain)
        return services.tip_submit_public(description=description, **kwargs)
