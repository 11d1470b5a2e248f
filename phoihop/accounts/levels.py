"""The administrative levels seeded into the editable list (the admin can change them later)."""

LEVELS: list[tuple[str, str, int, bool]] = [
    # (code, name, sort order, historical)
    ("province", "Tỉnh, thành phố trực thuộc trung ương", 10, False),
    ("commune", "Xã", 20, False),
    ("ward", "Phường", 21, False),
    ("special_zone", "Đặc khu", 22, False),
    ("department", "Sở, ban, ngành, phòng chuyên môn", 30, False),
    ("union", "Đoàn thể, hội", 40, False),
    ("enterprise", "Doanh nghiệp", 50, False),
    ("other", "Khác", 90, False),
    # District level, abolished by the two-tier local government from 01/7/2025.
    ("huyen", "Huyện", 100, True),
    ("quan", "Quận", 101, True),
    ("thi_xa", "Thị xã", 102, True),
]
