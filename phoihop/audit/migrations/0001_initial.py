# AuditEvent moves here from `core` (issue #14: `core` depends on nothing of ours). The table was
# created by core's 0001_initial and keeps its name (`db_table`), so this migration only moves the
# model in Django's state: no row is copied, no table renamed, on SQLite and PostgreSQL alike, and
# a fresh database ends with exactly the schema of an upgraded one. core's 0004 removes the model
# from core's state after this one has added it here.

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_to_audit(apps, schema_editor):
    """An existing database knows the model as core.auditevent: its content type, and with it the
    permissions and admin log entries on the model, follows the model (a fresh one has none yet)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label="audit", model="auditevent").exists():
        types.filter(app_label="core", model="auditevent").update(app_label="audit")


def content_type_to_core(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label="core", model="auditevent").exists():
        types.filter(app_label="audit", model="auditevent").update(app_label="core")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0001_initial'),
        ('accounts', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='AuditEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='thời điểm')),
                        ('actor_repr', models.CharField(blank=True, max_length=255, verbose_name='tên người thực hiện')),
                        ('verb', models.CharField(db_index=True, max_length=80, verbose_name='hành động')),
                        ('target_id', models.CharField(max_length=64)),
                        ('target_repr', models.CharField(max_length=500, verbose_name='đối tượng')),
                        ('data', models.JSONField(blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder, verbose_name='dữ liệu')),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thực hiện')),
                        ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organization', verbose_name='đơn vị')),
                        ('target_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                    ],
                    options={
                        'verbose_name': 'sự kiện lịch sử',
                        'verbose_name_plural': 'lịch sử thao tác',
                        'db_table': 'core_auditevent',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(fields=['target_type', 'target_id', '-created_at'], name='audit_target_idx')],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_type_to_audit, content_type_to_core, elidable=True),
    ]
