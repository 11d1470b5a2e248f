from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "phoihop.deadlines"
    label = "deadlines"
    verbose_name = _("Lịch làm việc và thời hạn")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from phoihop.core import seeds
        from phoihop.deadlines.models import CalendarDay, CalendarYear

        # 0004's seed restores the calendar of 0002 and the policies with their versions (0002's own seed
        # wrote policy fields that have since moved to the versions).
        seeds.register_migration(
            "deadlines.policies_and_calendar", "phoihop.deadlines.migrations.0004_seed_policy_versions"
        )
        # The correction keep-online policy (no version until its number of days is verified).
        seeds.register_migration(
            "deadlines.correction_policies", "phoihop.deadlines.migrations.0007_correction_policies"
        )

        # Cache invalidation only (no domain logic): a calendar row written through the ORM, the admin
        # included, changes the revision token in the same transaction. See calendar.work_calendar.
        for model in (CalendarDay, CalendarYear):
            post_save.connect(_calendar_changed, sender=model, dispatch_uid=f"deadlines-save-{model.__name__}")
            post_delete.connect(_calendar_changed, sender=model, dispatch_uid=f"deadlines-delete-{model.__name__}")


def _calendar_changed(**kwargs: Any) -> None:
    from phoihop.deadlines import calendar

    calendar.invalidate()
