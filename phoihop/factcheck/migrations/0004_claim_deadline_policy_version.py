"""A claim's verification deadline keeps the version of its policy it was computed under.

Claims that already have a policy point at the version in force on the day they were opened when that
version has the same limit as the policy's first one (the same rule, citing the law really in force);
otherwise at the first version, so their due time and the basis shown stay what they were computed from.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import django.db.models.deletion
from django.db import migrations, models

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _in_force(versions, day):
    chosen = None
    for version in versions:
        if (version.valid_from is None or version.valid_from <= day) and (
            chosen is None or (chosen.valid_from or dt.date.min) < (version.valid_from or dt.date.min)
        ):
            chosen = version
    if chosen is None or (chosen.valid_until is not None and chosen.valid_until < day):
        return None
    return chosen


def forwards(apps, schema_editor):
    Claim = apps.get_model("factcheck", "Claim")
    Version = apps.get_model("deadlines", "DeadlinePolicyVersion")
    by_policy = {}
    for version in Version.objects.all():
        by_policy.setdefault(version.policy_id, []).append(version)
    claims = Claim.objects.filter(deadline_policy__isnull=False, deadline_policy_version__isnull=True)
    for claim in claims.only("pk", "deadline_policy_id", "created_at"):
        versions = by_policy.get(claim.deadline_policy_id, [])
        first = next((v for v in versions if v.valid_from is None), None)
        current = _in_force(versions, claim.created_at.astimezone(VN_TZ).date())
        if first is None:
            chosen = current
        else:
            same_rule = current is not None and (current.amount, current.unit) == (first.amount, first.unit)
            chosen = current if same_rule else first
        if chosen is not None:
            Claim.objects.filter(pk=claim.pk).update(deadline_policy_version=chosen)


class Migration(migrations.Migration):
    dependencies = [
        ("deadlines", "0006_seed_new_law_policies"),
        ("factcheck", "0003_private_storage"),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="deadline_policy_version",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="deadlines.deadlinepolicyversion",
                verbose_name="căn cứ thời hạn",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
