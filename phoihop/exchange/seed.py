"""The reference lists the exchange starts with; staff edit them in the admin afterwards."""

RESPONSE_FORMS: list[tuple[str, str]] = [
    ("Tổ chức họp báo", "Điều 4 Nghị định 09/2017/NĐ-CP"),
    (
        "Đăng tải nội dung phát ngôn, thông tin trên trang/cổng thông tin điện tử của cơ quan",
        "Điều 4 Nghị định 09/2017/NĐ-CP",
    ),
    ("Phát ngôn trực tiếp hoặc trả lời phỏng vấn của nhà báo, phóng viên", "Điều 4 Nghị định 09/2017/NĐ-CP"),
    ("Gửi nội dung phát ngôn, thông tin bằng văn bản hoặc thư điện tử", "Điều 4 Nghị định 09/2017/NĐ-CP"),
    ("Cung cấp thông tin tại hội nghị giao ban báo chí", "Điều 4 Nghị định 09/2017/NĐ-CP"),
]

REFUSAL_GROUNDS: list[tuple[str, str]] = [
    ("Thông tin thuộc bí mật nhà nước", "Nghị định 09/2017/NĐ-CP; Luật Bảo vệ bí mật nhà nước"),
    ("Vụ án đang điều tra hoặc chưa xét xử", "Nghị định 09/2017/NĐ-CP"),
    ("Vụ việc đang thanh tra, kiểm tra, chưa có kết luận chính thức", "Nghị định 09/2017/NĐ-CP"),
    ("Văn bản, đề án đang soạn thảo, chưa được phép phổ biến", "Nghị định 09/2017/NĐ-CP"),
    ("Thông tin về đời sống riêng tư, bí mật cá nhân", "Bộ luật Dân sự 2015"),
    ("Không thuộc chức năng, thẩm quyền của đơn vị", ""),
    ("Lý do khác (ghi rõ trong nội dung trả lời)", ""),
]
