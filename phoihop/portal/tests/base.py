"""Shared data for the portal's tests: two categories, a photo, and articles published through the
services at fixed times (Asia/Ho_Chi_Minh)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.images import ImageFile
from django.test import TestCase
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from phoihop.demo.images import draw
from phoihop.portal import cache, services

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, hour: int = 9, minute: int = 0, month: int = 11, year: int = 2024) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=HANOI)


def photo(title: str = "Quang cảnh hội nghị") -> Any:
    Image = get_image_model()
    image = Image(title=title)
    image.file = ImageFile(io.BytesIO(draw("meeting", ["#223344", "#aabbcc", "#cc3344"], title)), name="hoi-nghi.jpg")
    image.save()
    return image


def publish(category: Any, title: str, *, when: dt.datetime, **fields: Any) -> Any:
    fields.setdefault("sapo", f"Tóm tắt: {title}.")
    return services.article_create(actor=None, category=category, title=title, published_at=when, **fields)


class PortalTestCase(TestCase):
    """`chi_dao` (Chỉ đạo - Điều hành) and `thoi_su` (Thời sự) with a few articles; the page cache
    starts empty for every test."""

    @classmethod
    def setUpTestData(cls) -> None:
        services.site_ensure()
        cls.chi_dao = services.category_ensure(slug="chi-dao-dieu-hanh", title="Chỉ đạo - Điều hành")
        cls.thoi_su = services.category_ensure(slug="thoi-su", title="Thời sự")
        cls.image = photo()
        cls.article = publish(
            cls.chi_dao,
            "Hà Nội đẩy mạnh chuyển đổi số trong cải cách hành chính",
            when=at(21, 19, 41),
            sapo="Thành phố đặt mục tiêu hoàn thành sớm các chỉ tiêu năm về chuyển đổi số.",
            body=[
                ("paragraph", RichText("<p>Đoạn mở đầu về Đề án 06 và chuyển đổi số.</p>")),
                (
                    "image",
                    {"image": cls.image, "caption": "Quang cảnh hội nghị.", "credit": "Minh Anh", "alt_text": ""},
                ),
                ("paragraph", RichText("<p>" + "Nội dung dài về cải cách hành chính. " * 60 + "</p>")),
            ],
            authors=["Bảo Thoa"],
            tags=["Đề án 06", "chuyển đổi số"],
            lead_image=cls.image,
            lead_image_caption="Lãnh đạo thành phố tại hội nghị.",
            lead_image_credit="Thu Trang",
        )
        cls.older = publish(cls.chi_dao, "Hội nghị tổng kết công tác năm", when=at(20, 9, 57))
        cls.news = publish(cls.thoi_su, "Bắt đầu chiến dịch kiểm tra vận tải hành khách cuối năm", when=at(21, 8, 0))

    def setUp(self) -> None:
        cache.clear()
