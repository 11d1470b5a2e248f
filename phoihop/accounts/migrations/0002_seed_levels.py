"""Seed the editable list of administrative levels (the admin can change it later)."""

from django.db import migrations

from phoihop.accounts.levels import LEVELS



def seed(apps, schema_editor):
    Level = apps.get_model("accounts", "OrganizationLevel")
    for code, name, order, historical in LEVELS:
        Level.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order, "is_historical": historical}
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
