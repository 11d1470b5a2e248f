from django.apps import AppConfig
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
