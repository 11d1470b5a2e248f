from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "phoihop.portal"
    label = "portal"
    verbose_name = _("Trang tin")

    def ready(self) -> None:
        from phoihop.core import seeds
        from phoihop.portal import services

        seeds.register("portal.site", services.site_ensure)
        seeds.register("portal.newsroom_groups", services.newsroom_groups_ensure)
        from phoihop.portal import signals

        signals.connect()
