# PeriodicRun becomes the scheduler's ScheduledRun: the same rows (periodic jobs keep their booked
# run), plus the last run's result. Newsroom and notifications then move their schedule rows here.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_auditevent_moved_to_audit'),
    ]

    operations = [
        migrations.RenameModel(old_name='PeriodicRun', new_name='ScheduledRun'),
        migrations.AlterModelOptions(
            name='scheduledrun',
            options={'verbose_name': 'việc chạy theo lịch', 'verbose_name_plural': 'việc chạy theo lịch'},
        ),
        migrations.AlterField(
            model_name='scheduledrun',
            name='next_run_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='lần chạy kế tiếp'),
        ),
        migrations.AlterField(
            model_name='scheduledrun',
            name='last_run_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='lần chạy gần nhất'),
        ),
        migrations.AddField(
            model_name='scheduledrun',
            name='last_result',
            field=models.JSONField(blank=True, null=True, verbose_name='kết quả lần chạy gần nhất'),
        ),
    ]
