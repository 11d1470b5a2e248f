import unicodedata

import pytest

from vntext import fold, fold_tokens, tokenize
from vntext.tests.vietnamese import SAMPLE_TEXTS
from vntext.tokens import token_spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ủy ban KT-XH", ["ủy", "ban", "kt", "xh"]),
        ("KT-XH", ["kt", "xh"]),
        ("Hoà bình, THUỶ LỢI!", ["hòa", "bình", "thủy", "lợi"]),
        ("covid-19 năm 2025", ["covid", "19", "năm", "2025"]),
        ("TN&MT / GD&ĐT", ["tn", "mt", "gd", "đt"]),
        ("snake_case", ["snake", "case"]),
        ("  \t\n ", []),
        ("", []),
    ],
)
def test_tokenize(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


def test_tokenize_decomposed_input() -> None:
    assert tokenize(unicodedata.normalize("NFD", "Đặng Quỳnh")) == ["đặng", "quỳnh"]


def test_fold_tokens() -> None:
    assert fold_tokens("Hội đồng nhân dân HĐND") == ["hoi", "dong", "nhan", "dan", "hdnd"]
    assert fold_tokens("KT-XH") == ["kt", "xh"]


@pytest.mark.parametrize("text", SAMPLE_TEXTS)
def test_fold_tokens_fold_each_token(text: str) -> None:
    assert fold_tokens(text) == [fold(token) for token in tokenize(text)]


def test_token_spans_point_into_the_text() -> None:
    text = "Chủ tịch UBND, KT-XH"
    spans = token_spans(text)
    assert [folded for _, _, folded in spans] == fold_tokens(text)
    assert [text[start:end] for start, end, _ in spans] == ["Chủ", "tịch", "UBND", "KT", "XH"]
