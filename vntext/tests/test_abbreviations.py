import pytest

from vntext import ABBREVIATIONS, abbreviation_for, expansion_for, fold_tokens, normalize, query_variants

REQUIRED = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "LĐLĐ": "Liên đoàn Lao động",
    "CNVCLĐ": "công nhân, viên chức, lao động",
    "KT-XH": "kinh tế - xã hội",
    "QP-AN": "quốc phòng - an ninh",
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "BTG": "Ban Tuyên giáo",
    "TBT": "Tổng Biên tập",
    "CAND": "Công an nhân dân",
    "QĐND": "Quân đội nhân dân",
    "TW": "Trung ương",
    "TƯ": "Trung ương",
    "HTX": "hợp tác xã",
    "THPT": "trung học phổ thông",
    "THCS": "trung học cơ sở",
    "BHXH": "bảo hiểm xã hội",
    "BHYT": "bảo hiểm y tế",
    "CCHC": "cải cách hành chính",
    "NTM": "nông thôn mới",
    "ANTT": "an ninh trật tự",
    "TTATGT": "trật tự an toàn giao thông",
    "VH-TT": "văn hóa - thông tin",
    "TN&MT": "tài nguyên và môi trường",
    "GD&ĐT": "giáo dục và đào tạo",
    "LĐ-TB&XH": "lao động - thương binh và xã hội",
    "CCB": "cựu chiến binh",
}


@pytest.mark.parametrize(("abbreviation", "full"), REQUIRED.items())
def test_required_abbreviations(abbreviation: str, full: str) -> None:
    assert ABBREVIATIONS[abbreviation] == full


def test_table_is_in_normal_form() -> None:
    for abbreviation, full in ABBREVIATIONS.items():
        assert normalize(abbreviation) == abbreviation
        assert normalize(full) == full


def test_abbreviations_that_fold_alike_mean_the_same() -> None:
    seen: dict[str, str] = {}
    for abbreviation, full in ABBREVIATIONS.items():
        key = "".join(fold_tokens(abbreviation))
        assert seen.setdefault(key, full) == full, abbreviation


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("HĐND", "Hội đồng nhân dân"),
        ("hdnd", "Hội đồng nhân dân"),
        ("HDND", "Hội đồng nhân dân"),
        ("hđnd", "Hội đồng nhân dân"),
        ("kt-xh", "kinh tế - xã hội"),
        ("ktxh", "kinh tế - xã hội"),
        ("KT XH", "kinh tế - xã hội"),
        ("ld-tb&xh", "lao động - thương binh và xã hội"),
        ("LĐTBXH", "lao động - thương binh và xã hội"),
        ("gd-dt", "giáo dục và đào tạo"),
        ("tp.hcm", "Thành phố Hồ Chí Minh"),
        (" UBND ", "Ủy ban nhân dân"),
        ("XYZ", None),
        ("", None),
    ],
)
def test_expansion_for(written: str, expected: str | None) -> None:
    assert expansion_for(written) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Hội đồng nhân dân", "HĐND"),
        ("hoi dong nhan dan", "HĐND"),
        ("ỦY BAN NHÂN DÂN", "UBND"),
        ("Uỷ ban nhân dân", "UBND"),
        ("kinh tế – xã hội", "KT-XH"),
        ("kinh te xa hoi", "KT-XH"),
        ("Trung ương", "TW"),  # the first listed of TW and TƯ
        ("lao động, thương binh và xã hội", "LĐ-TB&XH"),
        ("Hội đồng", None),
        ("", None),
    ],
)
def test_abbreviation_for(phrase: str, expected: str | None) -> None:
    assert abbreviation_for(phrase) == expected


@pytest.mark.parametrize("abbreviation", list(ABBREVIATIONS))
def test_round_trip(abbreviation: str) -> None:
    full = expansion_for(abbreviation)
    assert full == ABBREVIATIONS[abbreviation]
    preferred = abbreviation_for(full)
    assert preferred is not None
    assert ABBREVIATIONS[preferred] == full


def test_query_variants_expands_abbreviations() -> None:
    variants = query_variants("UBND huyen Thanh Tri")
    assert variants[0] == "ubnd huyen thanh tri"
    assert "uy ban nhan dan huyen thanh tri" in variants


def test_query_variants_abbreviates_full_forms() -> None:
    assert query_variants("hội đồng nhân dân") == ["hoi dong nhan dan", "hdnd"]
    assert "phat trien kt xh" in query_variants("phát triển kinh tế - xã hội")
    assert "phat trien ktxh" in query_variants("phát triển kinh tế - xã hội")


def test_query_variants_recognises_every_spelling_of_an_abbreviation() -> None:
    for query in ["KT-XH", "kt xh", "KTXH", "kt-xh"]:
        assert "kinh te xa hoi" in query_variants(query), query


def test_query_variants_prefers_the_longest_match() -> None:
    variants = query_variants("thành phố Hồ Chí Minh")
    assert "tp hcm" in variants
    assert "tphcm" in variants


def test_query_variants_swaps_all_occurrences_together() -> None:
    variants = query_variants("HĐND và UBND huyện")
    assert "hoi dong nhan dan va ubnd huyen" in variants
    assert "hdnd va uy ban nhan dan huyen" in variants
    assert variants[-1] == "hoi dong nhan dan va uy ban nhan dan huyen"


def test_syllable_like_abbreviation_needs_its_exact_spelling() -> None:
    # "TƯ" folds to "tu", like the everyday words "từ", "tư", "tự".
    assert query_variants("từ Hà Nội") == ["tu ha noi"]
    assert query_variants("tư nhân") == ["tu nhan"]
    assert "ban chap hanh trung uong" in query_variants("BCH TƯ")
    # And "tu" is never offered as the abbreviation of "Trung ương".
    assert "tw" in query_variants("Trung ương")
    assert "tu" not in query_variants("Trung ương")


def test_query_variants_without_known_forms() -> None:
    assert query_variants("Tin tức Thanh Trì") == ["tin tuc thanh tri"]
    assert query_variants("") == []
    assert query_variants(" - ") == []
