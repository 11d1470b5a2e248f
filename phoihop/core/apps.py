from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "phoihop.core"
    label = "core"
    verbose_name = _("Lõi hệ thống")

    def ready(self) -> None:
        # Before any admin form class is built: text typed in the Wagtail admin is normalized.
        from phoihop.core import wagtail_normalize

        wagtail_normalize.register()

        import datetime as dt

        from phoihop.core import scheduler
        from phoihop.core.staged_uploads import PURGE_KEY, staged_uploads_tick

        scheduler.register(PURGE_KEY, staged_uploads_tick, every=dt.timedelta(hours=1))
