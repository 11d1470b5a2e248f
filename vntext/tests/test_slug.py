import re
import unicodedata

import pytest

from vntext import slugify
from vntext.tests.vietnamese import SAMPLE_TEXTS

SLUG_SHAPE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Published URLs depend on these exact outputs: changing one breaks links.
FROZEN = [
    ("Báo Lao động Thủ đô và huyện Thanh Trì ký kết", "bao-lao-dong-thu-do-va-huyen-thanh-tri-ky-ket"),
    ("Chỉ đạo - Điều hành", "chi-dao-dieu-hanh"),
    ("Kinh tế - Xã hội", "kinh-te-xa-hoi"),
    ("Phát triển KT-XH, bảo đảm QP-AN", "phat-trien-kt-xh-bao-dam-qp-an"),
    ("Sở TN&MT công bố", "so-tn-mt-cong-bo"),
    ("Nghị quyết 1656/NQ-UBTVQH15", "nghi-quyet-1656-nq-ubtvqh15"),
    ("Hoà bình", "hoa-binh"),
    ("  --Đường   Đê  Đông!!  ", "duong-de-dong"),
    ("Tin giả: \u201cđã được kiểm chứng\u201d?", "tin-gia-da-duoc-kiem-chung"),
    ("", ""),
    ("— … !", ""),
]


@pytest.mark.parametrize(("text", "expected"), FROZEN)
def test_frozen_slugs(text: str, expected: str) -> None:
    assert slugify(text) == expected


def test_spelling_variants_give_the_same_slug() -> None:
    assert slugify(unicodedata.normalize("NFD", "Thuỷ lợi Hòa Bình")) == slugify("Thủy lợi Hoà Bình")


def test_cut_at_a_word_boundary() -> None:
    text = "Báo Lao động Thủ đô và huyện Thanh Trì ký kết"
    assert slugify(text, max_length=20) == "bao-lao-dong-thu-do"
    assert slugify(text, max_length=19) == "bao-lao-dong-thu-do"  # exactly at the limit
    assert slugify(text, max_length=18) == "bao-lao-dong-thu"


def test_a_single_word_longer_than_the_limit_is_cut_inside() -> None:
    assert slugify("Nghiêngnghiêng dài", max_length=5) == "nghie"


def test_max_length_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_length"):
        slugify("a", max_length=0)


@pytest.mark.parametrize("max_length", [1, 7, 30, 80])
@pytest.mark.parametrize("text", SAMPLE_TEXTS)
def test_slug_shape_and_length(text: str, max_length: int) -> None:
    slug = slugify(text, max_length=max_length)
    assert SLUG_SHAPE.fullmatch(slug)
    assert len(slug) <= max_length
    assert slugify(slug, max_length=max_length) == slug
