from django.db import migrations

from phoihop.exchange.seed import REFUSAL_GROUNDS, RESPONSE_FORMS


def seed(apps, schema_editor):
    ResponseForm = apps.get_model("exchange", "ResponseForm")
    RefusalGround = apps.get_model("exchange", "RefusalGround")
    for order, (name, basis) in enumerate(RESPONSE_FORMS):
        ResponseForm.objects.get_or_create(name=name, defaults={"legal_basis": basis, "sort_order": order})
    for order, (name, basis) in enumerate(REFUSAL_GROUNDS):
        RefusalGround.objects.get_or_create(name=name, defaults={"legal_basis": basis, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("exchange", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
