import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoyaltiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "phoihop.royalties"
    verbose_name = _("Nhuận bút")

    def ready(self) -> None:
        from phoihop.core import scheduler, seeds
        from phoihop.royalties.tasks import REMINDERS_KEY, reminders_tick

        # Unpaid royalties near or past their 60 days: once a day is enough for a limit in days.
        scheduler.register(REMINDERS_KEY, reminders_tick, every=dt.timedelta(days=1))
        seeds.register_migration(
            "deadlines.royalty_payment_policy", "phoihop.deadlines.migrations.0008_royalty_payment_policy"
        )
        seeds.register_migration(
            "royalties.frames_and_units", "phoihop.royalties.migrations.0002_seed_frames_and_units"
        )
