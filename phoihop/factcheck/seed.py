"""The reference lists fact-checking starts with; staff edit them in the admin afterwards."""

# The eight domains the Vietnam Anti-Fake News Center (VAFC) asks reporters to choose from.
DOMAINS: list[tuple[str, str]] = [
    ("chinh-sach-phap-luat", "Chính sách, pháp luật"),
    ("kinh-te-tai-chinh", "Kinh tế, tài chính"),
    ("y-te", "Y tế"),
    ("thien-tai-dich-benh", "Thiên tai, dịch bệnh"),
    ("an-ninh-trat-tu", "An ninh quốc gia, trật tự an toàn xã hội"),
    ("tai-khoan-gia-mao", "Tài khoản giả mạo"),
    ("duong-link-lua-dao", "Đường link lừa đảo"),
    ("khac", "Khác"),
]

# slug, name, colour, schema.org rating value (1 = false … 3 = true), meaning.
LABELS: list[tuple[str, str, str, int, str]] = [
    (
        "tin-gia",
        "Tin giả",
        "#b91c1c",
        1,
        "Thông tin bịa đặt hoàn toàn, hoặc mạo danh cơ quan, tổ chức, cá nhân (văn bản, tài khoản, đường link giả).",
    ),
    (
        "tin-sai-su-that",
        "Tin sai sự thật",
        "#c2410c",
        2,
        "Thông tin có phần dựa trên sự việc có thật nhưng bị bóp méo, cắt ghép, sai lệch về số liệu, "
        "thời gian, địa điểm.",
    ),
    (
        "tin-xac-thuc",
        "Tin xác thực",
        "#15803d",
        3,
        "Thông tin đã được cơ quan có thẩm quyền hoặc nguồn chính thức xác nhận là đúng.",
    ),
]

CHECKLIST: list[str] = [
    "Xác định nguồn gốc, thời điểm đăng tải đầu tiên",
    "Lưu bằng chứng: ảnh chụp màn hình, đường dẫn, bản lưu trữ",
    "Kiểm tra ảnh, video (tìm ảnh ngược, dấu hiệu cắt ghép)",
    "Đối chiếu văn bản, thông tin chính thức đã công bố",
    "Đề nghị cơ quan có thẩm quyền cung cấp thông tin",
    "Biên tập viên thứ hai đọc lại kết luận",
]
