"""The genre frames and the coefficient unit values, as data with their legal basis (editable in the admin).

Decree 18/2014 (in force 01/6/2014 until 31/8/2026) fixes royalty = coefficient × unit value, the unit
being 10 % of the base salary (Art. 7), and gives in its appendix a frame of coefficients per genre for
print and e-press. Verified (docs/legal-2026-verified.md, row ND18-7): the MAXIMA below. Not verified: the
minima, entered as 1 (the lowest the data allows) until read in the signed appendix, hence `confirmed`
False. From 01/9/2026 Decree 287/2026 has no frame nor unit for print and e-press (Art. 14): the rows from
that day rest on the newspaper's own royalty rules, copy the frames of Decree 18/2014 and wait for the
editor-in-chief's confirmation. Base salaries: 2.530.000 đồng from 01/7/2026 (Decree 161/2026 Art. 3(2),
verified); 2.340.000 from 01/7/2024, 1.800.000 from 01/7/2023 and 1.490.000 from 01/7/2019 are to be
checked against Decrees 73/2024, 24/2023 and 38/2019.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

ND18_START, ND18_END, RULES_START = dt.date(2014, 6, 1), dt.date(2026, 8, 31), dt.date(2026, 9, 1)
APPENDIX = "Phụ lục (khung nhuận bút cho tác phẩm báo in, báo điện tử)"

# (code, name, what it covers, maximum coefficient): the maxima of ND18-7.
GENRES = [
    ("tin", "Tin", "Tin tức thời sự, tin vắn, trả lời bạn đọc", 10),
    ("tranh", "Tranh", "Tranh biếm họa, tranh minh họa, ký họa", 10),
    ("anh", "Ảnh", "Ảnh thời sự, ảnh nghệ thuật, ảnh minh họa", 10),
    ("chinh-luan", "Chính luận", "Xã luận, bình luận, chuyên luận", 30),
    ("phong-su", "Phóng sự, ký, phỏng vấn", "Phóng sự, ký (một kỳ), bài phỏng vấn, bài phản ánh", 30),
    ("van-hoc", "Sáng tác văn học", "Thơ, truyện ngắn, tác phẩm văn học đăng báo", 30),
    ("nghien-cuu", "Nghiên cứu", "Bài nghiên cứu, trao đổi chuyên sâu", 30),
    ("truc-tuyen", "Trực tuyến, media", "Giao lưu trực tuyến, video, đa phương tiện", 50),
]

UNITS = [
    (dt.date(2019, 7, 1), 1_490_000, "nd-18-2014", "Mức lương cơ sở theo Nghị định 38/2019/NĐ-CP (cần đối chiếu)", False),
    (dt.date(2023, 7, 1), 1_800_000, "nd-18-2014", "Mức lương cơ sở theo Nghị định 24/2023/NĐ-CP (cần đối chiếu)", False),
    (dt.date(2024, 7, 1), 2_340_000, "nd-18-2014", "Mức lương cơ sở theo Nghị định 73/2024/NĐ-CP (cần đối chiếu)", False),
    (dt.date(2026, 7, 1), 2_530_000, "nd-18-2014", "Khoản 2 Điều 3 Nghị định 161/2026/NĐ-CP", True),
    (RULES_START, 2_530_000, "noi-bo-nhuan-but", "Khoản 2 Điều 3 Nghị định 161/2026/NĐ-CP", False),
]


def seed(apps, schema_editor):
    Instrument = apps.get_model("deadlines", "LegalInstrument")
    Frame = apps.get_model("royalties", "GenreFrame")
    Unit = apps.get_model("royalties", "CoefficientUnit")
    nd18 = Instrument.objects.get(code="nd-18-2014")
    rules = Instrument.objects.get(code="noi-bo-nhuan-but")
    for order, (code, name, examples, maximum) in enumerate(GENRES, start=1):
        Frame.objects.get_or_create(
            code=code,
            valid_from=ND18_START,
            defaults={
                "name": name,
                "examples": examples,
                "coefficient_min": Decimal(1),
                "coefficient_max": Decimal(maximum),
                "valid_until": ND18_END,
                "instrument": nd18,
                "citation": f"Điều 7, {APPENDIX}",
                "confirmed": False,
                "note": "Hệ số tối đa đã đối chiếu (docs/legal-2026-verified.md, ND18-7); hệ số tối thiểu chưa "
                "đối chiếu phụ lục bản ký.",
                "sort_order": order * 10,
            },
        )
        Frame.objects.get_or_create(
            code=code,
            valid_from=RULES_START,
            defaults={
                "name": name,
                "examples": examples,
                "coefficient_min": Decimal(1),
                "coefficient_max": Decimal(maximum),
                "instrument": rules,
                "citation": "Khung theo Nghị định 18/2014/NĐ-CP, giữ trong quy chế của tòa soạn",
                "confirmed": False,
                "note": "Nghị định 287/2026/NĐ-CP không quy định khung hệ số cho báo in, báo điện tử (Điều 14). "
                "CẦN Tổng Biên tập xác nhận theo quy chế nhuận bút đã ký.",
                "sort_order": order * 10,
            },
        )
    for valid_from, base, instrument, base_basis, confirmed in UNITS:
        Unit.objects.get_or_create(
            valid_from=valid_from,
            defaults={
                "base_salary": base,
                "percent": Decimal(10),
                "instrument": nd18 if instrument == "nd-18-2014" else rules,
                "citation": "Điều 7" if instrument == "nd-18-2014" else "10 % mức lương cơ sở, theo quy chế của tòa soạn",
                "base_salary_basis": base_basis,
                "confirmed": confirmed,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("royalties", "GenreFrame").objects.all().delete()
    apps.get_model("royalties", "CoefficientUnit").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("royalties", "0001_initial"), ("deadlines", "0008_royalty_payment_policy")]
    operations = [migrations.RunPython(seed, unseed)]
