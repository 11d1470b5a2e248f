"""Seed the deadline policies and the work calendar 2023–2027 (staff edit both in the admin later).

The calendar rows are the holiday schedules announced for civil servants (cán bộ, công chức, viên chức),
written from memory without access to the published texts: every row below is one we are confident
of, and what we were not sure of is left out and said so in the year's note (see the README section
"Deadlines and the work calendar"). Holidays that fall on a Saturday or Sunday are listed too, for
readers; they do not change the computation. The data is frozen here on purpose: a migration must not
import data from application code that may change later.
"""

import datetime as dt
import uuid

from django.db import migrations

H, OFF, WORK = "holiday", "day_off", "makeup_workday"

LABOUR_CODE = "Bộ luật Lao động 2019 (Điều 111 nghỉ hằng tuần, Điều 112 nghỉ lễ, tết)."

YEARS = {
    2023: {
        "source": (
            "Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch, nghỉ lễ năm 2023 đối với "
            "cán bộ, công chức, viên chức (theo ý kiến của Thủ tướng Chính phủ). " + LABOUR_CODE
        ),
        "note": (
            "Nhập từ trí nhớ, chưa đối chiếu văn bản gốc (chưa ghi số thông báo). "
            "Giỗ Tổ (thứ Bảy 29/4) và 30/4 (Chủ nhật) được nghỉ bù thứ Ba 02/5 và thứ Tư 03/5; "
            "không ghi ngày làm bù nào cho năm 2023."
        ),
        "days": [
            ("2023-01-01", H, "Tết Dương lịch"),
            ("2023-01-02", OFF, "Nghỉ bù Tết Dương lịch (01/01 trùng Chủ nhật)"),
            ("2023-01-20", H, "Tết Nguyên đán Quý Mão (29 tháng Chạp)"),
            ("2023-01-21", H, "Tết Nguyên đán Quý Mão (30 tháng Chạp)"),
            ("2023-01-22", H, "Tết Nguyên đán Quý Mão (mùng 1)"),
            ("2023-01-23", H, "Tết Nguyên đán Quý Mão (mùng 2)"),
            ("2023-01-24", H, "Tết Nguyên đán Quý Mão (mùng 3)"),
            ("2023-01-25", OFF, "Nghỉ bù Tết Nguyên đán (mùng 4)"),
            ("2023-01-26", OFF, "Nghỉ bù Tết Nguyên đán (mùng 5)"),
            ("2023-04-29", H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
            ("2023-04-30", H, "Ngày Chiến thắng"),
            ("2023-05-01", H, "Ngày Quốc tế Lao động"),
            ("2023-05-02", OFF, "Nghỉ bù Giỗ Tổ Hùng Vương"),
            ("2023-05-03", OFF, "Nghỉ bù Ngày Chiến thắng"),
            ("2023-09-01", H, "Quốc khánh (ngày liền kề)"),
            ("2023-09-02", H, "Quốc khánh"),
            ("2023-09-04", OFF, "Nghỉ bù Quốc khánh (02/9 trùng thứ Bảy)"),
        ],
    },
    2024: {
        "source": (
            "Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch, nghỉ lễ năm 2024 đối với "
            "cán bộ, công chức, viên chức (theo ý kiến của Thủ tướng Chính phủ). " + LABOUR_CODE
        ),
        "note": (
            "Nhập từ trí nhớ, chưa đối chiếu văn bản gốc (chưa ghi số thông báo). "
            "Dịp 30/4–1/5: nghỉ thứ Hai 29/4 (hoán đổi), đi làm bù thứ Bảy 04/5/2024."
        ),
        "days": [
            ("2024-01-01", H, "Tết Dương lịch"),
            ("2024-02-08", H, "Tết Nguyên đán Giáp Thìn (29 tháng Chạp)"),
            ("2024-02-09", H, "Tết Nguyên đán Giáp Thìn (30 tháng Chạp)"),
            ("2024-02-10", H, "Tết Nguyên đán Giáp Thìn (mùng 1)"),
            ("2024-02-11", H, "Tết Nguyên đán Giáp Thìn (mùng 2)"),
            ("2024-02-12", H, "Tết Nguyên đán Giáp Thìn (mùng 3)"),
            ("2024-02-13", OFF, "Nghỉ bù Tết Nguyên đán (mùng 4)"),
            ("2024-02-14", OFF, "Nghỉ bù Tết Nguyên đán (mùng 5)"),
            ("2024-04-18", H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
            ("2024-04-29", OFF, "Nghỉ hoán đổi (làm bù thứ Bảy 04/5/2024)"),
            ("2024-04-30", H, "Ngày Chiến thắng"),
            ("2024-05-01", H, "Ngày Quốc tế Lao động"),
            ("2024-05-04", WORK, "Làm bù cho ngày nghỉ 29/4/2024"),
            ("2024-09-02", H, "Quốc khánh"),
            ("2024-09-03", H, "Quốc khánh (ngày liền kề)"),
        ],
    },
    2025: {
        "source": (
            "Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch, nghỉ lễ năm 2025 đối với "
            "cán bộ, công chức, viên chức (theo ý kiến của Thủ tướng Chính phủ). " + LABOUR_CODE
        ),
        "note": (
            "Nhập từ trí nhớ, chưa đối chiếu văn bản gốc (chưa ghi số thông báo). "
            "Tết nghỉ 9 ngày từ thứ Bảy 25/01 đến hết Chủ nhật 02/02/2025 (5 ngày Tết từ thứ Hai 27/01 đến thứ Sáu 31/01). "
            "Dịp 30/4–1/5: nghỉ thứ Sáu 02/5 (hoán đổi), đi làm bù thứ Bảy 26/4/2025."
        ),
        "days": [
            ("2025-01-01", H, "Tết Dương lịch"),
            ("2025-01-27", H, "Tết Nguyên đán Ất Tỵ (28 tháng Chạp)"),
            ("2025-01-28", H, "Tết Nguyên đán Ất Tỵ (29 tháng Chạp)"),
            ("2025-01-29", H, "Tết Nguyên đán Ất Tỵ (mùng 1)"),
            ("2025-01-30", H, "Tết Nguyên đán Ất Tỵ (mùng 2)"),
            ("2025-01-31", H, "Tết Nguyên đán Ất Tỵ (mùng 3)"),
            ("2025-04-07", H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
            ("2025-04-26", WORK, "Làm bù cho ngày nghỉ 02/5/2025"),
            ("2025-04-30", H, "Ngày Chiến thắng"),
            ("2025-05-01", H, "Ngày Quốc tế Lao động"),
            ("2025-05-02", OFF, "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)"),
            ("2025-09-01", H, "Quốc khánh (ngày liền kề)"),
            ("2025-09-02", H, "Quốc khánh"),
        ],
    },
    2026: {
        "source": (
            "Thông báo của Bộ Nội vụ (cơ quan quản lý nhà nước về lao động từ 01/3/2025) về lịch nghỉ Tết Âm lịch, "
            "nghỉ lễ năm 2026 đối với cán bộ, công chức, viên chức. " + LABOUR_CODE
        ),
        "note": (
            "Nhập từ trí nhớ, chưa đối chiếu văn bản gốc. Tết nghỉ 9 ngày từ thứ Bảy 14/02 đến hết Chủ nhật "
            "22/02/2026 (5 ngày Tết từ thứ Hai 16/02 đến thứ Sáu 20/02). Giỗ Tổ trùng Chủ nhật 26/4, nghỉ bù "
            "thứ Hai 27/4 theo Bộ luật Lao động. CẦN BỔ SUNG theo thông báo chính thức: ngày nghỉ Quốc khánh thứ "
            "hai (thứ Ba 01/9 hoặc thứ Năm 03/9/2026) và mọi ngày hoán đổi, làm bù (ví dụ dịp Tết Dương lịch) "
            "nếu có; chưa nhập vì chưa chắc chắn."
        ),
        "days": [
            ("2026-01-01", H, "Tết Dương lịch"),
            ("2026-02-16", H, "Tết Nguyên đán Bính Ngọ (29 tháng Chạp)"),
            ("2026-02-17", H, "Tết Nguyên đán Bính Ngọ (mùng 1)"),
            ("2026-02-18", H, "Tết Nguyên đán Bính Ngọ (mùng 2)"),
            ("2026-02-19", H, "Tết Nguyên đán Bính Ngọ (mùng 3)"),
            ("2026-02-20", H, "Tết Nguyên đán Bính Ngọ (mùng 4)"),
            ("2026-04-26", H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
            ("2026-04-27", OFF, "Nghỉ bù Giỗ Tổ Hùng Vương (26/4 trùng Chủ nhật)"),
            ("2026-04-30", H, "Ngày Chiến thắng"),
            ("2026-05-01", H, "Ngày Quốc tế Lao động"),
            ("2026-09-02", H, "Quốc khánh"),
        ],
    },
    2027: {
        "source": "Dự kiến theo Bộ luật Lao động 2019, chờ quyết định chính thức.",
        "note": (
            "Chỉ có các ngày lễ cố định theo luật. Tết Đinh Mùi: mùng 1 là thứ Bảy 06/02/2027; mới nhập mùng 1–3 "
            "(06–08/02). CẦN BỔ SUNG theo thông báo chính thức: hai ngày Tết còn lại, các ngày nghỉ bù cho ngày Tết "
            "trùng thứ Bảy, Chủ nhật, ngày nghỉ Quốc khánh thứ hai (01/9 hoặc 03/9/2027) và mọi ngày hoán đổi, làm bù."
        ),
        "days": [
            ("2027-01-01", H, "Tết Dương lịch"),
            ("2027-02-06", H, "Tết Nguyên đán Đinh Mùi (mùng 1)"),
            ("2027-02-07", H, "Tết Nguyên đán Đinh Mùi (mùng 2)"),
            ("2027-02-08", H, "Tết Nguyên đán Đinh Mùi (mùng 3)"),
            ("2027-04-16", H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
            ("2027-04-30", H, "Ngày Chiến thắng"),
            ("2027-05-01", H, "Ngày Quốc tế Lao động"),
            ("2027-05-03", OFF, "Nghỉ bù Ngày Quốc tế Lao động (01/5 trùng thứ Bảy)"),
            ("2027-09-02", H, "Quốc khánh"),
        ],
    },
}

DECREE_09 = (
    "Nghị định 09/2017/NĐ-CP của Chính phủ quy định chi tiết việc phát ngôn và cung cấp thông tin cho báo chí "
    "của các cơ quan hành chính nhà nước"
)

POLICIES = [
    {
        "code": "hoa-toc",
        "name": "Hỏa tốc",
        "amount": 4,
        "unit": "working_hours",
        "sort_order": 10,
        "legal_basis": (
            "Quy chế phối hợp cung cấp thông tin nội bộ của cơ quan báo chí (minh họa: thay bằng văn bản thực tế của "
            "đơn vị); " + DECREE_09 + " (người phát ngôn cung cấp thông tin kịp thời)."
        ),
        "description": "Việc cần trả lời trong buổi làm việc: 4 giờ làm việc kể từ khi nhận đề nghị.",
    },
    {
        "code": "khan",
        "name": "Khẩn",
        "amount": 24,
        "unit": "working_hours",
        "sort_order": 20,
        "legal_basis": (
            "Quy chế phối hợp cung cấp thông tin nội bộ của cơ quan báo chí (minh họa: thay bằng văn bản thực tế của "
            "đơn vị); " + DECREE_09 + " (người phát ngôn cung cấp thông tin kịp thời)."
        ),
        "description": "24 giờ làm việc (3 ngày làm việc) kể từ khi nhận đề nghị; chỉ tính giờ hành chính.",
    },
    {
        "code": "thuong",
        "name": "Thông thường",
        "amount": 5,
        "unit": "working_days",
        "sort_order": 30,
        "legal_basis": DECREE_09 + ".",
        "description": "Trong 5 ngày làm việc kể từ ngày nhận đề nghị; hạn là cuối giờ làm việc của ngày thứ 5.",
    },
    {
        "code": "tra-loi-tren-bao",
        "name": "Trả lời trên báo chí",
        "amount": 30,
        "unit": "calendar_days",
        "sort_order": 40,
        "legal_basis": (
            "Luật Báo chí 2016 (Luật số 103/2016/QH13) (thời hạn trả lời ý kiến trên báo chí); "
            "từ 01/7/2026 áp dụng Luật Báo chí số 126/2025/QH15."
        ),
        "description": (
            "30 ngày theo lịch; nếu ngày cuối là ngày nghỉ thì hạn là cuối ngày làm việc tiếp theo. "
            "Kiểm tra lại số ngày theo văn bản luật đang có hiệu lực."
        ),
    },
]


def seed(apps, schema_editor):
    Policy = apps.get_model("deadlines", "DeadlinePolicy")
    Year = apps.get_model("deadlines", "CalendarYear")
    Day = apps.get_model("deadlines", "CalendarDay")
    for policy in POLICIES:
        Policy.objects.get_or_create(code=policy["code"], defaults={k: v for k, v in policy.items() if k != "code"})
    for number, data in YEARS.items():
        year, _ = Year.objects.get_or_create(year=number, defaults={"source": data["source"], "note": data["note"]})
        for iso, kind, name in data["days"]:
            Day.objects.get_or_create(date=dt.date.fromisoformat(iso), defaults={"year": year, "kind": kind, "name": name})
    # Signals do not run in migrations: a fresh token tells every process that the calendar changed,
    # and tells apart "seeded" from "flushed" (a flush removes this row and its token with it).
    apps.get_model("deadlines", "CalendarRevision").objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


def unseed(apps, schema_editor):
    apps.get_model("deadlines", "DeadlinePolicy").objects.filter(code__in=[p["code"] for p in POLICIES]).delete()
    apps.get_model("deadlines", "CalendarYear").objects.filter(year__in=list(YEARS)).delete()
    apps.get_model("deadlines", "CalendarRevision").objects.filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
