"""Seed the editable list of administrative levels (the admin can change it later)."""

from django.db import migrations

LEVELS = [
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


def seed(apps, schema_editor):
    Level = apps.get_model("accounts", "OrganizationLevel")
    for code, name, order, historical in LEVELS:
        Level.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order, "is_historical": historical}
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
