"""The 60-day clock for paying royalties after publication, and the texts the royalties rest on.

Decree 18/2014 Art. 4(10): "Chậm nhất 60 ngày, kể từ ngày tác phẩm được đăng tải, công bố, bên sử dụng
tác phẩm phải trả hết tiền nhuận bút…" (docs/legal-2026-verified.md, row ND18-4-10, VERIFIED). The decree
is repealed from 01/9/2026 by Decree 287/2026 Art. 20(2), which sets no such limit for print and e-press
(Art. 14 refers to the law on assigning, ordering and tendering). From that day the version rests on the
newspaper's own royalty rules (quy chế nhuận bút, an internal instrument) keeping the 60 days: a figure the
editor-in-chief must confirm in the signed rules (README, "Nhuận bút").
"""

import datetime as dt

from django.db import migrations

INSTRUMENTS = [
    {
        "code": "nd-18-2014",
        "kind": "nghi_dinh",
        "number": "18/2014/NĐ-CP",
        "title": "Nghị định quy định về chế độ nhuận bút trong lĩnh vực báo chí, xuất bản",
        "in_force_from": dt.date(2014, 6, 1),
        "repealed_from": dt.date(2026, 9, 1),
        "repeal_basis": "Khoản 2 Điều 20 Nghị định 287/2026/NĐ-CP",
        "source": "docs/legal-2026-verified.md §6 (bao-chi.md, pháp điển Điều 32.1.NĐ.2.15)",
    },
    {
        "code": "nd-287-2026",
        "kind": "nghi_dinh",
        "number": "287/2026/NĐ-CP",
        "title": "Nghị định quy định về chế độ nhuận bút, thù lao trong lĩnh vực điện ảnh, mỹ thuật, nhiếp ảnh, "
        "nghệ thuật biểu diễn, báo chí, xuất bản",
        "in_force_from": dt.date(2026, 9, 1),
        "source": "docs/legal-2026-verified.md §6 (bản lưu chưa có phần đầu văn bản ký; ngày ký cần đối chiếu)",
    },
    {
        "code": "noi-bo-nhuan-but",
        "kind": "noi_bo",
        "number": "",
        "title": "Quy chế chi trả nhuận bút của tòa soạn",
        "source": "Văn bản nội bộ; Tổng Biên tập cần đối chiếu và xác nhận các mức đã nhập.",
    },
    {
        "code": "nd-161-2026",
        "kind": "nghi_dinh",
        "number": "161/2026/NĐ-CP",
        "title": "Nghị định quy định mức lương cơ sở",
        "in_force_from": dt.date(2026, 7, 1),
        "source": "docs/legal-2026-verified.md §6: khoản 2 Điều 3, mức lương cơ sở 2.530.000 đồng/tháng từ 01/7/2026",
    },
]

CODE = "tra-nhuan-but"
POLICY = {
    "name": "Trả nhuận bút sau khi đăng",
    "applies_to": "press",
    "sort_order": 160,
    "description": "Chậm nhất 60 ngày kể từ ngày tác phẩm được đăng tải, công bố, tòa soạn phải trả hết nhuận bút "
    "cho tác giả.",
}
VERSIONS = [
    {
        "valid_from": dt.date(2014, 6, 1),
        "valid_until": dt.date(2026, 8, 31),
        "amount": 60,
        "unit": "calendar_days",
        "instrument": "nd-18-2014",
        "article": "4",
        "clause": "10",
        "summary": "Chậm nhất 60 ngày kể từ ngày tác phẩm được đăng tải, công bố, bên sử dụng tác phẩm phải trả hết "
        "tiền nhuận bút cho tác giả.",
    },
    {
        "valid_from": dt.date(2026, 9, 1),
        "valid_until": None,
        "amount": 60,
        "unit": "calendar_days",
        "instrument": "noi-bo-nhuan-but",
        "article": "",
        "clause": "",
        "summary": "Quy chế của tòa soạn giữ mốc 60 ngày kể từ ngày đăng (Nghị định 287/2026/NĐ-CP không quy định "
        "thời hạn này cho báo in, báo điện tử).",
        "note": "CẦN XÁC NHẬN trong quy chế nhuận bút đã ký của tòa soạn.",
    },
]


def seed(apps, schema_editor):
    Instrument = apps.get_model("deadlines", "LegalInstrument")
    Policy = apps.get_model("deadlines", "DeadlinePolicy")
    Version = apps.get_model("deadlines", "DeadlinePolicyVersion")
    found = {}
    for spec in INSTRUMENTS:
        defaults = {k: v for k, v in spec.items() if k != "code"}
        found[spec["code"]], _ = Instrument.objects.get_or_create(code=spec["code"], defaults=defaults)
    policy, _ = Policy.objects.get_or_create(code=CODE, defaults=POLICY)
    for spec in VERSIONS:
        defaults = {k: v for k, v in spec.items() if k not in ("valid_from", "instrument")}
        defaults["instrument"] = found[spec["instrument"]]
        Version.objects.get_or_create(policy=policy, valid_from=spec["valid_from"], defaults=defaults)


def unseed(apps, schema_editor):
    Policy = apps.get_model("deadlines", "DeadlinePolicy")
    Policy.objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0007_correction_policies")]
    operations = [migrations.RunPython(seed, unseed)]
