import random
import unicodedata

import pytest

from vntext import collation_key, sort_key_person_name
from vntext.tests.vietnamese import ALPHABET, VOWELS_WITH_TONES


def vn_sorted(items: list[str]) -> list[str]:
    # Shuffle with a fixed seed so no test passes because the input was already in order.
    shuffled = list(items)
    random.Random(2026).shuffle(shuffled)
    return sorted(shuffled, key=collation_key)


def test_brief_example() -> None:
    assert vn_sorted(["Đào", "Dương", "An", "Ăn", "Ân", "Bình"]) == ["An", "Ăn", "Ân", "Bình", "Dương", "Đào"]


def test_alphabet_order() -> None:
    assert vn_sorted(ALPHABET) == ALPHABET
    assert vn_sorted([letter.upper() for letter in ALPHABET]) == [letter.upper() for letter in ALPHABET]


def test_foreign_letters_take_their_latin_places() -> None:
    assert vn_sorted(["z", "y", "w", "x", "v", "f", "g", "ê", "j", "k", "i"]) == [
        "ê", "f", "g", "i", "j", "k", "v", "w", "x", "y", "z",
    ]  # fmt: skip


def test_tone_order() -> None:
    assert vn_sorted(["ma", "mà", "mả", "mã", "má", "mạ"]) == ["ma", "mà", "mả", "mã", "má", "mạ"]


@pytest.mark.parametrize("vowel", list(VOWELS_WITH_TONES))
def test_tone_order_for_every_vowel(vowel: str) -> None:
    syllables = ["t" + form for form in VOWELS_WITH_TONES[vowel]]
    assert vn_sorted(syllables) == syllables


def test_letters_are_compared_before_tones() -> None:
    # "mạ" has the heaviest tone but "mác" has a later letter, and letters decide first.
    assert vn_sorted(["mác", "mạ", "mà", "mạc"]) == ["mà", "mạ", "mác", "mạc"]
    # Whole-string letters first (the CLDR/ICU order), not syllable by syllable.
    assert vn_sorted(["mã lực", "má", "ma"]) == ["ma", "má", "mã lực"]


def test_vowel_letter_beats_tone() -> None:
    # ă is a different letter from a, so any tone on a sorts before a toneless ă.
    assert vn_sorted(["ăn", "ạn", "ân", "àn"]) == ["àn", "ạn", "ăn", "ân"]


def test_prefix_and_word_boundaries() -> None:
    assert vn_sorted(["Nguyễn Văn Anh", "Nguyễn Văn An"]) == ["Nguyễn Văn An", "Nguyễn Văn Anh"]
    assert vn_sorted(["Anh", "An Bình", "An"]) == ["An", "An Bình", "Anh"]


def test_case_is_the_last_tie_break() -> None:
    assert vn_sorted(["AN", "an", "An", "ăn", "Ăn"]) == ["an", "An", "AN", "ăn", "Ăn"]
    assert vn_sorted(["Bà", "ba", "bà", "Ba"]) == ["ba", "Ba", "bà", "Bà"]


def test_digits_before_letters() -> None:
    assert vn_sorted(["Tổ 2", "Tổ A", "Tổ 1"]) == ["Tổ 1", "Tổ 2", "Tổ A"]


def test_spelling_variants_have_the_same_key() -> None:
    assert collation_key(unicodedata.normalize("NFD", "Đặng Thị Thủy")) == collation_key("Đặng Thị Thủy")
    assert collation_key("Hoà") == collation_key("Hòa")
    assert collation_key("  Nguyễn   Văn\tAn ") == collation_key("Nguyễn Văn An")


def test_keys_differ_for_different_text() -> None:
    # Punctuation is a separator at the first three levels; the text itself still decides.
    assert collation_key("Nguyễn-Văn") != collation_key("Nguyễn Văn")
    assert collation_key("Nguyễn-Văn")[:3] == collation_key("Nguyễn Văn")[:3]


def test_names_sort_by_given_name_first() -> None:
    names = ["Trần Văn Bình", "Lê Thị An", "Nguyễn Văn Ánh", "Trần Văn An", "Phạm Thị Ân", "Lê Văn Anh"]
    assert sorted(names, key=sort_key_person_name) == [
        "Lê Thị An",
        "Trần Văn An",
        "Lê Văn Anh",
        "Nguyễn Văn Ánh",  # same letters as "Anh", heavier tone
        "Phạm Thị Ân",  # â is a letter after a, whatever follows
        "Trần Văn Bình",
    ]


def test_person_name_key_handles_odd_input() -> None:
    assert sort_key_person_name("  An  ") == (collation_key("An"), collation_key("An"))
    assert sort_key_person_name("") == (collation_key(""), collation_key(""))
