"""The administrative levels seeded into the editable list (the admin can change them later)."""

LEVELS: list[tuple[str, str, int, bool]] = [
    # (code, name, sort order, historical)
    # Ministries and ministerial-level agencies: with provinces, the bodies Decree 244/2026 Art. 6(2) and
    # Art. 10 give the periodic-information duty and the annual spokesperson report.
    ("ministry", "Bộ, cơ quan ngang bộ", 5, False),
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
