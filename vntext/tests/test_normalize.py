import unicodedata

import pytest

from vntext import clean_line, normalize
from vntext.tests.vietnamese import SAMPLE_TEXTS

# Old placement (tone on the second vowel of an open oa/oe/uy) → the project's placement.
TONE_PLACEMENT = [
    ("hoà", "hòa"), ("hoả", "hỏa"), ("hoã", "hõa"), ("hoá", "hóa"), ("hoạ", "họa"),
    ("khoè", "khòe"), ("khoẻ", "khỏe"), ("khoẽ", "khõe"), ("khoé", "khóe"), ("khoẹ", "khọe"),
    ("thuỳ", "thùy"), ("thuỷ", "thủy"), ("thuỹ", "thũy"), ("thuý", "thúy"), ("thuỵ", "thụy"),
    ("Hoà", "Hòa"), ("HOÀ", "HÒA"), ("hOà", "hÒa"), ("Khoẻ", "Khỏe"), ("KHOẺ", "KHỎE"),
    ("Thuỷ", "Thủy"), ("THUỶ", "THỦY"), ("Thuý", "Thúy"), ("THUÝ", "THÚY"),
    ("oà", "òa"), ("Oà", "Òa"), ("uỷ", "ủy"), ("Uỷ", "Ủy"), ("UỶ", "ỦY"),
    ("toà", "tòa"), ("loè", "lòe"), ("xoè", "xòe"), ("tuỳ", "tùy"), ("nguỵ", "ngụy"), ("Nguỵ", "Ngụy"),
    ("nhoà", "nhòa"),
]  # fmt: skip

# Both conventions agree on these: the tone already sits on the main vowel.
UNCHANGED = [
    "quý", "quỳ", "quỷ", "quỹ", "quỵ", "Quý", "QUÝ", "quỳnh", "Quỳnh",
    "hoàng", "Hoàng", "HOÀNG", "hoán", "khoét", "huýt", "quýt", "hoặc", "khoảng",
    "ngoài", "xoáy", "khuỷu", "khuya", "thuở", "Huế", "thuế", "mùa", "quà", "của", "tuyển", "chuyện",
    "hòa", "thủy", "khỏe", "Ủy", "quốc", "giữa", "người", "choáng",
]  # fmt: skip


@pytest.mark.parametrize(("old", "new"), TONE_PLACEMENT)
def test_tone_moves_to_the_first_vowel_of_open_oa_oe_uy(old: str, new: str) -> None:
    assert normalize(old) == new


@pytest.mark.parametrize("word", UNCHANGED)
def test_syllables_where_both_conventions_agree_are_unchanged(word: str) -> None:
    assert normalize(word) == word


def test_tone_placement_in_running_text() -> None:
    text = "Toà án huyện, Uỷ ban nhân dân và hoà giải viên chúc sức khoẻ; quý vị, thuý Kiều."
    expected = "Tòa án huyện, Ủy ban nhân dân và hòa giải viên chúc sức khỏe; quý vị, thúy Kiều."
    assert normalize(text) == expected


def test_decomposed_input_is_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hoà, Đặng Thuỷ")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    assert normalize(decomposed) == "Nguyễn Thị Hòa, Đặng Thủy"


def test_mark_order_does_not_matter() -> None:
    # Keyboards and converters emit dot-below and circumflex in either order.
    assert normalize("a\u0302\u0323") == normalize("a\u0323\u0302") == "ậ"


def test_zero_width_characters_are_removed() -> None:
    assert normalize("\ufeffHà\u200b Nội\u200c\u200d") == "Hà Nội"


def test_line_endings_become_lf() -> None:
    assert normalize("một\r\nhai\rba\n") == "một\nhai\nba\n"
    assert normalize("a\r\r\nb") == "a\n\nb"
    assert normalize("a\r\u200b\nb") == "a\nb"


def test_other_whitespace_is_kept() -> None:
    text = "  hai  dấu\tcách\u00a0không ngắt\n"
    assert normalize(text) == text


def test_eth_look_alikes_become_d_with_stroke() -> None:
    assert normalize("\u00d0ào \u00f0ức") == "Đào đức"


IDEMPOTENCE_CASES = [*SAMPLE_TEXTS, *(old for old, _ in TONE_PLACEMENT), "\r\r\n\u200b", "a\u0323\u0302"]


@pytest.mark.parametrize("text", IDEMPOTENCE_CASES)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert unicodedata.is_normalized("NFC", once)


def test_empty_string() -> None:
    assert normalize("") == ""
    assert clean_line("") == ""


def test_clean_line_collapses_and_strips_whitespace() -> None:
    assert clean_line("  Báo\u00a0 Lao động\t\tThủ đô\r\n ") == "Báo Lao động Thủ đô"
    assert clean_line("Uỷ  ban\u200b") == "Ủy ban"
