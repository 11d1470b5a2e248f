from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    name = "phoihop.ingest"
    label = "ingest"
    verbose_name = _("Thư đến")

    def ready(self) -> None:
        import datetime as dt

        from django.conf import settings

        from phoihop.core import scheduler
        from phoihop.ingest.tasks import FETCH_KEY, mail_fetch_tick

        # Polls the mailbox only when one is configured (the task does nothing otherwise).
        minutes = int(getattr(settings, "PHOIHOP_MAIL_FETCH_EVERY_MINUTES", 5))
        scheduler.register(FETCH_KEY, mail_fetch_tick, every=dt.timedelta(minutes=minutes))
