"""Each information request points at the version of its deadline policy it was computed under.

The requests that exist were computed under the policy's one rule from before versions existed,
which deadlines migration 0004 kept as the policy's first version. A request points at the version
in force on the day it was sent when that version has the same limit (the same rule, now with the
law that was really in force: a request sent in November 2026 cites Decree 244/2026, not the repealed
Decree 09/2017); otherwise at the first version, so its due time and the basis its page shows stay
what they were computed from.
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
    InfoRequest = apps.get_model("exchange", "InfoRequest")
    Version = apps.get_model("deadlines", "DeadlinePolicyVersion")
    by_policy = {}
    for version in Version.objects.all():
        by_policy.setdefault(version.policy_id, []).append(version)
    for request in InfoRequest.objects.filter(policy_version__isnull=True).only("pk", "policy_id", "sent_at"):
        versions = by_policy.get(request.policy_id, [])
        first = next((v for v in versions if v.valid_from is None), None)
        if first is None:
            continue  # the NOT NULL step that follows says so
        current = _in_force(versions, request.sent_at.astimezone(VN_TZ).date())
        same_rule = current is not None and (current.amount, current.unit) == (first.amount, first.unit)
        InfoRequest.objects.filter(pk=request.pk).update(policy_version=current if same_rule else first)


class Migration(migrations.Migration):
    dependencies = [
        ("deadlines", "0006_seed_new_law_policies"),
        ("exchange", "0004_private_storage"),
    ]

    operations = [
        migrations.AddField(
            model_name="inforequest",
            name="policy_version",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="deadlines.deadlinepolicyversion",
                verbose_name="phiên bản thời hạn",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
