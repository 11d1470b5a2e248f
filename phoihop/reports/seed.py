"""The two layouts reports start with; a clerk adjusts them in the admin afterwards.

Sizes and margins follow the documents' own appendices: Decree 30/2020/NĐ-CP, Phụ lục I (State
bodies) and Hướng dẫn 36-HD/VPTW of 03/4/2018 (Party bodies). Where a rule gives a range, the
layout takes a value inside it (margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm).
"""

from __future__ import annotations

from typing import Any

STATE_LAYOUT = "Văn bản hành chính (Nghị định 30/2020/NĐ-CP)"
PARTY_LAYOUT = "Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)"

LAYOUTS: list[dict[str, Any]] = [
    {
        "name": STATE_LAYOUT,
        "kind": "state",
        "legal_basis": "Nghị định 30/2020/NĐ-CP ngày 05/3/2020 về công tác văn thư, Phụ lục I",
        "page_width_mm": 210,
        "page_height_mm": 297,
        "margin_top_mm": 20,
        "margin_bottom_mm": 20,
        "margin_left_mm": 30,
        "margin_right_mm": 15,
        "font_name": "Times New Roman",
        "body_size_pt": 14,
        "issuer_size_pt": 13,
        "issuer_mark": "rule",
        "motto_line_1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "motto_line_1_size_pt": 13,
        "motto_line_2": "Độc lập - Tự do - Hạnh phúc",
        "motto_line_2_size_pt": 14,
        "number_pattern": "Số: {n:02d}/BC-{code}",
        "number_size_pt": 13,
        "place_name": "Hà Nội",
        "date_size_pt": 14,
        "title_text": "BÁO CÁO",
        "title_size_pt": 14,
        "subject_size_pt": 14,
        "signature_title": "TỔNG BIÊN TẬP",
        "signature_size_pt": 14,
        "recipients_label": "Nơi nhận:",
        "recipients_label_size_pt": 12,
        "recipients_size_pt": 11,
        "default_recipients": "- Lưu: VT.",
        "sort_order": 10,
    },
    {
        "name": PARTY_LAYOUT,
        "kind": "party",
        "legal_basis": "Hướng dẫn 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng",
        "page_width_mm": 210,
        "page_height_mm": 297,
        "margin_top_mm": 20,
        "margin_bottom_mm": 20,
        "margin_left_mm": 30,
        "margin_right_mm": 15,
        "font_name": "Times New Roman",
        "body_size_pt": 14,
        "issuer_size_pt": 14,
        "issuer_mark": "asterisk",
        "motto_line_1": "ĐẢNG CỘNG SẢN VIỆT NAM",
        "motto_line_1_size_pt": 15,
        "motto_line_2": "",
        "motto_line_2_size_pt": 14,
        "number_pattern": "Số {n}-BC/{code}",
        "number_size_pt": 14,
        "place_name": "Hà Nội",
        "date_size_pt": 14,
        "title_text": "BÁO CÁO",
        "title_size_pt": 16,
        "subject_size_pt": 14,
        "signature_title": "T/M BAN THƯỜNG VỤ\nBÍ THƯ",
        "signature_size_pt": 14,
        "recipients_label": "Nơi nhận:",
        "recipients_label_size_pt": 14,
        "recipients_size_pt": 12,
        "default_recipients": "- Lưu Văn phòng.",
        "sort_order": 20,
    },
]

# Who edits the layouts in the admin: the newsroom's leaders, section heads and editors.
LAYOUT_EDITOR_GROUPS = ("Tổng Biên tập", "Phó Tổng Biên tập", "Trưởng ban", "Biên tập viên")
LAYOUT_PERMISSIONS = ("add_reportlayout", "change_reportlayout", "view_reportlayout")
