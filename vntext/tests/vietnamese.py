"""Reference tables shared by the tests, written out by hand rather than computed."""

# Each vowel with its tones in the collation order: ngang, huyền, hỏi, ngã, sắc, nặng.
VOWELS_WITH_TONES: dict[str, str] = {
    "a": "aàảãáạ",
    "ă": "ăằẳẵắặ",
    "â": "âầẩẫấậ",
    "e": "eèẻẽéẹ",
    "ê": "êềểễếệ",
    "i": "iìỉĩíị",
    "o": "oòỏõóọ",
    "ô": "ôồổỗốộ",
    "ơ": "ơờởỡớợ",
    "u": "uùủũúụ",
    "ư": "ưừửữứự",
    "y": "yỳỷỹýỵ",
}

# Letters with a vowel mark fold to this plain letter.
FOLDED_VOWEL: dict[str, str] = {
    "a": "a", "ă": "a", "â": "a", "e": "e", "ê": "e", "i": "i",
    "o": "o", "ô": "o", "ơ": "o", "u": "u", "ư": "u", "y": "y",
}  # fmt: skip

ALPHABET = [*"aăâbcdđeêghiklmnoôơpqrstuưvxy"]

# Sentences of the kind the newspaper publishes, used for properties that must hold on real text.
SAMPLE_TEXTS = [
    "Báo Lao động Thủ đô và huyện Thanh Trì ký kết chương trình phối hợp thông tin, tuyên truyền",
    "Chủ tịch UBND huyện Thanh Trì phát biểu tại hội nghị",
    "Hoà bình, thuỷ lợi và sức khoẻ: Toà án nhân dân TP.HCM",
    "Ủy ban Mặt trận Tổ quốc Việt Nam (MTTQ) — phát triển KT-XH, bảo đảm QP-AN",
    "Nghị quyết 1656/NQ-UBTVQH15 ngày 16/6/2025 về sắp xếp đơn vị hành chính cấp xã",
    "Đặng Đức Quỳnh, Nguyễn Thị Thúy Hằng, Lê Quý Đôn, Huỳnh Tấn Phát",
    "Khuya, ngoài đường xoáy nước; khuỷu tay; thuở ấy; quỳnh hoa",
    "  hai  dấu cách\tvà tab\u00a0và khoảng trắng không ngắt\n",
]
