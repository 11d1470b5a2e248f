from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "phoihop.portal"
    label = "portal"
    verbose_name = _("Trang tin")

    def ready(self) -> None:
        from phoihop.core import scheduler, seeds
        from phoihop.portal import services, tasks

        scheduler.register(services.MOST_READ_KEY, tasks.most_read_aggregate_task)
        seeds.register("portal.site", services.site_ensure)
        seeds.register("portal.newsroom_groups", services.newsroom_groups_ensure)
        from phoihop.portal import signals

        signals.connect()
        # The public address may change between runs (`make demo PORT=8123`): realign the Site each migrate.
        post_migrate.connect(_site_address_sync, sender=self, dispatch_uid="portal.site_address_sync")


def _site_address_sync(**kwargs: object) -> None:
    from phoihop.portal import services

    services.site_address_sync()
