from django.db import migrations

from phoihop.reports.seed import LAYOUT_EDITOR_GROUPS, LAYOUT_PERMISSIONS, LAYOUTS


def seed(apps, schema_editor):
    ReportLayout = apps.get_model("reports", "ReportLayout")
    for values in LAYOUTS:
        ReportLayout.objects.get_or_create(name=values["name"], defaults={k: v for k, v in values.items() if k != "name"})


def grant_permissions(apps, schema_editor):
    """The newsroom's leaders and editors edit the layouts in the admin (their groups are the ones
    portal.services.newsroom_groups_ensure keeps; created here by name when they do not exist yet)."""
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("reports")
    if getattr(app_config, "models_module", None) is None:
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    else:
        create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(content_type__app_label="reports", codename__in=LAYOUT_PERMISSIONS))
    for name in LAYOUT_EDITOR_GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
