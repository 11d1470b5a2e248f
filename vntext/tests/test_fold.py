import unicodedata

import pytest

from vntext import fold
from vntext.tests.vietnamese import FOLDED_VOWEL, SAMPLE_TEXTS, VOWELS_WITH_TONES

TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
VOWEL_CASES = [(toned, FOLDED_VOWEL[base]) for base, forms in VOWELS_WITH_TONES.items() for toned in forms]


def test_reference_table_is_built_from_the_five_tone_marks() -> None:
    # Guards the hand-written table itself: each entry is its vowel plus the tone at that position.
    for vowel, forms in VOWELS_WITH_TONES.items():
        assert [unicodedata.normalize("NFC", vowel + mark) for mark in TONE_MARKS] == list(forms)


@pytest.mark.parametrize(("letter", "expected"), VOWEL_CASES)
def test_every_vowel_with_every_tone_folds_to_its_plain_letter(letter: str, expected: str) -> None:
    assert fold(letter) == expected
    assert fold(letter.upper()) == expected
    assert fold(unicodedata.normalize("NFD", letter)) == expected
    assert fold(unicodedata.normalize("NFD", letter.upper())) == expected


def test_d_with_stroke() -> None:
    assert fold("đ") == "d"
    assert fold("Đ") == "d"
    assert fold("\u00d0") == "d"  # Latin capital eth, a look-alike from legacy converters


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đặng Đức Quỳnh", "dang duc quynh"),
        ("HĐND", "hdnd"),
        ("Chỉ đạo - Điều hành", "chi dao - dieu hanh"),
        ("Hoà bình", "hoa binh"),
        ("ＵＢＮＤ", "ubnd"),  # full-width letters from East Asian input methods
        ("\ufeffThủ\u200b đô", "thu do"),
        ("", ""),
    ],
)
def test_fold_examples(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize("text", SAMPLE_TEXTS)
def test_fold_of_vietnamese_text_is_ascii_and_idempotent(text: str) -> None:
    folded = fold(text)
    assert all(ch.isascii() for ch in folded if ch.isalnum())
    assert fold(folded) == folded
    assert fold(unicodedata.normalize("NFD", text)) == folded
