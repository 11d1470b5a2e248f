"""The policies and versions of the law in force since 01/7/2026 (data and rules in migration 0004)."""

import importlib

from django.db import migrations

data = importlib.import_module("phoihop.deadlines.migrations.0004_seed_policy_versions")


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0005_policy_rule_moves_to_versions")]
    operations = [migrations.RunPython(data.seed_policies, data.backwards_policies)]
