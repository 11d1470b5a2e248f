# AuditEvent now belongs to the `audit` app (see audit's 0001_initial). Only Django's state forgets
# it here: the table `core_auditevent` and its rows stay where they are, owned by `audit` from now on.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_periodic_run'),
        ('audit', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name='AuditEvent'),
            ],
        ),
    ]
