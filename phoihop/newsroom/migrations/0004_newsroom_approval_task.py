# Every approval step becomes a newsroom approval step (a GroupApprovalTask with the newsroom's rules:
# no self-approval, one person per step unless delegated). The Wagtail task rows, their groups and
# every task state stay as they are: each gets the newsroom's child row and content type, so
# articles already in moderation finish under the new rules.

import django.db.models.deletion
from django.db import migrations, models


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def forwards(apps, schema_editor):
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    NewsroomApprovalTask = apps.get_model("newsroom", "NewsroomApprovalTask")
    plain = _content_type(apps, "wagtailcore", "groupapprovaltask")
    ours = _content_type(apps, "newsroom", "newsroomapprovaltask")
    ids = list(GroupApprovalTask.objects.filter(content_type=plain).values_list("pk", flat=True))
    for pk in ids:
        # raw: insert the child row only; the task and group-approval rows exist already.
        NewsroomApprovalTask(groupapprovaltask_ptr_id=pk).save_base(raw=True)
    Task.objects.filter(pk__in=ids).update(content_type=ours)


def backwards(apps, schema_editor):
    Task = apps.get_model("wagtailcore", "Task")
    NewsroomApprovalTask = apps.get_model("newsroom", "NewsroomApprovalTask")
    plain = _content_type(apps, "wagtailcore", "groupapprovaltask")
    ids = list(NewsroomApprovalTask.objects.values_list("pk", flat=True))
    NewsroomApprovalTask.delegate_groups.through.objects.filter(newsroomapprovaltask_id__in=ids).delete()
    table = schema_editor.quote_name(NewsroomApprovalTask._meta.db_table)
    column = schema_editor.quote_name("groupapprovaltask_ptr_id")
    for pk in ids:
        # Only the child row: the task, its groups and its states stay, as a plain group approval.
        schema_editor.execute(f"DELETE FROM {table} WHERE {column} = %s", [pk])  # noqa: S608
    Task.objects.filter(pk__in=ids).update(content_type=plain)


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('newsroom', '0003_publishing_schedule_to_scheduler'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='NewsroomApprovalTask',
            fields=[
                ('groupapprovaltask_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.groupapprovaltask')),
                ('delegate_groups', models.ManyToManyField(blank=True, help_text='Người của các nhóm này cũng quyết định được bước này, kể cả khi họ đã duyệt một bước trước của cùng bài (quy trình của chuyên mục cho phép một vai trò quyết định nhiều bước).', related_name='+', to='auth.group', verbose_name='nhóm cũng được quyết định bước này')),
            ],
            options={
                'verbose_name': 'bước duyệt của tòa soạn',
                'verbose_name_plural': 'các bước duyệt của tòa soạn',
            },
            bases=('wagtailcore.groupapprovaltask',),
        ),
        migrations.RunPython(forwards, backwards),
    ]
