from django.db import migrations

from phoihop.factcheck.seed import CHECKLIST, DOMAINS, LABELS


def seed(apps, schema_editor):
    Domain = apps.get_model("factcheck", "Domain")
    VerdictLabel = apps.get_model("factcheck", "VerdictLabel")
    ChecklistTemplateItem = apps.get_model("factcheck", "ChecklistTemplateItem")
    for order, (slug, name) in enumerate(DOMAINS):
        Domain.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for order, (slug, name, colour, rating, description) in enumerate(LABELS):
        VerdictLabel.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "colour": colour,
                "rating_value": rating,
                "description": description,
                "sort_order": order,
            },
        )
    for order, text in enumerate(CHECKLIST):
        ChecklistTemplateItem.objects.get_or_create(text=text, defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
