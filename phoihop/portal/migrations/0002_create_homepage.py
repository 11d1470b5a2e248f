"""Replace Wagtail's welcome page with the newspaper's home page and make it the default site."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("portal.HomePage")

    if HomePage.objects.exists():
        return
    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    home_type, _created = ContentType.objects.get_or_create(model="homepage", app_label="portal")
    root = Page.objects.get(depth=1)
    locale = Locale.objects.order_by("pk").first()
    # The root's only child takes the first path under it; treebeard's bookkeeping follows.
    homepage = HomePage.objects.create(
        title="Trang chủ",
        draft_title="Trang chủ",
        slug="trang-chu",
        content_type=home_type,
        path=root.path + "0001",
        depth=2,
        numchild=0,
        url_path="/trang-chu/",
        locale=locale,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": homepage, "site_name": "Báo Lao động Thủ đô"},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("portal.HomePage").objects.filter(depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]
    operations = [migrations.RunPython(create_homepage, remove_homepage)]
