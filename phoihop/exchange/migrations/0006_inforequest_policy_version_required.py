import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("exchange", "0005_inforequest_policy_version")]

    operations = [
        migrations.AlterField(
            model_name="inforequest",
            name="policy_version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="deadlines.deadlinepolicyversion",
                verbose_name="phiên bản thời hạn",
            ),
        ),
    ]
