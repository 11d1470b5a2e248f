# The scheduled-publishing row moves to the scheduler's table (core.ScheduledRun, key
# "newsroom.scheduled_publishing"). A run still waiting keeps its time there: the task already in
# the queue claims it when it comes. A past `next_run_at` only said when the last run was booked.

from django.db import migrations
from django.utils import timezone

KEY = "newsroom.scheduled_publishing"


def forwards(apps, schema_editor):
    PublishingSchedule = apps.get_model("newsroom", "PublishingSchedule")
    ScheduledRun = apps.get_model("core", "ScheduledRun")
    old = PublishingSchedule.objects.filter(pk=1).first()
    if old is None:
        return
    waiting = old.next_run_at if old.next_run_at is not None and old.next_run_at > timezone.now() else None
    result = {"published": old.last_published, "unpublished": old.last_unpublished} if old.last_run_at else None
    ScheduledRun.objects.update_or_create(
        key=KEY, defaults={"next_run_at": waiting, "last_run_at": old.last_run_at, "last_result": result}
    )


def backwards(apps, schema_editor):
    PublishingSchedule = apps.get_model("newsroom", "PublishingSchedule")
    ScheduledRun = apps.get_model("core", "ScheduledRun")
    row = ScheduledRun.objects.filter(key=KEY).first()
    if row is None:
        return
    result = row.last_result if isinstance(row.last_result, dict) else {}
    PublishingSchedule.objects.update_or_create(
        pk=1,
        defaults={
            "next_run_at": row.next_run_at,
            "last_run_at": row.last_run_at,
            "last_published": result.get("published", 0),
            "last_unpublished": result.get("unpublished", 0),
        },
    )
    row.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('newsroom', '0002_corrections_takedowns'),
        ('core', '0005_scheduled_run'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name='PublishingSchedule'),
    ]
