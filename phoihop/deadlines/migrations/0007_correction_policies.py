"""The policy for how long a correction stays online (Decree 237/2026 Art. 19(3)(a)), with no version.

Art. 19(3)(a) keeps a correction, apology on e-press "ít nhất là [?] ngày" from the day it is published.
Both copies of the decree in the mirror read "0 ngày" (a digit lost in the OCR; docs/legal-2026-verified.md,
row ND237-19-3), so the number is not verified and no version is seeded: the newsroom's corrections carry
no end of their keep-online period and cannot be withdrawn. Staff add the version (from 01/7/2026,
calendar days, Decree 237 Art. 19 clause 3 point a) in the admin once the number is read in the signed
text; from then on corrections take it. Never put a guessed number here.
"""

from django.db import migrations

CODE = "luu-giu-cai-chinh"
POLICY = {
    "name": "Thời gian lưu giữ thông tin cải chính, xin lỗi trên báo điện tử",
    "applies_to": "press",
    "sort_order": 150,
    "description": (
        "Điểm a khoản 3 Điều 19 Nghị định 237/2026/NĐ-CP: thông tin cải chính, xin lỗi được lưu giữ trên báo "
        "chí điện tử ít nhất một số ngày kể từ ngày đăng. CHƯA XÁC MINH SỐ NGÀY: bản sao công khai của Nghị "
        "định đọc là “0 ngày” (mất một chữ số khi nhận dạng chữ). Chưa có phiên bản nào: cải chính không được "
        "gỡ cho đến khi nhập phiên bản với số ngày đã đối chiếu văn bản ký ban hành."
    ),
}


def seed(apps, schema_editor):
    Policy = apps.get_model("deadlines", "DeadlinePolicy")
    Policy.objects.get_or_create(code=CODE, defaults=POLICY)


def unseed(apps, schema_editor):
    Policy = apps.get_model("deadlines", "DeadlinePolicy")
    Policy.objects.filter(code=CODE, versions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0006_seed_new_law_policies")]
    operations = [migrations.RunPython(seed, unseed)]
