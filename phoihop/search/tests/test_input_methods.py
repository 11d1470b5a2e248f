"""Telex and VNI keystrokes typed without an input method, read back as Vietnamese (no database)."""

import unicodedata

import pytest

from phoihop.search.input_methods import convert_word, is_syllable, recover


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # Telex: tones s f r x j, marks aa ee oo aw ow uw w, dd
        ("thanhf", "thành"),
        ("trif", "trì"),
        ("tris", "trí"),  # s is sắc: "Thanh Trì" is "thanh trif"
        ("ddaij", "đại"),
        ("hooij", "hội"),
        ("tieengs", "tiếng"),
        ("vieetj", "việt"),
        ("nguwowif", "người"),
        ("dduwowngf", "đường"),
        ("muwa", "mưa"),
        ("chuwa", "chưa"),
        ("ddi", "đi"),
        ("quys", "quý"),
        ("gif", "gì"),
        ("ngheej", "nghệ"),
        # marks typed late, as Unikey accepts them
        ("truongwf", "trường"),
        ("nguoiwf", "người"),
        ("vieejt", "việt"),
        ("thafnh", "thành"),
        # the project's tone placement: on the first vowel of an open oa, oe, uy
        ("hoaf", "hòa"),
        ("khoer", "khỏe"),
        ("thuyr", "thủy"),
        ("toanf", "toàn"),
        # VNI: 1–5 tones, 6 circumflex, 7 horn, 8 breve, 9 đ
        ("Tha2nh", "Thành"),
        ("Tri2", "Trì"),
        ("d9a5i", "đại"),
        ("ho6i5", "hội"),
        ("Vie65t", "Việt"),
        ("nguo72i", "người"),
        ("a8n", "ăn"),
        # case follows what was typed
        ("THANHF", "THÀNH"),
        ("Ddaij", "Đại"),
    ],
)
def test_convert_word(typed, expected):
    assert convert_word(typed) == unicodedata.normalize("NFC", expected)


@pytest.mark.parametrize(
    "typed",
    [
        "thanh",  # no key at all
        "hello",  # keys, but no Vietnamese syllable comes of them
        "thanks",
        "covid19",  # a digit that is no VNI key there
        "2024",
        "tacf",  # -c takes only sắc or nặng
        "Nam",
        "cass",  # the key twice writes the letter
    ],
)
def test_not_converted(typed):
    assert convert_word(typed) is None


def test_is_syllable():
    assert is_syllable("thành")
    assert is_syllable("boong")
    assert is_syllable("nghiêng")
    assert not is_syllable("thanhf")
    assert not is_syllable("kan")  # k only before e, ê, i, y
    assert is_syllable("tác")  # sắc with -c is fine
    assert not is_syllable("tàc")


def test_recover_whole_queries():
    assert recover("thanhf tris").text == "thành trí"
    assert recover("thanhf trif").text == "thành trì"
    assert recover("ddaij hooij").text == "đại hội"
    assert recover("Tha2nh Tri2").text == "Thành Trì"
    # separators and the words that need nothing stay as typed
    assert recover("kỳ họp, ddaij hooij  nhân dân").text == "kỳ họp, đại hội  nhân dân"


def test_nothing_to_recover():
    assert recover("thành trì") is None
    assert recover("hello world") is None
    assert recover("") is None


def test_ambiguous_words_are_kept_both_ways():
    # "boong" (a deck) is a syllable as typed and Telex for "bông"
    found = recover("boong tàu")
    assert found.variants == ("bông tàu", "boong tàu")
    assert found.converted == ("boong",)
    # "tax" is Telex for "tã", and an English word the caller's vocabulary knows
    assert recover("tax 2024").variants == ("tã 2024",)
    assert recover("tax 2024", known=lambda word: word == "tax").variants == ("tã 2024", "tax 2024")
    # VNI "A4" is "Ã", and a paper size when the index holds it
    assert recover("in A4", known=lambda word: word.lower() == "a4").variants == ("in Ã", "in A4")


def test_variants_are_capped():
    found = recover("boong boong boong boong", limit=3)
    assert len(found.variants) == 3
    assert found.variants[0] == "bông bông bông bông"
